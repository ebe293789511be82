/**
 * Contract: at start-up, an empty `coordinators` list is a warning (blocked requests would
 * reach nobody), beside the catalog people Slack doesn't know; a full list gives none.
 */
import { describe, expect, it } from 'vitest';
import { asUserId, type Catalog } from '../../src/domain/types.js';
import { checkCatalogPeople, NO_COORDINATORS } from '../../src/operations/check-catalog-people.js';
import type { Directory } from '../../src/operations/ports.js';
import { testCatalog } from '../fixtures/catalog.js';

const everyoneKnown: Directory = {
  person: async (id) => ({ id, name: id, isStranger: false, deleted: false, isBot: false }),
  members: async (ref) => [asUserId(`${ref}-member`)],
};

describe('checkCatalogPeople', () => {
  it('when coordinators is empty, then it warns once, saying what nobody would hear', async () => {
    const catalog: Catalog = { ...testCatalog(), coordinators: [] };
    expect(await checkCatalogPeople(catalog, everyoneKnown)).toEqual([NO_COORDINATORS]);
    expect(NO_COORDINATORS).toMatch(/^coordinators is empty: nobody is told about blocked requests/);
  });

  it('when coordinators are named and everyone is known, then there is nothing to warn about', async () => {
    expect(await checkCatalogPeople(testCatalog(), everyoneKnown)).toEqual([]);
  });
});
