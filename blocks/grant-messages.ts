/**
 * Messages about time: reminders and escalations of waiting steps, and what the grantee,
 * the owners and security hear about access as it starts, nears its end and ends.
 */
import { formatDuration } from '../src/domain/duration.js';
import type { Grant, Role, System } from '../src/domain/types.js';
import { formatRequestId } from '../src/domain/types.js';
import type { GranteeNews } from '../src/operations/ports.js';
import { ACTION } from './ids.js';
import { describeAsk, type RequestView } from './request-summary.js';
import { escapeText, mention, plain, slackDate, textMessage, type SlackMessage } from './text.js';

/** A grant with the catalog entries it names. */
export interface GrantInfo {
  grant: Grant;
  system: System;
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
      return message(`:key: Your ${what} (${id}) is active until ${slackDate(info.grant.expiresAt)}. It ends by itself then.`, releaseButton(info.grant));
    case 'ending_soon':
      return message(`:hourglass: Your ${what} (${id}) ends ${slackDate(info.grant.expiresAt)}. Need more time? Ask for an extension; done already? Release it.`, [
        button(ACTION.requestExtension, 'Request an extension', info.grant, 'primary'),
        ...releaseButton(info.grant),
      ]);
    case 'ended':
      return message(`:lock: Your ${what} (${id}) has ended${info.grant.revokeReason === 'released' ? ' as you asked' : ''}.`);
  }
}

export function buildGrantAlert(info: GrantInfo, news: 'revocation_failed' | 'leaver'): SlackMessage {
  const who = `${mention(info.grant.userId)}'s *${escapeText(info.role.name)}* on *${escapeText(info.system.name)}* (${formatRequestId(info.grant.requestId)})`;
  return news === 'leaver'
    ? message(`:wave: ${mention(info.grant.userId)} was deactivated in Slack: ${who} is being revoked, and their open requests were withdrawn.`)
    : message(`:warning: ${who} could not be removed after ${info.grant.attempts} attempts. Remove it by hand, then confirm on the deprovisioning task.`);
}

function releaseButton(grant: Grant) {
  return [button(ACTION.releaseGrant, 'Release now', grant)];
}

function button(actionId: string, text: string, grant: Grant, style?: 'primary') {
  return { type: 'button' as const, action_id: actionId, text: plain(text), value: String(grant.requestId), ...(style ? { style } : {}) };
}

function message(text: string, buttons: ReturnType<typeof button>[] = []): SlackMessage {
  return buttons.length ? textMessage(text, { type: 'actions', elements: buttons }) : textMessage(text);
}
