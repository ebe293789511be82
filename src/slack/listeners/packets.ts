/**
 * Project packets from Slack: the `/access project` modal's submission, a member's Decline,
 * the grantee's It works, and the coordinator's Close on the tracker.
 */
import type { App } from '@slack/bolt';
import { PACKET_ACTION, PACKET_CALLBACK } from '../../../blocks/packet-ids.js';
import { buildPacketModal, PROBLEM_BLOCK, problemText } from '../../../blocks/packet-modal.js';
import { escapeText } from '../../../blocks/text.js';
import type { PacketProblem } from '../../domain/packets/plan.js';
import type { UserId } from '../../domain/types.js';
import { closePacket } from '../../operations/close-packet.js';
import { checkPacket, createPacket, type CreatedPacket } from '../../operations/create-packet.js';
import { declinePacketItem } from '../../operations/decline-packet-item.js';
import { requireCoordinator } from '../../operations/nudge-approvers.js';
import { verifyGrant } from '../../operations/verify-grant.js';
import { packetClick, packetForm, homeButtonClick } from '../packet-payloads.js';
import { requestClick, viewPayload } from '../payloads.js';
import { button } from './button.js';
import type { ListenerContext } from './context.js';
import { SORRY, explain } from './failures.js';

export function registerPackets(app: App, ctx: ListenerContext): void {
  const { deps } = ctx;
  app.view(PACKET_CALLBACK.modal, async ({ ack, body }) => {
    const payload = viewPayload.safeParse(body);
    if (!payload.success) return void (await ack({ response_action: 'errors', errors: { [PROBLEM_BLOCK.name]: SORRY } }));
    const { user, view } = payload.data;
    const input = packetForm(user.id, view.state.values);
    try {
      const problems = await checkPacket(deps, input);
      if (problems.length > 0) return void (await ack({ response_action: 'errors', errors: errorsOf(problems) }));
    } catch (error) {
      return void (await ack({ response_action: 'errors', errors: { [PROBLEM_BLOCK.name]: explain(error, ctx.log) } }));
    }
    // Dozens of requests take longer than Slack waits for a modal: the form is checked, the
    // modal closes, and the coordinator hears by DM if the packet could not be made after all.
    await ack();
    const notCreated = (why: string) => app.client.chat.postMessage({ channel: user.id, text: `:warning: The project packet “${escapeText(input.name)}” was not created: ${why}` });
    let created: CreatedPacket;
    try {
      created = await createPacket(deps, input);
    } catch (error) {
      return void (await notCreated(explain(error, ctx.log)));
    }
    // The form passed its checks a moment ago; only a change in between (a member left) lands here.
    if ('problems' in created) return void (await notCreated(created.problems.map((problem) => problemText(problem.code)).join(' ')));
    await created.announce().catch((error: unknown) => ctx.log.warn({ err: error }, 'effects will be carried out by the effect runner'));
  });
  app.action(PACKET_ACTION.decline, button(ctx, requestClick, ({ id, actor }) => declinePacketItem(deps, id, actor)));
  app.action(PACKET_ACTION.itWorks, button(ctx, requestClick, ({ id, actor }) => verifyGrant(deps, id, actor)));
  app.action(PACKET_ACTION.close, button(ctx, packetClick, ({ packetId, actor }) => closePacket(deps, packetId, actor)));
  app.action(PACKET_ACTION.newPacket, async ({ ack, body, client }) => {
    await ack();
    const click = homeButtonClick(body);
    if (!click) return;
    await openPacketModal(ctx, click.actor, (view) => client.views.open({ trigger_id: click.triggerId, view })).catch((error: unknown) => explain(error, ctx.log));
  });
}

const errorsOf = (problems: PacketProblem[]) => Object.fromEntries(problems.map((problem) => [PROBLEM_BLOCK[problem.field], problemText(problem.code)]));

/** `/access project`: the modal, for coordinators only. */
export async function openPacketModal(ctx: ListenerContext, user: UserId, open: (view: ReturnType<typeof buildPacketModal>) => Promise<unknown>): Promise<string | undefined> {
  await requireCoordinator(ctx.deps, user);
  if (ctx.deps.catalog.packets.length === 0) return 'The catalog has no project templates yet: add them under `packets:` in catalog.yml.';
  await open(buildPacketModal(ctx.deps.catalog.packets));
  return undefined;
}
