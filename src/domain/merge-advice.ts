/**
 * Merging an advisor's proposal into the policy draft. The advisor may narrow, explain
 * and add flags; it can never widen the role, lengthen the time, invent a role, or remove
 * a flag the policy raised. Anything else it says is dropped.
 */
import { isNoBroader } from './role-breadth.js';
import type { Draft, Flag, FlagCode, System } from './types.js';

/** Flags an advisor may add: judgements about the purpose, not facts of the catalog. */
export const ADVISOR_FLAGS = ['broader_than_purpose', 'security_exception', 'shared_credential', 'unsafe_collection'] as const satisfies readonly FlagCode[];

export interface Advice {
  roleId: string;
  durationMinutes: number;
  rationale: string;
  flags: Flag[];
  model: string;
}

export const RATIONALE_MAX = 280;

export function mergeAdvice(policy: Draft, advice: Advice, system: System): Draft {
  const current = system.roles.find((role) => role.id === policy.roleId)!;
  const proposed = system.roles.find((role) => role.id === advice.roleId);
  const narrowerRole = proposed && isNoBroader(system, proposed, current) ? proposed : current;
  const fits = narrowerRole.durations.includes(advice.durationMinutes) && advice.durationMinutes <= policy.durationMinutes;
  const fallback = narrowerRole.durations.filter((minutes) => minutes <= policy.durationMinutes).at(-1);
  const [role, durationMinutes] = fits
    ? [narrowerRole, advice.durationMinutes]
    : fallback !== undefined
      ? [narrowerRole, fallback]
      : [current, policy.durationMinutes];
  return {
    ...policy,
    roleId: role.id,
    durationMinutes,
    flags: [...policy.flags, ...addedFlags(policy.flags, advice.flags)],
    rationale: advice.rationale.trim().slice(0, RATIONALE_MAX),
    advisedBy: advice.model,
  };
}

function addedFlags(existing: Flag[], proposed: Flag[]): Flag[] {
  const seen = new Set<FlagCode>(existing.map((flag) => flag.code));
  return proposed.filter((flag) => {
    if (!(ADVISOR_FLAGS as readonly FlagCode[]).includes(flag.code) || seen.has(flag.code)) return false;
    seen.add(flag.code);
    return true;
  });
}
