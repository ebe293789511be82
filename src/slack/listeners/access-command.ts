/**
 * `/access` and its subcommands. Acknowledged at once; the modal or the reply follows. Text
 * holding a credential is refused before any subcommand reads it.
 */
import type { App, RespondFn } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { buildHelp, buildRequestList } from '../../../blocks/command-replies.js';
import { buildCommandWarning } from '../../../blocks/credential-warning.js';
import { buildRequestModal } from '../../../blocks/request-modal.js';
import { escapeText, textMessage } from '../../../blocks/text.js';
import { LIST_LIMITS } from '../../domain/home.js';
import { asUserId, formatRequestId, parseRequestId, type UserId } from '../../domain/types.js';
import { cancelRequest } from '../../operations/cancel-request.js';
import { exportAudit } from '../../operations/export-audit.js';
import { buildRequesterHome } from '../../operations/build-home.js';
import { refuseCredentialsInCommand } from '../../operations/refuse-credentials.js';
import { sendDigestTo } from '../../operations/send-digest.js';
import { requireColleague } from '../../operations/support.js';
import { commandPayload } from '../payloads.js';
import { uploadToDm } from '../upload-to-dm.js';
import type { ListenerContext } from './context.js';
import { explain } from './failures.js';
import { openPacketModal } from './packets.js';

export function registerAccessCommand(app: App, ctx: ListenerContext): void {
  app.command('/access', async ({ ack, body, client, respond }) => {
    await ack();
    await ctx.answers.allGiven();
    const command = commandPayload.safeParse(body);
    if (!command.success) return void (await respond(textMessage("Slack sent a command I couldn't read. Please try again.")));
    const { user_id, text, trigger_id } = command.data;
    try {
      await run(ctx, { user: asUserId(user_id), text: text.trim(), triggerId: trigger_id, client, respond });
    } catch (error) {
      await respond(textMessage(explain(error, ctx.log)));
    }
  });
}

interface Invocation {
  user: UserId;
  text: string;
  triggerId: string;
  client: WebClient;
  respond: RespondFn;
}

async function run(ctx: ListenerContext, call: Invocation): Promise<void> {
  const { deps } = ctx;
  // Scanned before anything else reads the text, so no reply can echo a credential back.
  const refusal = await refuseCredentialsInCommand(deps, call.user, call.text);
  if (refusal) {
    await call.respond(buildCommandWarning(refusal.exposures));
    return refusal.announce();
  }
  const [verb = '', ...rest] = call.text.split(/\s+/);
  await requireColleague(deps, call.user);
  switch (verb.toLowerCase()) {
    case 'help':
      return void (await call.respond(buildHelp()));
    case 'list':
      return void (await call.respond(buildRequestList(await buildRequesterHome(deps, call.user, LIST_LIMITS), deps.catalog)));
    case 'cancel':
      return cancel(ctx, call, rest.join(' '));
    case 'audit':
      return audit(ctx, call, rest);
    case 'project':
      return project(ctx, call);
    case 'digest':
      await sendDigestTo(deps, call.user);
      return void (await call.respond(textMessage(':envelope: The digest is in your DMs.')));
    default:
      return openModal(ctx, call, verb);
  }
}

async function cancel(ctx: ListenerContext, call: Invocation, idText: string): Promise<void> {
  const id = parseRequestId(idText);
  if (!id) return void (await call.respond(textMessage('Which request? For example: `/access cancel AR-1042`')));
  const cancelled = await cancelRequest(ctx.deps, id, call.user, 'slash_command');
  await call.respond(textMessage(`:wastebasket: ${formatRequestId(id)} is cancelled. Its approvers have been told.`));
  await cancelled.announce();
}

/** `/access audit [from] [to]`: the CSV goes to the reviewer's DM, never into the channel. */
async function audit(ctx: ListenerContext, call: Invocation, [from, to]: string[]): Promise<void> {
  const result = await exportAudit(ctx.deps, call.user, from, to);
  if ('problem' in result) return void (await call.respond(textMessage(escapeText(result.problem))));
  const range = `${from ?? 'the start'} to ${to ?? 'now'}`;
  await uploadToDm(call.client, call.user, {
    filename: 'latchkey-audit.csv', title: `Latchkey audit trail, ${range}`, content: result.csv,
    comment: `The audit trail from ${range}: ${result.events} events, each with its chain hash.`,
  });
  await call.respond(textMessage(`:ledger: The audit trail (${result.events} events) is in your DMs.`));
}

/** `/access project`: a coordinator's project packet. */
async function project(ctx: ListenerContext, call: Invocation): Promise<void> {
  const refusal = await openPacketModal(ctx, call.user, (view) => call.client.views.open({ trigger_id: call.triggerId, view }));
  if (refusal) await call.respond(textMessage(refusal));
}

/** `/access` alone opens the modal; `/access billing` opens it with Billing chosen. */
async function openModal(ctx: ListenerContext, call: Invocation, systemText: string): Promise<void> {
  const systems = ctx.deps.catalog.systems;
  const system = systems.find((candidate) => candidate.id === systemText.toLowerCase());
  if (systemText && !system) {
    const known = systems.map((candidate) => `\`${candidate.id}\``).join(', ');
    return void (await call.respond(textMessage(`I don't know “${escapeText(systemText)}”. Systems: ${known}. Or try \`/access help\`.`)));
  }
  await call.client.views.open({ trigger_id: call.triggerId, view: buildRequestModal({ systems, systemId: system?.id }) });
}
