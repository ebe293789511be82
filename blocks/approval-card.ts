/**
 * The approval card: what an approver needs to decide one step, and, once it is decided,
 * who decided what and when. The same builder renders every state, so updating every
 * copy of a card is just rendering it again.
 */
import type { KnownBlock } from '@slack/types';
import type { AccessRequest, BlockReason, Step } from '../src/domain/types.js';
import { formatRequestId } from '../src/domain/types.js';
import { hasNarrowerSuggestion } from '../src/domain/lifecycle.js';
import { confirmDialog, grantStateLine, mayBeRevoked } from './grant-state.js';
import { ACTION, cardValue } from './ids.js';
import { context, describeAsk, draftBlocks, flagBlocks, headerBlock, purposeBlock, summaryFields, type RequestView } from './request-summary.js';
import { LIMIT, escapeText, listPeople, mention, slackDate, truncate, type SlackMessage } from './text.js';

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
    context(chainLine(request, stepIndex)),
    ...(step?.requesterExcluded
      ? [context(`${mention(request.requesterId)} is an approver here too, but nobody approves their own request.`)]
      : []),
    ...decisionLines(request).map(context),
    ...(isOpen(request, stepIndex) ? [context(`Can decide: ${listPeople(step?.approvers ?? [])}`), buttons(request, stepIndex)] : [context(statusLine(request))]),
    ...(isHeld(request, stepIndex) ? [clearHoldButton(request, stepIndex)] : []),
    ...(view.grant ? [context(grantStateLine(view.grant))] : []),
    ...(mayBeRevoked(view.grant) ? [revokeButton(request)] : []),
  ];
  const text = truncate(`${formatRequestId(request.id)}: ${mention(request.requesterId)} asks for ${describeAsk(view)}`, LIMIT.fallbackText);
  return { text, blocks };
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

function decisionLines(request: AccessRequest): string[] {
  return request.steps.flatMap((step) => {
    const decision = step.decision;
    if (!decision) return [];
    const verb = decision.outcome === 'approved' ? ':white_check_mark: Approved' : ':x: Denied';
    const reason = decision.reason ? `: “${escapeText(decision.reason)}”` : '';
    return [`${verb} by ${mention(decision.by)} (${STEP_NAME[step.kind]}) ${slackDate(decision.at)}${reason}`];
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

/** Owners and security may end live access early, after confirming. */
function revokeButton(request: AccessRequest): KnownBlock {
  const confirm = confirmDialog('Revoke access?', `${mention(request.requesterId)} loses this access now.`, 'Revoke');
  return {
    type: 'actions',
    block_id: `revoke:${request.id}`,
    elements: [{ type: 'button', action_id: ACTION.revokeGrant, style: 'danger', text: { type: 'plain_text', text: 'Revoke access' }, value: String(request.id), confirm }],
  };
}

function clearHoldButton(request: AccessRequest, stepIndex: number): KnownBlock {
  const value = cardValue({ requestId: request.id, stepIndex });
  return {
    type: 'actions',
    block_id: `hold:${value}`,
    elements: [{ type: 'button', action_id: ACTION.clearHold, text: { type: 'plain_text', text: 'Clear hold' }, value }],
  };
}

function buttons(request: AccessRequest, stepIndex: number): KnownBlock {
  const value = cardValue({ requestId: request.id, stepIndex });
  return {
    type: 'actions',
    block_id: `decide:${value}`,
    elements: [
      { type: 'button', action_id: ACTION.approve, style: 'primary', text: { type: 'plain_text', text: 'Approve' }, value },
      ...(hasNarrowerSuggestion(request)
        ? [{ type: 'button' as const, action_id: ACTION.approveSuggested, text: { type: 'plain_text' as const, text: 'Approve suggested' }, value }]
        : []),
      { type: 'button', action_id: ACTION.deny, style: 'danger', text: { type: 'plain_text', text: 'Deny…' }, value },
    ],
  };
}
