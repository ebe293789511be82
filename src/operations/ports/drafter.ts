/** The drafting advisor: it may narrow a draft and explain it, never widen it. */
import type { Advice } from '../../domain/merge-advice.js';
import type { Draft, System } from '../../domain/types.js';

/** What the drafting advisor is shown: the catalog entry, the purpose, the requester's title. */
export interface DraftRequest {
  system: System;
  purpose: string;
  requesterTitle?: string;
  asked: { roleId: string; durationMinutes: number };
  /** The policy's draft: the advisor may only narrow it. */
  policy: Draft;
}

/** The advisor's answer, or why there is none (timeout, HTTP error, refusal, invalid output). */
export type DraftAdvice = { advice: Advice } | { failure: string };

export interface Drafter {
  propose(request: DraftRequest): Promise<DraftAdvice>;
}
