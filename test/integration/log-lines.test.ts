/**
 * Contract: at LOG_LEVEL debug and trace, where Bolt, the Web API client and Socket Mode
 * write whole payloads, the real bot's log lines never hold what a person typed (a pasted
 * token, a secret in a command, a purpose sent on in an approval card) nor the bot token;
 * every line is JSON with an ISO time, a level word, the pid and the hostname.
 */
import { hostname } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BOT_TOKEN, startHarness, type Harness } from '../helpers/harness.js';
import { messageEvent, requestSubmission } from '../helpers/payloads.js';

// Built at run time so that no scanner of this repository mistakes the fixtures for leaks.
const GITHUB_TOKEN = ['ghp', '_', 'Z3kPq2Vx9LmZ4TnW8YcB3HdF6JsA1GeQ5UoY'].join('');
const COMMAND_SECRET = 'Sup3rS3cret-Hunter2-passphrase';
const PURPOSE = 'Quarter close for the Zephyr-77-Quartz ledger';
const ISO_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

describe.each(['debug', 'trace'])('at LOG_LEVEL=%s', (level) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ env: { LOG_LEVEL: level } });
    await h.event(messageEvent({ user: 'U0REQ1', text: `the deploy key is ${GITHUB_TOKEN}` }));
    await h.command('U0REQ1', `billing viewer password=${COMMAND_SECRET}`);
    await h.interact(requestSubmission('U0REQ1', { system: 'billing', role: 'viewer', minutes: 1440, purpose: PURPOSE }));
    await h.settled();
  }, 60_000);
  afterAll(() => h.close());

  it('when a credential is posted, a command carries a secret and a purpose goes on a card, then no log line holds them, nor the bot token', async () => {
    await h.effectsDone();
    // The card was sent: its text went through the Web API client's debug lines.
    expect(h.slack.called('chat.postMessage').some((call) => JSON.stringify(call).includes(PURPOSE))).toBe(true);
    const written = h.logs.join('\n');
    expect(written).not.toContain(PURPOSE);
    expect(written).not.toContain(GITHUB_TOKEN);
    expect(written).not.toContain(COMMAND_SECRET);
    expect(written).not.toContain(BOT_TOKEN);
    expect(written).not.toContain('xoxb-');
  });

  it("when Bolt and the Web API client log at debug, then their lines are kept, reduced to words and the method's name", () => {
    const bolt = h.logs.map((line) => JSON.parse(line)).filter((line) => line.component === 'bolt' && line.level === 'debug');
    expect(bolt.length).toBeGreaterThan(0);
    expect(bolt.some((line) => line.method === 'chat.postEphemeral')).toBe(true);
  });

  it('then every line is JSON with an ISO time, a level word, the pid and the hostname', () => {
    expect(h.logs.length).toBeGreaterThan(0);
    for (const line of h.logs.map((text) => JSON.parse(text))) {
      expect(line.time).toMatch(ISO_TIME);
      expect(['trace', 'debug', 'info', 'warn', 'error', 'fatal']).toContain(line.level);
      expect(line).toMatchObject({ pid: process.pid, hostname: hostname() });
    }
  });
});
