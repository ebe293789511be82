import { entriesFor } from '../domain/grants.js';
import type { AccessRequest, Catalog, Grant } from '../domain/types.js';

/** The catalog's entries for a request; for a granted one whose entry was removed, the grant's terms. */
export function entriesOf(catalog: Catalog, request: Pick<AccessRequest, 'systemId' | 'roleId'>, grant?: Grant) {
  const entries = entriesFor(catalog, request.systemId, request.roleId, grant?.terms);
  if (!entries) throw new Error(`the catalog no longer has ${request.systemId}/${request.roleId}`);
  return entries;
}
