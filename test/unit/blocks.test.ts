// Contract: every builder renders a surface Slack accepts (no Block Kit limit broken, even
// for the longest text and the largest catalog the schema allows), escapes what people
// typed so mentions like <!channel> are shown and never acted on, and shows the request's
// state: decision buttons only on the open step's card, who decided what once decided.
// Ids on buttons and modal metadata read back into what the listeners need.
import { describe, it, expect } from 'vitest';
import { buildApprovalCard } from '../../blocks/approval-card.js';
import { PACKET_ACTION } from '../../blocks/packet-ids.js';
import { buildHelp, buildRequestList } from '../../blocks/command-replies.js';
import { LIST_LIMITS, type RequesterHome } from '../../src/domain/home.js';
import { waitLine } from '../../src/operations/build-home.js';
import { buildDenyModal } from '../../blocks/deny-modal.js';
import { ACTION, cardValue, parseCardValue } from '../../blocks/ids.js';
import { buildRequestModal } from '../../blocks/request-modal.js';
import { buildNewsReply, buildRequesterNews } from '../../blocks/requester-update.js';
import { typedTextBlock, type RequestView } from '../../blocks/request-summary.js';
import { asRequestId, asUserId, type AccessRequest, type Grant, type RequestStatus, type Role, type System } from '../../src/domain/types.js';
import { denyTarget, modalMetadata } from '../../src/slack/payloads.js';
import type { RequesterNewsStep } from '../../src/domain/news.js';
import { blockKitViolations } from '../helpers/block-kit-limits.js';
import { testCatalog } from '../fixtures/catalog.js';
import { aRequest, OWNER1, SECURITY1 } from '../fixtures/requests.js';

type Any = any;
const catalog = testCatalog();
const billing = catalog.systems[0]!;
const [viewer, admin] = billing.roles as [Role, Role];
const DECIDED_AT = new Date('2025-03-04T10:00:00.000Z');
const EVIL_PURPOSE = '<!channel> & <@U0BOSS> '.repeat(200).slice(0, 3000);
const EVIL_TAG = '<!here>&'.repeat(10);
const json = (value: unknown) => JSON.stringify(value);
const texts = (blocks: Any[]) => blocks.flatMap((b) => (b.type === 'context' ? b.elements.map((e: Any) => e.text) : [b.text?.text]));

const view = (overrides: Partial<AccessRequest> = {}, role: Role = admin, system: System = billing): RequestView => ({
  request: aRequest(overrides),
  system,
  role,
});

/** Owner approved step 0; security denied step 1 with a reason someone typed. */
const denied = (reason = 'Use the viewer role <!here> & retry') =>
  view({
    status: 'denied',
    currentStep: 2,
    steps: [
      { kind: 'owner', approvers: [OWNER1], decision: { by: OWNER1, outcome: 'approved', at: DECIDED_AT } },
      { kind: 'security', approvers: [SECURITY1], decision: { by: SECURITY1, outcome: 'denied', at: DECIDED_AT, reason } },
    ],
  });

/** The extreme request: the longest texts allowed, full of mrkdwn control characters. */
const extremeView = (): RequestView => {
  const v = denied('<!channel> &'.repeat(42).slice(0, 500));
  return { ...v, request: { ...v.request, purpose: EVIL_PURPOSE, projectTag: EVIL_TAG.slice(0, 80), neededBy: '2025-12-31' } };
};

/** The largest catalog the schema allows: 100 systems × 100 roles, names and descriptions at 75. */
function hugeCatalog(): System[] {
  const long = (prefix: string, index: number) => `${prefix}${index} &<>`.padEnd(75, 'x');
  return Array.from({ length: 100 }, (_, s) => ({
    ...billing,
    id: `system-${String(s).padStart(33, '0')}`,
    name: long('System ', s),
    description: long('Description ', s).padEnd(300, 'd'),
    roles: Array.from({ length: 100 }, (_, r) => ({
      ...admin,
      id: `role-${String(r).padStart(35, '0')}`,
      name: long('Role with a very long name ', r),
      description: long('Role description ', r),
      privileged: r % 2 === 0,
      durations: Array.from({ length: 100 }, (_, d) => (d + 1) * 60),
      maxDuration: 100 * 60,
    })),
  }));
}

describe('card values', () => {
  it.each([{ requestId: 1, stepIndex: 0 }, { requestId: 1042, stepIndex: 1 }, { requestId: 999999999, stepIndex: 99 }])('when $requestId/$stepIndex is written and read back, then it is the same target', (target) => {
    expect(parseCardValue(cardValue(target))).toEqual(target);
  });

  it.each(['', 'junk', '1042', '1042:', ':1', '1042:1:2', '1042:100', '1234567890:0', '-1:0', ' 1042:0', '1042:0 ', '1e3:0'])(
    'when the value is %j, then it is rejected',
    (value) => {
      expect(parseCardValue(value)).toBeUndefined();
    },
  );
});

describe('buildApprovalCard', () => {
  it('when a pending privileged request is shown, then it has the marker, the facts and both buttons', () => {
    const card = buildApprovalCard(view(), 0);
    expect(card.text).toMatchInlineSnapshot(`"AR-1042: <@U0REQ1> asks for *Administrator* on *Billing (Stripe)* for 1 h"`);
    expect(card.blocks.map((b) => b.type)).toEqual(['header', 'section', 'rich_text', 'section', 'context', 'context', 'context', 'actions']);
    expect((card.blocks[0] as Any).text.text).toBe(':rotating_light: Privileged access request AR-1042');
    // Owners see how the access is handed over, not only the requester.
    expect((card.blocks[4] as Any).elements[0].text).toBe(':handshake: Handover: access comes through an SSO group: no password changes hands.');
    expect((card.blocks[5] as Any).elements[0].text).toBe('Step 1 of 2: Owner approval · Owner approval → Security review');
    expect((card.blocks[6] as Any).elements[0].text).toBe('Can decide: <@U0OWNER1> and <@U0OWNER2>');
  });

  it('when the role is not privileged, then the header has no marker', () => {
    const card = buildApprovalCard(view({ roleId: 'viewer', steps: [{ kind: 'owner', approvers: [OWNER1] }], draft: { roleId: 'viewer', durationMinutes: 1440, reasons: [], flags: [], collection: 'sso_group' } }, viewer), 0);
    expect((card.blocks[0] as Any).text.text).toBe('Access request AR-1042');
    expect(card.blocks.map((b) => b.type)).toEqual(['header', 'section', 'rich_text', 'context', 'context', 'context', 'actions']);
  });

  it.each<[string, RequestStatus, number, number, boolean]>([
    ['the step is current and pending', 'pending', 0, 0, true],
    ['the card is for the current second step', 'pending', 1, 1, true],
    ['the card is for an earlier step', 'pending', 1, 0, false],
    ['the card is for a later step', 'pending', 0, 1, false],
    ['the request is blocked', 'blocked', 0, 0, false],
    ['the request is cancelled', 'cancelled', 0, 0, false],
  ])('when %s, then buttons shown is %s', (_when, status, currentStep, stepIndex, shown) => {
    const card = buildApprovalCard(view({ status, currentStep }), stepIndex);
    const actions = card.blocks.filter((b) => b.type === 'actions') as Any[];
    expect(actions.length).toBe(shown ? 1 : 0);
    if (shown) {
      const value = cardValue({ requestId: 1042, stepIndex });
      expect(actions[0].elements.map((e: Any) => [e.action_id, e.text.text, e.value, e.style])).toEqual([
        [ACTION.approve, 'Approve', value, 'primary'],
        [ACTION.deny, 'Deny…', value, 'danger'],
      ]);
    }
  });

  it('when steps are decided, then each decision line says who, what and why, and the status follows', () => {
    const card = buildApprovalCard(denied(), 1);
    const lines = card.blocks.filter((b) => b.type === 'context').map((b: Any) => b.elements[0].text);
    expect(lines.slice(2)).toMatchInlineSnapshot(`
      [
        ":white_check_mark: Approved by <@U0OWNER1> (Owner approval) <!date^1741082400^{date_short_pretty} at {time}|2025-03-04T10:00:00.000Z>",
        ":x: Denied by <@U0SEC1> (Security review) <!date^1741082400^{date_short_pretty} at {time}|2025-03-04T10:00:00.000Z>:",
        "Denied. Nothing was granted.",
      ]
    `);
    const reason = card.blocks.filter((b) => b.type === 'rich_text').at(-1) as Any;
    expect(reason.elements).toEqual([{ type: 'rich_text_quote', elements: [{ type: 'text', text: 'Use the viewer role <!here> & retry' }] }]);
  });

  const grantOf = (status: Grant['status'], extra: Partial<Grant> = {}): Grant => ({
    requestId: asRequestId(1042), userId: asUserId('U0REQ1'), systemId: 'billing', roleId: 'admin', collection: 'sso_group',
    grantedAt: new Date('2025-03-04T01:00:00Z'), expiresAt: new Date('2025-03-04T09:00:00Z'), status, attempts: 0, version: 1, ...extra,
  });

  it('when the access is active, then the decision buttons are gone and owners get a confirmed one to revoke it', () => {
    const card = buildApprovalCard({ ...view({ status: 'approved', currentStep: 2 }), grant: grantOf('active') }, 1);
    const actions = card.blocks.filter((b) => b.type === 'actions') as Any[];
    expect(actions.map((a) => a.elements.map((e: Any) => [e.action_id, e.value]))).toEqual([[[ACTION.revokeGrant, '1042']]]);
    expect(actions[0].elements[0].confirm.confirm.text).toBe('Revoke');
    expect((card.blocks.at(-3) as Any).elements[0].text).toBe('Fully approved.');
    expect((card.blocks.at(-2) as Any).elements[0].text).toBe(':key: Access active until <!date^1741078800^{date_short_pretty} at {time}|2025-03-04T09:00:00.000Z>.');
  });

  it.each([
    [false, 'Mark verified'],
    [true, 'Client granted'],
  ])('when a packet item\'s access awaits confirmation (client-owned: %s), then the owner\'s card offers %j and security\'s does not', (clientOwned, words) => {
    const confirming = { ...view({ status: 'approved', currentStep: 2 }), grant: grantOf('active'), ownerCheck: { clientOwned } };
    const buttonsOf = (stepIndex: number) => (buildApprovalCard(confirming, stepIndex).blocks.filter((b) => b.type === 'actions') as Any[]).flatMap((a) => a.elements);
    expect(buttonsOf(0).map((e: Any) => [e.action_id, e.text.text, e.value])).toEqual([[ACTION.revokeGrant, 'Revoke access', '1042'], [PACKET_ACTION.itWorks, words, '1042']]);
    expect(buttonsOf(1).map((e: Any) => e.action_id)).toEqual([ACTION.revokeGrant]);
    expect(blockKitViolations('message', buildApprovalCard({ ...extremeView(), grant: grantOf('active'), ownerCheck: { clientOwned } }, 0).blocks)).toEqual([]);
  });

  it('when the access has ended, then the card says how and when, and offers no button', () => {
    const ended = grantOf('ended', { endReason: 'released', endedAt: new Date('2025-03-04T05:00:00Z') });
    const card = buildApprovalCard({ ...view({ status: 'approved', currentStep: 2 }), grant: ended }, 1);
    expect(card.blocks.some((b) => b.type === 'actions')).toBe(false);
    expect((card.blocks.at(-1) as Any).elements[0].text).toMatch(/^:lock: Access ended <!date\^1741064400\^.*: released by <@U0REQ1>\.$/);
  });

  it.each<[RequestStatus, string]>([
    ['cancelled', 'Cancelled by <@U0REQ1>.'],
    ['blocked', 'Blocked: nobody eligible can approve this step.'],
  ])('when the request is %s, then the last line is %j', (status, line) => {
    const card = buildApprovalCard(view({ status }), 0);
    expect((card.blocks.at(-1) as Any).elements[0].text).toBe(line);
  });

  it('when an earlier step card is re-rendered, then it says whom the request waits for', () => {
    const card = buildApprovalCard(view({ currentStep: 1, steps: [{ kind: 'owner', approvers: [OWNER1] }, { kind: 'security', approvers: [SECURITY1, asUserId('U0SEC2')] }] }), 0);
    expect((card.blocks.at(-1) as Any).elements[0].text).toBe('Waiting for security review from <@U0SEC1> and <@U0SEC2>.');
  });

  it('when the requester was taken out of the approvers, then the card says so', () => {
    const card = buildApprovalCard(view({ steps: [{ kind: 'owner', approvers: [OWNER1], requesterExcluded: true }, { kind: 'security', approvers: [] }] }), 0);
    expect(texts(card.blocks)).toContain('<@U0REQ1> is an approver here too, but nobody approves their own request.');
    expect(texts(buildApprovalCard(view(), 0).blocks).join('\n')).not.toContain('approver here too');
  });

  it('when the text is as long and hostile as allowed, then it is escaped and within limits', () => {
    const card = buildApprovalCard(extremeView(), 1);
    expect(blockKitViolations('message', card.blocks)).toEqual([]);
    // Typed text is literal inside rich_text (never parsed); everywhere mrkdwn is, it is escaped.
    const mrkdwn = json(card.blocks.filter((b) => b.type !== 'rich_text'));
    expect(`${mrkdwn}${card.text}`).not.toMatch(/<!channel>|<!here>|<@U0BOSS>/);
    expect(mrkdwn).toContain('&lt;!here&gt;');
    expect(json(card.blocks)).toContain(json(EVIL_PURPOSE));
    expect(card.text.length).toBeLessThanOrEqual(4000);
  });
});

/** What Slack reads as mrkdwn: the notification text and every block but typed text (a rich_text quote is literal). */
const mrkdwnOf = (message: { text: string; blocks: Any[] }) => `${message.text}${json(message.blocks.filter((b) => b.type !== 'rich_text'))}`;

describe('buildRequesterNews', () => {
  it('when the request is submitted, then the status names the ask and the deciders, above the facts', () => {
    const message = buildRequesterNews(view());
    expect(message.text).toMatchInlineSnapshot(`":inbox_tray: Your request *AR-1042* for *Administrator* on *Billing (Stripe)* for 1 h is in. <@U0OWNER1> and <@U0OWNER2> will decide, as owners of the system."`);
    expect(message.blocks.map((b) => b.type)).toEqual(['section', 'section', 'section', 'context', 'context']);
    expect((message.blocks[3] as Any).elements[0].text).toBe("You'll be added to the SSO group for Billing (Stripe) · Administrator; no password will be sent.");
    expect((message.blocks[0] as Any).text.text).toBe(message.text);
  });

  it('when the step usually takes two hours, then the status says so', () => {
    expect(buildRequesterNews({ ...view(), typicalMinutes: 118 }).text).toContain('will decide, as owners of the system. Usually decided in about 2 h.');
  });

  it('when the request is denied, then the status quotes the escaped reason, the blocks show it as typed, and the cancel hint is gone', () => {
    const message = buildRequesterNews(denied());
    expect(message.text).toMatchInlineSnapshot(`":x: <@U0SEC1> denied *AR-1042*: “Use the viewer role &lt;!here&gt; &amp; retry”"`);
    expect(message.blocks.slice(0, 2)).toEqual([
      { type: 'section', text: { type: 'mrkdwn', text: ':x: <@U0SEC1> denied *AR-1042*:' } },
      typedTextBlock('Use the viewer role <!here> & retry'),
    ]);
    expect(json(message)).not.toContain('/access cancel');
  });

  it.each<RequestStatus>(['pending', 'approved', 'denied', 'cancelled', 'blocked'])('when the extreme request is %s, then it is escaped and within limits', (status) => {
    const message = buildRequesterNews({ ...extremeView(), request: { ...extremeView().request, status } });
    expect(blockKitViolations('message', message.blocks)).toEqual([]);
    expect(mrkdwnOf(message)).not.toMatch(/<!channel>|<!here>/);
  });
});

describe('buildNewsReply', () => {
  const approvedOnce = () =>
    view({ currentStep: 1, steps: [{ kind: 'owner', approvers: [OWNER1], decision: { by: OWNER1, outcome: 'approved', at: DECIDED_AT } }, { kind: 'security', approvers: [SECURITY1] }] });

  it.each<[RequesterNewsStep, () => RequestView, string]>([
    ['step_approved', approvedOnce, ':white_check_mark: Approved by <@U0OWNER1> (step 1 of 2). <@U0SEC1> will decide, as security reviewers.'],
    ['denied', denied, ':x: Denied by <@U0SEC1>: “Use the viewer role &lt;!here&gt; &amp; retry”'],
    ['cancelled', view, ':wastebasket: Cancelled. Nothing was granted.'],
  ])('when the news is %s, then the reply tells that step in one line', (news, make, text) => {
    expect(buildNewsReply(make(), news).text).toBe(text);
  });

  it.each<RequesterNewsStep>(['submitted', 'step_approved', 'approved', 'denied', 'cancelled', 'blocked', 'access_ready', 'access_ended'])('when the news is %s for the extreme request, then the reply is escaped and within limits', (news) => {
    const message = buildNewsReply(extremeView(), news);
    expect(blockKitViolations('message', message.blocks)).toEqual([]);
    expect(mrkdwnOf(message)).not.toMatch(/<!channel>|<!here>/);
  });
});

describe('buildRequestModal', () => {
  const blockIds = (modal: Any) => modal.blocks.map((b: Any) => b.block_id ?? b.type);
  const input = (modal: Any, id: string) => modal.blocks.find((b: Any) => b.block_id === id);

  it('when no system is chosen, then there is no role or duration block, only a hint', () => {
    const modal = buildRequestModal({ systems: catalog.systems });
    expect(blockIds(modal)).toEqual(['system', 'context', 'purpose', 'needed_by', 'project_tag']);
    expect(input(modal, 'system').element.options.map((o: Any) => o.value)).toEqual(['billing', 'cms', 'ads']);
    expect(modalMetadata(modal.private_metadata!)).toEqual({});
  });

  it('when a system with several roles is chosen, then its role block appears without a duration block', () => {
    const modal = buildRequestModal({ systems: catalog.systems, systemId: 'billing' });
    expect(blockIds(modal)).toEqual(['system', 'role:billing', 'purpose', 'needed_by', 'project_tag']);
    expect(input(modal, 'role:billing').element.options.map((o: Any) => o.text.text)).toEqual(['Viewer', 'Administrator (privileged)']);
    expect(input(modal, 'system').element.initial_option.value).toBe('billing');
  });

  it('when a role is chosen, then the duration block for that system and role appears', () => {
    const modal = buildRequestModal({ systems: catalog.systems, systemId: 'billing', roleId: 'admin' });
    expect(blockIds(modal)).toEqual(['system', 'role:billing', 'duration:billing:admin', 'purpose', 'needed_by', 'project_tag']);
    expect(input(modal, 'duration:billing:admin').element.options.map((o: Any) => [o.text.text, o.value])).toEqual([['1 h', '60'], ['8 h', '480']]);
    expect(input(modal, 'duration:billing:admin').hint.text).toBe('Administrator can be granted for at most 8 h.');
    expect(modalMetadata(modal.private_metadata!)).toEqual({ systemId: 'billing', roleId: 'admin' });
  });

  it('when the system has a single role, then it is selected and its durations shown', () => {
    const modal = buildRequestModal({ systems: catalog.systems, systemId: 'cms' });
    expect(blockIds(modal)).toEqual(['system', 'role:cms', 'duration:cms:editor', 'purpose', 'needed_by', 'project_tag']);
    expect(input(modal, 'role:cms').element.initial_option.value).toBe('editor');
    expect(modalMetadata(modal.private_metadata!)).toEqual({ systemId: 'cms', roleId: 'editor' });
  });

  it('when the remembered role belongs to another system, then it is ignored', () => {
    const modal = buildRequestModal({ systems: catalog.systems, systemId: 'cms', roleId: 'admin' });
    expect(input(modal, 'role:cms').element.initial_option.value).toBe('editor');
    expect(blockIds(buildRequestModal({ systems: catalog.systems, systemId: 'ads', roleId: 'admin' }))).toContain('duration:ads:analyst');
  });

  it.each<[string, number | undefined, number | undefined, number]>([
    ['nothing chosen', undefined, undefined, 5],
    ['a system chosen', 42, undefined, 5],
    ['a system and a role chosen', 99, 99, 6],
  ])('when the catalog is as large as allowed and %s, then the modal is within limits', (_when, s, r, count) => {
    const systems = hugeCatalog();
    const systemId = s === undefined ? undefined : systems[s]!.id;
    const roleId = r === undefined ? undefined : systems[s!]!.roles[r]!.id;
    const modal = buildRequestModal({ systems, systemId, roleId });
    expect(modal.blocks).toHaveLength(count);
    if (systemId) expect(blockIds(modal)[1]).toBe(`role:${systemId}`);
    expect(blockKitViolations('modal', modal.blocks, modal)).toEqual([]);
  });

  it('when a catalog had 101 systems, then the checker would catch the select', () => {
    const systems = [...hugeCatalog(), { ...billing, id: 'one-too-many' }];
    expect(blockKitViolations('modal', buildRequestModal({ systems }).blocks)).toEqual(['blocks[0].element.options: 101 items, over 100']);
  });
});

describe('buildDenyModal', () => {
  it.each([{ requestId: 1042, stepIndex: 0 }, { requestId: 999999999, stepIndex: 1 }])('when built for $requestId/$stepIndex, then its metadata reads back through denyTarget', (target) => {
    const modal = buildDenyModal(target);
    expect(denyTarget(modal.private_metadata!)).toEqual(target);
    expect(blockKitViolations('modal', modal.blocks, modal)).toEqual([]);
  });

  it('when built, then it asks for a reason about the named request', () => {
    const modal = buildDenyModal({ requestId: 1042, stepIndex: 1 }) as Any;
    expect([modal.title.text, modal.submit.text, modal.close.text]).toEqual(['Deny request', 'Deny', 'Back']);
    expect(modal.blocks[0].label.text).toBe('Why deny AR-1042?');
    expect(modal.blocks[0].element).toMatchObject({ type: 'plain_text_input', action_id: ACTION.reason, max_length: 500 });
  });

  it.each(['', 'junk', '{"requestId":0,"stepIndex":0}', '{"requestId":1,"stepIndex":-1}', '{"requestId":"1","stepIndex":0}'])(
    'when the metadata is %j, then denyTarget rejects it',
    (metadata) => {
      expect(denyTarget(metadata)).toBeUndefined();
    },
  );
});

describe('command replies', () => {
  const NOW = new Date('2025-03-04T09:00:00.000Z');
  const LONG = '<!channel> '.repeat(250);
  const grantOf = (index: number): Grant => ({
    requestId: asRequestId(2000 + index), userId: asUserId('U0REQ1'), systemId: 'billing', roleId: 'admin', collection: 'sso_group',
    grantedAt: NOW, expiresAt: NOW, status: 'active', attempts: 0, version: 1,
  });
  /** Someone with `total` open requests, grants and ended requests, capped as `/access list` caps them. */
  const listOf = (total: number): RequesterHome => ({
    open: {
      items: Array.from({ length: Math.min(total, LIST_LIMITS.open) }, (_, i) => ({
        ...waitLine(aRequest({ id: asRequestId(1000 + i), purpose: LONG }), NOW, '2025-03-04'),
        typicalMinutes: 125,
      })),
      total,
    },
    live: { items: Array.from({ length: Math.min(total, LIST_LIMITS.live) }, (_, i) => grantOf(i)), total },
    ended: Array.from({ length: Math.min(total, LIST_LIMITS.ended) }, (_, i) => ({ request: { ...denied(LONG.slice(0, 500)).request, id: asRequestId(3000 + i) } })),
  });

  it('when a person has 200 of everything, then the list reply is within message limits and says how many are not shown', () => {
    const reply = buildRequestList(listOf(200), catalog);
    expect(blockKitViolations('message', reply.blocks)).toEqual([]);
    expect(json(reply)).toContain('180 more — not shown here');
    expect(json(reply)).toContain('190 more — not shown here');
    expect(json(reply)).not.toMatch(/<!channel>/);
  });

  it('when an open request usually waits two hours, then its line says so', () => {
    expect(json(buildRequestList(listOf(1), catalog))).toContain('Usually decided in about 2 h.');
  });

  it('when help is asked for, then it lists the commands within limits', () => {
    const reply = buildHelp();
    expect(reply.text.split('\n').filter((line) => line.startsWith('• `/access')).length).toBe(8);
    expect(blockKitViolations('message', reply.blocks)).toEqual([]);
  });
});
