/**
 * Words for people, for every domain error, in one place. The switch is exhaustive: a new
 * error code does not compile until it has a message.
 */
import type { DomainError } from '../domain/errors.js';
import { formatDuration } from '../domain/duration.js';
import { asRequestId, formatRequestId } from '../domain/types.js';

const GRANT_WORDS: Record<string, string> = {
  provisioning: 'still being set up',
  active: 'active',
  ending: 'already being removed',
  ended: 'already ended',
  provisioning_failed: 'waiting for someone to set it up by hand',
  revocation_failed: 'waiting for someone to remove it by hand',
};

export function errorText(error: DomainError): string {
  const { details } = error;
  const id = details.requestId === undefined ? 'that request' : formatRequestId(asRequestId(details.requestId));
  switch (error.code) {
    case 'UNKNOWN_SYSTEM':
      return "That system isn't in the catalog (any more). Pick one from the list.";
    case 'UNKNOWN_ROLE':
      return "That role isn't offered for this system. Pick one from the list.";
    case 'UNKNOWN_DURATION':
      return 'Pick one of the durations offered for this role.';
    case 'OVER_MAX_DURATION':
      return `That is longer than this role allows (at most ${formatDuration(details.limit ?? 0)}).`;
    case 'EMPTY_PURPOSE':
      return 'Say what you need the access for: approvers decide on this.';
    case 'TEXT_TOO_LONG':
      return `Please keep this under ${details.limit ?? 0} characters.`;
    case 'NEEDED_BY_IN_PAST':
      return 'That date has passed. Pick today or a later date, or leave it empty.';
    case 'DUPLICATE_REQUEST':
      return `You already have an open request for this role (${id}). \`/access list\` shows it.`;
    case 'ALREADY_HOLDS_ROLE':
      return `You already have this access (${id}).`;
    case 'UNKNOWN_REQUEST':
      return `I can't find ${id}.`;
    case 'NOT_AN_APPROVER':
      return `You are not an approver of this step of ${id}, so nothing was changed.`;
    case 'SELF_APPROVAL':
      return `Nobody approves their own request: ${id} goes to the other approvers.`;
    case 'SAME_APPROVER':
      return `You already decided an earlier step of ${id}; this step needs someone else.`;
    case 'SELF_DELEGATION':
      return 'You cannot delegate your approvals to yourself. Pick someone else.';
    case 'DELEGATE_NOT_COLLEAGUE':
      return 'Pick a colleague to delegate to: a person in this organisation, not a bot or a deactivated account.';
    case 'DELEGATION_DATE':
      return `Pick the last day of your delegation: today, or up to ${details.limit ?? 0} days ahead.`;
    case 'ALREADY_DECIDED':
      return `This step of ${id} was already ${details.status ?? 'decided'} by <@${details.decidedBy}>. Nothing was changed.`;
    case 'NOT_PENDING':
      return `${id} is ${details.status ?? 'no longer waiting for this decision'}, so nothing was changed.`;
    case 'NOT_REQUESTER':
      return `Only the person who asked can cancel ${id}.`;
    case 'NOT_GRANTEE':
      return `Only the person who holds the access of ${id} can release or extend it.`;
    case 'MAY_NOT_END_GRANT':
      return `Only the system's owners and security reviewers can revoke ${id}, so nothing was changed.`;
    case 'GRANT_NOT_LIVE':
      return `The access of ${id} is ${GRANT_WORDS[details.status ?? ''] ?? 'not in a state for that'}, so nothing was changed.`;
    case 'EXTENSION_MISMATCH':
      return `An extension of ${id} is for the same system and role. To ask for something else, start a new request with \`/access\`.`;
    case 'NOT_A_TASK_OWNER':
      return `Only the system's owners and security reviewers can do that for ${id}.`;
    case 'DENY_REASON_REQUIRED':
      return 'Give the requester a reason.';
    case 'EXTERNAL_USER':
      return 'Latchkey only takes requests and decisions from members of this organisation.';
    case 'CREDENTIAL_IN_TEXT':
      return `That looks like ${details.label ?? 'a password or key'}. Never paste credentials: remove it (and rotate it if it was real). Nothing was saved.`;
    case 'NOT_A_COORDINATOR':
      return 'Only the coordinators named in the catalog can do that.';
    case 'NOT_A_SECURITY_REVIEWER':
      return 'Only the security reviewers named in the catalog can take the audit trail away. Ask one of them if you need it.';
    case 'NO_SUGGESTION':
      return `${id} has no narrower suggestion to take (any more), so nothing was changed.`;
    case 'UNKNOWN_PACKET':
      return "I can't find that project packet.";
    case 'PACKET_CLOSED':
      return 'That project packet is closed already, so nothing was changed.';
    case 'NOT_PACKET_COORDINATOR':
      return "Only the project's coordinator can change its packet. Ask them to add what is missing.";
    case 'PACKET_CHANGED':
      return 'The project packet changed while you were adding to it, so nothing was added. Please try again from its tracker.';
    case 'MAY_NOT_VERIFY':
      return `Only the person who holds the access of ${id}, or the system's owners, can say it works.`;
    case 'NOT_BLOCKED':
      return `${id} is not held for an unsafe credential, so there is nothing to clear.`;
  }
}
