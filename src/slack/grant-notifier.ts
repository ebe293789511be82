/**
 * The Slack messages that time brings: reminders and escalations of waiting steps, news
 * for the grantee, alerts about access that could not be removed or belongs to a leaver,
 * and the confirmed state of deprovisioning tasks.
 */
import type { WebClient } from '@slack/web-api';
import { buildDeprovisionTask } from '../../blocks/deprovision-task.js';
import { buildDigestMessage } from '../../blocks/digest.js';
import { buildEscalation, buildGrantAlert, buildGranteeNews, buildReminder, type GrantInfo } from '../../blocks/grant-messages.js';
import type { RequestView } from '../../blocks/request-summary.js';
import type { SlackMessage } from '../../blocks/text.js';
import type { AccessRequest, Catalog, Grant } from '../domain/types.js';
import { resolveRole } from '../domain/validate-request.js';
import type { Directory, Notifier } from '../operations/ports.js';
import { everyone } from '../operations/support.js';
import type { MessageRefs } from '../store/message-refs.js';

type GrantMessages = Pick<
  Notifier,
  'remindApprovers' | 'escalate' | 'tellGrantee' | 'alertOwnersAndSecurity' | 'refreshDeprovisionTasks' | 'sendDigest'
>;

export function createGrantNotifier(client: WebClient, catalog: Catalog, messages: MessageRefs, directory: Directory): GrantMessages {
  const viewOf = (request: AccessRequest): RequestView => ({ request, ...resolveRole(catalog, request.systemId, request.roleId) });
  const infoOf = (grant: Grant): GrantInfo => ({ grant, ...resolveRole(catalog, grant.systemId, grant.roleId) });
  const expand = (refs: readonly string[]) => everyone(directory, refs);
  const post = (channels: string[], message: SlackMessage) =>
    Promise.all(channels.map((channel) => client.chat.postMessage({ channel, text: message.text, blocks: message.blocks })));

  return {
    async remindApprovers(request, waited) {
      await post(request.steps[request.currentStep]?.approvers ?? [], buildReminder(viewOf(request), waited));
    },

    async escalate(request, waited) {
      await post(await expand([...catalog.security.reviewers, ...catalog.coordinators]), buildEscalation(viewOf(request), waited));
    },

    async tellGrantee(grant, news) {
      await post([grant.userId], buildGranteeNews(infoOf(grant), news));
    },

    async alertOwnersAndSecurity(grant, news) {
      const info = infoOf(grant);
      const security = catalog.security.alertsChannel ? [catalog.security.alertsChannel] : await expand(catalog.security.reviewers);
      await post([...new Set([...(await expand(info.system.owners)), ...security])], buildGrantAlert(info, news));
    },

    async sendDigest(recipients, digest, date) {
      await post(recipients, buildDigestMessage(digest, { catalog, timezone: catalog.settings.timezone, date }));
    },

    async refreshDeprovisionTasks(grant) {
      if (grant.status !== 'revoked' || !grant.revokedAt) return;
      const task = buildDeprovisionTask({ ...infoOf(grant) }, { doneBy: grant.revokedBy ?? grant.userId, at: grant.revokedAt });
      const refs = await messages.list(grant.requestId, 'deprovision_task');
      await Promise.all(refs.map((ref) => client.chat.update({ channel: ref.channel, ts: ref.ts, text: task.text, blocks: task.blocks })));
    },
  };
}
