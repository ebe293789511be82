/**
 * The task cards a manual system's owners get: set the access up after approval, or remove
 * it at the end, with a button to confirm it is done. The card is rendered from the grant's
 * state, so updating every copy of a task is just rendering it again.
 */
import type { KnownBlock } from '@slack/types';
import type { GrantView } from '../src/operations/ports.js';
import { formatRequestId, type Grant } from '../src/domain/types.js';
import { safeWay } from './collection.js';
import { endedBecause, grantStateLine } from './grant-state.js';
import { ACTION } from './ids.js';
import { LIMIT, escapeText, mention, slackDate, truncate, type SlackMessage } from './text.js';

export type TaskKind = 'provision' | 'remove';

export function buildGrantTask(view: GrantView, task: TaskKind): SlackMessage {
  const { grant, system, role } = view;
  const what = `${escapeText(system.name)} · ${escapeText(role.name)}`;
  const headline = task === 'provision' ? `Give ${mention(grant.userId)} ${what}` : `Remove ${mention(grant.userId)} from ${what}`;
  const details = [
    `${task === 'provision' ? ':hammer_and_wrench:' : ':broom:'} *${headline}*${role.privileged ? ' :rotating_light: privileged' : ''}`,
    task === 'provision'
      ? `Approved until ${slackDate(grant.expiresAt)}. How: ${safeWay(grant.collection)}.`
      : `${endedBecause(grant).replace(/^./, (first) => first.toUpperCase())}.`,
    ...(view.email ? [`Their account: ${escapeText(view.email)}`] : []),
  ];
  const open = isOpen(grant, task);
  const blocks: KnownBlock[] = [
    { type: 'section', text: { type: 'mrkdwn', text: truncate(details.join('\n'), LIMIT.text) } },
    context(`${formatRequestId(grant.requestId)} · approved ${slackDate(grant.grantedAt)} · until ${slackDate(grant.expiresAt)}`),
    open ? doneButton(grant, task) : context(closedLine(grant, task)),
  ];
  return { text: truncate(`${formatRequestId(grant.requestId)}: ${headline}${open ? '' : ' (closed)'}`, LIMIT.fallbackText), blocks };
}

function isOpen(grant: Grant, task: TaskKind): boolean {
  return task === 'provision'
    ? grant.status === 'provisioning' || grant.status === 'provisioning_failed'
    : grant.status === 'ending' || grant.status === 'revocation_failed';
}

function closedLine(grant: Grant, task: TaskKind): string {
  if (task === 'remove') return `:white_check_mark: Removed, confirmed ${slackDate(grant.endedAt ?? grant.expiresAt)}`;
  return `Closed. ${grantStateLine(grant)}`;
}

function context(text: string): KnownBlock {
  return { type: 'context', elements: [{ type: 'mrkdwn', text: truncate(text, LIMIT.text) }] };
}

function doneButton(grant: Grant, task: TaskKind): KnownBlock {
  const value = String(grant.requestId);
  return {
    type: 'actions',
    block_id: `${task}:${value}`,
    elements: [
      {
        type: 'button',
        action_id: task === 'provision' ? ACTION.provisioned : ACTION.deprovisioned,
        style: 'primary',
        text: { type: 'plain_text', text: task === 'provision' ? 'Done, granted' : 'Done, removed' },
        value,
      },
    ],
  };
}
