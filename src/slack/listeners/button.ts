import type { SlackActionMiddlewareArgs } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { ListenerContext } from './context.js';
import { MALFORMED, explain, tellClicker } from './failures.js';

/**
 * A button listener: read the click, act (the change and its effects are committed), then
 * acknowledge and carry the effects out. Committing before the ack means a process killed
 * right after Slack saw the click acknowledged still has the decision; Slack's 3 s are
 * ample for a few queries. A click that can't be read or is refused is answered to the
 * clicker alone (by DM when it came from a Home) and changes nothing.
 */
export function button<T>(
  ctx: ListenerContext,
  read: (body: unknown) => T | undefined,
  act: (click: T) => Promise<{ announce(): Promise<void> }>,
) {
  return async ({ ack, body, respond, client }: SlackActionMiddlewareArgs & { client: WebClient }) => {
    const click = read(body);
    if (click === undefined) {
      await ack();
      return tellClicker({ body, client, respond }, MALFORMED, ctx.log);
    }
    let changed: { announce(): Promise<void> };
    try {
      changed = await act(click);
    } catch (error) {
      await ack();
      return tellClicker({ body, client, respond }, explain(error, ctx.log), ctx.log);
    }
    await ack();
    await changed.announce().catch((error: unknown) => ctx.log.warn({ err: error }, 'effects will be carried out by the effect runner'));
  };
}
