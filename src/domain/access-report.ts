/** Who holds what now: the RBAC matrix as it really is, one line per live grant. */

export interface Holding {
  person: string;
  system: string;
  role: string;
  since: Date;
  until: Date;
  /** Everyone who approved a step of the request, in chain order. */
  approvedBy: string[];
  /** `active`, or `ending` / `revocation_failed` while the access is still in place. */
  status: string;
}

export const HOLDING_COLUMNS = ['person', 'system', 'role', 'since', 'until', 'approved_by', 'status'];

export function holdingRow(holding: Holding): string[] {
  return [
    holding.person, holding.system, holding.role, holding.since.toISOString(), holding.until.toISOString(),
    holding.approvedBy.join(' '), holding.status,
  ];
}
