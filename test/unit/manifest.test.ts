/**
 * Contract: manifest.yml is a valid Slack app manifest (Slack's own JSON Schema) and asks
 * for what the bot uses: the /access command, interactivity, and the scopes its calls need.
 */
import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';

const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');
const manifest = parse(read('manifest.yml'));
const schema = JSON.parse(read('test/fixtures/slack-manifest-schema/manifest.schema.1.0.0.json'));

describe('manifest.yml', () => {
  it('when checked against Slack\'s schema, then it is valid', () => {
    const validate = new Ajv({ strict: false, allErrors: true, logger: false }).compile(schema);
    expect(validate(manifest), JSON.stringify(validate.errors)).toBe(true);
  });

  it('when an unknown key is added, then the schema check fails (the check can fail)', () => {
    const validate = new Ajv({ strict: false, logger: false }).compile(schema);
    expect(validate({ ...manifest, settings: { ...manifest.settings, socket_mode: true } })).toBe(false);
  });

  it('when read, then it declares /access, interactivity and the scopes the Web API calls need', () => {
    expect(manifest.features.slash_commands.map((c: { command: string }) => c.command)).toEqual(['/access']);
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    expect(manifest.oauth_config.scopes.bot).toEqual(
      expect.arrayContaining(['commands', 'chat:write', 'users:read', 'usergroups:read', 'im:history', 'channels:history', 'files:write']),
    );
  });
});
