/** Replies to `/access help` and `/access list`, shown only to the person who asked. */
import { formatDuration } from '../src/domain/duration.js';
import type { AccessRequest, Catalog } from '../src/domain/types.js';
import { formatRequestId } from '../src/domain/types.js';
import { escapeText, textMessage, type SlackMessage } from './text.js';

const STATUS: Record<AccessRequest['status'], string> = {
  pending: ':hourglass_flowing_sand: pending',
  approved: ':white_check_mark: approved',
  denied: ':x: denied',
  cancelled: ':wastebasket: cancelled',
  blocked: ':no_entry: blocked',
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

export function buildRequestList(requests: readonly AccessRequest[], catalog: Catalog): SlackMessage {
  if (requests.length === 0) return textMessage('You have no access requests yet. Type `/access` to ask for something.');
  const lines = requests.map((request) => {
    const system = catalog.systems.find((candidate) => candidate.id === request.systemId);
    const role = system?.roles.find((candidate) => candidate.id === request.roleId);
    const what = `${escapeText(role?.name ?? request.roleId)} on ${escapeText(system?.name ?? request.systemId)}`;
    return `*${formatRequestId(request.id)}* ${what}, ${formatDuration(request.durationMinutes)} — ${STATUS[request.status]}`;
  });
  return textMessage(`*Your recent requests*\n${lines.join('\n')}`);
}
