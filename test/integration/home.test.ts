/**
 * Contract: each person's Home shows what they asked for and hold, and the work that waits
 * on them by what they are (approver, coordinator, security reviewer), built from the real
 * database after real flows. Its buttons take the same paths as the cards': a decision taken
 * from a Home updates every card copy. Homes are republished when something changes for
 * their people, not only when opened.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ACTION } from '../../blocks/ids.js';
import { TEST_CATALOG_YAML, testCatalog } from '../fixtures/catalog.js';
import { blockKitViolations } from '../helpers/block-kit-limits.js';
import { startHarness, type Harness } from '../helpers/harness.js';
import { appHomeOpened, cardClick, homeClick, messageEvent, requestSubmission, type RequestFields } from '../helpers/payloads.js';

// A system whose owners are a user group that starts empty: its requests block until the
// group is filled and a coordinator routes them again.
const WIKI = `
  - id: wiki
    name: Team wiki
    description: Internal pages
    owners: [S0WIKIOWNERS]
    collection: [sso_group]
    roles:
      - { id: reader, name: Reader, description: Read pages, privileged: false, durations: [1d], max_duration: 1d }
`;
const GITHUB_TOKEN = ['ghp', '_', 'R7kPq2Vx9LmZ4TnW8YcB3HdF6JsA1GeQ5UoX'].join('');

const viewer: RequestFields = { system: 'billing', role: 'viewer', minutes: 1440, purpose: 'Invoices for the close' };
const admin: RequestFields = { system: 'billing', role: 'admin', minutes: 60, purpose: 'Refund a duplicate charge' };
const wiki: RequestFields = { system: 'wiki', role: 'reader', minutes: 1440, purpose: 'Read the runbooks' };

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ catalog: testCatalog(`${TEST_CATALOG_YAML}${WIKI}`) });
});
beforeEach(async () => {
  await h.reset();
  h.slack.groups.set('S0WIKIOWNERS', []);
});
afterAll(() => h.close());

async function submit(user: string, fields: RequestFields) {
  await h.interact(requestSubmission(user, fields));
  await h.settled();
  await h.effectsDone();
}

const settle = async () => {
  await h.settled();
  await h.effectsDone();
};

/** The view last published for `user`, as JSON text and blocks. */
function published(user: string) {
  const view = h.slack.called('views.publish').filter((call) => call.user_id === user).at(-1)?.view;
  return view ? { view, text: JSON.stringify(view), blocks: view.blocks as Record<string, any>[] } : undefined;
}

/** The person opens their Home tab; returns what was published. */
async function openHome(user: string) {
  const res = await h.event(appHomeOpened(user));
  expect(res.status).toBe(200);
  await h.settled();
  const home = published(user);
  expect(home, `no Home published for ${user}`).toBeDefined();
  expect(home!.view.type).toBe('home');
  expect(blockKitViolations('home', home!.blocks)).toEqual([]);
  return home!;
}

/** The button with `actionId` whose value starts with `value`, in a published Home. */
function buttonIn(home: { blocks: Record<string, any>[] }, actionId: string, value: string) {
  const buttons = home.blocks.flatMap((block) => [...(block.elements ?? []), ...(block.accessory ? [block.accessory] : [])]);
  return buttons.find((element) => element.action_id === actionId && String(element.value) === value);
}

const status = async (id = 1001) => (await h.db.pool.query('select status from requests where id = $1', [id])).rows[0]?.status;
const grantStatus = async (id = 1001) => (await h.db.pool.query('select status, end_reason from grants where request_id = $1', [id])).rows[0];

describe('everyone', () => {
  it('when a requester opens their Home, then it offers New request and shows the open request, whom it waits on, and Cancel', async () => {
    await submit('U0REQ1', viewer);
    const home = await openHome('U0REQ1');

    expect(buttonIn(home, ACTION.newRequest, 'new')).toBeDefined();
    expect(home.text).toContain('*AR-1001* Viewer on Billing (Stripe), 1 d');
    expect(home.text).toMatch(/pending, waiting \d+ min on <@U0OWNER1> and <@U0OWNER2>/);
    expect(buttonIn(home, ACTION.cancelRequest, '1001')?.confirm).toBeDefined();
    // A plain requester sees no work sections.
    expect(home.text).not.toContain('Waiting on you');
    expect(home.text).not.toContain('Coordinating');
  });

  it('when a person has 50 requests, then their Home is published in under 3 s with the last ten ended', async () => {
    await submit('U0REQ1', viewer);
    await h.db.pool.query(
      `insert into requests (requester_id, system_id, role_id, duration_minutes, purpose, status, steps, current_step, draft, version, created_at, updated_at)
       select requester_id, system_id, role_id, duration_minutes, purpose, 'cancelled', steps, current_step, draft, 2, created_at, updated_at
       from requests, generate_series(1, 49) where id = 1001`,
    );
    const started = performance.now();
    const home = await openHome('U0REQ1');
    expect(performance.now() - started).toBeLessThan(3000);
    expect(home.text.match(/:wastebasket: cancelled/g)).toHaveLength(10);
    expect(home.text).toContain('*AR-1001* Viewer on Billing (Stripe), 1 d');
  });

  it('when the Messages tab is opened, then nothing is published', async () => {
    await h.event(appHomeOpened('U0REQ1', 'messages'));
    await h.settled();
    expect(h.slack.called('views.publish')).toEqual([]);
  });

  it('when New request is pressed, then the /access modal opens', async () => {
    await h.interact(homeClick('U0REQ2', ACTION.newRequest, 'new'));
    await h.settled();
    expect(h.slack.called('views.open').at(-1)?.view.callback_id).toBe('access_request');
  });

  it('when Cancel is pressed on the Home, then the request is cancelled, its cards say so, and the Home shows it ended', async () => {
    await submit('U0REQ1', viewer);
    await openHome('U0OWNER1');
    h.slack.reset();

    await h.interact(homeClick('U0REQ1', ACTION.cancelRequest, '1001'));
    await settle();

    expect(await status()).toBe('cancelled');
    const { rows } = await h.db.pool.query(`select surface from audit_events where action = 'request.cancelled'`);
    expect(rows).toEqual([{ surface: 'button' }]);
    const cards = h.slack.called('chat.update').filter((u) => ['D0OWNER1', 'D0OWNER2'].includes(u.channel));
    expect(cards).toHaveLength(2);
    // Republished without being opened again: the change concerned the requester and both owners.
    const home = published('U0REQ1')!;
    expect(home.text).toContain('Nothing waiting.');
    expect(home.text).toMatch(/\*AR-1001\* Viewer on Billing \(Stripe\) — :wastebasket: cancelled/);
    expect(published('U0OWNER1')!.text).not.toContain('AR-1001');
  });

  it('when someone else presses Cancel, then nothing changes and they are told by DM', async () => {
    await submit('U0REQ1', viewer);
    await h.interact(homeClick('U0REQ2', ACTION.cancelRequest, '1001'));
    await settle();
    expect(await status()).toBe('pending');
    expect(h.slack.called('chat.postMessage').filter((p) => p.channel === 'U0REQ2').at(-1)?.text).toContain('Only the person who asked can cancel AR-1001');
  });

  it('when access is granted, then the Home shows its end with Release now and Request an extension; released, it shows how it ended', async () => {
    await submit('U0REQ1', viewer);
    await h.interact(cardClick('U0OWNER1', ACTION.approve, 1001));
    await settle();
    await h.interact(homeClick('U0OWNER1', ACTION.provisioned, '1001'));
    await settle();
    expect(await grantStatus()).toMatchObject({ status: 'active' });

    const active = await openHome('U0REQ1');
    expect(active.text).toContain(':key: Access active until <!date^');
    expect(buttonIn(active, ACTION.requestExtension, '1001')).toBeDefined();
    expect(buttonIn(active, ACTION.releaseGrant, '1001')?.confirm).toBeDefined();

    await h.interact(homeClick('U0REQ1', ACTION.releaseGrant, '1001'));
    await settle();
    await h.interact(homeClick('U0OWNER1', ACTION.deprovisioned, '1001'));
    await settle();
    expect(await grantStatus()).toMatchObject({ status: 'ended', end_reason: 'released' });
    const ended = published('U0REQ1')!;
    expect(ended.text).toContain('None right now.');
    expect(ended.text).toMatch(/\*AR-1001\* Viewer on Billing \(Stripe\) — :lock: ended <!date\^\d+[^>]*>: released by <@U0REQ1>/);
  });

  it('when access expires, then the Home lists it as ended because it expired', async () => {
    await submit('U0REQ1', viewer);
    await h.interact(cardClick('U0OWNER1', ACTION.approve, 1001));
    await settle();
    await h.interact(homeClick('U0OWNER2', ACTION.provisioned, '1001'));
    await settle();
    await h.expireGrants();
    await h.interact(homeClick('U0OWNER2', ACTION.deprovisioned, '1001'));
    await settle();

    expect((await openHome('U0REQ1')).text).toContain(': it expired');
  });
});

describe('approvers', () => {
  it('when requests wait on an owner, then their Home lists them oldest first with the cards\' buttons and values', async () => {
    await submit('U0REQ1', viewer);
    await submit('U0REQ2', admin);
    const home = await openHome('U0OWNER1');

    expect(home.text).toContain('Waiting on you');
    expect(home.text.indexOf('*AR-1001* <@U0REQ1>')).toBeLessThan(home.text.indexOf('*AR-1002* <@U0REQ2>'));
    expect(buttonIn(home, ACTION.approve, '1001:0')).toBeDefined();
    expect(buttonIn(home, ACTION.deny, '1002:0')).toBeDefined();
    expect(buttonIn(home, ACTION.approve, '1001:0')?.accessibility_label).toBe('Approve AR-1001');
    // Security does not decide the owner step: not on their list yet.
    expect((await openHome('U0SEC1')).text).not.toContain('*AR-1002* <@U0REQ2>');
  });

  it('when an owner approves from their Home, then every card copy updates, security gets theirs, and the Homes follow', async () => {
    await submit('U0REQ1', admin);
    h.slack.reset();

    await h.interact(homeClick('U0OWNER1', ACTION.approve, '1001:0'));
    await settle();

    const cards = h.slack.called('chat.update').filter((u) => ['D0OWNER1', 'D0OWNER2'].includes(u.channel));
    expect(cards.map((u) => u.channel).sort()).toEqual(['D0OWNER1', 'D0OWNER2']);
    for (const card of cards) expect(JSON.stringify(card.blocks)).toContain('Approved by <@U0OWNER1>');
    expect(h.slack.called('chat.postMessage').filter((p) => p.channel === 'U0SEC1')).toHaveLength(1);
    // Republished for those concerned, unasked: the owner's list is empty, security's has it.
    expect(published('U0OWNER1')!.text).toContain('Nothing waits on your decision.');
    expect(buttonIn(published('U0SEC1')!, ACTION.approve, '1001:1')).toBeDefined();
    expect(published('U0REQ1')!.text).toContain('<@U0SEC1> and <@U0SEC2>');
  });

  it('when a second approver presses Approve on a stale Home, then nothing changes and their Home is republished', async () => {
    await submit('U0REQ1', viewer);
    await h.interact(homeClick('U0OWNER1', ACTION.approve, '1001:0'));
    await settle();
    h.slack.reset();

    await h.interact(homeClick('U0OWNER2', ACTION.approve, '1001:0'));
    await settle();
    expect((await h.db.pool.query(`select count(*)::int as n from audit_events where action = 'step.approved'`)).rows[0].n).toBe(1);
    expect(published('U0OWNER2')!.text).not.toContain('*AR-1001*');
  });
});

describe('coordinators', () => {
  it('when a request is blocked, then it is listed with Route again, which routes it once its owners exist', async () => {
    await submit('U0REQ1', wiki);
    expect(await status()).toBe('blocked');
    const home = await openHome('U0COORD1');
    expect(home.text).toContain('Coordinating');
    expect(home.text).toContain('no owner in the catalog can be reached');
    expect(home.text).toContain('*Yesterday*');

    h.slack.groups.set('S0WIKIOWNERS', ['U0OWNER3']);
    await openHome('U0OWNER3');
    await h.interact(homeClick('U0COORD1', ACTION.routeAgain, '1001'));
    await settle();

    expect(await status()).toBe('pending');
    expect(h.slack.called('chat.postMessage').filter((p) => p.channel === 'U0OWNER3').at(-1)?.text).toContain('AR-1001');
    expect(buttonIn(published('U0OWNER3')!, ACTION.approve, '1001:0')).toBeDefined();
    expect(published('U0COORD1')!.text).toContain('Nothing blocked.');
  });

  it('when a request still has no owner, then Route again blocks it again and tells the coordinators', async () => {
    await submit('U0REQ1', wiki);
    h.slack.reset();
    await h.interact(homeClick('U0COORD1', ACTION.routeAgain, '1001'));
    await settle();
    expect(await status()).toBe('blocked');
    expect(h.slack.called('chat.postMessage').some((p) => p.channel === 'U0COORD1' && p.text.includes('AR-1001'))).toBe(true);
  });

  it('when a coordinator presses Nudge on a long wait, then the approvers are reminded now; anyone else is refused', async () => {
    await submit('U0REQ1', viewer);
    const home = await openHome('U0COORD1');
    expect(buttonIn(home, ACTION.nudge, '1001')).toBeDefined();
    h.slack.reset();

    await h.interact(homeClick('U0REQ2', ACTION.nudge, '1001'));
    await h.interact(homeClick('U0COORD1', ACTION.nudge, '1001'));
    await settle();

    const reminded = h.slack.called('chat.postMessage').filter((p) => /U0OWNER[12]|D0OWNER[12]/.test(p.channel) && p.text.includes('AR-1001'));
    expect(reminded.length).toBeGreaterThanOrEqual(2);
    expect((await h.db.pool.query(`select actor from audit_events where action = 'step.nudged'`)).rows).toEqual([{ actor: 'U0COORD1' }]);
  });
});

describe('security reviewers', () => {
  it('when privileged access is active, then security sees it with Revoke, and a revoke from the Home ends it', async () => {
    await submit('U0REQ1', admin);
    await h.interact(homeClick('U0OWNER1', ACTION.approve, '1001:0'));
    await settle();
    await h.interact(homeClick('U0SEC1', ACTION.approve, '1001:1'));
    await settle();
    await h.interact(homeClick('U0OWNER1', ACTION.provisioned, '1001'));
    await settle();

    const home = await openHome('U0SEC2');
    expect(home.text).toContain('*AR-1001* <@U0REQ1> · Administrator on Billing (Stripe) — until <!date^');
    expect(buttonIn(home, ACTION.revokeGrant, '1001')?.confirm).toBeDefined();
    // Not privileged access for a plain requester's eyes: the requester has no security section.
    expect((await openHome('U0REQ1')).text).not.toContain('Privileged access now');

    await h.interact(homeClick('U0SEC2', ACTION.revokeGrant, '1001'));
    await settle();
    expect(await grantStatus()).toMatchObject({ status: 'ending', end_reason: 'revoked' });
    expect(published('U0SEC2')!.text).toContain('No privileged access is active.');
  });

  it('when a removal failed, then security sees Retry and Done, removed, and Done ends it', async () => {
    await submit('U0REQ1', viewer);
    await h.interact(cardClick('U0OWNER1', ACTION.approve, 1001));
    await settle();
    await h.interact(homeClick('U0OWNER1', ACTION.provisioned, '1001'));
    await settle();
    await h.expireGrants();
    // Seeded: the revoker gave up (a manual removal has no failure of its own).
    await h.db.pool.query(`update grants set status = 'revocation_failed', attempts = 6, version = version + 1 where request_id = 1001`);

    const home = await openHome('U0SEC1');
    expect(home.text).toContain(':x: could not be removed after 6 attempts');
    expect(buttonIn(home, ACTION.retryGrant, '1001')).toBeDefined();
    expect(buttonIn(home, ACTION.deprovisioned, '1001')).toBeDefined();

    await h.interact(homeClick('U0SEC1', ACTION.deprovisioned, '1001'));
    await settle();
    expect(await grantStatus()).toMatchObject({ status: 'ended' });
    expect(published('U0SEC1')!.text).toContain('*Failed set-ups and removals*');
  });

  it('when someone posts a credential, then security sees its kind, who and where, never the value', async () => {
    await h.event(messageEvent({ user: 'U0REQ2', text: `token ${GITHUB_TOKEN}`, channel: 'C0GENERAL' }));
    await settle();

    const home = await openHome('U0SEC1');
    expect(home.text).toMatch(/<@U0REQ2> · [^·]*GitHub[^·]* · in <#C0GENERAL>/);
    expect(home.text).not.toContain(GITHUB_TOKEN);
    expect(home.text).not.toContain('R7kPq2Vx9');
  });
});
