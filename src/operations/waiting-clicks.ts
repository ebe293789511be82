import type { DomainError } from '../domain/errors.js';
import type { Deps } from './ports.js';

/** A click or form recorded to be carried out after Slack is answered. */
export interface Recorded {
  /** Carries it out (and what follows) now, in this process. */
  announce(): Promise<void>;
  /** Settles once it was carried out here, or refused. */
  carriedOut: Promise<void>;
}

/**
 * Notes that this process waits for the recorded effect `key` to be carried out (and how to
 * answer a refusal beside the clicked message), until `announce` has run.
 */
export function waitFor(deps: Deps, key: string, announce: () => Promise<void>, answer?: (refusal: DomainError) => Promise<void>): Recorded {
  let carriedOut!: () => void;
  const done = new Promise<void>((resolve) => (carriedOut = resolve));
  deps.waitingClicks.set(key, { ...(answer ? { answer } : {}), carriedOut });
  return {
    carriedOut: done,
    announce: () => announce().finally(() => {
      carriedOut();
      deps.waitingClicks.delete(key);
    }),
  };
}

/** Tells whoever waits here that the recorded effect `key` was carried out (or refused). */
export function carriedOut(deps: Deps, key: string): void {
  deps.waitingClicks.get(key)?.carriedOut();
}
