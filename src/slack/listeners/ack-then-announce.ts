import type { Logger } from '../../logging.js';

/** What a listener did before Slack is answered: effects to carry out, maybe a recorded click. */
export interface Done {
  announce(): Promise<void>;
  /** Set for a recorded click or form: settles once it was carried out here. */
  carriedOut?: Promise<void>;
}

/** How long a quiet process holds Slack's answer for a recorded click to be carried out. */
const HOLD_MS = 500;
/** Recorded clicks whose answer is being held right now, in this process. */
let holding = 0;

/**
 * Answers Slack, then carries the effects out. A recorded click is safe once recorded, so
 * Slack could be answered at once; when nothing else is being held, the answer waits (up to
 * half a second) for the click to be carried out, so that what anyone sees next already shows
 * it. In a burst the others are answered at once, and none waits on the audit chain's turns.
 */
export async function ackThenAnnounce(ack: () => Promise<void>, done: Done, log: Logger): Promise<void> {
  const announce = () => done.announce().catch((error: unknown) => log.warn({ err: error }, 'effects will be carried out by the effect runner'));
  if (!done.carriedOut || holding > 0) {
    await ack();
    return void (await announce());
  }
  holding++;
  const announcing = announce();
  try {
    await Promise.race([done.carriedOut, new Promise((resolve) => setTimeout(resolve, HOLD_MS).unref())]);
  } finally {
    holding--;
  }
  await ack();
  await announcing;
}
