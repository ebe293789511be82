/**
 * Contract: the user-group revoker keeps a Slack user group's members exactly right, on a
 * real database and a stateful fake Slack. A member from before a grant stays after it; a
 * person with two grants through the group stays until the second ends; the last member's
 * end disables the group (Slack cannot empty one), the owners are told, and the next grant
 * enables it before adding, without bringing the last member back. Every call repeated
 * changes nothing. Two revokers on one database, even in two processes (two pools on one
 * PostgreSQL), racing a grant and a revocation, leave exactly the right members.
 */
import { WebClient } from '@slack/web-api';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { termsOf } from '../../src/domain/grants.js';
import { asRequestId, asUserId, type Grant, type System } from '../../src/domain/types.js';
import type { Directory, GrantView } from '../../src/operations/ports.js';
import { createUsergroupRevoker } from '../../src/revokers/slack-usergroup.js';
import { openTestDatabase, type TestDatabase } from '../helpers/database.js';
import { FakeSlack } from '../helpers/fake-slack.js';
import { testCatalog } from '../fixtures/catalog.js';

const GROUP = 'S0BILLADMINS';
const billing = { ...testCatalog().systems[0]!, owners: ['U0OWNER1', 'S0BILLOPS'] } satisfies System;
const AT = new Date('2025-03-04T10:00:00.000Z');

let db: TestDatabase;
let slack: FakeSlack;

beforeAll(async () => {
  db = await openTestDatabase();
});
afterAll(async () => {
  await db.close();
});
beforeEach(() => {
  slack = new FakeSlack();
  slack.groups.set('S0BILLOPS', ['U0OWNER2', 'U0OWNER3']);
});
afterEach(async () => {
  slack.close();
  await db.reset();
});

const directory: Pick<Directory, 'members'> = {
  members: async (ref) => (ref.startsWith('S') ? (slack.groups.get(ref) ?? []) : [ref]).map(asUserId),
};
const client = () => new WebClient('xoxb-test', { retryConfig: { retries: 0 } });
const revoker = (pool: pg.Pool = db.pool, slackClient: WebClient = client()) =>
  createUsergroupRevoker({ client: slackClient, usergroup: GROUP, pool, embedded: db.embedded, directory });

/** An approved request row for the grant to belong to, as the lifecycle would have made. */
async function grantOf(user: string, roleId: 'viewer' | 'admin' = 'viewer'): Promise<GrantView> {
  const { rows } = await db.pool.query<{ id: number }>(
    `insert into requests (requester_id, system_id, role_id, duration_minutes, purpose, status, steps, current_step, draft, version, created_at, updated_at)
     values ($1, 'billing', $2, 60, 'tests', 'approved', '[]', 0, '{}', 1, $3, $3) returning id`,
    [user, roleId, AT],
  );
  const role = billing.roles.find((candidate) => candidate.id === roleId)!;
  const grant: Grant = {
    requestId: asRequestId(rows[0]!.id), userId: asUserId(user), systemId: 'billing', roleId, collection: 'sso_group',
    grantedAt: AT, expiresAt: new Date(AT.getTime() + 3_600_000), status: 'active', attempts: 0, version: 1, terms: termsOf(billing, role),
  };
  return { grant, system: billing, role };
}

const members = () => slack.groups.get(GROUP);
const changes = () => slack.calls.filter((call) => /^usergroups\.(users\.update|disable|enable)$/.test(call.method)).map((call) => call.method);

describe('user-group revoker: who stays', () => {
  it('when a member from before the grant is granted and the grant ends, then they stay in the group', async () => {
    slack.groups.set(GROUP, ['U0A', 'U0REQ1']);
    const view = await grantOf('U0REQ1');
    expect(await revoker().grant(view)).toBe('granted');
    expect(await revoker().revoke(view)).toBe('removed');
    expect(members()).toEqual(['U0A', 'U0REQ1']);
    expect(changes()).toEqual([]);
  });

  it('when a newcomer is granted and the grant ends, then only they come and go', async () => {
    slack.groups.set(GROUP, ['U0A']);
    const view = await grantOf('U0REQ1');
    await revoker().grant(view);
    expect(members()).toEqual(['U0A', 'U0REQ1']);
    await revoker().revoke(view);
    expect(members()).toEqual(['U0A']);
  });

  it('when a person holds two grants through the group, then they stay until the second ends', async () => {
    slack.groups.set(GROUP, ['U0A']);
    const viewer = await grantOf('U0REQ1', 'viewer');
    const admin = await grantOf('U0REQ1', 'admin');
    await revoker().grant(viewer);
    await revoker().grant(admin);
    await revoker().revoke(viewer);
    expect(members()).toEqual(['U0A', 'U0REQ1']);
    await revoker().revoke(admin);
    expect(members()).toEqual(['U0A']);
  });

  it('when an extension carries the access on, then its end takes the person out', async () => {
    slack.groups.set(GROUP, ['U0A']);
    const first = await grantOf('U0REQ1');
    await revoker().grant(first);
    const extension = await grantOf('U0REQ1');
    await revoker().extend(extension);
    expect(changes()).toEqual(['usergroups.users.update']);
    await revoker().revoke(extension);
    expect(members()).toEqual(['U0A']);
  });

  it('when a member from before was taken out by hand since, then a later grant\'s end takes them out', async () => {
    slack.groups.set(GROUP, ['U0A', 'U0REQ1']);
    const before = await grantOf('U0REQ1', 'admin');
    await revoker().grant(before);
    await revoker().revoke(before);
    slack.groups.set(GROUP, ['U0A']);
    const view = await grantOf('U0REQ1');
    await revoker().grant(view);
    await revoker().revoke(view);
    expect(members()).toEqual(['U0A']);
  });
});

describe('user-group revoker: repeated calls', () => {
  it('when grant and revoke are each called twice, then Slack changes once each', async () => {
    slack.groups.set(GROUP, ['U0A']);
    const view = await grantOf('U0REQ1');
    await revoker().grant(view);
    await revoker().grant(view);
    await revoker().revoke(view);
    expect(await revoker().revoke(view)).toBe('removed');
    expect(changes()).toEqual(['usergroups.users.update', 'usergroups.users.update']);
    expect(members()).toEqual(['U0A']);
  });

  it('when a grant failed at Slack and is retried, then the grantee is not mistaken for a member from before', async () => {
    slack.groups.set(GROUP, ['U0A']);
    const view = await grantOf('U0REQ1');
    slack.fail('usergroups.users.update', 'ratelimited');
    await expect(revoker().grant(view)).rejects.toThrow(/ratelimited/);
    slack.reset();
    await revoker().grant(view);
    await revoker().revoke(view);
    expect(members()).toEqual(['U0A']);
  });
});

describe('user-group revoker: the last member', () => {
  async function emptied() {
    slack.groups.set(GROUP, ['U0A']);
    const view = await grantOf('U0REQ1');
    await revoker().grant(view);
    slack.groups.set(GROUP, ['U0REQ1']); // U0A was taken out by hand meanwhile
    return view;
  }

  it('when the last member\'s grant ends, then the group is disabled and each owner is told once', async () => {
    const view = await emptied();
    await revoker().revoke(view);
    await revoker().revoke(view);
    expect(slack.disabled.has(GROUP)).toBe(true);
    expect(changes()).toEqual(['usergroups.users.update', 'usergroups.disable']);
    const told = slack.called('chat.postMessage');
    expect(told.map((message) => message.channel).sort()).toEqual(['U0OWNER1', 'U0OWNER2', 'U0OWNER3']);
    expect(told[0]!.text).toBe(
      `<!subteam^${GROUP}> is disabled: AR-${view.grant.requestId} ended its last member's access, and Slack cannot empty a user group. Latchkey enables it again at its next grant.`,
    );
  });

  it('when the next grant comes, then the group is enabled before the add and the last member stays out', async () => {
    await revoker().revoke(await emptied());
    slack.reset();
    const next = await grantOf('U0REQ2');
    await revoker().grant(next);
    expect(changes()).toEqual(['usergroups.enable', 'usergroups.users.update']);
    expect(slack.disabled.has(GROUP)).toBe(false);
    expect(members()).toEqual(['U0REQ2']);
    await revoker().revoke(next);
    expect(slack.disabled.has(GROUP)).toBe(true);
  });

  it('when the last member is granted again, then the group comes back with them alone', async () => {
    const view = await emptied();
    await revoker().revoke(view);
    const again = await grantOf('U0REQ1');
    await revoker().grant(again);
    expect(slack.disabled.has(GROUP)).toBe(false);
    expect(members()).toEqual(['U0REQ1']);
  });
});

/** A client whose list answers arrive late: the window where unserialised writers collide. */
function slowClient(): WebClient {
  const slow = client();
  const list = slow.usergroups.users.list;
  slow.usergroups.users.list = (async (args: Parameters<typeof list>[0]) => {
    const answer = await list(args);
    await new Promise((done) => setTimeout(done, 40));
    return answer;
  }) as typeof list;
  return slow;
}

async function race(first: ReturnType<typeof revoker>, second: ReturnType<typeof revoker>) {
  slack.groups.set(GROUP, ['U0A']);
  const leaving = await Promise.all(['U0L1', 'U0L2', 'U0L3'].map((user) => grantOf(user)));
  for (const view of leaving) await first.grant(view);
  const coming = await Promise.all(['U0C1', 'U0C2', 'U0C3'].map((user) => grantOf(user)));
  await Promise.all(leaving.flatMap((view, i) => [second.revoke(view), first.grant(coming[i]!)]));
  expect([...members()!].sort()).toEqual(['U0A', 'U0C1', 'U0C2', 'U0C3']);
}

describe('user-group revoker: racing', () => {
  it('when two revokers in one process race grants and revocations, then the group ends exactly right', async () => {
    await race(revoker(db.pool, slowClient()), revoker(db.pool, slowClient()));
  });

  it.skipIf(!process.env.TEST_DATABASE_URL)(
    'when two processes (two pools on one PostgreSQL) race grants and revocations, then the group ends exactly right',
    async () => {
      const other = new pg.Pool({ connectionString: (db.pool as unknown as { options: { connectionString: string } }).options.connectionString, max: 4 });
      try {
        await race(revoker(db.pool, slowClient()), revoker(other, slowClient()));
      } finally {
        await other.end();
      }
    },
  );
});
