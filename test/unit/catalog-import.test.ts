// Contract: importCatalogCsv turns an RBAC matrix (one CSV row per role) into catalog YAML
// that the catalog loader accepts, merging a system's rows into one system; or it lists
// every bad cell as `file:line:column column: problem`, in file order, and returns no YAML.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseCatalog } from '../../src/config/catalog.js';
import { importCatalogCsv } from '../../src/config/catalog-import.js';
import { TEST_CATALOG_YAML } from '../fixtures/catalog.js';

const SAMPLE = readFileSync(new URL('../fixtures/rbac-matrix.csv', import.meta.url), 'utf8');
const HEADER = 'system,system_name,role,role_name,description,privileged,owners,durations,max_duration,approvals,collection,revoker';
const GOOD_ROW = 'billing,Billing,viewer,Viewer,Read invoices,false,U0OWNER1,1d 7d,7d,,sso_group,';

function imported(csv: string, base?: { file: string; data: Record<string, unknown> }) {
  const result = importCatalogCsv(csv, 'rbac.csv', base);
  if (!result.ok) throw new Error(`expected the import to succeed:\n${result.problems.join('\n')}`);
  return { ...result, catalog: parseCatalog(result.yaml, 'catalog.yml') };
}

function problemsOf(csv: string): string[] {
  const result = importCatalogCsv(csv, 'rbac.csv');
  if (result.ok) throw new Error('expected the import to be refused');
  return result.problems;
}

describe('a sample matrix', () => {
  it('round-trips into a catalog the loader accepts, one system per system id', () => {
    const { catalog } = imported(SAMPLE);
    expect(catalog.systems.map((system) => [system.id, system.roles.map((role) => role.id)])).toEqual([
      ['billing', ['viewer', 'admin']],
      ['cms', ['editor']],
      ['warehouse', ['analyst']],
    ]);
  });

  it('keeps quoted commas and quotes, space-separated lists and spreadsheet booleans', () => {
    const billing = imported(SAMPLE).catalog.systems[0]!;
    expect(billing.owners).toEqual(['U0OWNER1', 'U0OWNER2']);
    expect(billing.collection).toEqual(['sso_group', 'delegated_account']);
    expect(billing.roles[0]!.description).toBe('Read invoices, customers and payouts');
    expect(billing.roles[1]).toMatchObject({ description: 'Refunds and payouts; the "big" button', privileged: true, durations: [60, 480], approvals: ['owner', 'security'] });
  });

  it('reads revokers and fills what the sheet leaves out', () => {
    const [, cms, warehouse] = imported(SAMPLE).catalog.systems;
    expect(cms!.revoker).toEqual({ type: 'slack_usergroup', usergroup: 'S0CMSEDITORS' });
    expect(warehouse!.revoker).toEqual({ type: 'webhook', url: 'https://ops.example.com/latchkey', secretEnv: 'LATCHKEY_WEBHOOK_SECRET' });
    expect(warehouse).toMatchObject({ name: 'Data warehouse', description: 'Data warehouse', collection: ['admin_invite'] });
    expect(cms!.roles[0]!.durations).toEqual([7 * 24 * 60]);
  });

  it('marks the security placeholder when no base catalog is given', () => {
    const { yaml, placeholders, catalog } = imported(SAMPLE);
    expect(placeholders).toBe(true);
    expect(catalog.security.reviewers).toEqual(['U0REPLACEME']);
    expect(yaml).toMatch(/^# yaml-language-server: \$schema=\.\/catalog\.schema\.json\n/);
    expect(yaml).toContain('U0REPLACEME in security.reviewers is a placeholder');
  });

  it('keeps everything but the systems from a base catalog', () => {
    const { catalog, placeholders } = imported(SAMPLE, { file: 'catalog.yml', data: parse(TEST_CATALOG_YAML) });
    expect(placeholders).toBe(false);
    expect(catalog.security.reviewers).toEqual(['U0SEC1', 'U0SEC2']);
    expect(catalog.coordinators).toEqual(['U0COORD1']);
    expect(catalog.systems.map((system) => system.id)).toEqual(['billing', 'cms', 'warehouse']);
  });
});

describe('bad rows', () => {
  it.each([
    ['a missing required cell', 'billing,Billing,viewer,Viewer,Read,false,U0OWNER1,1d,,,,', 'rbac.csv:2:9 max_duration: is required'],
    ['a privileged flag that is not a yes or no', 'billing,Billing,viewer,Viewer,Read,maybe,U0OWNER1,1d,7d,,,', 'rbac.csv:2:6 privileged: "maybe" is not true or false'],
    ['a bad duration', 'billing,Billing,viewer,Viewer,Read,false,U0OWNER1,1d,3x,,,', 'rbac.csv:2:9 max_duration: "3x" is not a duration (use e.g. 30m, 8h or 7d)'],
    ['a choice over the maximum', 'billing,Billing,viewer,Viewer,Read,false,U0OWNER1,1d 30d,7d,,,', 'rbac.csv:2:8 durations: is longer than max_duration (7 days)'],
    ['a collection by email', 'billing,Billing,viewer,Viewer,Read,false,U0OWNER1,1d,7d,,email,', expect.stringMatching(/^rbac\.csv:2:11 collection: "email" is not a collection method/)],
    ['an unknown revoker', 'billing,Billing,viewer,Viewer,Read,false,U0OWNER1,1d,7d,,,ftp', expect.stringMatching(/^rbac\.csv:2:12 revoker: "ftp" is not a revoker/)],
    ['an owner that is no Slack id', 'billing,Billing,viewer,Viewer,Read,false,alice,1d,7d,,,', expect.stringMatching(/^rbac\.csv:2:7 owners: "alice" is not a Slack user id/)],
    ['a system id with capitals', 'Billing,Billing,viewer,Viewer,Read,false,U0OWNER1,1d,7d,,,', expect.stringMatching(/^rbac\.csv:2:1 system: "Billing" is not an id/)],
  ])('when a row has %s, then its line and column are named', (_, row, problem) => {
    expect(problemsOf(`${HEADER}\n${row}\n`)).toEqual([problem]);
  });

  it('names the line and column of a later row of a system that contradicts its first', () => {
    const csv = `${HEADER}\n${GOOD_ROW}\nbilling,Stripe,admin,Admin,Refunds,true,,1h,8h,,,\nbilling,,viewer,Viewer,Again,false,,1d,1d,,,\n`;
    expect(problemsOf(csv)).toEqual([
      'rbac.csv:3:2 system_name: differs from line 2 (a system\'s system_name is the same on all its rows; leave it blank after the first)',
      expect.stringMatching(/^rbac\.csv:4:3 role: is the same as /),
    ]);
  });

  it('lists the problems of every row at once, in file order, at the columns of this file', () => {
    const reordered = 'role,system,owners,privileged,max_duration';
    expect(problemsOf(`${reordered}\nviewer,billing,U0OWNER1,perhaps,7d\nadmin,billing,,true,soon\n`)).toEqual([
      'rbac.csv:2:4 privileged: "perhaps" is not true or false',
      'rbac.csv:3:5 max_duration: "soon" is not a duration (use e.g. 30m, 8h or 7d)',
    ]);
  });

  it('names unknown and missing columns on the header line', () => {
    expect(problemsOf('system,role,owner,privileged\nbilling,viewer,U0OWNER1,false\n')).toEqual([
      'rbac.csv:1:1 the column owners is missing',
      'rbac.csv:1:1 the column max_duration is missing',
      expect.stringMatching(/^rbac\.csv:1:3 "owner" is not a known column/),
    ]);
  });

  it('names the line of a row the CSV parser cannot read', () => {
    expect(problemsOf(`${HEADER}\n${GOOD_ROW}\n"unterminated,quote\n`)).toEqual([expect.stringMatching(/^rbac\.csv:3:1 not readable as CSV: /)]);
  });
});
