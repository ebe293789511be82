/**
 * Contract: start-up refuses a webhook revoker whose secret is unset, shorter than 32
 * characters, or the placeholder .env.example ships, with one line naming the system and
 * the variable and saying how to make a good one. A fit secret, or no webhook, passes.
 */
import { readFileSync } from 'node:fs';
import { parseEnv } from 'node:util';
import { describe, expect, it } from 'vitest';
import { checkRevokerSecrets, MIN_SECRET_LENGTH, PLACEHOLDER_SECRET } from '../../src/revokers/index.js';
import { TEST_CATALOG_YAML, testCatalog } from '../fixtures/catalog.js';

const webhooked = testCatalog(
  TEST_CATALOG_YAML.replace(
    'collection: [sso_group, delegated_account]',
    'collection: [sso_group, delegated_account]\n    revoker: { type: webhook, url: "https://hooks.example.com/x", secret_env: HOOK_SECRET }',
  ),
);
const HINT = 'try: openssl rand -hex 32';

describe('webhook revoker secrets at start-up', () => {
  it.each([
    ['unset', undefined, 'systems billing: revoker secret HOOK_SECRET is not set'],
    ['empty', '', 'systems billing: revoker secret HOOK_SECRET is not set'],
    ['31 characters', 'a'.repeat(31), `systems billing: revoker secret HOOK_SECRET is too short (at least 32 characters; ${HINT})`],
    ['the .env.example placeholder', PLACEHOLDER_SECRET, `systems billing: revoker secret HOOK_SECRET is the placeholder from .env.example (${HINT})`],
  ])('when the secret is %s, then one line names the system, the variable and the fix', (_case, secret, line) => {
    expect(checkRevokerSecrets(webhooked, { HOOK_SECRET: secret })).toEqual([line]);
  });

  it('when the secret has 32 characters, then nothing is refused', () => {
    expect(checkRevokerSecrets(webhooked, { HOOK_SECRET: 'a'.repeat(MIN_SECRET_LENGTH) })).toEqual([]);
  });

  it('when no system has a webhook revoker, then no secret is needed', () => {
    expect(checkRevokerSecrets(testCatalog(), {})).toEqual([]);
  });

  it('when .env.example is copied as it is, then its webhook secret is the refused placeholder', () => {
    const example = parseEnv(readFileSync(new URL('../../.env.example', import.meta.url), 'utf8'));
    expect(example.LATCHKEY_WEBHOOK_SECRET).toBe(PLACEHOLDER_SECRET);
  });
});
