/**
 * Adding people or access to a packet from its tracker: the button opens the modal (for the
 * packet's coordinator, while it is open), and the submission requests what was added.
 */
import type { App } from '@slack/bolt';
import { ADD_PROBLEM_BLOCK, additionProblemText, buildAddToPacketModal } from '../../../blocks/packet-add-modal.js';
import { PACKET_ACTION, PACKET_BLOCK, PACKET_CALLBACK } from '../../../blocks/packet-ids.js';
import type { AdditionProblem } from '../../domain/packets/add.js';
import { asUserId } from '../../domain/types.js';
import { addToPacket, checkAddToPacket, openForAdding, type AddedToPacket } from '../../operations/add-to-packet.js';
import { additionForm, packetClick, packetIdOf } from '../packet-payloads.js';
import { viewPayload } from '../payloads.js';
import type { ListenerContext } from './context.js';
import { MALFORMED, SORRY, explain, tellClicker } from './failures.js';

export function registerPacketAdditions(app: App, ctx: ListenerContext): void {
  const { deps } = ctx;
  app.action(PACKET_ACTION.add, async ({ ack, body, client, respond }) => {
    await ack();
    const click = packetClick(body);
    if (!click?.triggerId) return tellClicker({ body, client, respond }, MALFORMED, ctx.log);
    try {
      const packet = await openForAdding(deps, click.packetId, click.actor);
      await client.views.open({ trigger_id: click.triggerId, view: buildAddToPacketModal(packet, deps.catalog) });
    } catch (error) {
      await tellClicker({ body, client, respond }, explain(error, ctx.log), ctx.log);
    }
  });

  app.view(PACKET_CALLBACK.add, async ({ ack, body, client }) => {
    const payload = viewPayload.safeParse(body);
    const packetId = payload.success ? packetIdOf(payload.data.view.private_metadata) : undefined;
    if (!payload.success || !packetId) return void (await ack({ response_action: 'errors', errors: { [PACKET_BLOCK.addMembers]: SORRY } }));
    const actor = asUserId(payload.data.user.id);
    const addition = additionForm(payload.data.view.state.values);
    try {
      const problems = await checkAddToPacket(deps, packetId, actor, addition);
      if (problems.length > 0) return void (await ack({ response_action: 'errors', errors: errorsOf(problems) }));
    } catch (error) {
      return void (await ack({ response_action: 'errors', errors: { [PACKET_BLOCK.addMembers]: explain(error, ctx.log) } }));
    }
    // Drafting a request per item can take longer than Slack waits for a modal: as when the
    // packet was created, the form is checked, the modal closes, and the coordinator hears by DM.
    await ack();
    const tell = (text: string) => client.chat.postMessage({ channel: actor, text }).catch((error: unknown) => ctx.log.warn({ err: error }, 'could not tell the coordinator'));
    let added: AddedToPacket;
    try {
      added = await addToPacket(deps, packetId, actor, addition);
    } catch (error) {
      return void (await tell(`:warning: Nothing was added to the project packet: ${explain(error, ctx.log)}`));
    }
    if ('problems' in added) return void (await tell(`:warning: Nothing was added to the project packet: ${added.problems.map((problem) => additionProblemText(problem.code)).join(' ')}`));
    if (added.added === 0 && added.joined === 0) return void (await tell('Nothing new to request: every member already has that in the project packet.'));
    await added.announce().catch((error: unknown) => ctx.log.warn({ err: error }, 'effects will be carried out by the effect runner'));
  });
}

const errorsOf = (problems: AdditionProblem[]) => Object.fromEntries(problems.map((problem) => [ADD_PROBLEM_BLOCK[problem.field], additionProblemText(problem.code)]));
