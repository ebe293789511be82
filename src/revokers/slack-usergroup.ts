/**
 * Access that is membership of a Slack user group (for example one synced to channels or
 * to single sign-on). Each person in the group is there for recorded reasons, their claims:
 * a grant, or membership from before any grant. Granting adds a claim, ending a grant takes
 * its claim away, and the person is in the group exactly while they hold one, so people who
 * were members before, or who hold another grant through the group, stay. Every call may be
 * repeated after a crash and changes nothing the second time. Slack errors are thrown so
 * the caller retries.
 */
import type { WebClient } from '@slack/web-api';
import type pg from 'pg';
import { formatRequestId, type RequestId, type UserId } from '../domain/types.js';
import type { Directory, GrantView, Revoker } from '../operations/ports.js';
import { everyone } from '../operations/support.js';
import { createGroupLock, type Sql } from './group-lock.js';

export interface UsergroupRevokerOptions {
  client: WebClient;
  usergroup: string;
  /** Where claims are kept; the lock holds one of its connections on PostgreSQL. */
  pool: pg.Pool;
  /** Embedded PGlite: changes are serialised in this process instead (see group-lock.ts). */
  embedded: boolean;
  /** Expands owners' user groups for the notice that the group was disabled. */
  directory: Pick<Directory, 'members'>;
}

/** grant → 'granted', revoke → 'removed', extend changes nothing: the claim carries on. */
export function createUsergroupRevoker(options: UsergroupRevokerOptions): Revoker {
  const { client, usergroup, directory } = options;
  const lock = createGroupLock(options);
  const claims = claimsIn(usergroup);

  // Disabled groups too: Slack keeps a disabled group's list, and we must see who is on it.
  const listed = async (): Promise<string[]> => (await client.usergroups.users.list({ usergroup, include_disabled: true })).users ?? [];
  const write = (users: string[]) => client.usergroups.users.update({ usergroup, users: [...new Set(users)].join(',') });

  /**
   * Makes Slack agree with the claims for `user`: in the group while they hold one, out
   * otherwise. 'disabled' when taking them out left the group empty.
   */
  async function sync(sql: Sql, user: UserId, requestId: RequestId): Promise<'disabled' | undefined> {
    const wanted = (await claims.held(sql, user)).length > 0;
    const disabled = await claims.disabled(sql);
    const members = await listed();
    if (disabled) return wanted ? reopen(sql, members, disabled, user) : undefined;
    if (wanted === members.includes(user)) return undefined;
    if (wanted) return void (await write([...members, user]));
    const rest = members.filter((member) => member !== user);
    if (rest.length > 0) return void (await write(rest));
    // Slack refuses to empty a user group (no_users_provided). Disabling it is the only way
    // to end the last member's access: a disabled group carries no channels or sign-on.
    await client.usergroups.disable({ usergroup });
    await claims.markDisabled(sql, user, requestId);
    return 'disabled';
  }

  /**
   * Slack enables a group with the list it kept, which still holds the member whose removal
   * disabled it; the write straight after takes them out again. Enabling comes first because
   * an update does not enable a group, and a grant into a disabled group gives nothing.
   */
  async function reopen(sql: Sql, members: string[], leftMember: string, user: UserId): Promise<undefined> {
    await client.usergroups.enable({ usergroup });
    await write([...members.filter((member) => member !== leftMember), user]);
    await claims.markEnabled(sql);
    return undefined;
  }

  /**
   * Someone on the group (and not only for other grants) before this grant was a member
   * from before, and keeps the group after it. Someone not on it holds no such claim any
   * more: they were taken out by hand since.
   */
  async function claim(sql: Sql, view: GrantView): Promise<void> {
    const user = view.grant.userId;
    const present = !(await claims.disabled(sql)) && (await listed()).includes(user);
    const held = await claims.held(sql, user);
    if (present && held.length === 0) await claims.addPreexisting(sql, user);
    if (!present) await claims.dropPreexisting(sql, user);
    await claims.add(sql, view);
  }

  async function tellOwners(view: GrantView): Promise<void> {
    const text =
      `<!subteam^${usergroup}> is disabled: ${formatRequestId(view.grant.requestId)} ended its last member's access, ` +
      'and Slack cannot empty a user group. Latchkey enables it again at its next grant.';
    const owners = await everyone(directory, view.system.owners);
    // The removal is done whether or not the notice arrives; failing here would only
    // repeat a removal that already happened.
    await Promise.allSettled(owners.map((channel) => client.chat.postMessage({ channel, text })));
  }

  return {
    // Two turns of the lock: the claim is committed before Slack is changed, so a crash
    // between the two can never make a retry mistake the grantee for a member from before.
    async grant(view) {
      await lock(usergroup, (sql) => claim(sql, view));
      await lock(usergroup, (sql) => sync(sql, view.grant.userId, view.grant.requestId));
      return 'granted';
    },

    async revoke(view) {
      const outcome = await lock(usergroup, async (sql) => {
        await claims.release(sql, view);
        return sync(sql, view.grant.userId, view.grant.requestId);
      });
      if (outcome === 'disabled') await tellOwners(view);
      return 'removed';
    },

    // The new grant carries the same system and role on; its end releases the claim.
    async extend() {},
  };
}

/** The SQL behind the claims on one group (tables from migration 5). */
function claimsIn(usergroup: string) {
  return {
    held: async (sql: Sql, user: UserId) =>
      (await sql.query<{ request_id: number | null }>('select request_id from usergroup_members where usergroup = $1 and user_id = $2', [usergroup, user])).rows,
    add: (sql: Sql, { grant }: GrantView) =>
      sql.query(
        'insert into usergroup_members (usergroup, user_id, request_id, system_id, role_id) values ($1, $2, $3, $4, $5) on conflict do nothing',
        [usergroup, grant.userId, grant.requestId, grant.systemId, grant.roleId],
      ),
    addPreexisting: (sql: Sql, user: UserId) =>
      sql.query('insert into usergroup_members (usergroup, user_id) values ($1, $2) on conflict do nothing', [usergroup, user]),
    dropPreexisting: (sql: Sql, user: UserId) =>
      sql.query('delete from usergroup_members where usergroup = $1 and user_id = $2 and request_id is null', [usergroup, user]),
    /**
     * This grant's claim, and any an earlier grant of the same role made: that one can only
     * be the grant this one extended, as nobody holds one role twice at once.
     */
    release: (sql: Sql, { grant }: GrantView) =>
      sql.query(
        'delete from usergroup_members where usergroup = $1 and user_id = $2 and system_id = $3 and role_id = $4 and request_id <= $5',
        [usergroup, grant.userId, grant.systemId, grant.roleId, grant.requestId],
      ),
    disabled: async (sql: Sql) =>
      (await sql.query<{ left_member: string }>('select left_member from usergroups_disabled where usergroup = $1', [usergroup])).rows[0]?.left_member,
    markDisabled: (sql: Sql, user: UserId, requestId: RequestId) =>
      sql.query(
        `insert into usergroups_disabled (usergroup, left_member, request_id) values ($1, $2, $3)
         on conflict (usergroup) do update set left_member = excluded.left_member, request_id = excluded.request_id`,
        [usergroup, user, requestId],
      ),
    markEnabled: (sql: Sql) => sql.query('delete from usergroups_disabled where usergroup = $1', [usergroup]),
  };
}
