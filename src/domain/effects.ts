/**
 * Effects: what a state change must cause outside the database. They are recorded in the
 * change's own transaction and carried out after commit, at least once; the key makes a
 * second recording of the same effect a no-op, and each carrier is idempotent, so a crash
 * at any point leaves either nothing changed or a change whose effects still happen.
 */
import type { GranteeNews, RequesterNews } from './news.js';
import type { RequestId, RequestInput, UserId } from './types.js';

export type AlertNews = 'revocation_failed' | 'provisioning_failed' | 'extension_failed' | 'leaver' | 'no_revoker';

export type Effect =
  /**
   * An approver's click, recorded before Slack is answered and decided right after: the
   * decision's chained audit write stays off the acknowledgement, and a crash in between
   * still decides. `version`: the request's when clicked, so a double click is one decision.
   */
  | { kind: 'approve_step'; requestId: RequestId; step: number; actor: UserId; suggested: boolean; version: number }
  /**
   * A request modal's submission, checked and recorded before Slack is answered and stored
   * right after, under the id drawn as it was recorded. `at`: when (ISO). `submission`: a
   * random name, its key, known before the id is drawn and new under any clock.
   */
  | { kind: 'submit_request'; requestId: RequestId; at: string; submission: string; input: RequestInput }
  /** Resolve the current step's approvers and send its cards. */
  | { kind: 'route_step'; requestId: RequestId; step: number }
  /** Ask the drafting advisor about a new request (nothing to do without one). */
  | { kind: 'advise_draft'; requestId: RequestId }
  /** Post the approval cards of a routed step to whoever has none yet. */
  | { kind: 'send_cards'; requestId: RequestId; step: number }
  /** Bring every copy of every card and message about the request up to date. */
  | { kind: 'refresh_messages'; requestId: RequestId; version: string }
  /** `version`: the request's, for news that can come more than once (blocked again). */
  | { kind: 'tell_requester'; requestId: RequestId; news: RequesterNews; version?: number }
  | { kind: 'tell_coordinators'; requestId: RequestId; version: number }
  /** Put the access in place through the grant's revoker (or ask its owners to). */
  | { kind: 'provision'; requestId: RequestId }
  /** Remove the access through the grant's revoker (or ask a person to). */
  | { kind: 'revoke'; requestId: RequestId }
  /** Tell the revoker that an extension moved the end. */
  | { kind: 'extend'; requestId: RequestId }
  | { kind: 'tell_grantee'; requestId: RequestId; news: GranteeNews }
  /** `version`: the grant's, so a failure after a retry alerts again. */
  | { kind: 'alert'; requestId: RequestId; news: AlertNews; version?: number }
  /** The grantee's warning before the end, as a scheduled job. */
  | { kind: 'schedule_expiry_notice'; requestId: RequestId; version: number }
  /** The coordinators' digest for one day (`YYYY-MM-DD`), as of `at` (ISO): about no one request. */
  | { kind: 'send_digest'; requestId?: undefined; date: string; at: string }
  /** A packet's tracker: posted once (to its project channel or coordinator), rewritten after that. `batch`: which change asked. */
  | { kind: 'post_tracker'; requestId?: undefined; packetId: number; batch: string }
  /** A packet's member told of the items asked for them that they have not been told of. */
  | { kind: 'tell_member'; requestId?: undefined; packetId: number; memberId: UserId; batch: string };

export type EffectKind = Effect['kind'];

/** A person's click or form recorded before Slack was answered: the recording process answers it. */
export const RECORDED_KINDS: readonly EffectKind[] = ['approve_step', 'submit_request'];

/**
 * Carried out only once no other effect of its request is pending: the advice rewrites the
 * cards and the news, which go out first, whatever the advisor takes.
 */
export const AFTER_THE_REST: readonly EffectKind[] = ['advise_draft'];

/**
 * The idempotency key: one effect per request and meaning. Messages that repeat by design
 * (a card refresh after each change) carry the version that caused them.
 */
export function effectKey(effect: Effect): string {
  const { kind, requestId } = effect;
  switch (effect.kind) {
    case 'approve_step':
      return `${kind}:${requestId}:${effect.step}:${effect.actor}:${effect.version}`;
    case 'route_step':
    case 'send_cards':
      return `${kind}:${requestId}:${effect.step}`;
    case 'tell_requester':
      return `${kind}:${requestId}:${effect.news}${effect.version === undefined ? '' : `:${effect.version}`}`;
    case 'tell_grantee':
      return `${kind}:${requestId}:${effect.news}`;
    case 'alert':
      return `${kind}:${requestId}:${effect.news}:${effect.version ?? 0}`;
    case 'refresh_messages':
    case 'tell_coordinators':
    case 'schedule_expiry_notice':
      return `${kind}:${requestId}:${effect.version}`;
    case 'submit_request':
      return submissionKey(effect);
    case 'provision':
    case 'revoke':
    case 'extend':
    case 'advise_draft':
      return `${kind}:${requestId}`;
    case 'send_digest':
      return `${kind}:${effect.date}`;
    case 'post_tracker':
      return `${kind}:${effect.packetId}:${effect.batch}`;
    case 'tell_member':
      return `${kind}:${effect.packetId}:${effect.memberId}:${effect.batch}`;
  }
}

/** A submission's key, known before its request id is drawn. */
export function submissionKey(effect: { submission: string }): string {
  return `submit_request:${effect.submission}`;
}
