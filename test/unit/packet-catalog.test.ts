// Contract: the catalog's `packets:` templates are parsed with their items in camelCase and a
// start warning that defaults to settings.start_warning (3 days unless set); an item naming a
// system or role the catalog lacks, or a duration the role does not offer or allows, is
// refused with its path, like every other catalog problem.
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { CatalogError, parseCatalog } from '../../src/config/catalog.js';
import { TEST_CATALOG_YAML } from '../fixtures/catalog.js';

const template = (items: object[], extra: object = {}) => ({ id: 'onboarding', name: 'Client onboarding', ...extra, items });
const withPackets = (packets: object[], settings: object = {}) => {
  const raw = parse(TEST_CATALOG_YAML);
  Object.assign(raw.settings, settings);
  return stringify({ ...raw, packets }, { aliasDuplicateObjects: false });
};

function problems(yamlText: string): string[] {
  try {
    parseCatalog(yamlText, 'catalog.yml');
  } catch (error) {
    if (error instanceof CatalogError) return error.problems.map((line) => line.replace(/^catalog\.yml:\d+:\d+ /, ''));
    throw error;
  }
  throw new Error('expected the catalog to be rejected');
}

describe('packet templates', () => {
  it('when a template is valid, then its items and the default start warning of 3 days are read', () => {
    const catalog = parseCatalog(withPackets([template([{ system: 'billing', role: 'viewer', duration: '7d' }, { system: 'cms', role: 'editor', duration: '7d' }])]), 'c.yml');
    expect(catalog.settings.startWarningMinutes).toBe(3 * 1440);
    expect(catalog.packets).toEqual([
      {
        id: 'onboarding',
        name: 'Client onboarding',
        startWarningMinutes: 3 * 1440,
        items: [
          { systemId: 'billing', roleId: 'viewer', durationMinutes: 7 * 1440 },
          { systemId: 'cms', roleId: 'editor', durationMinutes: 7 * 1440 },
        ],
      },
    ]);
  });

  it('when a template or the settings name a start warning, then it is used', () => {
    const own = parseCatalog(withPackets([template([{ system: 'billing', role: 'viewer', duration: '7d' }], { start_warning: '5d' })]), 'c.yml');
    expect(own.packets[0]?.startWarningMinutes).toBe(5 * 1440);
    const fromSettings = parseCatalog(withPackets([template([{ system: 'billing', role: 'viewer', duration: '7d' }])], { start_warning: '2d' }), 'c.yml');
    expect(fromSettings.packets[0]?.startWarningMinutes).toBe(2 * 1440);
  });

  it('when there are no templates, then packets is empty', () => {
    expect(parseCatalog(TEST_CATALOG_YAML, 'c.yml').packets).toEqual([]);
  });

  it.each([
    [{ system: 'crm', role: 'viewer', duration: '7d' }, 'packets[0].items[0].system: "crm" is not a system in this catalog'],
    [{ system: 'billing', role: 'owner', duration: '7d' }, 'packets[0].items[0].role: "owner" is not a role of billing'],
    [{ system: 'billing', role: 'admin', duration: '1d' }, "packets[0].items[0].duration: is longer than billing/admin's max_duration (8 h)"],
    [{ system: 'billing', role: 'viewer', duration: '3d' }, "packets[0].items[0].duration: is not one of billing/viewer's durations (1 h, 1 day, 7 days, 30 days)"],
    [{ system: 'billing', role: 'viewer', duration: '7d', extra: 1 }, 'packets[0].items[0].extra: is not a known key (check the spelling)'],
  ])('when an item is %o, then the catalog is refused: %s', (item, problem) => {
    expect(problems(withPackets([template([item])]))).toEqual([problem]);
  });

  it('when two templates share an id, then the second is named', () => {
    const item = { system: 'billing', role: 'viewer', duration: '7d' };
    expect(problems(withPackets([template([item]), template([item])]))).toEqual(['packets[1].id: is the same as packets[0].id']);
  });
});
