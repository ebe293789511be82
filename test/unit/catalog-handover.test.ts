// Contract: the catalog may say where a system's (or a role's) access is handed over. The
// detail is optional, at most 150 characters, and never a credential: one that looks like
// a password or a token is refused at load, by path, without quoting it. Owners read it on
// the approval card and requesters in their news; a role's own detail wins over its system's.
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { buildApprovalCard } from '../../blocks/approval-card.js';
import { buildRequesterNews } from '../../blocks/requester-update.js';
import { CatalogError, parseCatalog } from '../../src/config/catalog.js';
import { TEST_CATALOG_YAML } from '../fixtures/catalog.js';
import { aRequest } from '../fixtures/requests.js';

type Raw = any;
const TOKEN = ['ghp', '_', 'R7kPq2Vx9LmZ4TnW8YcB3HdF6JsA1GeQ5UoX'].join('');

function catalogWith(change: (raw: Raw) => void) {
  const raw = parse(TEST_CATALOG_YAML);
  change(raw);
  return parseCatalog(stringify(raw, { aliasDuplicateObjects: false }), 'catalog.yml');
}

function problemsWith(change: (raw: Raw) => void): string[] {
  try {
    catalogWith(change);
  } catch (error) {
    if (error instanceof CatalogError) return error.problems.map((line) => line.replace(/^catalog\.yml:\d+:\d+ /, ''));
    throw error;
  }
  throw new Error('expected the catalog to be rejected');
}

describe('a handover detail in the catalog', () => {
  it('when a system and one of its roles give one, then both are kept and other systems have none', () => {
    const catalog = catalogWith((raw) => {
      raw.systems[0].handover = 'Okta group billing-viewers';
      raw.systems[0].roles[1].handover = '1Password vault Billing/Admins';
    });
    const [billing, cms] = catalog.systems;
    expect(billing?.handover).toBe('Okta group billing-viewers');
    expect(billing?.roles.map((role) => role.handover)).toEqual([undefined, '1Password vault Billing/Admins']);
    expect(cms).not.toHaveProperty('handover');
  });

  it.each<[string, string]>([
    [`token ${TOKEN}`, 'looks like a GitHub token'],
    ['vault login admin / S3cret!x', 'looks like a password'],
    ['password: Hunter2-Xk9q', 'looks like a password'],
  ])('when it holds a credential (%s), then the catalog is refused by path, never quoting it', (detail, kind) => {
    const problems = problemsWith((raw) => {
      raw.systems[0].roles[0].handover = detail;
    });
    expect(problems).toEqual([`systems[0].roles[0].handover: ${kind}: say where access is handed over (a group, a vault path), never the secret`]);
  });

  it('when it is longer than 150 characters, then the catalog is refused', () => {
    expect(problemsWith((raw) => void (raw.systems[0].handover = 'x'.repeat(151)))).toEqual(['systems[0].handover: must be at most 150 characters']);
  });
});

describe('where the detail is shown', () => {
  const catalog = catalogWith((raw) => {
    raw.systems[0].handover = 'Okta group billing-viewers';
    raw.systems[0].roles[1].handover = '1Password vault Billing/<Admins>';
  });
  const billing = catalog.systems[0]!;
  const [viewer, admin] = billing.roles;
  const texts = (blocks: unknown[]) => JSON.stringify(blocks);

  it('when a card is built, then its handover line names the role’s detail, escaped', () => {
    const card = buildApprovalCard({ request: aRequest(), system: billing, role: admin! }, 0);
    expect(texts(card.blocks)).toContain(':handshake: Handover: access comes through an SSO group: no password changes hands. Via 1Password vault Billing/&lt;Admins&gt;.');
  });

  it('when a role has none of its own, then the card and the requester’s news give the system’s', () => {
    const view = { request: aRequest({ roleId: 'viewer' }), system: billing, role: viewer! };
    expect(texts(buildApprovalCard(view, 0).blocks)).toContain('no password changes hands. Via Okta group billing-viewers.');
    expect(texts(buildRequesterNews(view).blocks)).toContain('no password will be sent. Via Okta group billing-viewers.');
  });
});
