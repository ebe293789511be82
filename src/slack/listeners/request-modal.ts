/**
 * The request modal: re-rendering as a system and role are chosen, and the submission.
 * A submission is acknowledged only after it passed every check and was recorded, so a
 * refusal can be shown on its field and nothing typed is lost; the request is stored right
 * after the acknowledgement.
 */
import type { App } from '@slack/bolt';
import { ACTION, BLOCK, CALLBACK } from '../../../blocks/ids.js';
import { buildRequestModal } from '../../../blocks/request-modal.js';
import { isDomainError, type ErrorDetails } from '../../domain/errors.js';
import { recordSubmission } from '../../operations/record-submission.js';
import type { Recorded } from '../../operations/waiting-clicks.js';
import { ackThenAnnounce } from './ack-then-announce.js';
import { modalMetadata, pickedOption, requestForm, viewPayload } from '../payloads.js';
import type { ListenerContext } from './context.js';
import { SORRY, explain } from './failures.js';

type Values = Record<string, Record<string, unknown>>;

export function registerRequestModal(app: App, ctx: ListenerContext): void {
  const systems = ctx.deps.catalog.systems;

  app.action(ACTION.system, async ({ ack, body, client }) => {
    await ack();
    const view = viewPayload.safeParse(body);
    if (!view.success) return;
    const { extendsRequestId } = modalMetadata(view.data.view.private_metadata);
    const modal = buildRequestModal({ systems, systemId: pickedOption(body), ...keepLink(extendsRequestId) });
    await client.views.update({ view_id: view.data.view.id, hash: view.data.view.hash, view: modal });
  });

  app.action(ACTION.role, async ({ ack, body, client }) => {
    await ack();
    const view = viewPayload.safeParse(body);
    if (!view.success) return;
    const { systemId, extendsRequestId } = modalMetadata(view.data.view.private_metadata);
    const modal = buildRequestModal({ systems, systemId, roleId: pickedOption(body), ...keepLink(extendsRequestId) });
    await client.views.update({ view_id: view.data.view.id, hash: view.data.view.hash, view: modal });
  });

  app.view(CALLBACK.requestModal, async ({ ack, body }) => {
    const payload = viewPayload.safeParse(body);
    if (!payload.success) return void (await ack({ response_action: 'errors', errors: { [BLOCK.purpose]: SORRY } }));
    const { user, view } = payload.data;
    const input = requestForm(user.id, view.state.values, modalMetadata(view.private_metadata));
    let submitted: Recorded;
    try {
      submitted = await recordSubmission(ctx.deps, input);
    } catch (error) {
      const field = isDomainError(error) ? error.details.field : undefined;
      return void (await ack({ response_action: 'errors', errors: { [errorBlock(field, view.state.values)]: explain(error, ctx.log) } }));
    }
    await ackThenAnnounce(() => ack(), submitted, ctx);
  });
}

/** A re-render keeps the extension link; the purpose the person typed is kept by Slack. */
function keepLink(requestId: number | undefined) {
  return requestId ? { extending: { requestId, purpose: '' } } : {};
}

/** The input block a field's error belongs under, as the modal currently shows it. */
function errorBlock(field: ErrorDetails['field'], values: Values): string {
  const shown = (prefix: string) => Object.keys(values).find((id) => id.startsWith(prefix));
  switch (field) {
    case 'role':
      return shown('role:') ?? BLOCK.system;
    case 'duration':
      return shown('duration:') ?? shown('role:') ?? BLOCK.system;
    case 'neededBy':
      return BLOCK.neededBy;
    case 'projectTag':
      return BLOCK.projectTag;
    case 'system':
      return BLOCK.system;
    default:
      return BLOCK.purpose;
  }
}
