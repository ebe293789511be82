/**
 * Contract: `/access` acknowledges at once and opens the request modal; the modal follows
 * the chosen system and role; a submission is refused on its field when invalid, or stored
 * as AR-1001…, confirmed to the requester by DM and routed to the owners.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ACTION, BLOCK, CALLBACK } from '../../blocks/ids.js';
import { startHarness, type Harness } from '../helpers/harness.js';
import { cardClick, modalSelect, requestSubmission, type RequestFields } from '../helpers/payloads.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
beforeEach(() => h.reset());
afterAll(() => h.close());

const viewer: RequestFields = { system: 'billing', role: 'viewer', minutes: 24 * 60, purpose: 'Check the October invoices for ACME' };

async function auditActions(): Promise<string[]> {
  const { rows } = await h.db.pool.query<{ action: string }>('select action from audit_events order by id');
  return rows.map((row) => row.action);
}

describe('/access', () => {
  it('when typed alone, then it acks with an empty body and opens the modal with every system', async () => {
    const res = await h.command('U0REQ1');
    await h.settled();

    expect(res.status).toBe(200);
    expect(res.body).toBe('');
    const [open] = h.slack.called('views.open');
    expect(open?.trigger_id).toMatch(/\.1111\.abcdef$/);
    expect(open?.view.callback_id).toBe(CALLBACK.requestModal);
    const systemBlock = open?.view.blocks.find((b: any) => b.block_id === BLOCK.system);
    expect(systemBlock.element.options.map((o: any) => o.value)).toEqual(['billing', 'cms', 'ads']);
  });

  it('when given a system id, then the modal opens with that system and its roles', async () => {
    await h.command('U0REQ1', 'billing');
    await h.settled();

    const view = h.slack.called('views.open')[0]?.view;
    const roleBlock = view.blocks.find((b: any) => b.block_id === BLOCK.role('billing'));
    expect(roleBlock.element.options.map((o: any) => o.value)).toEqual(['viewer', 'admin']);
    expect(roleBlock.element.options[1].text.text).toBe('Administrator (privileged)');
  });

  it('when given an unknown system, then it says so privately and opens nothing', async () => {
    await h.command('U0REQ1', 'payroll');
    await h.settled();

    expect(h.slack.called('views.open')).toHaveLength(0);
    expect(h.slack.replies()[0]).toContain('I don\'t know “payroll”');
    expect(h.slack.replies()[0]).toContain('`billing`');
  });

  it('when asked for help, then it explains the subcommands', async () => {
    await h.command('U0REQ1', 'help');
    await h.settled();
    expect(h.slack.replies()[0]).toContain('/access cancel AR-1234');
  });

  it('when a Slack Connect user types it, then nothing opens and they are told why', async () => {
    await h.command('U0EXT1');
    await h.settled();
    expect(h.slack.called('views.open')).toHaveLength(0);
    expect(h.slack.replies()[0]).toContain('only takes requests and decisions from members of this organisation');
  });
});

describe('the modal follows the choices', () => {
  it('when a system is chosen, then the view is updated (with its hash) to show that system\'s roles', async () => {
    await h.interact(modalSelect('U0REQ1', ACTION.system, 'cms'));
    await h.settled();

    const [update] = h.slack.called('views.update');
    expect(update).toMatchObject({ view_id: 'V0MODAL', hash: 'h1' });
    const roleBlock = update?.view.blocks.find((b: any) => b.block_id === BLOCK.role('cms'));
    expect(roleBlock.element.initial_option.value).toBe('editor');
    expect(update?.view.blocks.some((b: any) => b.block_id === BLOCK.duration('cms', 'editor'))).toBe(true);
  });

  it('when a role is chosen, then the durations are that role\'s', async () => {
    await h.interact(modalSelect('U0REQ1', ACTION.role, 'admin', { systemId: 'billing' }));
    await h.settled();

    const view = h.slack.called('views.update')[0]?.view;
    const duration = view.blocks.find((b: any) => b.block_id === BLOCK.duration('billing', 'admin'));
    expect(duration.element.options.map((o: any) => o.text.text)).toEqual(['1 h', '8 h']);
  });
});

describe('submitting a request', () => {
  it.each([
    ['a blank purpose', { purpose: '   \n ' }, BLOCK.purpose, 'Say what you need the access for'],
    ['a needed-by date in the past', { neededBy: '2020-01-01' }, BLOCK.neededBy, 'That date has passed'],
    ['a duration over the role maximum', { role: 'admin', minutes: 24 * 60 }, BLOCK.duration('billing', 'admin'), 'at most 8 h'],
    ['a system not in the catalog', { system: 'payroll' }, BLOCK.system, "isn't in the catalog"],
    ['a role the system does not have', { role: 'owner' }, BLOCK.role('billing'), "isn't offered"],
  ])('when it has %s, then the error shows on that field and nothing is stored', async (_case, change, block, words) => {
    const res = await h.interact(requestSubmission('U0REQ1', { ...viewer, ...change }));
    await h.settled();

    expect(res.status).toBe(200);
    expect(res.json().response_action).toBe('errors');
    expect(res.json().errors[block]).toContain(words);
    expect((await h.db.pool.query('select * from requests')).rowCount).toBe(0);
    expect(h.slack.called('chat.postMessage')).toHaveLength(0);
  });

  it('when valid, then it closes the modal, stores AR-1001 with its draft, and audits the submission', async () => {
    const res = await h.interact(requestSubmission('U0REQ1', { ...viewer, neededBy: '2999-01-01', project: 'Q4 close' }));
    await h.settled();

    expect(res.status).toBe(200);
    expect(res.body).toBe('');
    const { rows } = await h.db.pool.query('select id, requester_id, system_id, role_id, duration_minutes, needed_by::text, project_tag, status, draft from requests');
    expect(rows).toEqual([
      {
        id: 1001, requester_id: 'U0REQ1', system_id: 'billing', role_id: 'viewer', duration_minutes: 1440,
        needed_by: '2999-01-01', project_tag: 'Q4 close', status: 'pending',
        draft: { roleId: 'viewer', durationMinutes: 1440, reasons: [], flags: [], collection: 'sso_group' },
      },
    ]);
    expect(await auditActions()).toEqual(['request.submitted', 'step.routed']);
  });

  it('when valid, then the requester gets a DM naming who will decide, and each owner gets a card', async () => {
    await h.interact(requestSubmission('U0REQ1', viewer));
    await h.settled();

    const posts = h.slack.called('chat.postMessage');
    expect(posts.map((p) => p.channel).sort()).toEqual(['U0OWNER1', 'U0OWNER2', 'U0REQ1']);
    const dm = posts.find((p) => p.channel === 'U0REQ1');
    expect(dm?.text).toContain('AR-1001');
    expect(dm?.text).toContain('<@U0OWNER1> and <@U0OWNER2> will decide, as owners of the system');
  });

  it('when the system is owned by a user group with an approval channel, then one card goes to the channel for the group members', async () => {
    await h.interact(requestSubmission('U0REQ1', { system: 'cms', role: 'editor', minutes: 1440, purpose: 'Publish the launch page' }));
    await h.settled();

    const cards = h.slack.called('chat.postMessage').filter((p) => p.channel !== 'U0REQ1');
    expect(cards.map((c) => c.channel)).toEqual(['C0CMSAPPROVALS']);
    expect(h.slack.called('usergroups.users.list')[0]?.usergroup).toBe('S0CMSOWNERS');
    const dm = h.slack.called('chat.postMessage').find((p) => p.channel === 'U0REQ1');
    expect(dm?.text).toContain('<@U0CMS1> and <@U0CMS2> will decide');
  });

  it('when the requester already has that role pending, then the modal points at the open request and nothing new is stored', async () => {
    await h.interact(requestSubmission('U0REQ1', viewer));
    await h.settled();

    const res = await h.interact(requestSubmission('U0REQ1', { ...viewer, minutes: 7 * 1440 }));
    expect(res.json().errors[BLOCK.role('billing')]).toContain('You already have an open request for this role (AR-1001)');
    expect((await h.db.pool.query('select * from requests')).rowCount).toBe(1);
  });

  it('when the requester already holds the role, then the modal says so and nothing new is stored', async () => {
    await h.interact(requestSubmission('U0REQ1', viewer));
    await h.settled();
    await h.interact(cardClick('U0OWNER1', ACTION.approve, 1001));
    await h.settled();

    const res = await h.interact(requestSubmission('U0REQ1', viewer));
    expect(res.json().errors[BLOCK.role('billing')]).toBe('You already have this access (AR-1001).');
    expect((await h.db.pool.query('select * from requests')).rowCount).toBe(1);
  });

  it('when two identical submissions race, then exactly one request is stored', async () => {
    const both = await Promise.all([h.interact(requestSubmission('U0REQ1', viewer)), h.interact(requestSubmission('U0REQ1', viewer))]);
    await h.settled();

    expect(both.map((r) => r.body === '').sort()).toEqual([false, true]);
    expect((await h.db.pool.query('select * from requests')).rowCount).toBe(1);
  });

  it('when the database fails, then the modal stays open with an apology and the failure is logged', async () => {
    await h.db.pool.query('alter table requests rename to requests_moved');
    try {
      const res = await h.interact(requestSubmission('U0REQ1', viewer));
      expect(res.json().errors[BLOCK.purpose]).toContain('Something went wrong on our side');
      expect(h.logs.some((line) => line.includes('"level":"error"'))).toBe(true);
    } finally {
      await h.db.pool.query('alter table requests_moved rename to requests');
    }
  });
});

describe('/access list and cancel', () => {
  it('when listing, then the caller sees their own requests with status', async () => {
    await h.interact(requestSubmission('U0REQ1', viewer));
    await h.interact(requestSubmission('U0REQ2', { ...viewer, role: 'admin', minutes: 60 }));
    await h.settled();

    await h.command('U0REQ1', 'list');
    await h.settled();
    // The Home's own section (access-list.test.ts holds them equal), with Cancel on the open request.
    const reply = JSON.stringify(h.slack.responses[0]?.body.blocks);
    expect(reply).toContain('*AR-1001* Viewer on Billing (Stripe), 1 day\\n:hourglass_flowing_sand: pending, waiting');
    expect(reply).toContain(`"action_id":"${ACTION.cancelRequest}","text":{"type":"plain_text","text":"Cancel","emoji":true},"value":"1001"`);
    expect(reply).not.toContain('AR-1002');
  });

  it('when the requester cancels, then it is cancelled, audited, and every card says so', async () => {
    await h.interact(requestSubmission('U0REQ1', viewer));
    await h.settled();

    await h.command('U0REQ1', 'cancel AR-1001');
    await h.settled();

    expect(h.slack.replies()[0]).toContain('AR-1001 is cancelled');
    // Both cards, and the requester's confirmation.
    const updates = h.slack.called('chat.update').filter((u) => u.channel !== 'D0REQ1');
    expect(updates).toHaveLength(2);
    expect(JSON.stringify(updates[0]?.blocks)).toContain('Cancelled by <@U0REQ1>');
    expect(JSON.stringify(updates[0]?.blocks)).not.toContain('approve_step');
    expect(await auditActions()).toEqual(['request.submitted', 'step.routed', 'request.cancelled']);
  });

  it.each([
    ['someone else', 'U0REQ2', 'cancel AR-1001', 'Only the person who asked can cancel AR-1001'],
    ['an unknown id', 'U0REQ1', 'cancel AR-9999', "I can't find AR-9999"],
    ['no id', 'U0REQ1', 'cancel', 'Which request?'],
  ])('when cancelling %s, then nothing changes and the caller is told', async (_case, user, text, words) => {
    await h.interact(requestSubmission('U0REQ1', viewer));
    await h.settled();

    await h.command(user, text);
    await h.settled();

    expect(h.slack.replies()[0]).toContain(words);
    const { rows } = await h.db.pool.query('select status from requests');
    expect(rows).toEqual([{ status: 'pending' }]);
  });
});
