/**
 * Access that is membership of a Slack user group (for example one synced to channels or
 * to single sign-on): granting adds the grantee, revoking removes them, and every other
 * member stays. Slack errors are thrown so the calling job retries.
 */
import type { WebClient } from '@slack/web-api';
import type { Revoker } from '../operations/ports.js';

export interface UsergroupRevokerOptions {
  client: WebClient;
  usergroup: string;
}

/**
 * Slack only lets us replace a group's whole member list, so each change reads the list
 * and writes it back. Changes to one group are queued one after another in this process,
 * so two grants at once cannot each write back a list without the other's person.
 */
const queues = new Map<string, Promise<unknown>>();

function inTurn<T>(usergroup: string, work: () => Promise<T>): Promise<T> {
  // Stored turns never reject, so the next one always runs.
  const turn = (queues.get(usergroup) ?? Promise.resolve()).then(work);
  const settled = turn.catch(() => undefined);
  queues.set(usergroup, settled);
  void settled.then(() => {
    if (queues.get(usergroup) === settled) queues.delete(usergroup);
  });
  return turn;
}

export function createUsergroupRevoker(options: UsergroupRevokerOptions): Revoker {
  const { client, usergroup } = options;

  async function members(): Promise<string[]> {
    const { users = [] } = await client.usergroups.users.list({ usergroup, include_disabled: false });
    return users;
  }

  const write = (users: string[]) => client.usergroups.users.update({ usergroup, users: users.join(',') });

  return {
    grant: (view) =>
      inTurn(usergroup, async () => {
        const users = await members();
        if (users.includes(view.grant.userId)) return;
        await write([...users, view.grant.userId]);
      }),

    revoke: (view) =>
      inTurn(usergroup, async (): Promise<'removed'> => {
        const users = await members();
        if (!users.includes(view.grant.userId)) return 'removed';
        const rest = users.filter((user) => user !== view.grant.userId);
        // Slack refuses to empty a user group (no_users_provided, invalid_users). Disabling
        // it is the only way to take the last member's access: a disabled group can't be
        // mentioned and no longer carries its channels or sign-on membership.
        if (rest.length === 0) await client.usergroups.disable({ usergroup });
        else await write(rest);
        return 'removed';
      }),
  };
}
