/**
 * Sends and updates Latchkey's Slack messages. Every message about a request is recorded
 * (channel + ts), so that a change updates every copy, wherever it was sent.
 */
import type { WebClient } from '@slack/web-api';
import { buildApprovalCard } from '../../blocks/approval-card.js';
import type { RequestView } from '../../blocks/request-summary.js';
import { buildCoordinatorNotice, buildRequesterNews } from '../../blocks/requester-update.js';
import type { AccessRequest, Catalog, Grant } from '../domain/types.js';
import { textMessage, type SlackMessage } from '../../blocks/text.js';
import { errorText } from './error-text.js';
import type { Directory, Notifier, RequesterState } from '../operations/ports.js';
import { everyone } from '../operations/support.js';
import type { MessageKind, MessageRefs } from '../store/message-refs.js';
import { entriesOf } from './catalog-entries.js';
import { updateMessage } from './update-message.js';
import { createGrantNotifier, refreshGrantMessages } from './grant-notifier.js';
import { isNewsMessage, tellRequesterNews } from './requester-news.js';

/** Messages that show state and are rewritten when it changes; plain news is not. */
const REFRESHED: ReadonlySet<MessageKind> = new Set(['approval_card', 'requester_news', 'requester_draft', 'grant_message', 'provision_task', 'deprovision_task', 'grant_alert']);

export function createNotifier(client: WebClient, catalog: Catalog, messages: MessageRefs, directory: Directory): Notifier {
  const viewOf = (request: AccessRequest, grant?: Grant): RequestView => ({ request, ...entriesOf(catalog, request, grant), ...(grant ? { grant } : {}) });
  const update = (ref: { channel: string; ts: string }, message: SlackMessage) => updateMessage(client, ref, message);
  const newsView = ({ request, grant, typicalMinutes }: RequesterState): RequestView => ({
    ...viewOf(request, grant),
    ...(typicalMinutes === undefined ? {} : { typicalMinutes }),
  });
  /** Cards name the requester in their buttons' screen-reader labels; without the name, the id alone. */
  const named = async (view: RequestView): Promise<RequestView> => {
    const name = (await directory.person(view.request.requesterId).catch(() => undefined))?.name;
    return name ? { ...view, requesterName: name } : view;
  };


  return {
    ...createGrantNotifier(client, catalog, messages, directory),

    /** Posts the current step's cards to whoever has none yet, so a repeat sends no twins. */
    async sendApprovalCards(request) {
      const view = await named(viewOf(request));
      const step = request.steps[request.currentStep];
      if (!step) return;
      const card = buildApprovalCard(view, request.currentStep);
      const sent = new Set((await messages.list(request.id, 'approval_card')).filter((ref) => ref.step === request.currentStep).map((ref) => ref.recipient));
      // Delegates get their own copy by DM: they may not be in the approval channel.
      const approvers = step.kind === 'owner' && view.system.approvalChannel ? [view.system.approvalChannel] : step.approvers;
      const recipients = [...new Set([...approvers, ...(step.delegates ?? []).map((delegation) => delegation.delegate)])];
      await Promise.all(
        recipients.filter((recipient) => !sent.has(recipient)).map(async (recipient) => {
          const posted = await client.chat.postMessage({ channel: recipient, text: card.text, blocks: card.blocks, unfurl_links: false });
          await messages.record({ channel: posted.channel!, ts: posted.ts!, requestId: request.id, kind: 'approval_card', step: request.currentStep, recipient });
        }),
      );
    },

    async refreshMessages(requestId, load) {
      const refs = await messages.list(requestId);
      const state = refs.some((ref) => REFRESHED.has(ref.kind)) ? await load() : undefined;
      if (!state) return;
      const { request, grant } = state;
      const cardView = { ...viewOf(request, grant), ...(state.ownerCheck ? { ownerCheck: state.ownerCheck } : {}) };
      const view = refs.some((ref) => ref.kind === 'approval_card') ? await named(cardView) : cardView;
      const news = buildRequesterNews(newsView(state));
      await Promise.all([
        ...refs.filter((ref) => ref.kind === 'approval_card').map((ref) => update(ref, buildApprovalCard(view, ref.step ?? 0))),
        ...refs.filter(isNewsMessage).map((ref) => update(ref, news)),
        ...(grant ? [refreshGrantMessages(client, catalog, refs, grant)] : []),
      ]);
    },

    async tellRefused(userId, what, refusal) {
      const lead = what === 'approval' ? 'Your approval did not go through' : 'Your request was not submitted';
      const why = refusal ? errorText(refusal) : 'something went wrong on our side. Please try again.';
      await client.chat.postMessage({ channel: userId, ...textMessage(`${lead}: ${why}`) });
    },

    tellRequester: (state, news, key) => tellRequesterNews(client, messages, newsView(state), news, key),

    async tellCoordinators(request) {
      const message = buildCoordinatorNotice(viewOf(request));
      const coordinators = await everyone(directory, catalog.coordinators);
      await Promise.all(coordinators.map((channel) => client.chat.postMessage({ channel, ...message })));
    },
  };
}
