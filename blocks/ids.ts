/**
 * Every callback, block and action id Latchkey puts on a Slack surface. Builders and
 * listeners both import them from here, so a rename can't break one side silently.
 */
export const CALLBACK = {
  requestModal: 'access_request',
  denyModal: 'deny_reason',
  /** The global shortcut "Request access" (manifest.yml `features.shortcuts`). */
  requestShortcut: 'request_access',
} as const;

export const ACTION = {
  system: 'system_select',
  role: 'role_select',
  duration: 'duration_select',
  purpose: 'purpose_input',
  neededBy: 'needed_by_date',
  projectTag: 'project_tag_input',
  approve: 'approve_step',
  deny: 'deny_step',
  clearHold: 'clear_hold',
  approveSuggested: 'approve_suggested',
  switchSuggestion: 'switch_to_suggestion',
  keepRequest: 'keep_my_request',
  releaseGrant: 'release_now',
  revokeGrant: 'revoke_grant',
  requestExtension: 'request_extension',
  deprovisioned: 'deprovisioned',
  provisioned: 'provisioned',
  retryGrant: 'retry_grant',
  reason: 'deny_reason_input',
  /** The Home's own buttons (its other buttons reuse the cards' ids above). */
  newRequest: 'home_new_request',
  cancelRequest: 'cancel_request',
  nudge: 'nudge_approvers',
  routeAgain: 'route_again',
  /** The Home's "Away?" area: whom to delegate to, until when, and Save or Clear. */
  delegateTo: 'delegate_to',
  delegateUntil: 'delegate_until',
  saveDelegation: 'save_delegation',
  clearDelegation: 'clear_delegation',
} as const;

/**
 * Input block ids. Role and duration blocks carry the system (and role) in their id, so
 * Slack drops a stale selection when the system changes instead of keeping it.
 */
export const BLOCK = {
  system: 'system',
  role: (systemId: string) => `role:${systemId}`,
  duration: (systemId: string, roleId: string) => `duration:${systemId}:${roleId}`,
  purpose: 'purpose',
  neededBy: 'needed_by',
  projectTag: 'project_tag',
  reason: 'reason',
  delegateTo: 'home:away:to',
  delegateUntil: 'home:away:until',
} as const;

/** What an approve or deny button carries: which request, and which step the card is for. */
export interface CardTarget {
  requestId: number;
  stepIndex: number;
}

export const cardValue = (target: CardTarget): string => `${target.requestId}:${target.stepIndex}`;

export function parseCardValue(value: string): CardTarget | undefined {
  const match = /^(\d{1,9}):(\d{1,2})$/.exec(value);
  return match ? { requestId: Number(match[1]), stepIndex: Number(match[2]) } : undefined;
}
