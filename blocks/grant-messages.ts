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
import { escapeText, listPeople, mention, plain, slackDate, textMessage, type SlackMessage } from './text.js';

/** A grant with the catalog entries it names. */
export interface GrantInfo {
  grant: Grant;
  system: GrantSystem;
  role: Role;
}

/**
 * Where a reminder or escalation goes, and so how it points at the card: a reply in the
 * card's thread (the card is the message just above), or a DM carrying a link to the card.
 */
export type CardPlace = { inThread: true } | { inThread?: false; cardLink?: string };

export function buildReminder(view: RequestView, waitedMinutes: number, place: CardPlace & { approvers?: readonly string[] } = {}): SlackMessage {
  const id = formatRequestId(view.request.id);
  const asked = `*${id}* (${mention(view.request.requesterId)}: ${describeAsk(view)}) has waited ${formatDuration(waitedMinutes)}`;
  if (place.inThread) {
    const who = place.approvers?.length ? `${listPeople(place.approvers)}: ` : '';
    return message(`:alarm_clock: Reminder: ${who}${asked} for a decision. Approve or deny on the card this thread belongs to.`);
  }
  return message(`:alarm_clock: Reminder: ${asked} for your decision. ${cardPointer(place.cardLink, 'Its card is earlier in this conversation.')}`);
}

export function buildEscalation(view: RequestView, waitedMinutes: number, cardLink?: string): SlackMessage {
  const approvers = view.request.steps[view.request.currentStep]?.approvers.map(mention).join(', ') || 'nobody';
  const link = cardLink ? ` ${cardPointer(cardLink, '')}` : '';
  return message(`:rotating_light: *${formatRequestId(view.request.id)}* (${mention(view.request.requesterId)}: ${describeAsk(view)}) has waited ${formatDuration(waitedMinutes)} on ${approvers}. Please chase it or decide.${link}`);
}

/** The note left in a channel card's thread when the step is escalated. */
export function buildEscalationNote(view: RequestView, waitedMinutes: number): SlackMessage {
  return message(`:rotating_light: *${formatRequestId(view.request.id)}* has waited ${formatDuration(waitedMinutes)} for a decision, so security and the coordinators have been told.`);
}

/** A link to the card when Slack gave one; otherwise where to find it. */
function cardPointer(cardLink: string | undefined, otherwise: string): string {
  return cardLink ? `<${cardLink}|Open the card>` : otherwise;
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
