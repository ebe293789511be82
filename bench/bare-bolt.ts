/**
 * The yardstick for bench/ack-latency-external.ts: a Bolt app with the bot's HTTP receiver
 * settings that acknowledges every command, submission and click and does nothing else.
 * Run as its own process; prints its port as a JSON line once it listens.
 */
import { App, HTTPReceiver } from '@slack/bolt';

const signingSecret = process.env.SLACK_SIGNING_SECRET!;
const app = new App({
  token: process.env.SLACK_BOT_TOKEN,
  // Known up front, as the bot knows them from auth.test: no Slack call on a request.
  botId: 'B0BARE',
  botUserId: 'U0BARE',
  receiver: new HTTPReceiver({ signingSecret, port: 0 }),
});
app.command(/.*/, async ({ ack }) => ack());
app.view(/.*/, async ({ ack }) => ack());
app.action(/.*/, async ({ ack }) => ack());

const server = (await app.start(0)) as { address(): { port: number } };
process.stdout.write(`${JSON.stringify({ msg: 'bare Bolt app is running', port: server.address().port })}\n`);
process.once('SIGTERM', () => void app.stop().then(() => process.exit(0)));
