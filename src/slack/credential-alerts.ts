/**
 * The Slack side of a refused credential: delete it when an admin token allows, warn the
 * poster ephemerally, and alert security in their channel (or by DM without one), also for
 * a credential typed into a form or the slash command.
 */
import type { WebClient } from '@slack/web-api';
import { buildPosterWarning, buildSecurityAlert, buildTypedCredentialAlert } from '../../blocks/credential-warning.js';
import type { SlackMessage } from '../../blocks/text.js';
import type { Catalog } from '../domain/types.js';
import type { CredentialAlerts, Directory, Log } from '../operations/ports.js';
import { everyone } from '../operations/support.js';

export interface CredentialAlertsOptions {
  client: WebClient;
  catalog: Catalog;
  directory: Directory;
  log: Log;
  adminUserToken?: string;
}

export function createCredentialAlerts(options: CredentialAlertsOptions): CredentialAlerts {
  const { client, catalog, directory, log, adminUserToken } = options;
  return {
    async removeMessage(incident) {
      if (!adminUserToken) return false;
      try {
        await client.chat.delete({ channel: incident.channel, ts: incident.ts, token: adminUserToken });
        return true;
      } catch (error) {
        log.warn({ err: error, channel: incident.channel }, 'could not delete a message holding a credential');
        return false;
      }
    },

    async warnPoster(incident, removed) {
      const message = buildPosterWarning(incident, removed);
      await client.chat.postEphemeral({
        channel: incident.channel,
        user: incident.poster,
        ...(incident.threadTs ? { thread_ts: incident.threadTs } : {}),
        ...message,
      });
    },

    async alertSecurity(incident, removed) {
      const permalink = removed
        ? undefined
        : await client.chat.getPermalink({ channel: incident.channel, message_ts: incident.ts }).then((r) => r.permalink, () => undefined);
      await tellSecurity(buildSecurityAlert(incident, removed, permalink));
    },

    async alertSecurityOfTyped(attempt) {
      await tellSecurity(buildTypedCredentialAlert(attempt));
    },
  };

  /** Security's alerts channel, or each reviewer by DM when there is none. */
  async function tellSecurity(message: SlackMessage): Promise<void> {
    const channel = catalog.security.alertsChannel;
    const targets = channel ? [channel] : await everyone(directory, catalog.security.reviewers);
    await Promise.all(targets.map((target) => client.chat.postMessage({ channel: target, ...message, unfurl_links: false })));
  }
}
