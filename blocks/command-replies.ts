/** Replies to `/access help` and `/access list`, shown only to the person who asked. */
import type { RequesterHome } from '../src/domain/home.js';
import type { Catalog } from '../src/domain/types.js';
import { requesterBlocks } from './home.js';
import { textMessage, type SlackMessage } from './text.js';

export function buildHelp(): SlackMessage {
  const text = [
    '*Latchkey* hands out access the safe way: the least you need, for as long as you need it, approved by the right people.',
    '• `/access` — ask for access to a system',
    '• `/access <system>` — the same, with the system already chosen',
    '• `/access list` — your recent requests',
    '• `/access cancel AR-1234` — withdraw a pending request',
    '• `/access digest` — the blocker digest now (coordinators)',
    '• `/access project` — request everything a project needs for its members (coordinators)',
    '• `/access audit [from] [to]` — the audit trail as CSV, in your DMs (security reviewers)',
    '• `/access help` — this message',
    'Never paste passwords or keys into Slack: Latchkey never asks for them.',
  ].join('\n');
  return textMessage(text);
}

/** The Home's first section, as a reply: the same blocks and buttons, wherever one looks. */
export function buildRequestList(home: RequesterHome, catalog: Catalog): SlackMessage {
  return { text: 'Your access: open requests, access you hold, recently ended', blocks: requesterBlocks(home, catalog, 'not shown here') };
}
