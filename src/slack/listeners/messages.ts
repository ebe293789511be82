/**
 * Every message in every conversation Latchkey is in is checked for credentials: new,
 * edited, in threads, with files. Bolt acknowledges events itself, before this runs. A
 * person writing to the bot in its DM also gets a short pointer to `/access` and the Home
 * tab, unless the message held a credential: then the credential warning is the answer.
 */
import type { App } from '@slack/bolt';
import { buildBotDmReply } from '../../../blocks/bot-dm-reply.js';
import { decodeSlackText } from '../../domain/credentials/detect-credentials.js';
import { findExposures, refuseCredentialsInMessage } from '../../operations/refuse-credentials.js';
import { postedMessage } from '../payloads.js';
import type { ListenerContext } from './context.js';

/**
 * At most one pointer per person an hour: someone typing several lines must not get the same
 * answer to each. Kept in memory on purpose: after a restart, or on another process, the
 * worst case is one more short reply, which isn't worth a table.
 */
const REPLY_EVERY_MS = 60 * 60_000;
const MAX_REMEMBERED = 10_000;

export function registerMessages(app: App, ctx: ListenerContext): void {
  const lastReply = new Map<string, number>();

  app.event('message', async ({ event, context, client }) => {
    const message = postedMessage(event);
    if (!message) return;
    const announce = await refuseCredentialsInMessage(ctx.deps, message);
    if (announce) return void (await announce());
    if (!isNewDmToBot(event, message.poster, context.botUserId)) return;
    // A repeated credential is not announced again, but still gets no friendly pointer.
    if (findExposures(ctx.deps, decodeSlackText(message.text)).length > 0) return;
    const now = ctx.deps.clock.now().getTime();
    if (now - (lastReply.get(message.poster) ?? -Infinity) < REPLY_EVERY_MS) return;
    if (lastReply.size >= MAX_REMEMBERED) lastReply.clear();
    lastReply.set(message.poster, now);
    const reply = buildBotDmReply();
    await client.chat.postMessage({ channel: message.channel, text: reply.text, blocks: reply.blocks, ...(message.threadTs ? { thread_ts: message.threadTs } : {}) });
  });
}

/** A person's new message (not an edit) in a DM with the bot; never a bot's, never the bot's own. */
function isNewDmToBot(event: { channel_type?: string; subtype?: string }, poster: string, botUserId: string | undefined): boolean {
  return event.channel_type === 'im' && (event.subtype === undefined || event.subtype === 'file_share') && poster !== botUserId;
}
