/** How a grant stands, in words, for every card and message that shows it. */
import type { EndReason, Grant } from '../src/domain/types.js';
import { mention, slackDate } from './text.js';

const ENDED_BECAUSE: Record<EndReason, (grant: Grant) => string> = {
  expired: () => 'it expired',
  released: (grant) => `released by ${mention(grant.userId)}`,
  revoked: (grant) => `revoked${grant.endedBy ? ` by ${mention(grant.endedBy)}` : ''}`,
  leaver: (grant) => `${mention(grant.userId)} left the organisation`,
  extended: () => 'an approved extension took over',
};

export const endedBecause = (grant: Grant): string => ENDED_BECAUSE[grant.endReason ?? 'expired'](grant);

export function grantStateLine(grant: Grant): string {
  switch (grant.status) {
    case 'provisioning':
      return ':construction: Access is being set up.';
    case 'active':
      return `:key: Access active until ${slackDate(grant.expiresAt)}.`;
    case 'ending':
      return `:hourglass: Access is being removed: ${endedBecause(grant)}.`;
    case 'ended':
      return `:lock: Access ended ${slackDate(grant.endedAt ?? grant.expiresAt)}: ${endedBecause(grant)}.`;
    case 'provisioning_failed':
      return ':warning: Access could not be set up; security and the owners were alerted.';
    case 'revocation_failed':
      return ':warning: Access could not be removed; security and the owners were alerted.';
  }
}

/** Whether an owner or a security reviewer can still end it early from a card. */
export const mayBeRevoked = (grant: Grant | undefined): grant is Grant =>
  grant?.status === 'active' || grant?.status === 'provisioning' || grant?.status === 'provisioning_failed';

/** A Slack confirm dialog for a button that cannot be undone. */
export function confirmDialog(title: string, text: string, confirm: string) {
  return {
    title: { type: 'plain_text' as const, text: title },
    text: { type: 'mrkdwn' as const, text },
    confirm: { type: 'plain_text' as const, text: confirm },
    deny: { type: 'plain_text' as const, text: 'Cancel' },
    style: 'danger' as const,
  };
}
