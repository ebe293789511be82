/**
 * Checks a request form against the catalog before anything is stored. Each refusal names
 * the form field it belongs to, so the modal can show it in place.
 */
import { DomainError } from './errors.js';
import type { Catalog, RequestInput, Role, System } from './types.js';

export const PURPOSE_MAX = 3000;
export const PROJECT_TAG_MAX = 80;

export interface Resolved {
  system: System;
  role: Role;
}

/** Finds the system and role of a request, or throws the matching field error. */
export function resolveRole(catalog: Catalog, systemId: string, roleId: string): Resolved {
  const system = catalog.systems.find((candidate) => candidate.id === systemId);
  if (!system) throw new DomainError('UNKNOWN_SYSTEM', { field: 'system' });
  const role = system.roles.find((candidate) => candidate.id === roleId);
  if (!role) throw new DomainError('UNKNOWN_ROLE', { field: 'role' });
  return { system, role };
}

/** `today` is the requester's calendar date, `YYYY-MM-DD`. */
export function validateRequest(catalog: Catalog, input: RequestInput, today: string): Resolved {
  const resolved = resolveRole(catalog, input.systemId, input.roleId);
  const { role } = resolved;
  if (input.durationMinutes > role.maxDuration) {
    throw new DomainError('OVER_MAX_DURATION', { field: 'duration', limit: role.maxDuration });
  }
  if (!role.durations.includes(input.durationMinutes)) throw new DomainError('UNKNOWN_DURATION', { field: 'duration' });
  const purpose = input.purpose.trim();
  if (!purpose) throw new DomainError('EMPTY_PURPOSE', { field: 'purpose' });
  if (purpose.length > PURPOSE_MAX) throw new DomainError('TEXT_TOO_LONG', { field: 'purpose', limit: PURPOSE_MAX });
  if ((input.projectTag?.length ?? 0) > PROJECT_TAG_MAX) {
    throw new DomainError('TEXT_TOO_LONG', { field: 'projectTag', limit: PROJECT_TAG_MAX });
  }
  if (input.neededBy && input.neededBy < today) throw new DomainError('NEEDED_BY_IN_PAST', { field: 'neededBy' });
  return resolved;
}
