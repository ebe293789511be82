/**
 * Contract: what people type (a purpose, a deny reason) is shown on the card exactly as typed,
 * in a rich_text quote of one unstyled text element, so mrkdwn characters can neither restyle
 * the card nor notify anyone; and every card button has a screen-reader label naming the
 * request (and the requester by name, when known), within Slack's 75 characters.
 */
import { describe, expect, it } from 'vitest';
import { buildApprovalCard } from '../../blocks/approval-card.js';
import { ACTION } from '../../blocks/ids.js';
import { purposeBlock, typedTextBlock, type RequestView } from '../../blocks/request-summary.js';
import { asRequestId, asUserId, type Grant, type Role } from '../../src/domain/types.js';
import { testCatalog } from '../fixtures/catalog.js';
import { aRequest, OWNER1 } from '../fixtures/requests.js';
import { blockKitViolations } from '../helpers/block-kit-limits.js';

type Any = any;
const billing = testCatalog().systems[0]!;
const admin = billing.roles[1] as Role;
const SNEAKY = '*bold* _italic_ ~struck~ `code` <!channel> <@U0BOSS> > quoted';
const view = (extra: Partial<RequestView> = {}, purpose = SNEAKY): RequestView => ({ request: aRequest({ purpose }), system: billing, role: admin, ...extra });
const labels = (card: { blocks: unknown[] }) =>
  (card.blocks as Any[]).filter((b) => b.type === 'actions').flatMap((b) => b.elements.map((e: Any) => [e.action_id, e.accessibility_label]));

describe('typed text', () => {
  it('when a purpose holds mrkdwn and mentions, then it is a rich_text quote of the exact text, unstyled', () => {
    expect(purposeBlock(aRequest({ purpose: SNEAKY }))).toEqual({
      type: 'rich_text',
      elements: [
        { type: 'rich_text_section', elements: [{ type: 'text', text: 'Purpose', style: { bold: true } }] },
        { type: 'rich_text_quote', elements: [{ type: 'text', text: SNEAKY }] },
      ],
    });
  });

  it('when the purpose spans lines, then the lines stay in the one quote', () => {
    const quote = (typedTextBlock('line one\nline *two*').elements[0] as Any).elements[0];
    expect(quote).toEqual({ type: 'text', text: 'line one\nline *two*' });
  });

  it('when a deny reason holds mrkdwn, then the card quotes it literally below the decision line', () => {
    const reason = '~not~ *this* role, use `viewer`';
    const denied = aRequest({ purpose: 'ok', status: 'denied', currentStep: 1, steps: [{ kind: 'owner', approvers: [OWNER1], decision: { by: OWNER1, outcome: 'denied', at: new Date('2025-03-04T10:00:00Z'), reason } }, { kind: 'security', approvers: [] }] });
    const card = buildApprovalCard({ request: denied, system: billing, role: admin }, 0);
    const quotes = (card.blocks as Any[]).filter((b) => b.type === 'rich_text').map((b) => b.elements.at(-1).elements[0].text);
    expect(quotes).toEqual(['ok', reason]);
    expect(JSON.stringify(card.blocks)).not.toContain('~not~ *this*”');
  });

  it('when the text is the longest allowed, then the card stays within Block Kit limits', () => {
    expect(blockKitViolations('message', buildApprovalCard(view({}, 'x*'.repeat(1500)), 0).blocks)).toEqual([]);
    expect(blockKitViolations('message', [typedTextBlock('y'.repeat(5000))])).toEqual([]);
    expect(((typedTextBlock('y'.repeat(5000)).elements[0] as Any).elements[0].text as string).length).toBeLessThanOrEqual(3000);
  });
});

describe('accessibility labels', () => {
  it('when the requester\'s name is known, then each decision button names the action, the request and the person', () => {
    expect(labels(buildApprovalCard(view({ requesterName: 'Ann Lee' }), 0))).toEqual([
      [ACTION.approve, 'Approve AR-1042 for Ann Lee'],
      [ACTION.deny, 'Deny AR-1042 for Ann Lee'],
    ]);
  });

  it('when the name is not known, then the label names the request only, never a raw mention', () => {
    expect(labels(buildApprovalCard(view(), 0))).toEqual([
      [ACTION.approve, 'Approve AR-1042'],
      [ACTION.deny, 'Deny AR-1042'],
    ]);
  });

  it('when a suggestion, a hold or live access adds buttons, then they are labelled too, within 75 characters', () => {
    const long = 'Maximilian Alexander Featherstonehaugh-Cholmondeley the Third of Somewhere';
    const suggested = view({ requesterName: long, request: { ...aRequest(), draft: { ...aRequest().draft, roleId: 'viewer' } } });
    const held = view({ request: aRequest({ status: 'blocked', blockReason: 'unsafe_credential' }) });
    const grant: Grant = { requestId: asRequestId(1042), userId: asUserId('U0REQ1'), systemId: 'billing', roleId: 'admin', collection: 'sso_group', grantedAt: new Date(), expiresAt: new Date(), status: 'active', attempts: 0, version: 1 };
    const live = view({ grant, requesterName: 'Ann Lee', request: aRequest({ status: 'approved', currentStep: 2 }) });
    const all = [...labels(buildApprovalCard(suggested, 0)), ...labels(buildApprovalCard(held, 0)), ...labels(buildApprovalCard(live, 1))];
    expect(all.map(([action]) => action)).toEqual([ACTION.approve, ACTION.approveSuggested, ACTION.deny, ACTION.clearHold, ACTION.revokeGrant]);
    expect(all.find(([action]) => action === ACTION.approveSuggested)?.[1]).toMatch(/^Approve suggested AR-1042 for Maximilian/);
    expect(all.find(([action]) => action === ACTION.clearHold)?.[1]).toBe('Clear the hold on AR-1042');
    expect(all.find(([action]) => action === ACTION.revokeGrant)?.[1]).toBe('Revoke AR-1042 for Ann Lee');
    for (const [, label] of all) expect(label.length).toBeLessThanOrEqual(75);
  });
});
