/** The `/access project` modal as Slack submits it, and clicks on packet buttons. */
import { PACKET_ACTION, PACKET_BLOCK, PACKET_CALLBACK } from '../../blocks/packet-ids.js';
import { BOT_USER, TEAM } from './fake-slack.js';
import { RESPONSE_URL } from './payloads.js';

export interface PacketFields {
  name: string;
  template: string;
  members: string[];
  start: string;
  end?: string;
  clientOwned?: boolean;
  /** The tracker's channel. */
  channel?: string;
}

let n = 0;

export function packetSubmission(user: string, fields: PacketFields) {
  const values = {
    [PACKET_BLOCK.name]: { [PACKET_ACTION.name]: { type: 'plain_text_input', value: fields.name } },
    [PACKET_BLOCK.template]: { [PACKET_ACTION.template]: { type: 'static_select', selected_option: { text: { type: 'plain_text', text: fields.template }, value: fields.template } } },
    [PACKET_BLOCK.members]: { [PACKET_ACTION.members]: { type: 'multi_users_select', selected_users: fields.members } },
    [PACKET_BLOCK.plannedStart]: { [PACKET_ACTION.plannedStart]: { type: 'datepicker', selected_date: fields.start } },
    [PACKET_BLOCK.projectEnd]: { [PACKET_ACTION.projectEnd]: { type: 'datepicker', selected_date: fields.end ?? null } },
    [PACKET_BLOCK.clientOwned]: {
      [PACKET_ACTION.clientOwned]: { type: 'checkboxes', selected_options: fields.clientOwned ? [{ text: { type: 'plain_text', text: 'yes' }, value: 'yes' }] : [] },
    },
    [PACKET_BLOCK.trackerChannel]: { [PACKET_ACTION.trackerChannel]: { type: 'conversations_select', selected_conversation: fields.channel ?? null } },
  };
  return {
    type: 'view_submission',
    team: { id: TEAM, domain: 'latchkey-test' },
    user: { id: user, username: user.toLowerCase(), team_id: TEAM },
    api_app_id: 'A0LATCHKEY',
    trigger_id: `${++n}.2222.packet`,
    view: { id: 'V0PACKET', team_id: TEAM, type: 'modal', callback_id: PACKET_CALLBACK.modal, private_metadata: '', hash: 'h1', state: { values }, app_installed_team_id: TEAM, bot_id: BOT_USER },
    response_urls: [],
  };
}

/** A click on a packet button in a DM (Decline, It works, Close): its value is a request or packet id. */
export function packetClick(user: string, actionId: string, value: number) {
  return {
    type: 'block_actions',
    user: { id: user, username: user.toLowerCase(), team_id: TEAM },
    api_app_id: 'A0LATCHKEY',
    team: { id: TEAM, domain: 'latchkey-test' },
    container: { type: 'message', message_ts: '1700000000.000300', channel_id: 'D0PACKET', is_ephemeral: false },
    trigger_id: `${++n}.3333.packet`,
    channel: { id: 'D0PACKET', name: 'directmessage' },
    message: { type: 'message', ts: '1700000000.000300', text: 'packet' },
    response_url: RESPONSE_URL,
    actions: [{ type: 'button', action_id: actionId, block_id: 'packet', value: String(value), action_ts: '1700000001.000300' }],
  };
}

export interface AdditionFields {
  members?: string[];
  /** `system/role`. */
  access?: string;
  minutes?: number;
}

/** The tracker's Add people or access modal as Slack submits it; fields left out are empty. */
export function additionSubmission(user: string, packetId: number, fields: AdditionFields) {
  const option = (value: string | undefined) => ({ type: 'static_select', selected_option: value === undefined ? null : { text: { type: 'plain_text', text: value }, value } });
  const values = {
    [PACKET_BLOCK.addMembers]: { [PACKET_ACTION.addMembers]: { type: 'multi_users_select', selected_users: fields.members ?? [] } },
    [PACKET_BLOCK.addAccess]: { [PACKET_ACTION.addAccess]: option(fields.access) },
    [PACKET_BLOCK.addDuration]: { [PACKET_ACTION.addDuration]: option(fields.minutes === undefined ? undefined : String(fields.minutes)) },
  };
  const submission = packetSubmission(user, { name: '', template: '', members: [], start: '' });
  return { ...submission, view: { ...submission.view, callback_id: PACKET_CALLBACK.add, private_metadata: String(packetId), state: { values } } };
}
