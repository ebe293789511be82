// Contract: parseCatalog turns catalog YAML into a deeply frozen Catalog with defaults applied,
// or throws CatalogError listing every problem as `file:line:col path: problem`, in file order.
// loadCatalog reads the file and reports a missing one in a single line.
import { describe, it, expect } from 'vitest';
import { parse, stringify } from 'yaml';
import { CatalogError, loadCatalog, parseCatalog } from '../../src/config/catalog.js';
import { TEST_CATALOG_YAML, testCatalog } from '../fixtures/catalog.js';

/** A catalog as plain YAML data, for tests to break one rule at a time. */
type Raw = any;

const base = (): Raw => parse(TEST_CATALOG_YAML);

/** Plain YAML, no anchors: tests that copy one object many times must not produce aliases. */
const asYaml = (raw: Raw): string => stringify(raw, { aliasDuplicateObjects: false });

function problemsOf(yamlText: string, fileName = 'catalog.yml'): string[] {
  try {
    parseCatalog(yamlText, fileName);
  } catch (error) {
    if (error instanceof CatalogError) return error.problems;
    throw error;
  }
  throw new Error('expected the catalog to be rejected');
}

/** Problems after `change`, without the `file:line:col ` prefix the exact-line tests cover. */
function problemsAfter(change: (raw: Raw) => void): string[] {
  const raw = base();
  change(raw);
  return problemsOf(asYaml(raw)).map((line) => line.replace(/^catalog\.yml:\d+:\d+ /, ''));
}

function parsedAfter(change: (raw: Raw) => void) {
  const raw = base();
  change(raw);
  return parseCatalog(asYaml(raw), 'catalog.yml');
}

const MINIMAL = `
version: 1
security: { reviewers: [U0SEC1] }
systems:
  - id: wiki
    name: Wiki
    description: Team notes
    owners: [U0OWNER1]
    collection: [sso_group]
    roles:
      - { id: reader, name: Reader, description: Read pages, privileged: false, durations: [30d, 1d], max_duration: 30d }
      - { id: admin, name: Admin, description: Everything, privileged: true, durations: [1h], max_duration: 1h }
`;

describe('parseCatalog accepts', () => {
  it('the test catalog, in camelCase with durations in minutes', () => {
    const catalog = testCatalog();
    expect(catalog.settings).toEqual({ timezone: 'Europe/Berlin', digestTime: '09:00', remindAfterMinutes: 240, escalateAfterMinutes: 1440, startWarningMinutes: 4320 });
    expect(catalog.security).toEqual({ reviewers: ['U0SEC1', 'U0SEC2'], alertsChannel: 'C0SECALERT' });
    expect(catalog.coordinators).toEqual(['U0COORD1']);
    expect(catalog.systems.map((s) => s.id)).toEqual(['billing', 'cms', 'ads']);
    expect(catalog.systems[0]?.roles[1]).toEqual({
      id: 'admin',
      name: 'Administrator',
      description: 'Refunds and payouts',
      privileged: true,
      risk: 'high',
      durations: [60, 480],
      maxDuration: 480,
      approvals: ['owner', 'security'],
    });
    expect(catalog.systems[1]).toMatchObject({ owners: ['S0CMSOWNERS'], approvalChannel: 'C0CMSAPPROVALS' });
    expect(catalog.systems[2]?.clientOwned).toBe(true);
  });

  it('a minimal catalog, filling in every default', () => {
    const catalog = parseCatalog(MINIMAL, 'catalog.yml');
    expect(catalog.settings).toEqual({ timezone: 'UTC', digestTime: '09:00', remindAfterMinutes: 240, escalateAfterMinutes: 1440, startWarningMinutes: 4320 });
    expect(catalog.security).toEqual({ reviewers: ['U0SEC1'] });
    expect(catalog.coordinators).toEqual([]);
    const [wiki] = catalog.systems;
    expect(wiki).toMatchObject({ clientOwned: false, revoker: { type: 'manual' } });
    expect(wiki).not.toHaveProperty('approvalChannel');
    expect(wiki?.roles[0]).toMatchObject({ risk: 'low', approvals: ['owner'], durations: [1440, 43200] });
    expect(wiki?.roles[1]).toMatchObject({ risk: 'high', approvals: ['owner', 'security'] });
  });

  it('a deeply frozen result', () => {
    const catalog = testCatalog();
    const durations = catalog.systems[0]?.roles[0]?.durations ?? [];
    expect(Object.isFrozen(catalog)).toBe(true);
    expect(Object.isFrozen(catalog.settings)).toBe(true);
    expect(Object.isFrozen(catalog.systems[0]?.revoker)).toBe(true);
    expect(() => durations.push(1)).toThrow(TypeError);
  });

  it.each<[string, (raw: Raw) => void, (catalog: ReturnType<typeof testCatalog>) => unknown, unknown]>([
    ['durations sorted shortest first', (c) => (c.systems[0].roles[0].durations = ['30d', '1d', '7d']), (c) => c.systems[0]?.roles[0]?.durations, [1440, 10080, 43200]],
    ['written approvals kept, even without security', (c) => (c.systems[0].roles[1].approvals = ['owner']), (c) => c.systems[0]?.roles[1]?.approvals, ['owner']],
    ['security-only approvals', (c) => (c.systems[0].roles[1].approvals = ['security']), (c) => c.systems[0]?.roles[1]?.approvals, ['security']],
    ['an explicit risk', (c) => (c.systems[0].roles[0].risk = 'medium'), (c) => c.systems[0]?.roles[0]?.risk, 'medium'],
    ['W… user ids and G… channels', (c) => ((c.systems[0].owners = ['W0ENTERPRISE']), (c.systems[0].approval_channel = 'G0PRIVATE')), (c) => c.systems[0]?.approvalChannel, 'G0PRIVATE'],
    ['user groups as reviewers', (c) => (c.security.reviewers = ['S0SECTEAM']), (c) => c.security.reviewers, ['S0SECTEAM']],
    [
      'an https webhook revoker',
      (c) => (c.systems[0].revoker = { type: 'webhook', url: 'https://hooks.example.com/revoke', secret_env: 'REVOKE_SECRET' }),
      (c) => c.systems[0]?.revoker,
      { type: 'webhook', url: 'https://hooks.example.com/revoke', secretEnv: 'REVOKE_SECRET' },
    ],
    ['an http webhook on localhost', (c) => (c.systems[0].revoker = { type: 'webhook', url: 'http://127.0.0.1:8080/r', secret_env: 'S' }), (c) => c.systems[0]?.revoker.type, 'webhook'],
    ['a user-group revoker', (c) => (c.systems[0].revoker = { type: 'slack_usergroup', usergroup: 'S0BILLING' }), (c) => c.systems[0]?.revoker, { type: 'slack_usergroup', usergroup: 'S0BILLING' }],
    ['100 roles', (c) => (c.systems[0].roles = rolesNamed(100)), (c) => c.systems[0]?.roles.length, 100],
    ['100 systems', (c) => (c.systems = systemsNamed(c.systems[0], 100)), (c) => c.systems.length, 100],
  ])('%s', (_, change, pick, expected) => {
    expect(pick(parsedAfter(change))).toEqual(expected);
  });

  it('anchors and aliases, so systems can share a role list', () => {
    const text = `
version: 1
security: { reviewers: [U0SEC1] }
systems:
  - { id: wiki, name: Wiki, description: Notes, owners: [U0OWNER1], collection: [sso_group], roles: &standard [
      { id: reader, name: Reader, description: Read, privileged: false, durations: [1d], max_duration: 1d } ] }
  - { id: docs, name: Docs, description: Manuals, owners: [U0OWNER2], collection: [sso_group], roles: *standard }
`;
    const [wiki, docs] = parseCatalog(text, 'catalog.yml').systems;
    expect(docs?.roles).toEqual(wiki?.roles);
  });

  it('catalog.example.yml', async () => {
    const catalog = await loadCatalog('catalog.example.yml');
    expect(catalog.systems.length).toBeGreaterThanOrEqual(4);
    expect(catalog.systems.some((s) => s.clientOwned)).toBe(true);
    expect(catalog.systems.flatMap((s) => s.roles).some((r) => r.privileged)).toBe(true);
  });
});

function rolesNamed(count: number): Raw[] {
  return Array.from({ length: count }, (_, i) => ({ id: `r${i}`, name: `R${i}`, description: 'd', privileged: false, durations: ['1d'], max_duration: '1d' }));
}

function systemsNamed(template: Raw, count: number): Raw[] {
  return Array.from({ length: count }, (_, i) => ({ ...template, id: `s${i}` }));
}

describe('parseCatalog rejects', () => {
  const DURATION_HINT = '(use e.g. 30m, 8h or 7d)';
  it.each<[string, (raw: Raw) => void, string]>([
    // version, settings
    ['a version other than 1', (c) => (c.version = 2), 'version: must be 1'],
    ['an unknown time zone', (c) => (c.settings.timezone = 'Mars/Olympus'), 'settings.timezone: "Mars/Olympus" is not an IANA time zone (e.g. Europe/Berlin)'],
    ['a digest time past 23:59', (c) => (c.settings.digest_time = '24:00'), 'settings.digest_time: "24:00" is not a time of day (HH:MM, 00:00–23:59)'],
    ['a digest time without two-digit hours', (c) => (c.settings.digest_time = '9:00'), 'settings.digest_time: "9:00" is not a time of day (HH:MM, 00:00–23:59)'],
    ['remind_after that is not a duration', (c) => (c.settings.remind_after = '4 hours'), `settings.remind_after: "4 hours" is not a duration ${DURATION_HINT}`],
    ['escalate_after not after remind_after', (c) => (c.settings.escalate_after = '4h'), 'settings.escalate_after: must be longer than remind_after'],
    // security, coordinators
    ['missing security', (c) => delete c.security, 'security: is required'],
    ['no reviewers', (c) => (c.security.reviewers = []), 'security.reviewers: must list at least one'],
    ['a reviewer that is not a Slack id', (c) => (c.security.reviewers = ['alice']), 'security.reviewers[0]: "alice" is not a Slack user id (U…/W…) or user-group id (S…)'],
    ['an alerts channel that is a DM', (c) => (c.security.alerts_channel = 'D0DIRECT'), 'security.alerts_channel: "D0DIRECT" is not a Slack channel id (C…/G…)'],
    ['a lowercase coordinator id', (c) => (c.coordinators = ['u0coord1']), 'coordinators[0]: "u0coord1" is not a Slack user id (U…/W…) or user-group id (S…)'],
    // ids, names, descriptions
    ['an uppercase system id', (c) => (c.systems[0].id = 'Billing'), 'systems[0].id: "Billing" is not an id (lowercase letters, digits, - and _, at most 40)'],
    ['a 41-character role id', (c) => (c.systems[0].roles[0].id = 'a'.repeat(41)), `systems[0].roles[0].id: "${'a'.repeat(41)}" is not an id (lowercase letters, digits, - and _, at most 40)`],
    ['a repeated system id', (c) => (c.systems[2].id = 'billing'), 'systems[2].id: is the same as systems[0].id'],
    ['a repeated role id', (c) => (c.systems[0].roles[1].id = 'viewer'), 'systems[0].roles[1].id: is the same as roles[0].id'],
    ['an empty name', (c) => (c.systems[0].name = '  '), 'systems[0].name: must not be empty'],
    ['a name over 75 characters', (c) => (c.systems[0].roles[0].name = 'x'.repeat(76)), "systems[0].roles[0].name: must be at most 75 characters (Slack's limit for menu options)"],
    ['a description over 300 characters', (c) => (c.systems[0].description = 'x'.repeat(301)), 'systems[0].description: must be at most 300 characters'],
    // owners, channels
    ['no owners', (c) => (c.systems[0].owners = []), 'systems[0].owners: must list at least one'],
    ['an owner given by name', (c) => (c.systems[0].owners = ['@alice']), 'systems[0].owners[0]: "@alice" is not a Slack user id (U…/W…) or user-group id (S…)'],
    ['a repeated owner', (c) => (c.systems[0].owners = ['U0OWNER1', 'U0OWNER1']), 'systems[0].owners[1]: is the same as owners[0]'],
    ['an approval channel that is a user', (c) => (c.systems[0].approval_channel = 'U0OWNER1'), 'systems[0].approval_channel: "U0OWNER1" is not a Slack channel id (C…/G…)'],
    // collection
    ['email as a collection method', (c) => (c.systems[0].collection = ['email']), 'systems[0].collection[0]: "email" is not a collection method (use sso_group, delegated_account, vault_share, temporary_link, admin_invite); email and chat are never allowed because they leak credentials'],
    ['chat as a collection method', (c) => (c.systems[0].collection = ['sso_group', 'chat']), 'systems[0].collection[1]: "chat" is not a collection method (use sso_group, delegated_account, vault_share, temporary_link, admin_invite); email and chat are never allowed because they leak credentials'],
    ['no collection methods', (c) => (c.systems[0].collection = []), 'systems[0].collection: must list at least one'],
    ['client_owned that is not a boolean', (c) => (c.systems[0].client_owned = 'no'), 'systems[0].client_owned: must be true or false, not "no"'],
    // revoker
    ['an unknown revoker type', (c) => (c.systems[0].revoker = { type: 'email' }), 'systems[0].revoker.type: "email" is not a revoker type (use manual, webhook or slack_usergroup)'],
    ['a plain http webhook', (c) => (c.systems[0].revoker = { type: 'webhook', url: 'http://hooks.example.com', secret_env: 'S' }), 'systems[0].revoker.url: "http://hooks.example.com" must be an https URL (http only for localhost)'],
    ['a webhook URL that is not a URL', (c) => (c.systems[0].revoker = { type: 'webhook', url: 'hooks', secret_env: 'S' }), 'systems[0].revoker.url: "hooks" must be an https URL (http only for localhost)'],
    ['a webhook without secret_env', (c) => (c.systems[0].revoker = { type: 'webhook', url: 'https://h.example.com' }), 'systems[0].revoker.secret_env: is required'],
    ['a lowercase secret_env', (c) => (c.systems[0].revoker = { type: 'webhook', url: 'https://h.example.com', secret_env: 'secret' }), 'systems[0].revoker.secret_env: "secret" is not an environment variable name (e.g. LATCHKEY_WEBHOOK_SECRET)'],
    ['a user-group revoker with a user id', (c) => (c.systems[0].revoker = { type: 'slack_usergroup', usergroup: 'U0OWNER1' }), 'systems[0].revoker.usergroup: "U0OWNER1" is not a Slack user-group id (S…)'],
    ['a manual revoker with extra keys', (c) => (c.systems[0].revoker = { type: 'manual', url: 'https://x.example.com' }), 'systems[0].revoker.url: is not a known key (check the spelling)'],
    // roles
    ['no roles', (c) => (c.systems[0].roles = []), 'systems[0].roles: must list at least one'],
    ['101 roles', (c) => (c.systems[0].roles = rolesNamed(101)), 'systems[0].roles: must list at most 100 roles (Slack select menus show at most 100 options)'],
    ['101 systems', (c) => (c.systems = systemsNamed(c.systems[0], 101)), 'systems: must list at most 100 systems (Slack select menus show at most 100 options)'],
    ['a role without privileged', (c) => delete c.systems[0].roles[0].privileged, 'systems[0].roles[0].privileged: is required'],
    ['a role without max_duration', (c) => delete c.systems[0].roles[0].max_duration, 'systems[0].roles[0].max_duration: is required'],
    ['a max_duration that is not a duration', (c) => (c.systems[0].roles[0].max_duration = '3x'), `systems[0].roles[0].max_duration: "3x" is not a duration ${DURATION_HINT}`],
    ['a duration given as a bare number', (c) => (c.systems[0].roles[0].durations = [30]), `systems[0].roles[0].durations[0]: 30 is not a duration ${DURATION_HINT}`],
    ['no durations', (c) => (c.systems[0].roles[0].durations = []), 'systems[0].roles[0].durations: must list at least one'],
    ['101 durations', (c) => (c.systems[0].roles[0].durations = Array.from({ length: 101 }, (_, i) => `${i + 1}m`)), 'systems[0].roles[0].durations: must list at most 100'],
    ['a duration repeated in other words', (c) => (c.systems[0].roles[0].durations = ['1d', '24h']), 'systems[0].roles[0].durations[1]: is the same as durations[0]'],
    ['a duration over max_duration', (c) => (c.systems[0].roles[1].durations = ['1h', '1d']), 'systems[0].roles[1].durations[1]: is longer than max_duration (8 h)'],
    ['an unknown risk', (c) => (c.systems[0].roles[0].risk = 'severe'), 'systems[0].roles[0].risk: "severe" is not one of: low, medium, high'],
    ['an unknown approval step', (c) => (c.systems[0].roles[1].approvals = ['owner', 'manager']), 'systems[0].roles[1].approvals[1]: "manager" is not one of: owner, security'],
    ['an empty approval chain', (c) => (c.systems[0].roles[1].approvals = []), 'systems[0].roles[1].approvals: must list at least one step (owner or security)'],
    ['a repeated approval step', (c) => (c.systems[0].roles[1].approvals = ['owner', 'owner']), 'systems[0].roles[1].approvals[1]: is the same as approvals[0]'],
    // strictness
    ['a misspelt key', (c) => (c.systems[0].roles[0].max_duraton = '30d'), 'systems[0].roles[0].max_duraton: is not a known key (check the spelling)'],
    ['an unknown top-level key', (c) => (c.owners = ['U0OWNER1']), 'owners: is not a known key (check the spelling)'],
    ['an empty value', (c) => (c.systems[0].approval_channel = null), 'systems[0].approval_channel: is empty (give a value or remove the key)'],
    ['a list where a mapping belongs', (c) => (c.security = ['U0SEC1']), 'security: must be a mapping (key: value), not ["U0SEC1"]'],
  ])('%s', (_, change, expected) => {
    expect(problemsAfter(change)).toEqual([expected]);
  });
});

describe('CatalogError', () => {
  it('names file, line:column and path of a nested problem', () => {
    const text = MINIMAL.replace('max_duration: 1h }', 'max_duration: 3x }');
    expect(problemsOf(text)).toEqual([`catalog.yml:12:109 systems[0].roles[1].max_duration: "3x" is not a duration (use e.g. 30m, 8h or 7d)`]);
  });

  it('lists every problem in file order, and its message joins them', () => {
    const text = `version: 1
settings:
  timezone: Nowhere/City
security: { reviewers: [U0SEC1] }
systems:
  - id: Wiki
    name: Wiki
    description: Team notes
    owners: [U0OWNER1]
    collection: [email]
    roles:
      - id: reader
        name: Reader
        description: Read pages
        privileged: false
        durations: [1d, 3x]
        max_duraton: 30d
`;
    const expected = [
      'catalog.yml:3:13 settings.timezone: "Nowhere/City" is not an IANA time zone (e.g. Europe/Berlin)',
      'catalog.yml:6:9 systems[0].id: "Wiki" is not an id (lowercase letters, digits, - and _, at most 40)',
      'catalog.yml:10:18 systems[0].collection[0]: "email" is not a collection method (use sso_group, delegated_account, vault_share, temporary_link, admin_invite); email and chat are never allowed because they leak credentials',
      // A missing key points at the mapping that should hold it.
      'catalog.yml:12:9 systems[0].roles[0].max_duration: is required',
      'catalog.yml:16:25 systems[0].roles[0].durations[1]: "3x" is not a duration (use e.g. 30m, 8h or 7d)',
      // An unknown key points at the key itself.
      'catalog.yml:17:9 systems[0].roles[0].max_duraton: is not a known key (check the spelling)',
    ];
    expect(problemsOf(text)).toEqual(expected);
    expect(() => parseCatalog(text, 'catalog.yml')).toThrow(expected.join('\n'));
  });

  it('reports YAML syntax errors with line:column', () => {
    const problems = problemsOf('version: 1\nsystems: [a, b\nsecurity: {}\n', 'conf/catalog.yml');
    expect(problems.length).toBeGreaterThan(0);
    expect(problems[0]).toMatch(/^conf\/catalog\.yml:\d+:\d+ invalid YAML: /);
  });

  it.each([
    ['an empty file', ''],
    ['a list', '- billing\n'],
  ])('reports %s as not a catalog', (_, text) => {
    expect(problemsOf(text)).toEqual(['catalog.yml:1:1 the catalog must be a mapping with version, security and systems (start from catalog.example.yml)']);
  });
});

describe('loadCatalog', () => {
  it('reports a missing file in one line', async () => {
    const error = await loadCatalog('no/such/catalog.yml').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CatalogError);
    expect((error as CatalogError).problems).toEqual(['no/such/catalog.yml: file not found (copy catalog.example.yml to catalog.yml, or set CATALOG_PATH)']);
  });
});
