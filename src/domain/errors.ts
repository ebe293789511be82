/**
 * One error type for every rule the domain enforces. The `code` is stable; words for
 * people are chosen once, at the edge (slack/error-text.ts).
 */
export type DomainErrorCode =
  | 'UNKNOWN_SYSTEM'
  | 'UNKNOWN_ROLE'
  | 'UNKNOWN_DURATION'
  | 'OVER_MAX_DURATION'
  | 'EMPTY_PURPOSE'
  | 'TEXT_TOO_LONG'
  | 'NEEDED_BY_IN_PAST'
  | 'DUPLICATE_REQUEST'
  | 'ALREADY_HOLDS_ROLE'
  | 'UNKNOWN_REQUEST'
  | 'NOT_AN_APPROVER'
  | 'SELF_APPROVAL'
  | 'SAME_APPROVER'
  | 'SELF_DELEGATION'
  | 'DELEGATE_NOT_COLLEAGUE'
  | 'DELEGATION_DATE'
  | 'ALREADY_DECIDED'
  | 'NOT_PENDING'
  | 'NOT_REQUESTER'
  | 'DENY_REASON_REQUIRED'
  | 'EXTERNAL_USER'
  | 'CREDENTIAL_IN_TEXT'
  | 'NOT_BLOCKED'
  | 'NO_SUGGESTION'
  | 'NOT_A_COORDINATOR'
  | 'NOT_A_SECURITY_REVIEWER'
  | 'NOT_GRANTEE'
  | 'MAY_NOT_END_GRANT'
  | 'GRANT_NOT_LIVE'
  | 'EXTENSION_MISMATCH'
  | 'NOT_A_TASK_OWNER'
  | 'UNKNOWN_PACKET'
  | 'PACKET_CLOSED'
  | 'NOT_PACKET_COORDINATOR'
  /** The packet changed between reading it and adding to it. */
  | 'PACKET_CHANGED'
  | 'MAY_NOT_VERIFY';

/** Facts an error carries so its message can be specific. */
export interface ErrorDetails {
  /** The form field the error belongs to, when it came from a form. */
  field?: 'system' | 'role' | 'duration' | 'purpose' | 'neededBy' | 'projectTag' | 'reason';
  requestId?: number;
  status?: string;
  decidedBy?: string;
  limit?: number;
  /** What a refused credential looks like, e.g. "an AWS secret access key". */
  label?: string;
}

export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    readonly details: ErrorDetails = {},
  ) {
    super(code);
    this.name = 'DomainError';
  }
}

export const isDomainError = (error: unknown): error is DomainError => error instanceof DomainError;
