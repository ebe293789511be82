import type { SlackActionMiddlewareArgs } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { Recorded } from '../../operations/waiting-clicks.js';
import { ackThenAnnounce } from './ack-then-announce.js';
import type { ListenerContext } from './context.js';
import { MALFORMED, explain, tellClicker } from './failures.js';

/**
 * A button listener: read the click, act (commit the change and its effects, or record the
 * click to carry out), then acknowledge and carry the effects out. Committing before the
 * ack means a process killed right after Slack saw the click acknowledged still has it;
 * Slack's 3 s are ample for a few queries. A click that can't be read or is refused is
 * answered to the clicker alone (by DM when it came from a Home) and changes nothing; `act`
 * is handed that answer for a refusal found after the ack.
 */
export function button<T>(
  ctx: ListenerContext,
  read: (body: unknown) => T | undefined,
  act: (click: T, answer: (refusal: unknown) => Promise<void>) => Promise<Recorded>,
) {
  return async ({ ack, body, respond, client }: SlackActionMiddlewareArgs & { client: WebClient }) => {
    const click = read(body);
    if (click === undefined) {
      await ack();
      return tellClicker({ body, client, respond }, MALFORMED, ctx.log);
    }
    const answer = (refusal: unknown) => tellClicker({ body, client, respond }, explain(refusal, ctx.log), ctx.log);
    let changed: Recorded;
    try {
      changed = await act(click, answer);
    } catch (error) {
      await ack();
      return answer(error);
    }
    await ackThenAnnounce(ack, changed, ctx);
  };
}
