/**
 * One packet in figures, for the coordinator's Home, the digest and `/metrics`: readiness now,
 * the share ready at the start once it has passed, the delay access gaps caused, blockers,
 * declined items, and how much of its access has ended once it is closed.
 */
import { isFlagged, accessDelay, readiness, readyBeforeStart, type AccessDelay, type Readiness, type ReadyAtStart } from './readiness.js';
import { itemState, type ItemView, type Packet } from './packet.js';

export interface PacketSummary {
  packet: Packet;
  readiness: Readiness;
  /** `access_request_ready_before_start`, once the planned start has passed. */
  atStart?: ReadyAtStart;
  delay: AccessDelay;
  /** Required items not verified within the start warning (or after the start). */
  flagged: number;
  declined: number;
  /** Of the grants a closed packet made, how many have ended; undefined while open. */
  deprovisioning?: { ended: number; total: number };
  /** Open, with a blocker: listed first. */
  atRisk: boolean;
}

export interface PacketFigures {
  /** Open packets and those that started lately, at-risk first. */
  packets: PacketSummary[];
  /** `access_request_ready_before_start` over the packets that started lately. */
  readyBeforeStart: ReadyAtStart;
}

export interface SummaryInput {
  packet: Packet;
  items: readonly ItemView[];
  now: Date;
  today: string;
  startAt: Date;
}

export function summarisePacket({ packet, items, now, today, startAt }: SummaryInput): PacketSummary {
  const flagged = packet.status === 'open' ? items.filter((view) => isFlagged(view, startAt, packet.startWarningMinutes, now)).length : 0;
  const granted = items.filter((view) => view.grant);
  return {
    packet,
    readiness: readiness(items, today, packet.plannedStart),
    ...(now >= startAt ? { atStart: readyBeforeStart(items, startAt) } : {}),
    delay: accessDelay(items, startAt, now),
    flagged,
    declined: items.filter((view) => itemState(view) === 'declined').length,
    ...(packet.status === 'closed' ? { deprovisioning: { ended: granted.filter((view) => view.grant!.status === 'ended').length, total: granted.length } } : {}),
    atRisk: flagged > 0,
  };
}

/** At-risk packets first, then by start. */
export const byRisk = (a: PacketSummary, b: PacketSummary): number =>
  Number(b.atRisk) - Number(a.atRisk) || a.packet.plannedStart.localeCompare(b.packet.plannedStart);
