import { startEnding } from '../domain/grants.js';
import { endingAction, endingEffects } from './end-grant.js';
import type { Deps, GrantMove } from './ports.js';

const BATCH = 500;

/**
 * Starts ending every grant past its expiry, a batch per transaction: thousands expiring
 * in one minute cost a few statements, and the removals run as effects after commit. Two
 * processes sweeping at once end each grant once: only one version-checked change wins.
 */
export async function expireDueGrants(deps: Deps): Promise<number> {
  let ended = 0;
  for (;;) {
    const now = deps.clock.now();
    const due = await deps.grants.listExpired(now, BATCH);
    const moves = due.flatMap((before): GrantMove[] => {
      const after = startEnding(before, 'expired', now);
      return after ? [{ before, after, action: endingAction(after) }] : [];
    });
    if (moves.length === 0) break;
    const done = await deps.grants.commitMany(moves, endingEffects, { at: now, actor: 'latchkey', surface: 'job' });
    ended += done.length;
    if (done.length === 0 || due.length < BATCH) break; // the rest was taken by another process, or there is no more
  }
  return ended;
}
