/**
 * Every message in every conversation Latchkey is in is checked for credentials: new,
 * edited, in threads, with files. Bolt acknowledges events itself, before this runs.
 */
import type { App } from '@slack/bolt';
import { refuseCredentialsInMessage } from '../../operations/refuse-credentials.js';
import { postedMessage } from '../payloads.js';
import type { ListenerContext } from './context.js';

export function registerMessages(app: App, ctx: ListenerContext): void {
  app.event('message', async ({ event }) => {
    const message = postedMessage(event);
    if (!message) return;
    const announce = await refuseCredentialsInMessage(ctx.deps, message);
    await announce?.();
  });
}
