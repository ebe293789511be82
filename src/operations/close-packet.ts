import { DomainError } from '../domain/errors.js';
import { startEnding } from '../domain/grants.js';
import { withdrawRequest } from '../domain/packets/close.js';
import type { RequestId, UserId } from '../domain/types.js';
import { endingAction, endingEffects } from './end-grant.js';
import { refreshTracker } from './packet-news.js';
import { refreshOf } from './effects-of.js';
import type { Deps, GrantMove, ItemRecord } from './ports.js';
import { requireColleague } from './support.js';

/**
 * Ends a packet: its requests still waiting are withdrawn, every grant it created ends
 * through the normal path (the same moves and effects as the expiry sweep), then the packet
 * is closed. The coordinator closes it early
 * (the grants are revoked by them); its end date closes it otherwise (they expire). Safe to
 * repeat and to race: each grant ends over the version read, so it ends exactly once, and a
 * packet whose close was cut short is closed by the next attempt.
 */
export async function closePacket(deps: Deps, packetId: number, by?: UserId): Promise<{ ended: number; announce(): Promise<void> }> {
  const packet = await deps.packets.getPacket(packetId);
  if (!packet) throw new DomainError('UNKNOWN_PACKET');
  if (by) {
    await requireColleague(deps, by);
    if (by !== packet.coordinatorId) throw new DomainError('NOT_A_COORDINATOR');
  }
  if (packet.status === 'closed') throw new DomainError('PACKET_CLOSED');
  const now = deps.clock.now();
  const records = await deps.packets.items(packetId);
  const withdrawn = await withdrawWaiting(deps, records, now, by);
  const moves = records.flatMap(({ grant }): GrantMove[] => {
    const after = grant && startEnding(grant, by ? 'revoked' : 'expired', now, by);
    return grant && after ? [{ before: grant, after, action: endingAction(after) }] : [];
  });
  const ended = moves.length > 0 ? await deps.grants.commitMany(moves, endingEffects, { at: now, actor: by ?? 'latchkey', surface: by ? 'button' : 'job' }) : [];
  if (!(await deps.packets.close(packetId, by ?? 'latchkey', now))) throw new DomainError('PACKET_CLOSED');
  return {
    ended: ended.length,
    announce: async () => {
      await Promise.all([...ended.map((grant) => grant.requestId), ...withdrawn].map((id) => deps.runEffects(id)));
      await refreshTracker(deps, packetId);
    },
  };
}

/** Requests still waiting are withdrawn, each over the version read; one decided meanwhile stays. */
async function withdrawWaiting(deps: Deps, records: ItemRecord[], now: Date, by?: UserId): Promise<RequestId[]> {
  const withdrawn: RequestId[] = [];
  for (const { request } of records) {
    const after = request && withdrawRequest(request, now);
    if (!request || !after) continue;
    const change = { at: now, actor: by ?? ('latchkey' as const), surface: by ? ('button' as const) : ('job' as const), requests: [{ before: request, after, action: 'request.withdrawn' }], effects: [refreshOf(after)] };
    if (await deps.store.commit(change)) withdrawn.push(request.id);
  }
  return withdrawn;
}
