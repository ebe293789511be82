/**
 * People and user groups, from Slack. Lookups are cached for a few minutes: a click
 * should not wait on users.info every time, and a deactivation still shows within minutes.
 */
import type { WebClient } from '@slack/web-api';
import type { Person, UserId } from '../domain/types.js';
import { asUserId } from '../domain/types.js';
import type { Directory } from '../operations/ports.js';
import { slackError } from './slack-error.js';

const TTL_MS = 5 * 60_000;
const MAX_ENTRIES = 10_000;

interface SlackUser {
  id?: string;
  name?: string;
  real_name?: string;
  team_id?: string;
  enterprise_user?: { enterprise_id?: string };
  is_stranger?: boolean;
  deleted?: boolean;
  is_bot?: boolean;
  tz?: string | null;
  profile?: { display_name?: string; real_name?: string; title?: string; email?: string };
}

export function createDirectory(client: WebClient, now: () => number = Date.now): Directory {
  const people = new Map<string, { person: Person | undefined; expires: number }>();

  async function lookUp(id: UserId): Promise<Person | undefined> {
    try {
      const { user } = await client.users.info({ user: id });
      return user ? toPerson(user as SlackUser, id) : undefined;
    } catch (error) {
      if (slackError(error) === 'user_not_found') return undefined;
      throw error;
    }
  }

  return {
    async person(id) {
      const cached = people.get(id);
      if (cached && cached.expires > now()) return cached.person;
      const person = await lookUp(id);
      // Map order is the order entries were set: the one looked up longest ago goes first.
      people.delete(id);
      if (people.size >= MAX_ENTRIES) people.delete(people.keys().next().value!);
      people.set(id, { person, expires: now() + TTL_MS });
      return person;
    },
    async members(ref) {
      if (!ref.startsWith('S')) return [asUserId(ref)];
      const { users = [] } = await client.usergroups.users.list({ usergroup: ref });
      return users.map(asUserId);
    },
  };
}

function toPerson(user: SlackUser, id: UserId): Person {
  return {
    id,
    name: user.profile?.display_name || user.real_name || user.name || id,
    teamId: user.team_id,
    enterpriseId: user.enterprise_user?.enterprise_id,
    isStranger: user.is_stranger ?? false,
    deleted: user.deleted ?? false,
    isBot: user.is_bot ?? false,
    ...(user.tz ? { tz: user.tz } : {}),
    ...(user.profile?.title ? { title: user.profile.title } : {}),
    ...(user.profile?.email ? { email: user.profile.email } : {}),
  };
}
