import type { Catalog } from '../domain/types.js';
import { asUserId } from '../domain/types.js';
import type { Directory } from './ports.js';

/** Why an empty `coordinators` list matters: what nobody would be told. */
export const NO_COORDINATORS =
  'coordinators is empty: nobody is told about blocked requests, and escalations reach security alone. Name at least one coordinator in the catalog.';

/**
 * Everyone the catalog names, checked against the workspace at start-up, and an empty
 * coordinators list. Problems are warnings, not failures: one departed owner must not take
 * the whole bot down.
 */
export async function checkCatalogPeople(catalog: Catalog, directory: Directory): Promise<string[]> {
  const named = new Map<string, string>();
  catalog.systems.forEach((system) => system.owners.forEach((ref) => named.set(ref, `owner of ${system.id}`)));
  catalog.security.reviewers.forEach((ref) => named.set(ref, 'security reviewer'));
  catalog.coordinators.forEach((ref) => named.set(ref, 'coordinator'));
  const warnings = await Promise.all([...named].map(([ref, what]) => checkRef(directory, ref, what)));
  return [...(catalog.coordinators.length === 0 ? [NO_COORDINATORS] : []), ...warnings.flat()];
}

async function checkRef(directory: Directory, ref: string, what: string): Promise<string[]> {
  try {
    if (ref.startsWith('S')) {
      const members = await directory.members(ref);
      return members.length ? [] : [`${ref} (${what}) is a user group with no members`];
    }
    const person = await directory.person(asUserId(ref));
    if (!person) return [`${ref} (${what}) is not in this workspace`];
    return person.deleted ? [`${ref} (${what}) is deactivated`] : [];
  } catch (error) {
    return [`${ref} (${what}) could not be checked: ${(error as Error).message}`];
  }
}
