/** What the requester hears about their request, from submission to outcome; and what coordinators hear of a stuck one. */
import type { KnownBlock } from '@slack/types';
import { formatDuration } from '../src/domain/duration.js';
import { hasNarrowerSuggestion, lastDecision } from '../src/domain/lifecycle.js';
import type { BlockReason, Step } from '../src/domain/types.js';
import { formatRequestId } from '../src/domain/types.js';
import type { RequesterNews } from '../src/operations/ports.js';
import { howYouGetIt } from './collection.js';
import { ACTION } from './ids.js';
import { context, describeAsk, draftBlocks, flagBlocks, summaryFields, type RequestView } from './request-summary.js';
import { LIMIT, escapeText, listPeople, mention, truncate, type SlackMessage } from './text.js';

const WHO: Record<Step['kind'], string> = { owner: 'as owners of the system', security: 'as security reviewers' };

const BLOCKED: Record<BlockReason, string> = {
  unsafe_credential: 'a password or key was posted in its thread. An approver will clear the hold once it is deleted and rotated.',
  no_eligible_approver: "nobody other than you can approve it. Ask the system's owners to add another approver to the catalog.",
  no_reachable_owner: "none of the system's owners can be reached. The coordinators have been told.",
};

export function buildRequesterUpdate(view: RequestView, news: RequesterNews): SlackMessage {
  const headline = truncate(headlineFor(view, news), LIMIT.text);
  const details = news === 'submitted' ? submittedDetails(view) : [];
  return {
    text: truncate(headline, LIMIT.fallbackText),
    blocks: [{ type: 'section', text: { type: 'mrkdwn', text: headline } }, ...details],
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

function headlineFor(view: RequestView, news: RequesterNews): string {
  const { request } = view;
  const id = `*${formatRequestId(request.id)}*`;
  const decision = lastDecision(request);
  const step = request.steps[request.currentStep];
  switch (news) {
    case 'submitted':
      return `:inbox_tray: Your request ${id} for ${describeAsk(view)} is in. ${deciders(step)}`;
    case 'step_approved':
      return `:white_check_mark: ${mention(decision?.by ?? '')} approved ${id}. ${deciders(step)}`;
    case 'approved':
      return `:tada: ${id} is approved: ${describeAsk(view)}. ${view.system.revoker.type === 'manual' ? "The system's owners are setting it up" : 'It is being set up'}; you'll hear here when it is ready.`;
    case 'denied':
      return `:x: ${mention(decision?.by ?? '')} denied ${id}: “${escapeText(decision?.reason ?? '')}”`;
    case 'cancelled':
      return `:wastebasket: ${id} is cancelled. Nothing was granted.`;
    case 'blocked':
      return `${request.blockReason === 'unsafe_credential' ? ':lock:' : ':no_entry:'} ${id} is ${request.blockReason === 'unsafe_credential' ? 'on hold' : 'blocked'}: ${BLOCKED[request.blockReason ?? 'no_eligible_approver']}`;
  }
}

function deciders(step: Step | undefined): string {
  if (!step?.approvers.length) return '';
  return `${listPeople(step.approvers)} will decide, ${WHO[step.kind]}.`;
}

/** The confirmation's body: the facts, the draft with its choice, how access will arrive. */
function submittedDetails(view: RequestView): KnownBlock[] {
  const { request, system, role } = view;
  const more = request.steps.length > 1 ? ' It needs every step of its approval chain, one after another.' : '';
  return [
    summaryFields(view),
    ...suggestion(view),
    ...flagBlocks(request),
    context(howYouGetIt(request.draft.collection, system, role)),
    context(`You'll hear here when it's decided.${more} Changed your mind? \`/access cancel ${formatRequestId(request.id)}\``),
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
