/**
 * What a packet's people must hear when items are asked for: the coordinator's tracker and
 * each member's list. Recorded as effects with the items, so a crash after the commit loses
 * neither; `batch` names the change (the creation, or one addition), so a later addition is
 * news again while a repeat of the same one is not.
 */
import type { Effect } from '../effects.js';
import type { UserId } from '../types.js';

/** The batch name of a packet's creation; an addition is named by its time. */
export const CREATED = 'created';

export function packetNews(packetId: number, members: readonly UserId[], batch: string): Effect[] {
  return [
    { kind: 'post_tracker', packetId, batch },
    ...members.map((memberId): Effect => ({ kind: 'tell_member', packetId, memberId, batch })),
  ];
}
