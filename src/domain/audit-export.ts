/**
 * The audit trail as an auditor takes it away: which events (a date range) and in what
 * shape (CSV columns, JSON lines). The CSV carries every field exactly as the chain hashed
 * it, so an export can be verified without the database.
 */
import type { ChainEvent } from './audit-chain.js';

/** Events at or after `from` and before `until` (either open). */
export interface AuditRange {
  from?: Date;
  until?: Date;
}

export const AUDIT_COLUMNS = ['id', 'seq', 'at', 'actor', 'action', 'surface', 'request_id', 'before', 'after', 'details', 'prev_hash', 'hash'];

export function auditRow(event: ChainEvent): (string | null)[] {
  return [
    event.id, event.seq, event.at, event.actor, event.action, event.surface, event.requestId,
    event.before, event.after, event.details, event.prevHash, event.hash,
  ];
}

/** One JSON line: the CSV's columns, with the JSON fields as objects rather than text. */
export function auditJsonLine(event: ChainEvent): string {
  const json = (text: string | null): unknown => (text === null ? null : JSON.parse(text));
  const row = auditRow(event);
  const record = Object.fromEntries(AUDIT_COLUMNS.map((column, i) => [column, row[i]]));
  return JSON.stringify({ ...record, before: json(event.before), after: json(event.after), details: json(event.details) }) + '\n';
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * Reads a range as people give it: a day (YYYY-MM-DD, UTC, the `to` day included whole) or
 * an ISO 8601 time with its offset (the `to` time excluded). Returns the words for the
 * problem when a bound is not one of those, or the range is empty.
 */
export function parseAuditRange(from?: string, to?: string): { range: AuditRange } | { problem: string } {
  const start = from === undefined ? undefined : parseBound(from, 0);
  const end = to === undefined ? undefined : parseBound(to, 1);
  const bad = [start === null ? from : undefined, end === null ? to : undefined].find((text) => text !== undefined);
  if (bad !== undefined) return { problem: `“${bad}” is not a date: give YYYY-MM-DD, or a time such as 2026-12-01T09:00:00Z.` };
  if (start && end && start >= end) return { problem: 'The range is empty: the start must come before the end.' };
  return { range: { ...(start ? { from: start } : {}), ...(end ? { until: end } : {}) } };
}

/** A day's bound is its start, or `days` later; null when the text is no date. */
function parseBound(text: string, days: number): Date | null {
  if (DAY.test(text)) {
    const day = new Date(`${text}T00:00:00Z`);
    // 2026-02-30 parses to a date in March; a real day reads back as itself.
    if (Number.isNaN(day.getTime()) || day.toISOString().slice(0, 10) !== text) return null;
    return new Date(day.getTime() + days * 86_400_000);
  }
  const instant = INSTANT.test(text) ? new Date(text) : undefined;
  return instant && !Number.isNaN(instant.getTime()) ? instant : null;
}
