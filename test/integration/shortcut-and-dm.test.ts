/**
 * Contract: the global shortcut "Request access" opens the same request modal as `/access`
 * (and a Slack Connect guest is told why not, by DM). A person writing to the bot in its DM
 * gets one short pointer to `/access` and the Home tab, at most once an hour; a DM holding a
 * credential gets the credential warning instead, never both; bots, the bot itself, edits
 * and channel messages get no pointer.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { CALLBACK } from '../../blocks/ids.js';
import { BOT_USER, TEAM } from '../helpers/fake-slack.js';
import { startHarness, type Harness } from '../helpers/harness.js';
import { messageEvent } from '../helpers/payloads.js';

const GITHUB_TOKEN = ['ghp', '_', 'R7kPq2Vx9LmZ4TnW8YcB3HdF6JsA1GeQ5UoX'].join('');
let h: Harness;
let messages = 0;

beforeAll(async () => {
  h = await startHarness();
});
beforeEach(() => h.reset());
afterAll(() => h.close());

const shortcut = (user: string) => ({
  type: 'shortcut',
  token: 'legacy-verification-token',
  action_ts: '1700000200.000300',
  team: { id: TEAM, domain: 'latchkey-test' },
  user: { id: user, username: user.toLowerCase(), team_id: TEAM },
  is_enterprise_install: false,
  callback_id: CALLBACK.requestShortcut,
  trigger_id: '99.1111.shortcut',
});

/** A DM to the bot, each with its own ts. */
async function dm(user: string, text: string, extra: Record<string, unknown> = {}) {
  const ts = `1700000300.${String(++messages).padStart(6, '0')}`;
  const response = await h.event(messageEvent({ user, text, channel: `D0${user}`, channel_type: 'im', ts, event_ts: ts, ...extra }));
  await h.settled();
  return response;
}

const pointers = () => h.slack.called('chat.postMessage').filter((p) => String(p.text).includes('/access'));

describe('the Request access shortcut', () => {
  it('when the manifest is read, then it declares the global shortcut under the id the listener answers', () => {
    const manifest = parse(readFileSync(new URL('../../manifest.yml', import.meta.url), 'utf8'));
    expect(manifest.features.shortcuts).toContainEqual(expect.objectContaining({ name: 'Request access', type: 'global', callback_id: CALLBACK.requestShortcut }));
  });

  it('when a colleague uses it, then the /access modal opens with the trigger id', async () => {
    const response = await h.interact(shortcut('U0REQ1'));
    await h.settled();

    expect(response.status).toBe(200);
    const [opened] = h.slack.called('views.open');
    expect(opened?.trigger_id).toBe('99.1111.shortcut');
    expect(opened?.view.callback_id).toBe(CALLBACK.requestModal);
    await h.command('U0REQ2', '');
    await h.settled();
    const fromCommand = h.slack.called('views.open')[1];
    expect(opened?.view.blocks).toEqual(fromCommand?.view.blocks);
  });

  it('when a Slack Connect guest uses it, then no modal opens and they are told why by DM', async () => {
    await h.interact(shortcut('U0EXT1'));
    await h.settled();

    expect(h.slack.called('views.open')).toEqual([]);
    expect(h.slack.called('chat.postMessage').map((p) => p.channel)).toEqual(['U0EXT1']);
  });
});

describe('a DM to the bot', () => {
  // One person per case: the hourly limit is the bot's memory, which a reset keeps.
  it.each([
    ['U0REQ1', 'hi'],
    ['U0OWNER2', 'how do I get access to billing?'],
  ])('when %s writes "%s", then they get one pointer to /access and the Home tab', async (user, text) => {
    await dm(user, text);

    const [reply, ...more] = pointers();
    expect(more).toEqual([]);
    expect(reply?.channel).toBe(`D0${user}`);
    expect(reply?.text).toContain('`/access`');
    expect(reply?.text).toContain('*Home* tab');
  });

  it('when the same person writes again within the hour, then there is no second pointer; after it, there is', async () => {
    await dm('U0REQ2', 'hi');
    await dm('U0REQ2', 'hello?');
    expect(pointers()).toHaveLength(1);

    h.clock.advance(61 * 60_000);
    await dm('U0REQ2', 'anyone?');
    expect(pointers()).toHaveLength(2);
  });

  it('when the DM holds a credential, then the credential warning is the only answer', async () => {
    await dm('U0OWNER1', `my token is ${GITHUB_TOKEN}`);
    await dm('U0OWNER1', `again ${GITHUB_TOKEN}`);

    expect(pointers()).toEqual([]);
    expect(h.slack.called('chat.postEphemeral').map((p) => p.text).join('\n')).toContain('That looks like a GitHub token');
  });

  it('when a bot, the bot itself, an edit or a channel message arrives, then nobody gets a pointer', async () => {
    await dm('U0SEC1', 'from a bot', { bot_id: 'B0OTHER' });
    await dm(BOT_USER, 'from me');
    await dm('U0SEC2', 'edited', { subtype: 'message_changed', message: { user: 'U0SEC2', text: 'edited', ts: '1700000300.000001' } });
    await h.event(messageEvent({ user: 'U0COORD1', text: 'hi all' }));
    await h.settled();

    expect(pointers()).toEqual([]);
  });
});
