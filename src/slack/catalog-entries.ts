import type { AccessRequest, Catalog, Grant } from '../domain/types.js';

/** The catalog's entries for a request; for a granted one whose entry was removed, the grant's terms. */
export function entriesOf(catalog: Catalog, request: Pick<AccessRequest, 'systemId' | 'roleId'>, grant?: Grant) {
  const system = catalog.systems.find((candidate) => candidate.id === request.systemId);
  const role = system?.roles.find((candidate) => candidate.id === request.roleId);
  if (system && role) return { system, role };
  if (grant?.terms) return { system: { ...grant.terms.system, roles: [grant.terms.role] }, role: grant.terms.role };
  throw new Error(`the catalog no longer has ${request.systemId}/${request.roleId}`);
}
