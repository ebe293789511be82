/**
 * A small stateful fake of the Slack Web API behind nock: it answers every method the bot
 * calls, records each call with its decoded arguments, and lets a test make a method fail.
 * Nothing leaves the machine: net connect is disabled except to loopback.
 */
import nock from 'nock';

export const TEAM = 'T0LATCH';
export const BOT_USER = 'U0LATCHKEY';

export interface SlackCall {
  method: string;
  args: Record<string, any>;
  /** performance.now() when the call arrived. */
  at: number;
}

export interface FakePerson {
  id: string;
  team_id?: string;
  is_stranger?: boolean;
  deleted?: boolean;
  tz?: string;
  title?: string;
}

const DEFAULT_PEOPLE = ['U0REQ1', 'U0REQ2', 'U0OWNER1', 'U0OWNER2', 'U0OWNER3', 'U0SEC1', 'U0SEC2', 'U0COORD1', 'U0CMS1', 'U0CMS2'];

export class FakeSlack {
  readonly calls: SlackCall[] = [];
  readonly responses: { url: string; body: Record<string, any> }[] = [];
  people = new Map<string, FakePerson>(DEFAULT_PEOPLE.map((id) => [id, { id, team_id: TEAM, tz: 'Europe/Berlin' }]));
  groups = new Map<string, string[]>([['S0CMSOWNERS', ['U0CMS1', 'U0CMS2']]]);
  /** User groups that are disabled: they keep their lists but give nobody anything. */
  disabled = new Set<string>();
  private failures = new Map<string, string>();
  /** Channels the bot is a member of. */
  joined = new Set<string>();
  /** Channels the bot was never invited to: posting there fails with not_in_channel. */
  outside = new Set<string>();
  private nextTs = 1_700_000_000;

  constructor() {
    this.people.set('U0EXT1', { id: 'U0EXT1', team_id: 'T0OTHERORG', is_stranger: true });
    nock.disableNetConnect();
    nock.enableNetConnect((host) => host.startsWith('127.0.0.1') || host.startsWith('localhost'));
    nock('https://slack.com')
      .persist()
      .post(/^\/api\/.+/)
      .reply((uri, body) => [200, this.answer(uri.replace('/api/', ''), decode(body))]);
    nock('https://hooks.slack.com')
      .persist()
      .post(/.*/)
      .reply((uri, body) => {
        this.responses.push({ url: uri, body: typeof body === 'string' ? JSON.parse(body) : (body as Record<string, any>) });
        return [200, 'ok'];
      });
  }

  /** Makes every later call of `method` fail with Slack's `error` code. */
  fail(method: string, error: string): void {
    this.failures.set(method, error);
  }

  /** Calls of one method, in order. */
  called(method: string): Record<string, any>[] {
    return this.calls.filter((call) => call.method === method).map((call) => call.args);
  }

  /** Ephemeral replies sent through response_url. */
  replies(): string[] {
    return this.responses.map((response) => String(response.body.text ?? ''));
  }

  reset(): void {
    this.calls.length = 0;
    this.responses.length = 0;
    this.failures.clear();
    this.outside.clear();
  }

  close(): void {
    nock.cleanAll();
    nock.enableNetConnect();
  }

  private answer(method: string, args: Record<string, any>): Record<string, unknown> {
    this.calls.push({ method, args, at: performance.now() });
    const failure = this.failures.get(method);
    if (failure) return { ok: false, error: failure };
    switch (method) {
      case 'auth.test':
        return { ok: true, team_id: TEAM, user_id: BOT_USER, bot_id: 'B0LATCHKEY', team: 'Latchkey Test' };
      case 'users.info': {
        const person = this.people.get(args.user);
        return person
          ? { ok: true, user: { ...person, name: person.id.toLowerCase(), profile: { title: person.title ?? '' } } }
          : { ok: false, error: 'user_not_found' };
      }
      case 'usergroups.users.list': {
        const users = this.groups.get(args.usergroup);
        const hidden = this.disabled.has(args.usergroup) && args.include_disabled !== 'true';
        return users ? { ok: true, users: hidden ? [] : users } : { ok: false, error: 'no_such_subteam' };
      }
      case 'usergroups.users.update': {
        // Slack refuses to empty a group; an update leaves a disabled group disabled.
        const users = String(args.users ?? '').split(',').filter(Boolean);
        if (users.length === 0) return { ok: false, error: 'no_users_provided' };
        this.groups.set(args.usergroup, users);
        return { ok: true, usergroup: { id: args.usergroup } };
      }
      case 'usergroups.disable':
      case 'usergroups.enable':
        // Disabling keeps the member list: enabling brings it back as it was.
        if (method === 'usergroups.disable') this.disabled.add(args.usergroup);
        else this.disabled.delete(args.usergroup);
        return { ok: true, usergroup: { id: args.usergroup } };
      case 'chat.postMessage': {
        if (this.outside.has(String(args.channel))) return { ok: false, error: 'not_in_channel' };
        const channel = String(args.channel).replace(/^U/, 'D');
        return { ok: true, channel, ts: `${this.nextTs++}.000100` };
      }
      case 'chat.update':
        return { ok: true, channel: args.channel, ts: args.ts };
      case 'chat.postEphemeral':
        return { ok: true, message_ts: `${this.nextTs++}.000200` };
      case 'chat.delete':
        return { ok: true, channel: args.channel, ts: args.ts };
      case 'chat.getPermalink':
        return { ok: true, channel: args.channel, permalink: `https://latchkey-test.slack.com/archives/${args.channel}/p${String(args.message_ts).replace('.', '')}` };
      case 'conversations.info': {
        const id = String(args.channel);
        return { ok: true, channel: { id, is_private: id.startsWith('G') || id.includes('PRIVATE'), is_member: this.joined.has(id) } };
      }
      case 'conversations.join':
        this.joined.add(String(args.channel));
        return { ok: true, channel: { id: args.channel } };
      case 'views.publish':
        return { ok: true, view: { id: 'V0HOME', type: 'home', hash: 'h1' } };
      case 'views.open':
      case 'views.update':
        return { ok: true, view: { id: 'V0MODAL', hash: 'h1' } };
      case 'conversations.open':
        return { ok: true, channel: { id: String(args.users).replace(/^U/, 'D') } };
      // Files upload v2: the file's bytes go to the upload URL, which a test nocks itself.
      case 'files.getUploadURLExternal':
        return { ok: true, upload_url: `https://files.slack.com/upload/v1/${encodeURIComponent(args.filename)}`, file_id: 'F0UPLOAD1' };
      case 'files.completeUploadExternal':
        return { ok: true, files: JSON.parse(args.files) };
      default:
        return { ok: false, error: 'unknown_method' };
    }
  }
}

/** The Web API sends form fields; blocks and views arrive as JSON strings inside them. */
function decode(body: unknown): Record<string, any> {
  const fields = typeof body === 'string' ? Object.fromEntries(new URLSearchParams(body)) : (body as Record<string, any>);
  for (const key of ['blocks', 'view']) {
    if (typeof fields[key] === 'string') fields[key] = JSON.parse(fields[key]);
  }
  return fields;
}
