/**
 * Contract: Latchkey is in every approval and alerts channel it watches. Public ones are
 * joined at start-up; a private one it is not in is named in the start-up log, with how to
 * fix it; one it is already in is left alone.
 */
import { afterEach, expect, it } from 'vitest';
import { TEST_CATALOG_YAML, testCatalog } from '../fixtures/catalog.js';
import { startHarness, type Harness } from '../helpers/harness.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

it('when approval and alerts channels are public, then the bot joins each once at start-up', async () => {
  h = await startHarness();
  const joined = h.slack.called('conversations.join').map((call) => call.channel).sort();
  expect(joined).toEqual(['C0CMSAPPROVALS', 'C0SECALERT']);
});

it('when an approval channel is private and the bot is not in it, then the start-up log says to invite it', async () => {
  h = await startHarness({ catalog: testCatalog(TEST_CATALOG_YAML.replace('C0CMSAPPROVALS', 'G0PRIVATE')) });
  expect(h.slack.called('conversations.join').map((call) => call.channel)).toEqual(['C0SECALERT']);
  expect(h.logs.some((line) => line.includes('not a member of private channel G0PRIVATE') && line.includes('/invite'))).toBe(true);
});
