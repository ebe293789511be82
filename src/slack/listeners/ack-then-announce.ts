import type { Logger } from '../../logging.js';
import type { Recorded } from '../../operations/waiting-clicks.js';

/** How long a quiet process holds Slack's answer for a recorded click to be carried out. */
const HOLD_MS = 500;

/**
 * Answers Slack, then carries the effects out. A recorded click is safe once recorded, so
 * Slack could be answered at once; when the process has nothing else in hand, the answer
 * waits (up to half a second) for the click to be carried out, so that what anyone sees next
 * already shows it. In a burst the others are answered at once, and none waits on the audit
 * chain's turns.
 */
export async function ackThenAnnounce(ack: () => Promise<void>, done: Recorded, log: Logger): Promise<void> {
  const announce = () => done.announce().catch((error: unknown) => log.warn({ err: error }, 'effects will be carried out by the effect runner'));
  if (!done.carriedOut) {
    await ack();
    return void (await announce());
  }
  const carrying = announce();
  await Promise.race([done.carriedOut, new Promise((resolve) => setTimeout(resolve, HOLD_MS).unref())]);
  await ack();
  await carrying;
}
