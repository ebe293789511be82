// Contract: validateRequest accepts a form only when the system and role exist, the duration
// is one the role offers and within its maximum, the purpose is not blank and at most 3000
// characters, the project tag at most 80, and the needed-by date is today or later. Each
// refusal is a DomainError naming its form field. Durations and request ids read back what
// their formatters write.
import { describe, it, expect } from 'vitest';
import { formatDuration, parseDuration } from '../../src/domain/duration.js';
import { DomainError, type DomainErrorCode, type ErrorDetails } from '../../src/domain/errors.js';
import { asRequestId, formatRequestId, parseRequestId, type RequestInput } from '../../src/domain/types.js';
import { resolveRole, validateRequest } from '../../src/domain/validate-request.js';
import { testCatalog } from '../fixtures/catalog.js';
import { REQUESTER } from '../fixtures/requests.js';

const catalog = testCatalog();
const TODAY = '2025-03-04';

const form = (overrides: Partial<RequestInput> = {}): RequestInput => ({
  requesterId: REQUESTER,
  systemId: 'billing',
  roleId: 'admin',
  durationMinutes: 60,
  purpose: 'Refund three duplicate invoices',
  ...overrides,
});

function refusal(input: RequestInput, today = TODAY): DomainError {
  try {
    validateRequest(catalog, input, today);
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected the form to be refused');
}

describe('validateRequest refuses', () => {
  it.each<[string, Partial<RequestInput>, DomainErrorCode, ErrorDetails]>([
    ['the system is unknown', { systemId: 'payroll' }, 'UNKNOWN_SYSTEM', { field: 'system' }],
    ['the system is empty', { systemId: '' }, 'UNKNOWN_SYSTEM', { field: 'system' }],
    ['the role is unknown', { roleId: 'owner' }, 'UNKNOWN_ROLE', { field: 'role' }],
    ['the role belongs to another system', { roleId: 'editor' }, 'UNKNOWN_ROLE', { field: 'role' }],
    ['the duration is over the maximum', { durationMinutes: 481 }, 'OVER_MAX_DURATION', { field: 'duration', limit: 480 }],
    ['the duration is within the maximum but not offered', { durationMinutes: 120 }, 'UNKNOWN_DURATION', { field: 'duration' }],
    ['no duration was picked', { durationMinutes: 0 }, 'UNKNOWN_DURATION', { field: 'duration' }],
    ['the purpose is empty', { purpose: '' }, 'EMPTY_PURPOSE', { field: 'purpose' }],
    ['the purpose is only whitespace', { purpose: ' \n\t  ' }, 'EMPTY_PURPOSE', { field: 'purpose' }],
    ['the purpose is 3001 characters', { purpose: 'x'.repeat(3001) }, 'TEXT_TOO_LONG', { field: 'purpose', limit: 3000 }],
    ['the project tag is 81 characters', { projectTag: 'p'.repeat(81) }, 'TEXT_TOO_LONG', { field: 'projectTag', limit: 80 }],
    ['the needed-by date is yesterday', { neededBy: '2025-03-03' }, 'NEEDED_BY_IN_PAST', { field: 'neededBy' }],
    ['the needed-by date is last year', { neededBy: '2024-12-31' }, 'NEEDED_BY_IN_PAST', { field: 'neededBy' }],
  ])('when %s, then %s', (_when, overrides, code, details) => {
    // Act
    const error = refusal(form(overrides));
    // Assert
    expect(error.code).toBe(code);
    expect(error.details).toEqual(details);
  });
});

describe('validateRequest accepts', () => {
  it.each<[string, Partial<RequestInput>]>([
    ['a plain form', {}],
    ['the longest offered duration', { durationMinutes: 480 }],
    ['a purpose of exactly 3000 characters', { purpose: 'x'.repeat(3000) }],
    ['a purpose padded with spaces to over 3000', { purpose: `  ${'x'.repeat(3000)}  ` }],
    ['a project tag of exactly 80 characters', { projectTag: 'p'.repeat(80) }],
    ['a needed-by date of today', { neededBy: TODAY }],
    ['a needed-by date of tomorrow', { neededBy: '2025-03-05' }],
  ])('when the form has %s, then it resolves billing/admin', (_when, overrides) => {
    const { system, role } = validateRequest(catalog, form(overrides), TODAY);
    expect([system.id, role.id]).toEqual(['billing', 'admin']);
  });
});

describe('resolveRole', () => {
  it('when system and role exist, then both come back from the catalog', () => {
    const { system, role } = resolveRole(catalog, 'cms', 'editor');
    expect(system.name).toBe('Website CMS');
    expect(role.name).toBe('Editor');
  });

  it.each([
    ['nope', 'viewer', 'UNKNOWN_SYSTEM', 'system'],
    ['cms', 'viewer', 'UNKNOWN_ROLE', 'role'],
  ])('when system %s has no role %s, then %s on field %s', (systemId, roleId, code, field) => {
    expect(() => resolveRole(catalog, systemId, roleId)).toThrow(DomainError);
    try {
      resolveRole(catalog, systemId, roleId);
    } catch (error) {
      expect((error as DomainError).code).toBe(code);
      expect((error as DomainError).details.field).toBe(field);
    }
  });
});

describe('parseDuration', () => {
  it.each([
    ['30m', 30],
    ['8h', 480],
    ['7d', 10080],
    ['1d', 1440],
    [' 45 m ', 45],
    ['999999m', 999999],
  ])('when the text is %j, then it is %i minutes', (text, minutes) => {
    expect(parseDuration(text)).toBe(minutes);
  });

  it.each(['', '0m', '0d', '8', 'h', '1w', '8H', '1.5h', '-1h', '1000000m', '8 hours', '1h30m'])(
    'when the text is %j, then it is undefined',
    (text) => {
      expect(parseDuration(text)).toBeUndefined();
    },
  );
});

describe('formatDuration', () => {
  it.each([
    [0, '0 min'],
    [45, '45 min'],
    [60, '1 h'],
    [90, '1 h 30 min'],
    [480, '8 h'],
    [1440, '1 day'],
    [1441, '1 d 1 min'],
    [1800, '1 d 6 h'],
    [10080, '7 days'],
    [43200, '30 days'],
  ])('when the duration is %i minutes, then it reads %j', (minutes, text) => {
    expect(formatDuration(minutes)).toBe(text);
  });
});

describe('request ids', () => {
  it.each([
    ['AR-1042', 1042],
    ['ar-1042', 1042],
    ['ar1042', 1042],
    ['AR1042', 1042],
    ['1042', 1042],
    ['  AR-7  ', 7],
    ['AR-123456789', 123456789],
  ])('when the text is %j, then parseRequestId gives %i', (text, id) => {
    expect(parseRequestId(text)).toBe(id);
  });

  it.each(['', 'AR-', 'AR 1042', 'AR--1042', 'BR-1042', '1042x', 'AR-1.5', 'AR-1234567890', 'cancel AR-1042', '-1042'])(
    'when the text is %j, then parseRequestId gives undefined',
    (text) => {
      expect(parseRequestId(text)).toBeUndefined();
    },
  );

  it.each([1, 1042, 123456789])('when %i is formatted and read back, then it is the same id', (id) => {
    const text = formatRequestId(asRequestId(id));
    expect(text).toBe(`AR-${id}`);
    expect(parseRequestId(text)).toBe(id);
  });
});
