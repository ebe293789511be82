/** How long a request's current step usually waits, for its requester's news and Home. */
import type { Page, OpenLine, WaitLine } from '../domain/home.js';
import { TYPICAL_WAIT, typicalWaitMinutes } from '../domain/typical-wait.js';
import type { AccessRequest } from '../domain/types.js';
import type { Deps } from './ports.js';

type Source = Pick<Deps, 'decisionTimes'>;

/** While the request waits on a step: its median wait lately; undefined from too few decisions. */
export async function typicalWaitOf(deps: Source, request: AccessRequest): Promise<number | undefined> {
  const step = request.steps[request.currentStep];
  if (request.status !== 'pending' || !step) return undefined;
  return typicalWaitMinutes(await deps.decisionTimes.recentWaits(request.systemId, step.kind, TYPICAL_WAIT.samples));
}

/** Each open line with its typical wait, read once per system and step kind. */
export async function withTypicalWaits(deps: Source, page: Page<WaitLine>): Promise<Page<OpenLine>> {
  const asked = new Map<string, Promise<number | undefined>>();
  const items = await Promise.all(
    page.items.map(async (line) => {
      const key = `${line.request.systemId}\u0000${line.request.steps[line.request.currentStep]?.kind}`;
      if (!asked.has(key)) asked.set(key, typicalWaitOf(deps, line.request));
      const typicalMinutes = await asked.get(key);
      return typicalMinutes === undefined ? line : { ...line, typicalMinutes };
    }),
  );
  return { items, total: page.total };
}
