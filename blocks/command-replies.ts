/** Replies to `/access help` and `/access list`, shown only to the person who asked. */
import { formatDuration } from '../src/domain/duration.js';
import { accessStatus, type AccessStatus, type RequestWithGrant } from '../src/domain/access-status.js';
import type { Catalog } from '../src/domain/types.js';
import { formatRequestId } from '../src/domain/types.js';
import { endedBecause } from './grant-state.js';
import { escapeText, slackDate, textMessage, type SlackMessage } from './text.js';

const STATUS: Record<AccessStatus, string> = {
  pending: ':hourglass_flowing_sand: pending',
  approved: ':white_check_mark: approved',
  denied: ':x: denied',
  cancelled: ':wastebasket: cancelled',
  blocked: ':no_entry: blocked',
  provisioning: ':construction: approved, being set up',
  active: ':key: active',
  ending: ':hourglass: ending',
  ended: ':lock: ended',
  provisioning_failed: ':warning: approved, could not be set up',
  revocation_failed: ':warning: could not be removed',
};

export function buildHelp(): SlackMessage {
  const text = [
    '*Latchkey* hands out access the safe way: the least you need, for as long as you need it, approved by the right people.',
    '• `/access` — ask for access to a system',
    '• `/access <system>` — the same, with the system already chosen',
    '• `/access list` — your recent requests',
    '• `/access cancel AR-1234` — withdraw a pending request',
    '• `/access digest` — the blocker digest now (coordinators)',
    '• `/access help` — this message',
    'Never paste passwords or keys into Slack: Latchkey never asks for them.',
  ].join('\n');
  return textMessage(text);
}

export function buildRequestList(requests: readonly RequestWithGrant[], catalog: Catalog): SlackMessage {
  if (requests.length === 0) return textMessage('You have no access requests yet. Type `/access` to ask for something.');
  const lines = requests.map((listed) => {
    const { request, grant } = listed;
    const system = catalog.systems.find((candidate) => candidate.id === request.systemId);
    const role = system?.roles.find((candidate) => candidate.id === request.roleId);
    const what = `${escapeText(role?.name ?? request.roleId)} on ${escapeText(system?.name ?? request.systemId)}`;
    const until = grant?.status === 'active' ? ` until ${slackDate(grant.expiresAt)}` : '';
    const why = grant?.status === 'ended' ? ` (${endedBecause(grant)})` : '';
    return `*${formatRequestId(request.id)}* ${what}, ${formatDuration(request.durationMinutes)} — ${STATUS[accessStatus(listed)]}${until}${why}`;
  });
  return textMessage(`*Your recent requests*\n${lines.join('\n')}`);
}
