import { isDomainError } from '../domain/errors.js';
import { isFlagged } from '../domain/packets/readiness.js';
import { closePacket } from './close-packet.js';
import { remindNow } from './nudge-approvers.js';
import { packetState, refreshTracker } from './packet-news.js';
import type { Deps, PacketState } from './ports.js';
import { addDays, startOfDay } from './time-zone.js';

/**
 * The recurring look at open packets: items not verified `start_warning` before the start are
 * flagged once (the coordinator told, the approvers they wait on reminded), and a packet whose
 * end date has passed is closed, its access ended. Safe to run twice at once: a flag and a
 * close are each taken once by a conditional update.
 */
export async function sweepPackets(deps: Deps): Promise<void> {
  for (const open of await deps.packets.listOpen()) {
    const state = await packetState(deps, open.id);
    if (!state) continue;
    await flagLateItems(deps, state);
    if (state.packet.projectEnd && state.now >= endOf(state.packet.projectEnd, deps.catalog.settings.timezone)) {
      await closePacket(deps, open.id).then((closed) => closed.announce(), ignoreClosed);
    }
  }
}

/** The project's last day ends at midnight after it, in the catalog's time zone. */
const endOf = (day: string, tz: string): Date => startOfDay(addDays(day, 1), tz);

async function flagLateItems(deps: Deps, state: PacketState): Promise<void> {
  const late = state.items.filter((record) => !record.item.flaggedAt && isFlagged(record, state.startAt, state.packet.startWarningMinutes, state.now));
  if (late.length === 0) return;
  const flagged = new Set(await deps.packets.flag(late.map((record) => record.item.id), state.now));
  const news = late.filter((record) => flagged.has(record.item.id));
  if (news.length === 0) return;
  await deps.packetNotifier.tellLate(state, news);
  const waiting = news.filter((record) => record.request?.status === 'pending' && (record.request.steps[record.request.currentStep]?.approvers.length ?? 0) > 0);
  for (const { request } of waiting) {
    const nudged = await remindNow(deps, request!.id, { actor: 'latchkey', action: 'step.nudged', surface: 'job' });
    await nudged.announce();
  }
  await refreshTracker(deps, state.packet.id);
}

function ignoreClosed(error: unknown): void {
  if (isDomainError(error) && error.code === 'PACKET_CLOSED') return;
  throw error;
}
