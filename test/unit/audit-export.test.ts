/**
 * Contract: exported CSV follows RFC 4180 (quotes doubled, fields with commas, quotes or
 * line breaks quoted, CRLF records); JSON lines carry the JSON fields as objects; a range
 * is read from days or ISO times, and anything else is refused with words for people.
 */
import { describe, expect, it } from 'vitest';
import { auditJsonLine, parseAuditRange } from '../../src/domain/audit-export.js';
import { csvLine } from '../../src/domain/csv.js';

describe('csvLine', () => {
  it.each([
    [['plain', 'text'], 'plain,text\r\n'],
    [['a,b'], '"a,b"\r\n'],
    [['say "hi"'], '"say ""hi"""\r\n'],
    [['one\ntwo', 'cr\rhere'], '"one\ntwo","cr\rhere"\r\n'],
    [[null, '', 'x'], ',,x\r\n'],
  ])('when the fields are %j, then the record is %j', (fields, line) => {
    expect(csvLine(fields)).toBe(line);
  });
});

describe('auditJsonLine', () => {
  it('when an event is written as a JSON line, then its JSON fields are objects and the line ends in a newline', () => {
    const line = auditJsonLine({
      id: '1', seq: '1', prevHash: null, at: '2026-12-02T09:30:00.000000Z', actor: 'U0REQ1', action: 'request.submitted',
      surface: 'modal', requestId: '1001', before: null, after: '{"purpose": "a,\\"b\\""}', details: null, hash: 'ff',
    });
    expect(line.endsWith('}\n')).toBe(true);
    expect(JSON.parse(line)).toMatchObject({ id: '1', request_id: '1001', after: { purpose: 'a,"b"' }, prev_hash: null, hash: 'ff' });
  });
});

describe('parseAuditRange', () => {
  it.each([
    [undefined, undefined, {}],
    ['2026-11-01', '2026-11-30', { from: new Date('2026-11-01T00:00:00Z'), until: new Date('2026-12-01T00:00:00Z') }],
    ['2026-11-01T09:00:00+01:00', undefined, { from: new Date('2026-11-01T08:00:00Z') }],
    [undefined, '2026-11-30T12:00Z', { until: new Date('2026-11-30T12:00:00Z') }],
  ])('when from %s and to %s, then the range is %j', (from, to, range) => {
    expect(parseAuditRange(from, to)).toEqual({ range });
  });

  it.each([
    ['2026-02-30', undefined, '“2026-02-30” is not a date'],
    ['yesterday', undefined, '“yesterday” is not a date'],
    [undefined, '2026-11-30 12:00', '“2026-11-30 12:00” is not a date'],
    ['2026-12-01', '2026-11-30', 'The range is empty'],
  ])('when from %s and to %s, then it is refused', (from, to, problem) => {
    expect(parseAuditRange(from, to)).toEqual({ problem: expect.stringContaining(problem) });
  });
});
