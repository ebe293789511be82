/**
 * Contract: .env.example documents exactly the variables the bot reads (its own, and the
 * webhook secrets the example catalog names), and parses as valid config.
 */
import { readFileSync } from 'node:fs';
import { parseEnv } from 'node:util';
import { describe, expect, it } from 'vitest';
import { parseCatalog } from '../../src/config/catalog.js';
import { ENV_VARIABLES, loadConfig } from '../../src/config/env.js';

const text = readFileSync(new URL('../../.env.example', import.meta.url), 'utf8');
const documented = [...text.matchAll(/^([A-Z_]+)=/gm)].map((match) => match[1]);

describe('.env.example', () => {
  it('when compared with the config schema and the example catalog, then every variable is documented, and nothing else', () => {
    const webhookSecrets = parseCatalog(readFileSync(new URL('../../catalog.example.yml', import.meta.url), 'utf8'), 'catalog.example.yml')
      .systems.flatMap((system) => (system.revoker.type === 'webhook' ? [system.revoker.secretEnv] : []));
    expect([...documented].sort()).toEqual([...ENV_VARIABLES, ...webhookSecrets].sort());
  });

  it('when loaded as it is, then it is a valid Socket Mode configuration', () => {
    const config = loadConfig(parseEnv(text));
    expect(config.slack.appToken).toBe('xapp-your-app-token');
    expect(config.databaseUrl).toBeUndefined();
  });
});
