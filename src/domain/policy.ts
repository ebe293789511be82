/**
 * The deterministic least-privilege draft. The catalog is the authority: these flags can
 * be explained or added to by an advisor, never removed, and the suggestion is never
 * broader or longer than what was asked.
 */
import { formatDuration } from './duration.js';
import { readPurpose, type PurposeSignals } from './purpose-signals.js';
import { narrowestReadRole } from './role-breadth.js';
import type { Draft, Flag, Role, System } from './types.js';

export interface PolicyInput {
  system: System;
  role: Role;
  durationMinutes: number;
  purpose: string;
}

export function evaluatePolicy(input: PolicyInput): Draft {
  const signals = readPurpose(input.purpose);
  const suggestion = suggest(input, signals);
  return {
    roleId: suggestion.role.id,
    durationMinutes: suggestion.durationMinutes,
    reasons: suggestion.reasons,
    flags: policyFlags(input, signals, suggestion.role),
    collection: input.system.collection[0]!,
  };
}

interface Suggestion {
  role: Role;
  durationMinutes: number;
  reasons: string[];
}

function suggest({ system, role, durationMinutes }: PolicyInput, signals: PurposeSignals): Suggestion {
  const reasons: string[] = [];
  let suggestion = { role, durationMinutes: Math.min(durationMinutes, role.maxDuration) };
  if (suggestion.durationMinutes < durationMinutes) {
    reasons.push(`${role.name} is limited to ${formatDuration(role.maxDuration)} by the catalog.`);
  }
  const reader = signals.readOnly ? narrowestReadRole(system, role) : undefined;
  const readerDuration = reader && longestWithin(reader, suggestion.durationMinutes);
  if (reader && readerDuration) {
    suggestion = { role: reader, durationMinutes: readerDuration };
    reasons.push(`The purpose only mentions reading; ${reader.name} covers that.`);
  }
  const shortest = suggestion.role.durations[0]!;
  if (signals.oneOff && shortest < suggestion.durationMinutes) {
    suggestion = { ...suggestion, durationMinutes: shortest };
    reasons.push(`It sounds like a one-off task; ${formatDuration(shortest)} should do.`);
  }
  return { ...suggestion, reasons };
}

/** The longest of the role's durations that is no longer than `limit`. */
function longestWithin(role: Role, limit: number): number | undefined {
  return role.durations.filter((minutes) => minutes <= limit).at(-1);
}

function policyFlags({ system, role, durationMinutes }: PolicyInput, signals: PurposeSignals, suggested: Role): Flag[] {
  const flags: Flag[] = [];
  const flag = (code: Flag['code'], reason: string) => flags.push({ code, reason });
  if (role.privileged) flag('privileged', `${role.name} on ${system.name} is a privileged role.`);
  if (durationMinutes > role.maxDuration) {
    flag('over_max_duration', `Asked for ${formatDuration(durationMinutes)}; the maximum is ${formatDuration(role.maxDuration)}.`);
  }
  if (system.clientOwned) flag('client_owned', `${system.name} belongs to a client; their rules apply too.`);
  if (suggested.id !== role.id) flag('broader_than_purpose', `${suggested.name} is narrower and covers what the purpose says.`);
  if (signals.bypass) flag('security_exception', 'The purpose asks to skip or bypass a control.');
  if (signals.sharedLogin) flag('shared_credential', 'The purpose asks for a shared login or someone else\'s password.');
  if (signals.unsafeDelivery) {
    flag('unsafe_collection', `The purpose asks for delivery by email or chat; ${system.name} shares access only through its own methods.`);
  }
  return flags;
}
