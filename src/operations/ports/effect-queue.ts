/** The outbox as the effect runner sees it. */
import type { DomainError } from '../../domain/errors.js';
import type { Effect, EffectKind } from '../../domain/effects.js';
import type { RequestId } from '../../domain/types.js';

/** An effect taken from the outbox to be carried out. */
export interface QueuedEffect {
  id: number;
  effect: Effect;
  /** Attempts so far, this one included. */
  attempts: number;
}

/** The outbox as the effect runner sees it. */
export interface EffectQueue {
  /** Records effects that follow no change of state (a click to carry out); one statement. */
  record(effects: Effect[], now: Date): Promise<void>;
  /**
   * Takes up to `limit` due effects (of one request, if given) under a lease. Of one request,
   * recorded clicks are taken only when `recordedHere` names their keys: another process's are
   * left to it, which can answer its clicker beside the message.
   */
  claim(now: Date, leaseMs: number, limit: number, requestId?: RequestId, recordedHere?: readonly string[]): Promise<QueuedEffect[]>;
  /** Marks effects carried out, many in one go. */
  done(ids: number[], now: Date): Promise<void>;
  /** Back in the queue, due at `at`. */
  retryAt(id: number, at: Date, error: string): Promise<void>;
  /** Given up on: people have been told. */
  fail(id: number, now: Date, error: string): Promise<void>;
  /** Extends the claims of effects still being carried out. */
  renew(ids: number[], until: Date): Promise<void>;
  /** Frees every claimed effect: only for a database no other process can be using. */
  releaseLeases(): Promise<void>;
  /** When the request's next outstanding effect can run, if it has any. */
  outstanding(requestId: RequestId): Promise<Date | undefined>;
  /** Puts a failed effect of this kind back in the queue (a person pressed Retry). */
  redo(kind: EffectKind, requestId: RequestId, now: Date): Promise<boolean>;
  /** Puts failed card posts back in the queue when their step still waits; how many. */
  redoUnsentCards(now: Date): Promise<number>;
}

/**
 * The clicks and forms this process recorded and is carrying out, by the recorded effect's
 * key: how to answer a refusal found after the acknowledgement beside the clicked message
 * (Slack's reply address lives only here, in memory; a form has none), and whom to tell that
 * it was carried out.
 */
export type WaitingClicks = Map<string, WaitingClick>;

export interface WaitingClick {
  answer?(refusal: DomainError): Promise<void>;
  carriedOut(): void;
}
