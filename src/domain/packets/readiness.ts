/**
 * How ready a packet is, and the figures the pilot is judged by. Pure: the clock, the start
 * instant (the planned start day's beginning in the catalog's time zone) and the items come
 * in as arguments.
 */
import { isRequired, itemState, type ItemView } from './packet.js';

const MINUTE = 60_000;
const DAY = 1440 * MINUTE;

export interface Readiness {
  verified: number;
  required: number;
  /** Whole calendar days from `today` to the planned start; negative once it has passed. */
  daysToStart: number;
}

/** "7 of 9 verified, start in 3 days": the tracker's bar, now. */
export function readiness(views: readonly ItemView[], today: string, plannedStart: string): Readiness {
  const required = views.filter(isRequired);
  return {
    verified: required.filter((view) => itemState(view) === 'verified').length,
    required: required.length,
    daysToStart: Math.round((Date.parse(plannedStart) - Date.parse(today)) / DAY),
  };
}

/**
 * A required item not verified once the start is `warningMinutes` away (or past) is a
 * blocker: it holds the project's start back.
 */
export function isFlagged(view: ItemView, startAt: Date, warningMinutes: number, now: Date): boolean {
  if (!isRequired(view) || view.item.verifiedAt) return false;
  return now.getTime() >= startAt.getTime() - warningMinutes * MINUTE;
}

export interface ReadyAtStart {
  /** Required items verified by the start. */
  verified: number;
  required: number;
  /** verified ÷ required; undefined for a packet that requires nothing. */
  ratio?: number;
}

/** `access_request_ready_before_start` for one packet: verified items ÷ required items at the planned start. */
export function readyBeforeStart(views: readonly ItemView[], startAt: Date): ReadyAtStart {
  const required = views.filter(isRequired);
  const verified = required.filter((view) => view.item.verifiedAt && view.item.verifiedAt.getTime() <= startAt.getTime()).length;
  return { verified, required: required.length, ...(required.length > 0 ? { ratio: verified / required.length } : {}) };
}

/** The same figure over many packets: every required item counts once, whichever packet it is in. */
export function pooledReadiness(packets: readonly ReadyAtStart[]): ReadyAtStart {
  const verified = packets.reduce((sum, packet) => sum + packet.verified, 0);
  const required = packets.reduce((sum, packet) => sum + packet.required, 0);
  return { verified, required, ...(required > 0 ? { ratio: verified / required } : {}) };
}

export interface AccessDelay {
  /** Whole days (rounded up) from the planned start to the last item verified; 0 when all were ready. */
  days: number;
  /** False while a required item is still unverified: the delay is still growing. */
  settled: boolean;
}

/** Implementation delay caused by access gaps: planned start → last required item verified. */
export function accessDelay(views: readonly ItemView[], startAt: Date, now: Date): AccessDelay {
  const required = views.filter(isRequired);
  const open = required.some((view) => !view.item.verifiedAt);
  const last = open ? now.getTime() : Math.max(startAt.getTime(), ...required.map((view) => view.item.verifiedAt!.getTime()));
  return { days: Math.max(0, Math.ceil((last - startAt.getTime()) / DAY)), settled: !open };
}
