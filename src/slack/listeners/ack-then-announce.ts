import type { Recorded } from '../../operations/waiting-clicks.js';
import type { ListenerContext } from './context.js';

/** How long a quiet process holds Slack's answer for a recorded click to be carried out. */
const HOLD_MS = 500;

/**
 * Answers Slack, then carries the effects out. A recorded click is safe once recorded, so
 * Slack could be answered at once; when the process has nothing else in hand, the answer
 * waits (up to half a second, and only until another request comes) for the click to be
 * carried out, so that what anyone sees next already shows it. In a burst the others are
 * answered at once, and none waits on the audit chain's turns; their effects wait for the
 * burst's last answer (up to a second).
 */
export async function ackThenAnnounce(ack: () => Promise<void>, done: Recorded, ctx: Pick<ListenerContext, 'log' | 'answers'>): Promise<void> {
  const announce = () => done.announce().catch((error: unknown) => ctx.log.warn({ err: error }, 'effects will be carried out by the effect runner'));
  if (!done.carriedOut) {
    await ack();
    await ctx.answers.allGiven();
    return void (await announce());
  }
  const carrying = announce();
  await Promise.race([done.carriedOut, ctx.answers.nextRequest(), new Promise((resolve) => setTimeout(resolve, HOLD_MS).unref())]);
  await ack();
  await carrying;
}
