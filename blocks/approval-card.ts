/**
 * The approval card: what an approver needs to decide one step, and, once it is decided,
 * who decided what and when. The same builder renders every state, so updating every
 * copy of a card is just rendering it again.
 */
import type { KnownBlock } from '@slack/types';
import type { AccessRequest, BlockReason, Step } from '../src/domain/types.js';
import { formatRequestId } from '../src/domain/types.js';
import { hasNarrowerSuggestion } from '../src/domain/lifecycle.js';
import { handoverLine } from './collection.js';
import { confirmDialog, grantStateLine, mayBeRevoked } from './grant-state.js';
import { delegatedLine } from './home-delegation.js';
import { PACKET_ACTION } from './packet-ids.js';
import { ACTION, cardValue } from './ids.js';
import { context, describeAsk, draftBlocks, flagBlocks, headerBlock, purposeBlock, summaryFields, typedTextBlock, type RequestView } from './request-summary.js';
import { LIMIT, listPeople, mention, slackDate, truncate, type SlackMessage } from './text.js';

const STEP_NAME: Record<Step['kind'], string> = { owner: 'Owner approval', security: 'Security review' };

const BLOCKED: Record<BlockReason, string> = {
  unsafe_credential: ':lock: On hold: a password or key was posted in this thread. Make sure it is deleted and rotated, then clear the hold.',
  no_eligible_approver: 'Blocked: nobody eligible can approve this step.',
  no_reachable_owner: 'Blocked: none of the owners in the catalog can be reached.',
};

/** Renders the card sent for step `stepIndex` of the request, in the request's current state. */
export function buildApprovalCard(view: RequestView, stepIndex: number): SlackMessage {
  const { request } = view;
  const step = request.steps[stepIndex];
  const blocks: KnownBlock[] = [
    headerBlock(request, view.role.privileged ? ':rotating_light: Privileged access request' : 'Access request'),
    summaryFields(view),
    purposeBlock(request),
    ...draftBlocks(view),
    ...flagBlocks(request),
    context(handoverLine(request.draft.collection, view.system, view.role)),
    context(chainLine(request, stepIndex)),
    ...(step?.requesterExcluded
      ? [context(`${mention(request.requesterId)} is an approver here too, but nobody approves their own request.`)]
      : []),
    ...decisionBlocks(request),
    ...(isOpen(request, stepIndex) ? [context(`Can decide: ${listPeople(step?.approvers ?? [])}`), ...delegationBlocks(step), buttons(view, stepIndex)] : [context(statusLine(request))]),
    ...(isHeld(request, stepIndex) ? [clearHoldButton(view, stepIndex)] : []),
    ...(view.grant ? [context(grantStateLine(view.grant))] : []),
    ...(mayBeRevoked(view.grant) ? [revokeButton(view)] : []),
    // Only the owners' card: security reviewers did not set the access up and may not confirm it.
    ...(step?.kind === 'owner' ? ownerCheckBlocks(view) : []),
  ];
  const text = truncate(`${formatRequestId(request.id)}: ${mention(request.requesterId)} asks for ${describeAsk(view)}`, LIMIT.fallbackText);
  return { text, blocks };
}

/** Delegates who were sent this step's card too, and for whom they stand in. */
function delegationBlocks(step: Step | undefined): KnownBlock[] {
  return step?.delegates?.length ? [context(step.delegates.map(delegatedLine).join('\n'))] : [];
}

function isOpen(request: AccessRequest, stepIndex: number): boolean {
  return request.status === 'pending' && request.currentStep === stepIndex;
}

/** Held for a posted credential: the current step's approvers may release it. */
function isHeld(request: AccessRequest, stepIndex: number): boolean {
  return request.status === 'blocked' && request.blockReason === 'unsafe_credential' && request.currentStep === stepIndex;
}

function chainLine(request: AccessRequest, stepIndex: number): string {
  const chain = request.steps.map((step) => STEP_NAME[step.kind]).join(' → ');
  return `Step ${stepIndex + 1} of ${request.steps.length}: ${STEP_NAME[request.steps[stepIndex]?.kind ?? 'owner']} · ${chain}`;
}

/** Each decision on one line; a reason, typed by the approver, quoted below it as literal text. */
function decisionBlocks(request: AccessRequest): KnownBlock[] {
  return request.steps.flatMap((step) => {
    const decision = step.decision;
    if (!decision) return [];
    const verb = decision.outcome === 'approved' ? ':white_check_mark: Approved' : ':x: Denied';
    const line = context(`${verb} by ${mention(decision.by)} (${STEP_NAME[step.kind]}) ${slackDate(decision.at)}${decision.reason ? ':' : ''}`);
    return decision.reason ? [line, typedTextBlock(decision.reason)] : [line];
  });
}

function statusLine(request: AccessRequest): string {
  switch (request.status) {
    case 'pending': {
      const waiting = request.steps[request.currentStep];
      return `Waiting for ${STEP_NAME[waiting?.kind ?? 'owner'].toLowerCase()}${waiting?.approvers.length ? ` from ${listPeople(waiting.approvers)}` : ''}.`;
    }
    case 'approved':
      return 'Fully approved.';
    case 'denied':
      return 'Denied. Nothing was granted.';
    case 'cancelled':
      return `Cancelled by ${mention(request.requesterId)}.`;
    case 'blocked':
      return BLOCKED[request.blockReason ?? 'no_eligible_approver'];
  }
}

/**
 * What a screen reader says for a button (Slack allows 75 characters): the action, the
 * request and, when known, the requester's name; never a raw `<@U…>` mention.
 */
function label(action: string, view: RequestView): string {
  const who = view.requesterName ? ` for ${view.requesterName}` : '';
  return truncate(`${action} ${formatRequestId(view.request.id)}${who}`, LIMIT.buttonText);
}

/** Owners and security may end live access early, after confirming. */
function revokeButton(view: RequestView): KnownBlock {
  const { request } = view;
  const confirm = confirmDialog('Revoke access?', `${mention(request.requesterId)} loses this access now.`, 'Revoke');
  return {
    type: 'actions',
    block_id: `revoke:${request.id}`,
    elements: [
      { type: 'button', action_id: ACTION.revokeGrant, style: 'danger', text: { type: 'plain_text', text: 'Revoke access' }, value: String(request.id), confirm, accessibility_label: label('Revoke', view) },
    ],
  };
}

/**
 * A packet item's access is in place: the owners may confirm it works for the grantee (the
 * same It works the grantee has), or, for a client's system, that the client granted it.
 */
function ownerCheckBlocks(view: RequestView): KnownBlock[] {
  if (!view.ownerCheck) return [];
  const { request } = view;
  const [note, text] = view.ownerCheck.clientOwned
    ? [`:briefcase: Project access on a client's system: it counts as ready once an owner confirms the client granted it.`, 'Client granted']
    : [`:white_check_mark: Project access: it counts as ready once ${mention(request.requesterId)} says it works, or an owner confirms it.`, 'Mark verified'];
  return [
    context(note),
    {
      type: 'actions',
      block_id: `verify:${request.id}`,
      elements: [
        { type: 'button', action_id: PACKET_ACTION.itWorks, style: 'primary', text: { type: 'plain_text', text }, value: String(request.id), accessibility_label: label(text, view) },
      ],
    },
  ];
}

function clearHoldButton(view: RequestView, stepIndex: number): KnownBlock {
  const value = cardValue({ requestId: view.request.id, stepIndex });
  return {
    type: 'actions',
    block_id: `hold:${value}`,
    elements: [{ type: 'button', action_id: ACTION.clearHold, text: { type: 'plain_text', text: 'Clear hold' }, value, accessibility_label: label('Clear the hold on', view) }],
  };
}

function buttons(view: RequestView, stepIndex: number): KnownBlock {
  const { request } = view;
  const value = cardValue({ requestId: request.id, stepIndex });
  return {
    type: 'actions',
    block_id: `decide:${value}`,
    elements: [
      { type: 'button', action_id: ACTION.approve, style: 'primary', text: { type: 'plain_text', text: 'Approve' }, value, accessibility_label: label('Approve', view) },
      ...(hasNarrowerSuggestion(request)
        ? [{ type: 'button' as const, action_id: ACTION.approveSuggested, text: { type: 'plain_text' as const, text: 'Approve suggested' }, value, accessibility_label: label('Approve suggested', view) }]
        : []),
      { type: 'button', action_id: ACTION.deny, style: 'danger', text: { type: 'plain_text', text: 'Deny…' }, value, accessibility_label: label('Deny', view) },
    ],
  };
}
