/**
 * Drives `count` request submissions through the bot's HTTP endpoint, signed as Slack signs
 * them, a few at a time, each from its own requester (one live request per role).
 * Returns how many were not acknowledged with 200: on a loaded machine Bolt answers 404 to
 * one not acknowledged within 3 s, and the soak goes on.
 */
import { TEAM } from '../test/helpers/fake-slack.js';
import type { ChildBot } from '../test/helpers/child-bot.js';
import { requestSubmission } from '../test/helpers/payloads.js';
import type { SlackServer } from '../test/helpers/slack-server.js';

const CONCURRENCY = 4;
const submission = { system: 'billing', role: 'viewer', minutes: 1440, purpose: 'Check invoices for the quarterly close' };

export async function soak(bot: ChildBot, slack: SlackServer, count: number, prefix: string): Promise<number> {
  let next = 0;
  let failed = 0;
  const worker = async () => {
    for (let n = next++; n < count; n = next++) {
      const user = `${prefix}${n}`;
      slack.fake.people.set(user, { id: user, team_id: TEAM, tz: 'Europe/Berlin' });
      const res = await bot.interact(requestSubmission(user, submission));
      if (res.status !== 200) failed++;
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return failed;
}
