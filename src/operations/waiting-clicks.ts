import type { DomainError } from '../domain/errors.js';
import type { Deps } from './ports.js';

/** What a listener did before Slack is answered: effects to carry out now, maybe a recorded click. */
export interface Recorded {
  /** Carries it out (and what follows) now, in this process. */
  announce(): Promise<void>;
  /**
   * For a recorded click or form when this process has nothing else in hand: settles once it
   * was carried out here, or refused. Absent in a burst, when nobody should wait for it.
   */
  carriedOut?: Promise<void>;
}

/**
 * Notes that this process waits for the recorded effect `key` to be carried out (and how to
 * answer a refusal beside the clicked message), until `announce` has run.
 */
export function waitFor(deps: Deps, key: string, announce: () => Promise<void>, answer?: (refusal: DomainError) => Promise<void>): Recorded {
  let carriedOut!: () => void;
  const done = new Promise<void>((resolve) => (carriedOut = resolve));
  deps.waitingClicks.set(key, { ...(answer ? { answer } : {}), carriedOut });
  const alone = deps.waitingClicks.size === 1;
  return {
    ...(alone ? { carriedOut: done } : {}),
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
