/**
 * What the requester hears about their request: one message that shows where it stands, and
 * a short reply in its thread for each step; and what coordinators hear of a stuck one.
 */
import type { KnownBlock } from '@slack/types';
import { formatDuration } from '../src/domain/duration.js';
import { hasNarrowerSuggestion, lastDecision } from '../src/domain/lifecycle.js';
import type { RequesterNewsStep } from '../src/domain/news.js';
import { usuallyDecided } from '../src/domain/typical-wait.js';
import type { AccessRequest, BlockReason, Step } from '../src/domain/types.js';
import { formatRequestId } from '../src/domain/types.js';
import { endedBecause, grantStateLine } from './grant-state.js';
import { howYouGetIt } from './collection.js';
import { ACTION } from './ids.js';
import { context, describeAsk, draftBlocks, flagBlocks, summaryFields, typedTextBlock, type RequestView } from './request-summary.js';
import { LIMIT, escapeText, listPeople, mention, slackDate, textMessage, truncate, type SlackMessage } from './text.js';

const WHO: Record<Step['kind'], string> = { owner: 'as owners of the system', security: 'as security reviewers' };

const BLOCKED: Record<BlockReason, string> = {
  unsafe_credential: 'a password or key was posted in its thread. An approver will clear the hold once it is deleted and rotated.',
  no_eligible_approver: "nobody other than you can approve it. Ask the system's owners to add another approver to the catalog.",
  no_reachable_owner: "none of the system's owners can be reached. The coordinators have been told.",
};

/**
 * The requester's one message about a request, as it stands now: its status first, then
 * the facts, the draft with its choice while undecided, and how access will arrive.
 */
export function buildRequesterNews(view: RequestView): SlackMessage {
  const status = withReason(statusLine(view), view.request);
  return { text: status.text, blocks: [...status.blocks, ...details(view)] };
}

/** One step of the request's story, as a short reply in the news message's thread. */
export function buildNewsReply(view: RequestView, step: RequesterNewsStep): SlackMessage {
  const line = replyLine(view, step);
  return step === 'denied' ? withReason(line, view.request) : textMessage(line);
}

/**
 * A line, and for a denial the approver's reason: quoted in the notification text, and in
 * the blocks as typed text that cannot restyle the message or notify anyone.
 */
function withReason(line: string, request: AccessRequest): SlackMessage {
  const reason = request.status === 'denied' ? (lastDecision(request)?.reason ?? '') : undefined;
  if (reason === undefined) return textMessage(line);
  const safe = truncate(`${line}:`, LIMIT.text);
  return {
    text: truncate(`${line}: “${escapeText(reason)}”`, LIMIT.fallbackText),
    blocks: [{ type: 'section', text: { type: 'mrkdwn', text: safe } }, typedTextBlock(reason)],
  };
}

export function buildCoordinatorNotice(view: RequestView): SlackMessage {
  const { request } = view;
  const text = truncate(
    `:no_entry: *${formatRequestId(request.id)}* (${mention(request.requesterId)}: ${describeAsk(view)}) is blocked: ${BLOCKED[request.blockReason ?? 'no_eligible_approver']}`,
    LIMIT.text,
  );
  return { text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }] };
}

function statusLine(view: RequestView): string {
  const { request, grant } = view;
  const id = `*${formatRequestId(request.id)}*`;
  const decision = lastDecision(request);
  switch (request.status) {
    case 'pending': {
      const where = request.currentStep === 0 ? 'is in.' : `is at step ${request.currentStep + 1} of ${request.steps.length}.`;
      const usually = view.typicalMinutes === undefined ? '' : usuallyDecided(view.typicalMinutes);
      return [`:inbox_tray: Your request ${id} for ${describeAsk(view)} ${where}`, deciders(request.steps[request.currentStep]), usually].filter(Boolean).join(' ');
    }
    case 'approved':
      return !grant || grant.status === 'provisioning'
        ? `:tada: ${id} is approved: ${describeAsk(view)}. ${settingUp(view)}; you'll hear here when it is ready.`
        : `${id} ${describeAsk(view)}: ${grantStateLine(grant)}`;
    case 'denied':
      return `:x: ${mention(decision?.by ?? '')} denied ${id}`;
    case 'cancelled':
      return `:wastebasket: ${id} is cancelled. Nothing was granted.`;
    case 'blocked':
      return `${blockedIcon(request)} ${id} is ${request.blockReason === 'unsafe_credential' ? 'on hold' : 'blocked'}: ${BLOCKED[request.blockReason ?? 'no_eligible_approver']}`;
  }
}

function replyLine(view: RequestView, step: RequesterNewsStep): string {
  const { request, grant } = view;
  const decision = lastDecision(request);
  const current = request.steps[request.currentStep];
  switch (step) {
    case 'submitted':
      return `:inbox_tray: On its way again. ${deciders(current)}`;
    case 'step_approved':
      return `:white_check_mark: ${approvedBy(request)}. ${deciders(current)}`;
    case 'approved':
      return `:white_check_mark: ${approvedBy(request)}. ${settingUp(view)}.`;
    case 'denied':
      return `:x: Denied by ${mention(decision?.by ?? '')}`;
    case 'cancelled':
      return ':wastebasket: Cancelled. Nothing was granted.';
    case 'blocked':
      return `${blockedIcon(request)} ${request.blockReason === 'unsafe_credential' ? 'On hold' : 'Blocked'}: ${BLOCKED[request.blockReason ?? 'no_eligible_approver']}`;
    case 'access_ready':
      return `:key: Access ready${grant ? `, until ${slackDate(grant.expiresAt)}` : ''}.`;
    case 'access_ended':
      return `:lock: Access ended${grant ? `: ${endedBecause(grant)}` : ''}.`;
  }
}

/** "Approved by @A (step 1 of 2)": the last decision, and where it stands in a longer chain. */
function approvedBy(request: AccessRequest): string {
  const decided = request.steps.filter((step) => step.decision).length;
  const where = request.steps.length > 1 ? ` (step ${decided} of ${request.steps.length})` : '';
  return `Approved by ${mention(lastDecision(request)?.by ?? '')}${where}`;
}

const settingUp = (view: RequestView): string => (view.system.revoker.type === 'manual' ? "The system's owners are setting it up" : 'It is being set up');

const blockedIcon = (request: AccessRequest): string => (request.blockReason === 'unsafe_credential' ? ':lock:' : ':no_entry:');

function deciders(step: Step | undefined): string {
  if (!step?.approvers.length) return '';
  return `${listPeople(step.approvers)} will decide, ${WHO[step.kind]}.`;
}

/** The message's body: the facts, the draft with its choice, how access will arrive. */
function details(view: RequestView): KnownBlock[] {
  const { request, system, role } = view;
  const open = request.status === 'pending' || request.status === 'blocked';
  const more = request.steps.length > 1 ? ' It needs every step of its approval chain, one after another.' : '';
  return [
    summaryFields(view),
    ...suggestion(view),
    ...flagBlocks(request),
    context(howYouGetIt(request.draft.collection, system, role)),
    ...(open ? [context(`Each step is told in this message's thread, and this message shows where it stands.${more} Changed your mind? \`/access cancel ${formatRequestId(request.id)}\``)] : []),
  ];
}

function suggestion(view: RequestView): KnownBlock[] {
  const { request, system } = view;
  const { draft } = request;
  if (draft.choice === 'kept') return [...draftBlocks(view), context('You kept your request as asked.')];
  if (!hasNarrowerSuggestion(request)) return draftBlocks(view);
  const suggested = system.roles.find((role) => role.id === draft.roleId)!;
  const why = draft.rationale ?? draft.reasons[0] ?? '';
  const text = `You asked for ${escapeText(view.role.name)} for ${formatDuration(request.durationMinutes)}. Suggested: *${escapeText(suggested.name)}* for ${formatDuration(draft.durationMinutes)}${why ? ` — ${escapeText(why)}` : ''}`;
  const undecided = request.status === 'pending' && !request.steps.some((step) => step.decision);
  const value = String(request.id);
  return [
    { type: 'section', text: { type: 'mrkdwn', text: truncate(`:bulb: ${text}`, LIMIT.text) } },
    ...(undecided
      ? [
          {
            type: 'actions' as const,
            block_id: `suggestion:${value}`,
            elements: [
              { type: 'button' as const, action_id: ACTION.switchSuggestion, style: 'primary' as const, text: { type: 'plain_text' as const, text: 'Switch to suggestion' }, value },
              { type: 'button' as const, action_id: ACTION.keepRequest, text: { type: 'plain_text' as const, text: 'Keep my request' }, value },
            ],
          },
        ]
      : []),
  ];
}
