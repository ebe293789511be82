import type { WebClient } from '@slack/web-api';
import type { SlackMessage } from '../../blocks/text.js';
import { slackError } from './slack-error.js';

/** Someone deleted the message, or the bot left its channel: there is nothing left to update. */
const GONE = new Set(['message_not_found', 'channel_not_found', 'is_archived', 'not_in_channel']);

/**
 * Rewrites one message Latchkey posted earlier; false when it is gone. A message that is
 * gone is skipped, not retried: a refresh must not fail for every other copy because one
 * was deleted.
 */
export async function updateMessage(client: WebClient, ref: { channel: string; ts: string }, message: SlackMessage): Promise<boolean> {
  try {
    await client.chat.update({ channel: ref.channel, ts: ref.ts, text: message.text, blocks: message.blocks });
    return true;
  } catch (error) {
    if (!GONE.has(slackError(error) ?? '')) throw error;
    return false;
  }
}
