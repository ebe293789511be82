/**
 * `/access audit [from] [to]`: the audit trail as CSV, for security reviewers only; the
 * same columns as `latchkey audit export`.
 */
import { AUDIT_COLUMNS, auditRow, parseAuditRange } from '../domain/audit-export.js';
import { csvLine } from '../domain/csv.js';
import { DomainError } from '../domain/errors.js';
import type { UserId } from '../domain/types.js';
import type { Deps } from './ports.js';
import { everyone } from './support.js';

export type AuditExport = { csv: string; events: number } | { problem: string };

export async function exportAudit(deps: Pick<Deps, 'catalog' | 'directory' | 'auditTrail'>, actor: UserId, from?: string, to?: string): Promise<AuditExport> {
  if (!(await everyone(deps.directory, deps.catalog.security.reviewers)).includes(actor)) throw new DomainError('NOT_A_SECURITY_REVIEWER');
  const parsed = parseAuditRange(from, to);
  if ('problem' in parsed) return parsed;
  const events = await deps.auditTrail.readEvents(parsed.range);
  return { csv: [AUDIT_COLUMNS, ...events.map(auditRow)].map(csvLine).join(''), events: events.length };
}
