/**
 * Latchkey watches approval and alerts channels for pasted credentials, so it must be in
 * them: posting with `chat:write.public` works without joining, but then no message event
 * from the channel (or its card threads) ever reaches the bot. Public channels are joined
 * at start-up; private ones need an invitation, and the start-up log says which.
 */
import type { WebClient } from '@slack/web-api';
import type { Catalog } from '../domain/types.js';
import type { Logger } from '../logging.js';
import { slackError } from './slack-error.js';

export async function joinWatchedChannels(client: WebClient, catalog: Catalog, log: Logger): Promise<void> {
  const channels = new Set([...catalog.systems.flatMap((system) => system.approvalChannel ?? []), ...(catalog.security.alertsChannel ? [catalog.security.alertsChannel] : [])]);
  await Promise.all([...channels].map((channel) => join(client, channel, log)));
}

async function join(client: WebClient, channel: string, log: Logger): Promise<void> {
  try {
    const { channel: info } = await client.conversations.info({ channel });
    if (info?.is_member) return;
    if (info?.is_private) {
      log.warn({ channel }, `not a member of private channel ${channel}: invite the bot there (/invite @Latchkey) so it sees credentials posted in it`);
      return;
    }
    await client.conversations.join({ channel });
    log.info({ channel }, 'joined a watched channel');
  } catch (error) {
    log.warn({ channel, error: slackError(error) ?? (error as Error).message }, `could not join ${channel}; credentials posted there go unseen until the bot is added`);
  }
}
