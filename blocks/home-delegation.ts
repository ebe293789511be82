/**
 * Approvers away: the Home's "Away?" area (a colleague and a last day, then Save; or, while
 * a delegation holds, what it is and Clear), and the words cards and DMs use for one.
 */
import type { KnownBlock } from '@slack/types';
import type { HomeData } from '../src/domain/home.js';
import type { Delegation } from '../src/domain/types.js';
import { actions, button, section } from './home-parts.js';
import { ACTION, BLOCK } from './ids.js';
import { mention, plain, slackDate, textMessage, type SlackMessage } from './text.js';

/** The delegation's end, in each reader's own time zone, as the last day it covers. */
function untilText(until: Date): string {
  // `until` is the first moment of the day after: a minute earlier names the day picked.
  return slackDate(new Date(until.getTime() - 60_000));
}

/** The area under "Waiting on you"; nothing for people the catalog makes no approver. */
export function awayBlocks(away: HomeData['away']): KnownBlock[] {
  if (!away) return [];
  const { delegation } = away;
  if (delegation) {
    const clear = button(ACTION.clearDelegation, 'Clear', 'clear', { label: 'Clear your delegation' });
    return [section('home:away', `:palm_tree: Delegating your approvals to ${mention(delegation.delegate)} until ${untilText(delegation.until)}.`, clear)];
  }
  // Input blocks: picking a person or a date sends nothing; Save sends both in the view's state.
  return [
    {
      type: 'input',
      block_id: BLOCK.delegateTo,
      label: plain('Away? Delegate your approvals to'),
      hint: plain('Until then, new approval cards and reminders for your steps go to them too.'),
      element: { type: 'users_select', action_id: ACTION.delegateTo, placeholder: plain('Pick a colleague') },
    },
    {
      type: 'input',
      block_id: BLOCK.delegateUntil,
      label: plain('Until the end of'),
      element: { type: 'datepicker', action_id: ACTION.delegateUntil, placeholder: plain('Pick a day') },
    },
    actions('home:away:save', [button(ACTION.saveDelegation, 'Save', 'save', { style: 'primary', label: 'Delegate your approvals' })]),
  ];
}

/** The line a card shows for each delegation its step was routed under. */
export function delegatedLine(delegation: Delegation): string {
  return `:palm_tree: Delegated by ${mention(delegation.approver)} until ${untilText(delegation.until)}: ${mention(delegation.delegate)} may decide too.`;
}

/** Tells the delegate they stand in for the approver now, or no longer. */
export function buildDelegateNotice(delegation: Delegation, news: 'set' | 'cleared'): SlackMessage {
  const who = mention(delegation.approver);
  return textMessage(
    news === 'set'
      ? `:palm_tree: ${who} is away and has delegated their approvals to you until ${untilText(delegation.until)}. Their new approval cards and reminders come to you too.`
      : `${who} is back: their approvals are no longer delegated to you.`,
  );
}
