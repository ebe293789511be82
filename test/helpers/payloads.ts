/**
 * Slack payloads in the shapes Slack sends them: a slash command form, and interaction
 * payloads (block_actions, view_submission) as `payload=<json>`.
 */
import { ACTION, BLOCK, CALLBACK, cardValue } from '../../blocks/ids.js';
import { BOT_USER, TEAM } from './fake-slack.js';

let triggers = 0;
const trigger = () => `${++triggers}.1111.abcdef`;
export const RESPONSE_URL = 'https://hooks.slack.com/actions/T0LATCH/1/abc';

export function slashCommand(user: string, text = ''): Record<string, string> {
  return {
    token: 'legacy-verification-token',
    team_id: TEAM,
    team_domain: 'latchkey-test',
    channel_id: 'C0GENERAL',
    channel_name: 'general',
    user_id: user,
    user_name: user.toLowerCase(),
    command: '/access',
    text,
    api_app_id: 'A0LATCHKEY',
    is_enterprise_install: 'false',
    response_url: 'https://hooks.slack.com/commands/T0LATCH/1/xyz',
    trigger_id: trigger(),
  };
}

/** A click on an approval card button. */
export function cardClick(user: string, actionId: string, requestId: number, stepIndex = 0) {
  const value = cardValue({ requestId, stepIndex });
  return {
    type: 'block_actions',
    user: { id: user, username: user.toLowerCase(), team_id: TEAM },
    api_app_id: 'A0LATCHKEY',
    team: { id: TEAM, domain: 'latchkey-test' },
    container: { type: 'message', message_ts: '1700000000.000100', channel_id: 'D0CARD', is_ephemeral: false },
    trigger_id: trigger(),
    channel: { id: 'D0CARD', name: 'directmessage' },
    message: { type: 'message', ts: '1700000000.000100', text: 'card' },
    response_url: RESPONSE_URL,
    actions: [{ type: 'button', action_id: actionId, block_id: `decide:${value}`, value, action_ts: '1700000001.000200' }],
  };
}

/** A choice in one of the request modal's selects. */
export function modalSelect(user: string, actionId: string, value: string, metadata: object = {}) {
  return {
    type: 'block_actions',
    user: { id: user, team_id: TEAM },
    team: { id: TEAM },
    trigger_id: trigger(),
    container: { type: 'view', view_id: 'V0MODAL' },
    view: { id: 'V0MODAL', hash: 'h1', type: 'modal', callback_id: CALLBACK.requestModal, private_metadata: JSON.stringify(metadata), state: { values: {} } },
    actions: [{ type: 'static_select', action_id: actionId, block_id: 'b', selected_option: { text: { type: 'plain_text', text: value }, value } }],
  };
}

export interface RequestFields {
  system: string;
  role: string;
  minutes: number;
  purpose: string;
  neededBy?: string;
  project?: string;
}

/** The request modal submitted with these fields. */
export function requestSubmission(user: string, fields: RequestFields) {
  const option = (value: string) => ({ type: 'static_select', selected_option: { text: { type: 'plain_text', text: value }, value } });
  const values = {
    [BLOCK.system]: { [ACTION.system]: option(fields.system) },
    [BLOCK.role(fields.system)]: { [ACTION.role]: option(fields.role) },
    [BLOCK.duration(fields.system, fields.role)]: { [ACTION.duration]: option(String(fields.minutes)) },
    [BLOCK.purpose]: { [ACTION.purpose]: { type: 'plain_text_input', value: fields.purpose } },
    [BLOCK.neededBy]: { [ACTION.neededBy]: { type: 'datepicker', selected_date: fields.neededBy ?? null } },
    [BLOCK.projectTag]: { [ACTION.projectTag]: { type: 'plain_text_input', value: fields.project ?? null } },
  };
  return viewSubmission(user, CALLBACK.requestModal, values, { systemId: fields.system, roleId: fields.role });
}

export function denySubmission(user: string, requestId: number, reason: string, stepIndex = 0) {
  const values = { [BLOCK.reason]: { [ACTION.reason]: { type: 'plain_text_input', value: reason } } };
  return viewSubmission(user, CALLBACK.denyModal, values, { requestId, stepIndex });
}

function viewSubmission(user: string, callbackId: string, values: object, metadata: object) {
  return {
    type: 'view_submission',
    team: { id: TEAM, domain: 'latchkey-test' },
    user: { id: user, username: user.toLowerCase(), team_id: TEAM },
    api_app_id: 'A0LATCHKEY',
    trigger_id: trigger(),
    view: {
      id: 'V0MODAL',
      team_id: TEAM,
      type: 'modal',
      callback_id: callbackId,
      private_metadata: JSON.stringify(metadata),
      hash: 'h1',
      state: { values },
      app_installed_team_id: TEAM,
    },
    response_urls: [],
  };
}

let events = 0;

/** An Events API envelope around a `message` event (add subtype, thread_ts, files… as needed). */
export function messageEvent(event: Record<string, unknown>, eventId = `Ev0${++events}`) {
  return {
    token: 'legacy-verification-token',
    team_id: TEAM,
    api_app_id: 'A0LATCHKEY',
    type: 'event_callback',
    event_id: eventId,
    event_time: 1_700_000_000,
    authorizations: [{ enterprise_id: null, team_id: TEAM, user_id: BOT_USER, is_bot: true, is_enterprise_install: false }],
    is_ext_shared_channel: false,
    event: { type: 'message', channel: 'C0GENERAL', channel_type: 'channel', team: TEAM, event_ts: '1700000100.000100', ts: '1700000100.000100', ...event },
  };
}

/** An Events API envelope around `app_home_opened`: the person opened Latchkey's Home (or Messages) tab. */
export function appHomeOpened(user: string, tab: 'home' | 'messages' = 'home', eventId = `Ev0${++events}`) {
  return {
    ...messageEvent({}, eventId),
    event: { type: 'app_home_opened', user, channel: 'D0HOME', tab, event_ts: '1700000100.000100' },
  };
}

/** A click on a button of a published Home (no response_url: a Home has none). */
export function homeClick(user: string, actionId: string, value: string) {
  return {
    type: 'block_actions',
    user: { id: user, username: user.toLowerCase(), team_id: TEAM },
    api_app_id: 'A0LATCHKEY',
    team: { id: TEAM, domain: 'latchkey-test' },
    container: { type: 'view', view_id: 'V0HOME' },
    trigger_id: trigger(),
    view: { id: 'V0HOME', type: 'home', hash: 'h1', callback_id: '', private_metadata: '', state: { values: {} } },
    actions: [{ type: 'button', action_id: actionId, block_id: 'home', value, action_ts: '1700000001.000200' }],
  };
}
