/**
 * Messages about time: reminders and escalations of waiting steps, and what the grantee,
 * the owners and security hear about access as it starts, nears its end and ends.
 */
import { formatDuration } from '../src/domain/duration.js';
import type { Grant, Role } from '../src/domain/types.js';
import type { GrantSystem } from '../src/operations/ports.js';
import { formatRequestId } from '../src/domain/types.js';
import type { AlertNews } from '../src/domain/effects.js';
import type { GranteeNews } from '../src/domain/news.js';
import { confirmDialog, endedBecause, grantStateLine } from './grant-state.js';
import { ACTION } from './ids.js';
import { describeAsk, type RequestView } from './request-summary.js';
import { escapeText, mention, plain, slackDate, textMessage, type SlackMessage } from './text.js';

/** A grant with the catalog entries it names. */
export interface GrantInfo {
  grant: Grant;
  system: GrantSystem;
  role: Role;
}

export function buildReminder(view: RequestView, waitedMinutes: number): SlackMessage {
  return message(`:alarm_clock: Reminder: *${formatRequestId(view.request.id)}* (${mention(view.request.requesterId)}: ${describeAsk(view)}) has waited ${formatDuration(waitedMinutes)} for your decision. The card is above.`);
}

export function buildEscalation(view: RequestView, waitedMinutes: number): SlackMessage {
  const approvers = view.request.steps[view.request.currentStep]?.approvers.map(mention).join(', ') || 'nobody';
  return message(`:rotating_light: *${formatRequestId(view.request.id)}* (${mention(view.request.requesterId)}: ${describeAsk(view)}) has waited ${formatDuration(waitedMinutes)} on ${approvers}. Please chase it or decide.`);
}

export function buildGranteeNews(info: GrantInfo, news: GranteeNews): SlackMessage {
  const what = `*${escapeText(info.role.name)}* on *${escapeText(info.system.name)}*`;
  const id = formatRequestId(info.grant.requestId);
  switch (news) {
    case 'granted':
      return message(`:key: Your ${what} (${id}) is ready and active until ${slackDate(info.grant.expiresAt)}. It ends by itself then.`, releaseButton(info.grant));
    case 'ending_soon':
      return message(`:hourglass: Your ${what} (${id}) ends ${slackDate(info.grant.expiresAt)}. Need more time? Ask for an extension; done already? Release it.`, [
        button(ACTION.requestExtension, 'Request an extension', info.grant, 'primary'),
        ...releaseButton(info.grant),
      ]);
    case 'ended':
      return message(`:lock: Your ${what} (${id}) has ended: ${endedBecause(info.grant)}.`);
  }
}

/** A grant message whose buttons no longer apply, rewritten to say how the grant stands. */
export function buildGranteeState(info: GrantInfo): SlackMessage {
  const what = `*${escapeText(info.role.name)}* on *${escapeText(info.system.name)}*`;
  return message(`Your ${what} (${formatRequestId(info.grant.requestId)}): ${grantStateLine(info.grant)}`);
}

export function buildGrantAlert(info: GrantInfo, news: AlertNews): SlackMessage {
  const { grant } = info;
  const who = `${mention(grant.userId)}'s *${escapeText(info.role.name)}* on *${escapeText(info.system.name)}* (${formatRequestId(grant.requestId)})`;
  switch (news) {
    case 'leaver':
      return message(`:wave: ${mention(grant.userId)} was deactivated in Slack: ${who} is being removed, and their open requests were withdrawn.`);
    case 'extension_failed': {
      const text = `:warning: ${who} was extended until ${slackDate(grant.expiresAt)}, but the system could not be told. Retry, or move the end there by hand.`;
      return grant.status === 'active' ? message(text, [button(ACTION.retryGrant, 'Retry', grant, 'primary')]) : message(`${text}\n${grantStateLine(grant)}`);
    }
    case 'no_revoker':
      return message(`:warning: ${who} must be removed by hand: its revoker can no longer be used. Security has the removal task.`);
    case 'provisioning_failed':
    case 'revocation_failed': {
      const failing = news === 'provisioning_failed';
      const text = `:warning: ${who} could not be ${failing ? 'set up' : 'removed'} after ${grant.attempts} attempts. Retry, or ${failing ? 'set it up' : 'remove it'} by hand and confirm.`;
      const stillFailed = grant.status === news;
      return stillFailed
        ? message(text, [button(ACTION.retryGrant, 'Retry', grant, 'primary'), button(failing ? ACTION.provisioned : ACTION.deprovisioned, failing ? 'Done, granted' : 'Done, removed', grant)])
        : message(`${text}\n${grantStateLine(grant)}`);
    }
  }
}

function releaseButton(grant: Grant) {
  const confirm = confirmDialog('Release this access?', 'It is removed now; you would have to ask again.', 'Release');
  return [{ ...button(ACTION.releaseGrant, 'Release now', grant), confirm }];
}

function button(actionId: string, text: string, grant: Grant, style?: 'primary') {
  return { type: 'button' as const, action_id: actionId, text: plain(text), value: String(grant.requestId), ...(style ? { style } : {}) };
}

type Button = ReturnType<typeof button> & { confirm?: ReturnType<typeof confirmDialog> };

function message(text: string, buttons: Button[] = []): SlackMessage {
  return buttons.length ? textMessage(text, { type: 'actions', elements: buttons }) : textMessage(text);
}
