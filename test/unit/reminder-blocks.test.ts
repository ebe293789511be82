/**
 * Contract: a reminder points at the card the way the approver can reach it (the thread it
 * is posted in, or a link to their own card), never "above"; an escalation links a channel
 * card; each stays within Block Kit limits. A DM to the bot gets a pointer to `/access` and
 * the Home tab.
 */
import { describe, expect, it } from 'vitest';
import { buildBotDmReply } from '../../blocks/bot-dm-reply.js';
import { buildEscalation, buildEscalationNote, buildReminder } from '../../blocks/grant-messages.js';
import type { RequestView } from '../../blocks/request-summary.js';
import type { Role } from '../../src/domain/types.js';
import { testCatalog } from '../fixtures/catalog.js';
import { aRequest } from '../fixtures/requests.js';
import { blockKitViolations } from '../helpers/block-kit-limits.js';

const billing = testCatalog().systems[0]!;
const view: RequestView = { request: aRequest(), system: billing, role: billing.roles[1] as Role };
const LINK = 'https://latchkey-test.slack.com/archives/D0OWNER1/p1700000000000100';

describe('buildReminder', () => {
  it('when the card was sent by DM, then the reminder links to it', () => {
    expect(buildReminder(view, 245, { cardLink: LINK }).text).toMatchInlineSnapshot(
      `":alarm_clock: Reminder: *AR-1042* (<@U0REQ1>: *Administrator* on *Billing (Stripe)* for 1 h) has waited 4 h 5 min for your decision. <https://latchkey-test.slack.com/archives/D0OWNER1/p1700000000000100|Open the card>"`,
    );
  });

  it('when no link could be had, then it says where the card is, not "above"', () => {
    const { text } = buildReminder(view, 60);
    expect(text).toContain('Its card is earlier in this conversation.');
    expect(text).not.toContain('above');
  });

  it('when it is a reply in the card\'s thread, then it names the approvers and the card it belongs to', () => {
    expect(buildReminder(view, 240, { inThread: true, approvers: ['U0CMS1', 'U0CMS2'] }).text).toMatchInlineSnapshot(
      `":alarm_clock: Reminder: <@U0CMS1> and <@U0CMS2>: *AR-1042* (<@U0REQ1>: *Administrator* on *Billing (Stripe)* for 1 h) has waited 4 h for a decision. Approve or deny on the card this thread belongs to."`,
    );
  });
});

describe('buildEscalation', () => {
  it('when the card is in a channel, then the escalation links to it; otherwise it has no link', () => {
    expect(buildEscalation(view, 1440, LINK).text).toMatch(/Please chase it or decide\. <https:\/\/.+\|Open the card>$/);
    expect(buildEscalation(view, 1440).text).toMatch(/Please chase it or decide\.$/);
    expect(buildEscalationNote(view, 1440).text).toBe(':rotating_light: *AR-1042* has waited 1 day for a decision, so security and the coordinators have been told.');
  });
});

describe('every message here', () => {
  it('when rendered, then it is within Block Kit limits', () => {
    const messages = [
      buildReminder(view, 99_999, { cardLink: LINK }),
      buildReminder(view, 1, { inThread: true, approvers: Array.from({ length: 40 }, (_, i) => `U0APPROVER${i}`) }),
      buildEscalation(view, 99_999, LINK),
      buildEscalationNote(view, 1),
      buildBotDmReply(),
    ];
    for (const message of messages) expect(blockKitViolations('message', message.blocks)).toEqual([]);
  });

  it('when someone writes to the bot, then the reply points to /access, the shortcut and the Home tab', () => {
    const { text } = buildBotDmReply();
    expect(text).toContain('`/access`');
    expect(text).toContain('*Request access* shortcut');
    expect(text).toContain('*Home* tab');
  });
});
