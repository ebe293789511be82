/**
 * The task card an owner gets when access must be removed by hand: who, from what, and
 * why, with a button to confirm it is done. The same builder renders the confirmed state,
 * so updating every copy of the task is just rendering it again.
 */
import type { KnownBlock } from '@slack/types';
import type { GrantView } from '../src/operations/ports.js';
import { formatRequestId, type Grant, type RevokeReason } from '../src/domain/types.js';
import { ACTION } from './ids.js';
import { LIMIT, escapeText, mention, slackDate, truncate, type SlackMessage } from './text.js';


export type DeprovisionState = 'open' | { doneBy: string; at: Date };

const WHY: Record<RevokeReason, (grant: Grant) => string> = {
  expired: (grant) => `The access expired ${slackDate(grant.expiresAt)}.`,
  released: (grant) => `Released early by ${mention(grant.userId)}, the grantee.`,
  revoked_by_owner: (grant) => `Revoked by an owner${grant.revokedBy ? `, ${mention(grant.revokedBy)}` : ''}.`,
  leaver: (grant) => `${mention(grant.userId)} left the organisation.`,
  extended: () => 'An approved extension replaced it.',
};

export function buildDeprovisionTask(view: GrantView, state: DeprovisionState): SlackMessage {
  const { grant, system, role } = view;
  const what = `${escapeText(system.name)} · ${escapeText(role.name)}`;
  const headline = `Remove ${mention(grant.userId)} from ${what}`;
  const details = [
    `:broom: *${headline}*${role.privileged ? ' :rotating_light: privileged' : ''}`,
    // An expiry has no recorded reason on older grants; it is the only one without a person.
    WHY[grant.revokeReason ?? 'expired'](grant),
    ...(view.email ? [`Their account: ${escapeText(view.email)}`] : []),
  ];
  const blocks: KnownBlock[] = [
    { type: 'section', text: { type: 'mrkdwn', text: truncate(details.join('\n'), LIMIT.text) } },
    context(`${formatRequestId(grant.requestId)} · granted ${slackDate(grant.grantedAt)} · until ${slackDate(grant.expiresAt)}`),
    state === 'open' ? doneButton(grant) : context(`:white_check_mark: Removed, confirmed by ${mention(state.doneBy)} ${slackDate(state.at)}`),
  ];
  const status = state === 'open' ? '' : ' (done)';
  return { text: truncate(`${formatRequestId(grant.requestId)}: ${headline}${status}`, LIMIT.fallbackText), blocks };
}

function context(text: string): KnownBlock {
  return { type: 'context', elements: [{ type: 'mrkdwn', text: truncate(text, LIMIT.text) }] };
}

function doneButton(grant: Grant): KnownBlock {
  const value = String(grant.requestId);
  return {
    type: 'actions',
    block_id: `deprovision:${value}`,
    elements: [
      {
        type: 'button',
        action_id: ACTION.deprovisioned,
        style: 'primary',
        text: { type: 'plain_text', text: 'Done, removed' },
        value,
      },
    ],
  };
}
