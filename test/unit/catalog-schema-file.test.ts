// Contract: catalog.schema.json, which editors use to check catalog files as they are typed,
// is exactly what the zod catalog schema generates today, accepts catalog.example.yml and
// rejects what the loader rejects for its shape (an unknown key, an unknown collection).
import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { catalogJsonSchemaText } from '../../src/config/catalog-json-schema.js';

const root = new URL('../..', import.meta.url);
const published = readFileSync(new URL('catalog.schema.json', root), 'utf8');
const example = () => parse(readFileSync(new URL('catalog.example.yml', root), 'utf8'));
const validate = new Ajv({ allErrors: true, strict: false }).compile(JSON.parse(published));

describe('catalog.schema.json', () => {
  it('is up to date with the zod schema (regenerate: npm run catalog:schema)', () => {
    expect(published, 'catalog.schema.json is out of date: run `npm run catalog:schema` (or `npx latchkey catalog schema > catalog.schema.json`)').toBe(catalogJsonSchemaText());
  });

  it('accepts catalog.example.yml', () => {
    expect(validate(example()), JSON.stringify(validate.errors)).toBe(true);
  });

  it.each([
    ['a misspelt key', (raw: any) => (raw.systems[0].owner = raw.systems[0].owners)],
    ['collection by email', (raw: any) => (raw.systems[0].collection = ['email'])],
    ['a role without privileged', (raw: any) => delete raw.systems[0].roles[0].privileged],
  ])('rejects %s', (_, change) => {
    const raw = example();
    change(raw);
    expect(validate(raw)).toBe(false);
  });

  it('is named at the top of catalog.example.yml for the YAML language server', () => {
    expect(readFileSync(new URL('catalog.example.yml', root), 'utf8')).toMatch(/^# yaml-language-server: \$schema=\.\/catalog\.schema\.json\n/);
  });
});
