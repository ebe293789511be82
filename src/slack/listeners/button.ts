import type { SlackActionMiddlewareArgs } from '@slack/bolt';
import type { ListenerContext } from './context.js';
import { MALFORMED, explain, tellPrivately } from './failures.js';

/**
 * A button listener: acknowledge, read the click, act, then announce. A click that can't be
 * read or is refused is answered to the clicker alone and changes nothing.
 */
export function button<T>(
  ctx: ListenerContext,
  read: (body: unknown) => T | undefined,
  act: (click: T) => Promise<{ announce(): Promise<void> }>,
) {
  return async ({ ack, body, respond }: SlackActionMiddlewareArgs) => {
    await ack();
    const click = read(body);
    if (click === undefined) return tellPrivately(respond, MALFORMED, ctx.log);
    try {
      await (await act(click)).announce();
    } catch (error) {
      await tellPrivately(respond, explain(error, ctx.log), ctx.log);
    }
  };
}
