// Contract: SIGHUP reloads the catalog. A catalog that passes the start-up checks (the file,
// and the secrets its webhook revokers name) is used by all new work: the request form and
// routing see its systems. Any other leaves the running catalog in place, and its problems
// are logged one per line, as they would stop a start. The bot keeps running either way.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Logger } from '../../src/logging.js';
import { reloadCatalog } from '../../src/reload-catalog.js';
import { TEST_CATALOG_YAML } from '../fixtures/catalog.js';
import { startChildBot } from '../helpers/child-bot.js';
import { startHarness, type Harness } from '../helpers/harness.js';
import { appHomeOpened, requestSubmission } from '../helpers/payloads.js';
import { startSlackServer } from '../helpers/slack-server.js';

/** TEST_CATALOG_YAML with one more system, `vpn`, owned by U0OWNER3. */
const WITH_VPN = `${TEST_CATALOG_YAML}  - id: vpn
    name: Office VPN
    description: The office network from outside
    owners: [U0OWNER3]
    collection: [sso_group]
    roles:
      - { id: user, name: User, description: Connect, privileged: false, durations: [1d], max_duration: 7d }
`;
const BROKEN = WITH_VPN.replace('max_duration: 7d }', 'max_duration: 3x }');
const UNSIGNED_WEBHOOK = WITH_VPN.replace('collection: [sso_group]\n', 'collection: [sso_group]\n    revoker: { type: webhook, url: "https://vpn.example.com/hook", secret_env: VPN_WEBHOOK_SECRET }\n');

let dir: string;
const catalogPath = () => join(dir, 'catalog.yml');

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'latchkey-reload-'));
});

afterAll(() => rm(dir, { recursive: true, force: true }));

describe('reloading in a running bot', () => {
  let h: Harness;
  const reload = async (yaml: string) => {
    await writeFile(catalogPath(), yaml);
    return reloadCatalog({ path: catalogPath(), secrets: {}, latchkey: h.latchkey, log: h.latchkey.deps.log as Logger }); // the harness's pino logger
  };
  const systemIds = () => h.latchkey.deps.catalog.systems.map((system) => system.id);
  const logged = (message: string) => h.logs.map((line) => JSON.parse(line)).filter((line) => line.msg === message);

  beforeAll(async () => {
    h = await startHarness();
  });
  beforeEach(() => h.reset());
  afterAll(() => h.close());

  it('when the new catalog is broken, then the running one stays and the problems are logged with their lines', async () => {
    expect(await reload(BROKEN)).toBe(false);
    expect(systemIds()).toEqual(['billing', 'cms', 'ads']);
    const [refused] = logged('catalog not reloaded: the running catalog stays');
    expect(refused.problems).toEqual([expect.stringMatching(/catalog\.yml:\d+:\d+ systems\[3\]\.roles\[0\]\.max_duration: "3x" is not a duration/)]);
  });

  it('when a new webhook revoker has no secret, then the running catalog stays', async () => {
    expect(await reload(UNSIGNED_WEBHOOK)).toBe(false);
    expect(systemIds()).toEqual(['billing', 'cms', 'ads']);
    expect(logged('catalog not reloaded: the running catalog stays')[0].problems).toEqual(['systems vpn: revoker secret VPN_WEBHOOK_SECRET is not set']);
  });

  it('when the new catalog is valid, then the form, routing and the Home use it', async () => {
    expect(await reload(WITH_VPN)).toBe(true);
    expect(logged('catalog reloaded')).toHaveLength(1);
    await h.command('U0REQ1', 'vpn');
    await h.settled();
    expect(JSON.stringify(h.slack.called('views.open')[0]?.view)).toContain('Office VPN');
    await h.interact(requestSubmission('U0REQ1', { system: 'vpn', role: 'user', minutes: 24 * 60, purpose: 'Work from home this week' }));
    await h.settled();
    expect(h.slack.called('chat.postMessage').map((post) => post.channel)).toContain('U0OWNER3');
    await h.event(appHomeOpened('U0OWNER3'));
    await h.settled();
    const home = h.slack.called('views.publish').filter((call) => call.user_id === 'U0OWNER3').at(-1)?.view;
    expect(JSON.stringify(home)).toContain('Office VPN');
  });
});

describe('SIGHUP to the bot process', () => {
  it('reloads a good catalog, keeps the old one on a bad one, and keeps running', async () => {
    const slack = await startSlackServer();
    await writeFile(catalogPath(), TEST_CATALOG_YAML);
    // A child's start is slow on a busy machine; the reload itself is quick.
    const bot = await startChildBot({ catalogYaml: TEST_CATALOG_YAML, slack, env: { CATALOG_PATH: catalogPath() }, readyWithinMs: 120_000 });
    const hangUp = async (yaml: string, message: string) => {
      await writeFile(catalogPath(), yaml);
      const before = bot.logs.length;
      process.kill(bot.pid!, 'SIGHUP');
      await expect.poll(() => bot.logs.slice(before).some((line) => line.includes(message)), { timeout: 20_000 }).toBe(true);
    };
    try {
      await hangUp(BROKEN, '"catalog not reloaded: the running catalog stays"');
      await hangUp(WITH_VPN, '"catalog reloaded"');
      expect(bot.logs.find((line) => line.includes('"catalog reloaded"'))).toContain('"systems":4');
      expect(bot.pid).toBeDefined();
    } finally {
      await bot.close();
      await slack.close();
    }
  }, 180_000);
});
