/**
 * Sends and updates Latchkey's Slack messages. Every message about a request is recorded
 * (channel + ts), so that a decision updates every copy of its card, wherever it was sent.
 */
import type { WebClient } from '@slack/web-api';
import { buildApprovalCard } from '../../blocks/approval-card.js';
import type { RequestView } from '../../blocks/request-summary.js';
import { buildCoordinatorNotice, buildRequesterUpdate } from '../../blocks/requester-update.js';
import type { AccessRequest, Catalog } from '../domain/types.js';
import { resolveRole } from '../domain/validate-request.js';
import type { Directory, Notifier } from '../operations/ports.js';
import { everyone } from '../operations/support.js';
import type { MessageRefs } from '../store/message-refs.js';
import { createGrantNotifier } from './grant-notifier.js';

export function createNotifier(client: WebClient, catalog: Catalog, messages: MessageRefs, directory: Directory): Notifier {
  const viewOf = (request: AccessRequest): RequestView => ({ request, ...resolveRole(catalog, request.systemId, request.roleId) });

  return {
    ...createGrantNotifier(client, catalog, messages, directory),

    async sendApprovalCards(request) {
      const view = viewOf(request);
      const step = request.steps[request.currentStep];
      if (!step) return;
      const card = buildApprovalCard(view, request.currentStep);
      const channels = step.kind === 'owner' && view.system.approvalChannel ? [view.system.approvalChannel] : step.approvers;
      await Promise.all(
        channels.map(async (channel) => {
          const posted = await client.chat.postMessage({ channel, text: card.text, blocks: card.blocks, unfurl_links: false });
          await messages.record({ channel: posted.channel!, ts: posted.ts!, requestId: request.id, kind: 'approval_card', step: request.currentStep });
        }),
      );
    },

    async refreshApprovalCards(request) {
      const view = viewOf(request);
      const cards = await messages.list(request.id, 'approval_card');
      await Promise.all(
        cards.map((ref) => {
          const card = buildApprovalCard(view, ref.step ?? 0);
          return client.chat.update({ channel: ref.channel, ts: ref.ts, text: card.text, blocks: card.blocks });
        }),
      );
    },

    async tellRequester(request, news) {
      const message = buildRequesterUpdate(viewOf(request), news);
      const posted = await client.chat.postMessage({ channel: request.requesterId, text: message.text, blocks: message.blocks });
      const kind = news === 'submitted' ? 'requester_draft' : 'requester_update';
      await messages.record({ channel: posted.channel!, ts: posted.ts!, requestId: request.id, kind });
    },

    async refreshRequesterDraft(request) {
      const message = buildRequesterUpdate(viewOf(request), 'submitted');
      const refs = await messages.list(request.id, 'requester_draft');
      await Promise.all(refs.map((ref) => client.chat.update({ channel: ref.channel, ts: ref.ts, text: message.text, blocks: message.blocks })));
    },

    async tellCoordinators(request) {
      const message = buildCoordinatorNotice(viewOf(request));
      const coordinators = await everyone(directory, catalog.coordinators);
      await Promise.all(coordinators.map((channel) => client.chat.postMessage({ channel, ...message })));
    },
  };
}
