/**
 * Stop gates: what keeps a packet's item from being requested at all. An item that a person
 * can fix (no needed-by date, no safe way to hand the access over) is paused with the reason;
 * one the catalog's policy forbids is refused with the reason. An item whose owners cannot be
 * reached is requested and blocked by routing, like any request, and shows as paused.
 */
import { formatDuration } from '../duration.js';
import type { FlagCode, Role, System } from '../types.js';
import type { Gate } from './packet.js';

export interface GateInput {
  system: System;
  role: Role;
  durationMinutes: number;
  neededBy?: string;
  /** How many security reviewers the catalog names. */
  securityReviewers: number;
  /** The policy draft's flags for the item. */
  flags: readonly FlagCode[];
}

/** Flags that mean access would be handed over unsafely: a password, a shared login, email or chat. */
const UNSAFE: ReadonlySet<FlagCode> = new Set(['unsafe_collection', 'shared_credential']);

export function gateItem(input: GateInput): Gate | undefined {
  const { system, role } = input;
  const what = `${role.name} on ${system.name}`;
  if (input.durationMinutes > role.maxDuration) {
    return { kind: 'refused', reason: `${what} is limited to ${formatDuration(role.maxDuration)}; ${formatDuration(input.durationMinutes)} was asked.` };
  }
  if (role.approvals.includes('security') && input.securityReviewers === 0) {
    return { kind: 'refused', reason: `${what} needs a security review and the catalog names no security reviewer.` };
  }
  if (!input.neededBy) return { kind: 'paused', reason: `${what} has no needed-by date.` };
  if (system.collection.length === 0 || input.flags.some((flag) => UNSAFE.has(flag))) {
    return { kind: 'paused', reason: `${what} has no safe way to hand the access over (never a password, email or chat).` };
  }
  return undefined;
}
