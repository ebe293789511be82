/**
 * For a client-owned system, the instruction the client contact follows to hand access over:
 * by the system's own safe method (delegated account, invite, vault share), never a password.
 */
import type { Catalog } from '../src/domain/types.js';
import { safeWay } from './collection.js';
import { escapeText } from './text.js';

/** Undefined for the organisation's own systems: their owners know the way. */
export function collectionHint(catalog: Catalog, systemId: string): string | undefined {
  const system = catalog.systems.find((candidate) => candidate.id === systemId);
  const method = system?.collection[0];
  if (!system?.clientOwned || !method) return undefined;
  return `_${escapeText(system.name)} belongs to the client. For the client contact: ${safeWay(method)}. Never send or accept a password; the owner marks it "Done, granted" when the client has done it._`;
}
