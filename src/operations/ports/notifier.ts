/** Every Slack message about requests and grants, sent and kept up to date. */
import type { Digest } from '../../domain/digest.js';
import type { DomainError } from '../../domain/errors.js';
import type { AlertNews } from '../../domain/effects.js';
import type { GranteeNews, RequesterNewsStep } from '../../domain/news.js';
import type { OwnerCheck } from '../../domain/packets/verify.js';
import type { AccessRequest, Grant, RequestId, UserId } from '../../domain/types.js';

/** A request as its requester's news (and, refreshed, its cards) show it. */
export interface RequesterState {
  request: AccessRequest;
  grant?: Grant;
  /** Minutes its current step usually waits, when enough recent decisions say so. */
  typicalMinutes?: number;
  /** A packet item's access that its owners may confirm works, from their cards. */
  ownerCheck?: OwnerCheck;
}

export interface Notifier {
  /** Posts approval cards for the request's current step to its approvers. */
  sendApprovalCards(request: AccessRequest): Promise<void>;
  /**
   * Brings every card, task and message ever posted about the request and its grant up to
   * date; `load` reads their current state, only when there is something to update.
   */
  refreshMessages(requestId: RequestId, load: () => Promise<RequesterState | undefined>): Promise<void>;
  /**
   * The requester's one message about the request: the first news posts it; later news
   * rewrites it to the request's state and tells the step in a reply in its thread. `key`
   * (the effect's) makes a repeat post nothing more. A message that is gone is posted anew.
   */
  tellRequester(state: RequesterState, news: RequesterNewsStep, key: string): Promise<void>;
  /** Tells the coordinators about a request nobody can move: it needs a person to fix it. */
  tellCoordinators(request: AccessRequest): Promise<void>;
  /**
   * Reminds the current step's approvers (or only `approvers`, those in working hours) that
   * the request waits on them: in the card's thread when the card is in a channel, by DM
   * with a link to their card otherwise.
   */
  remindApprovers(request: AccessRequest, waitingMinutes: number, approvers?: readonly UserId[]): Promise<void>;
  /**
   * Tells security reviewers and coordinators that a step has waited too long (with a link to
   * a card posted in a channel, and a note in that card's thread). Never held back.
   */
  escalate(request: AccessRequest, waitingMinutes: number): Promise<void>;
  /** Tells the grantee about their access: granted (and until when), ending soon, ended. */
  tellGrantee(grant: Grant, news: GranteeNews): Promise<void>;
  /** Sends the day's digest to each recipient by DM. */
  sendDigest(recipients: UserId[], digest: Digest, date: string): Promise<void>;
  /** Tells security and the system's owners about access that needs people, or a leaver's access. */
  alertOwnersAndSecurity(grant: Grant, news: AlertNews): Promise<void>;
  /**
   * Tells a person by DM that their approval or submission, carried out after Slack was
   * answered, did not go through: why, or (with no refusal) that it failed on our side.
   */
  tellRefused(userId: UserId, what: 'approval' | 'submission', refusal?: DomainError): Promise<void>;
}
