/**
 * The Slack messages that time and grants bring: reminders and escalations of waiting
 * steps, news for the grantee, alerts that need people, and every grant message and task
 * card brought up to date when the grant changes.
 */
import type { WebClient } from '@slack/web-api';
import { buildDigestMessage } from '../../blocks/digest.js';
import { buildEscalation, buildEscalationNote, buildGrantAlert, buildGranteeNews, buildGranteeState, buildReminder, type GrantInfo } from '../../blocks/grant-messages.js';
import { buildGrantTask } from '../../blocks/grant-task.js';
import type { SlackMessage } from '../../blocks/text.js';
import type { AlertNews } from '../domain/effects.js';
import type { AccessRequest, Catalog, Grant } from '../domain/types.js';
import type { Directory, Notifier } from '../operations/ports.js';
import { everyone } from '../operations/support.js';
import type { MessageRef, MessageRefs } from '../store/message-refs.js';
import { entriesOf } from './catalog-entries.js';
import { updateMessage } from './update-message.js';

type GrantMessages = Pick<Notifier, 'remindApprovers' | 'escalate' | 'tellGrantee' | 'alertOwnersAndSecurity' | 'sendDigest'>;

/** Alerts that offer Retry are recorded with which failure they are about, to render them again. */
const ALERTS_WITH_BUTTONS: AlertNews[] = ['provisioning_failed', 'revocation_failed', 'extension_failed'];

const infoOf = (catalog: Catalog, grant: Grant): GrantInfo & { email?: string } => ({
  grant,
  ...entriesOf(catalog, grant, grant),
  ...(grant.email ? { email: grant.email } : {}),
});

export function createGrantNotifier(client: WebClient, catalog: Catalog, messages: MessageRefs, directory: Directory): GrantMessages {
  const viewOf = (request: AccessRequest) => ({ request, ...entriesOf(catalog, request) });
  const expand = (refs: readonly string[]) => everyone(directory, refs);
  const post = (channels: string[], message: SlackMessage) =>
    Promise.all(channels.map(async (channel) => ({ channel, posted: await client.chat.postMessage({ channel, text: message.text, blocks: message.blocks }) })));

  /** The current step's cards, and the one in the system's approval channel, if it went there. */
  const cardsOf = async (request: AccessRequest) => {
    const cards = (await messages.list(request.id, 'approval_card')).filter((ref) => ref.step === request.currentStep);
    const channel = entriesOf(catalog, request).system.approvalChannel;
    return { cards, inChannel: channel ? cards.find((ref) => ref.recipient === channel) : undefined };
  };
  // A missing link is a lesser message, not a failed one: the reminder still goes.
  const linkTo = async (card: MessageRef | undefined) =>
    card ? client.chat.getPermalink({ channel: card.channel, message_ts: card.ts }).then((answer) => answer.permalink, () => undefined) : undefined;
  const reply = (card: MessageRef, message: SlackMessage) => client.chat.postMessage({ channel: card.channel, thread_ts: card.ts, text: message.text, blocks: message.blocks });

  return {
    async remindApprovers(request, waited, approvers) {
      const who = approvers ?? request.steps[request.currentStep]?.approvers ?? [];
      if (who.length === 0) return;
      const { cards, inChannel } = await cardsOf(request);
      if (inChannel) return void (await reply(inChannel, buildReminder(viewOf(request), waited, { inThread: true, approvers: who })));
      await Promise.all(
        who.map(async (approver) => {
          const cardLink = await linkTo(cards.find((ref) => ref.recipient === approver));
          await post([approver], buildReminder(viewOf(request), waited, cardLink ? { cardLink } : {}));
        }),
      );
    },

    async escalate(request, waited) {
      const { inChannel } = await cardsOf(request);
      // A DM card opens only for its recipient, so only a channel card is worth linking to.
      const cardLink = await linkTo(inChannel);
      await post(await expand([...catalog.security.reviewers, ...catalog.coordinators]), buildEscalation(viewOf(request), waited, cardLink));
      if (inChannel) await reply(inChannel, buildEscalationNote(viewOf(request), waited));
    },

    async tellGrantee(grant, news) {
      const [sent] = await post([grant.userId], buildGranteeNews(infoOf(catalog, grant), news));
      if (news !== 'ended' && sent) await messages.record({ channel: sent.posted.channel!, ts: sent.posted.ts!, requestId: grant.requestId, kind: 'grant_message', recipient: grant.userId });
    },

    async alertOwnersAndSecurity(grant, news) {
      const info = infoOf(catalog, grant);
      const security = catalog.security.alertsChannel ? [catalog.security.alertsChannel] : await expand(catalog.security.reviewers);
      const sent = await post([...new Set([...(await expand(info.system.owners)), ...security])], buildGrantAlert(info, news));
      const step = ALERTS_WITH_BUTTONS.indexOf(news);
      if (step === -1) return;
      await Promise.all(sent.map(({ channel, posted }) => messages.record({ channel: posted.channel!, ts: posted.ts!, requestId: grant.requestId, kind: 'grant_alert', step, recipient: channel })));
    },

    async sendDigest(recipients, digest, date) {
      await post(recipients, buildDigestMessage(digest, { catalog, timezone: catalog.settings.timezone, date }));
    },
  };
}

/**
 * Every grant message, task card and alert about the grant, rendered again from its state:
 * buttons that no longer apply go, and each says how and when the access ended.
 */
export async function refreshGrantMessages(client: WebClient, catalog: Catalog, refs: MessageRef[], grant: Grant): Promise<void> {
  const info = infoOf(catalog, grant);
  const [granteeMessages, provisionTasks, removalTasks, alerts] = (['grant_message', 'provision_task', 'deprovision_task', 'grant_alert'] as const).map(
    (kind) => refs.filter((ref) => ref.kind === kind),
  );
  const update = (ref: { channel: string; ts: string }, message: SlackMessage) => updateMessage(client, ref, message);
  // An active grant's own messages still offer what they should; an extension's old ones don't.
  const granteeState = grant.status === 'active' ? [] : granteeMessages!.map((ref) => update(ref, buildGranteeState(info)));
  await Promise.all([
    ...granteeState,
    ...provisionTasks!.map((ref) => update(ref, buildGrantTask(info, 'provision'))),
    ...removalTasks!.map((ref) => update(ref, buildGrantTask(info, 'remove'))),
    ...alerts!.map((ref) => update(ref, buildGrantAlert(info, ALERTS_WITH_BUTTONS[ref.step ?? 0]!))),
  ]);
}
