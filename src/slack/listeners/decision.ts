/**
 * Approve, deny and clear-hold on approval cards. Clicks are acknowledged at once; a
 * refusal is told only to the clicker and changes nothing. An approval is recorded before
 * the acknowledgement and decided after it. Deny asks for a reason first.
 */
import type { App } from '@slack/bolt';
import { buildDenyModal } from '../../../blocks/deny-modal.js';
import { ACTION, BLOCK, CALLBACK } from '../../../blocks/ids.js';
import { asRequestId, asUserId } from '../../domain/types.js';
import { clearHold } from '../../operations/clear-hold.js';
import { recordApproval } from '../../operations/record-approval.js';
import { checkDecider, decideStep } from '../../operations/decide-step.js';
import { cardTarget, denyForm, denyTarget, viewPayload } from '../payloads.js';
import { button } from './button.js';
import type { ListenerContext } from './context.js';
import { MALFORMED, SORRY, explain, tellClicker } from './failures.js';

export function registerDecision(app: App, ctx: ListenerContext): void {
  for (const [action, suggested] of [[ACTION.approve, false], [ACTION.approveSuggested, true]] as const) {
    app.action(
      action,
      button(ctx, cardTarget, ({ actor, target }, answer) =>
        recordApproval(ctx.deps, { requestId: asRequestId(target.requestId), stepIndex: target.stepIndex, actor, suggested }, answer),
      ),
    );
  }

  app.action(
    ACTION.clearHold,
    button(ctx, cardTarget, ({ actor, target }) => clearHold(ctx.deps, asRequestId(target.requestId), actor)),
  );

  app.action(ACTION.deny, async ({ ack, body, client, respond }) => {
    await ack();
    const click = cardTarget(body);
    if (!click?.triggerId) return tellClicker({ body, client, respond }, MALFORMED, ctx.log);
    try {
      await checkDecider(ctx.deps, asRequestId(click.target.requestId), click.target.stepIndex, click.actor);
      await client.views.open({ trigger_id: click.triggerId, view: buildDenyModal(click.target) });
    } catch (error) {
      await tellClicker({ body, client, respond }, explain(error, ctx.log), ctx.log);
    }
  });

  app.view(CALLBACK.denyModal, async ({ ack, body }) => {
    const payload = viewPayload.safeParse(body);
    const target = payload.success ? denyTarget(payload.data.view.private_metadata) : undefined;
    if (!payload.success || !target) return void (await ack({ response_action: 'errors', errors: { [BLOCK.reason]: SORRY } }));
    try {
      const decided = await decideStep(ctx.deps, {
        requestId: asRequestId(target.requestId),
        stepIndex: target.stepIndex,
        actor: asUserId(payload.data.user.id),
        outcome: 'denied',
        reason: denyForm(payload.data.view.state.values),
        surface: 'modal',
      });
      await ack();
      await decided.announce();
    } catch (error) {
      await ack({ response_action: 'errors', errors: { [BLOCK.reason]: explain(error, ctx.log) } });
    }
  });
}
