/**
 * Acknowledgement latency as Slack sees it, from outside the process: the real bot
 * (src/main.ts) runs as its own process on PostgreSQL, and beside it a bare Bolt app that
 * only acks (bench/bare-bolt.ts), same receiver settings, same machine, same run. Bursts
 * of N signed requests at once (a slash command, the modal's submission, an approve
 * click), each burst sent to the bot and then to the bare app; the figure that matters is
 * the bot's p99 over the bare app's p99.
 *
 * PostgreSQL from BENCH_DATABASE_URL or TEST_DATABASE_URL (a scratch database is made on
 * it), else the local server. Slack's Web API is faked over HTTP in a third process.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { once } from 'node:events';
import { Agent, request } from 'node:http';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import nock from 'nock';
import { ACTION } from '../blocks/ids.js';
import { TEST_CATALOG_YAML } from '../test/fixtures/catalog.js';
import { startChildBot, type ChildBot } from '../test/helpers/child-bot.js';
import { BOT_TOKEN, SIGNING_SECRET } from '../test/helpers/harness.js';
import { cardClick, requestSubmission, slashCommand } from '../test/helpers/payloads.js';
import { formBody, interactionBody } from '../test/helpers/signed-request.js';
import type { BenchResult } from './result.js';
import { startSlackProcess, type SlackProcess } from './slack-process.js';
import { percentile, round } from './stats.js';

const ROOT = resolve(import.meta.dirname, '..');
const LOCAL_POSTGRES = 'postgres://postgres@127.0.0.1:5432/postgres';
/** Requests at once, and how many bursts of each kind: about 300 and 1,000 samples. */
const LEVELS = [
  { name: '50', concurrency: 50, rounds: 6 },
  { name: '500', concurrency: 500, rounds: 2 },
];
/** Compiles the hot paths and opens the connections in both apps first; not counted. */
const WARM_UP = { name: 'warm', concurrency: 50, rounds: 2 };
const OWNER = 'U0OWNER1';
const KINDS = ['command', 'submission', 'approve'] as const;
type Kind = (typeof KINDS)[number];
type Samples = Record<Kind, number[]>;

/** Where a request goes: the form body to POST, signed. */
type Send = (body: string) => Promise<{ status: number; body: string }>;

/**
 * Kept-alive connections and plain node:http: fetch costs this process a millisecond or
 * more per request, which at 500 at once would be the loader measuring itself.
 */
const agent = new Agent({ keepAlive: true, maxSockets: Infinity });

function sender(url: string): Send {
  const { hostname, port, pathname } = new URL(url);
  const send: Send = (body) => {
    const timestamp = Math.floor(Date.now() / 1000);
    const signature = `v0=${createHmac('sha256', SIGNING_SECRET).update(`v0:${timestamp}:${body}`).digest('hex')}`;
    const headers = { 'content-type': FORM, 'content-length': Buffer.byteLength(body), 'x-slack-request-timestamp': timestamp, 'x-slack-signature': signature };
    return new Promise((done, failed) => {
      const req = request({ agent, hostname, port, path: pathname, method: 'POST', headers }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => done({ status: res.statusCode ?? 0, body: text }));
      });
      // A kept-alive connection the server closed as idle, just as it was reused: Node's
      // documented race, not the app's doing; the request never reached it, so send again.
      req.on('error', (error: NodeJS.ErrnoException) => (req.reusedSocket && error.code === 'ECONNRESET' ? send(body).then(done, failed) : failed(error)));
      req.end(body);
    });
  };
  return send;
}

export async function benchAckLatencyExternal(): Promise<BenchResult[]> {
  const slack = await startSlackProcess();
  // The test helpers this imports wire nock in front of this process's own requests to the
  // two apps: the load generator must cost both the same, and as little as it can.
  nock.restore();
  // BENCH_BOT_NODE_ARGS, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof", to profile the bot.
  const nodeArgs = process.env.BENCH_BOT_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
  const databaseUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? LOCAL_POSTGRES;
  const bot = await startChildBot({ catalogYaml: TEST_CATALOG_YAML, slack, nodeArgs, databaseUrl });
  const bare = await startBare();
  // BENCH_SETUP_SQL runs on the bot's scratch database before the first request, to see what a
  // part costs, e.g. "alter table audit_events disable trigger audit_events_seal".
  if (process.env.BENCH_SETUP_SQL) await bot.sql(process.env.BENCH_SETUP_SQL);
  try {
    await benchLevel(bot, bare.send, slack, WARM_UP);
    const results: BenchResult[] = [];
    // BENCH_CONCURRENCY=50 runs that level alone.
    const levels = LEVELS.filter((level) => !process.env.BENCH_CONCURRENCY || level.name === process.env.BENCH_CONCURRENCY);
    for (const level of levels) results.push(...(await benchLevel(bot, bare.send, slack, level)));
    return results;
  } finally {
    bare.child.kill('SIGTERM');
    await bot.close();
    await slack.close();
    nock.activate();
  }
}

async function benchLevel(bot: ChildBot, bare: Send, slack: SlackProcess, level: typeof WARM_UP): Promise<BenchResult[]> {
  const { concurrency: n, rounds } = level;
  const ours: Samples = { command: [], submission: [], approve: [] };
  const theirs: Samples = { command: [], submission: [], approve: [] };
  const toBot = sender(bot.url);
  const everyone: string[] = [];
  for (let r = 0; r < rounds; r++) {
    const users = Array.from({ length: n }, (_, i) => `U0B${level.name}R${r}X${i}`);
    everyone.push(...users);
    await slack.addPeople(users);
    const commands = users.map((u) => formBody({ ...slashCommand(u), response_url: slack.responseUrl }));
    await burst(commands, toBot, bare, ours.command, theirs.command);
    await settled(bot, slack);
    const submissions = users.map((u) => interactionBody(requestSubmission(u, SUBMISSION)));
    await burst(submissions, toBot, bare, ours.submission, theirs.submission);
    await settled(bot, slack);
    const clicks = (await requestIds(bot, users)).map((id) => interactionBody({ ...cardClick(OWNER, ACTION.approve, id), response_url: slack.responseUrl }));
    await burst(clicks, toBot, bare, ours.approve, theirs.approve);
    await settled(bot, slack);
  }
  await assertGranted(bot, everyone);
  return KINDS.flatMap((kind) => report(kind, n, ours[kind], theirs[kind]));
}

const FORM = 'application/x-www-form-urlencoded';
const SUBMISSION = { system: 'billing', role: 'viewer', minutes: 1440, purpose: 'Check invoices for the quarterly close' };

/** The same bodies, all at once, to the bot and then to the bare app; a refusal fails the run. */
async function burst(bodies: string[], bot: Send, bare: Send, ours: number[], theirs: number[]): Promise<void> {
  ours.push(...(await timeAll(bodies, bot)));
  theirs.push(...(await timeAll(bodies, bare)));
}

/**
 * Each request's time to its answer. Bolt answers 404 to what no listener acked within 3 s:
 * Slack would have shown an error, and the sample counts as at least that long.
 */
async function timeAll(bodies: string[], send: Send): Promise<number[]> {
  return Promise.all(
    bodies.map(async (body) => {
      const started = performance.now();
      const res = await send(body);
      const took = performance.now() - started;
      // A submission refused on a field is acked with errors: it would not be the same work.
      if ((res.status !== 200 && res.status !== 404) || res.body.includes('"errors"')) throw new Error(`unexpected answer ${res.status} ${res.body.slice(0, 200)}`);
      return took;
    }),
  );
}

function report(kind: Kind, n: number, ours: number[], theirs: number[]): BenchResult[] {
  const [p50, p99, bareP50, bareP99] = [percentile(ours, 50), percentile(ours, 99), percentile(theirs, 50), percentile(theirs, 99)];
  const target = n === 50 ? '< 100 ms' : undefined;
  const late = (samples: number[]) => samples.filter((ms) => ms >= 3000).length;
  return [
    { name: `${kind} not acked within 3 s at ${n} (bot / bare Bolt)`, value: late(ours), unit: `/ ${late(theirs)} of ${ours.length}`, target: '0' },
    { name: `${kind} p50 at ${n} (bot / bare Bolt)`, value: round(p50), unit: `ms / ${round(bareP50)} ms` },
    { name: `${kind} p99 at ${n} (bot / bare Bolt)`, value: round(p99), unit: `ms / ${round(bareP99)} ms`, ...(target ? { target } : {}) },
    { name: `${kind} p99 ratio at ${n} (bot ÷ bare)`, value: round(p99 / bareP99, 2), unit: '×', target: '< 2' },
  ];
}

/**
 * Waits until the bot is quiet: every effect carried out and no call to Slack for a while
 * (a modal opened after its command's ack, a Home republished), so that each burst meets
 * the bot as requesters a moment apart would, not still busy with the burst before.
 */
async function settled(bot: ChildBot, slack: SlackProcess): Promise<void> {
  const quietMs = 300;
  const started = performance.now();
  for (let waited = 0; waited < 120_000; waited += 50) {
    const [pending] = await bot.sql<{ n: number }>(`select count(*)::int as n from effects where status = 'pending'`);
    // Quiet since the wait began too: the work after the last answers may not have called yet.
    const quietFor = Math.min(await slack.sinceLastCallMs(), performance.now() - started);
    if (pending!.n === 0 && quietFor > quietMs) return;
    await new Promise((done) => setTimeout(done, 50));
  }
  throw new Error('the bot did not carry out its effects within two minutes');
}

async function requestIds(bot: ChildBot, requesters: string[]): Promise<number[]> {
  const rows = await bot.sql<{ id: number }>(`select id from requests where requester_id = any($1) and status = 'pending' order by id`, [requesters]);
  if (rows.length !== requesters.length) throw new Error(`expected ${requesters.length} pending requests, found ${rows.length}`);
  return rows.map((row) => row.id);
}

/** The numbers only count if the work was really done. */
async function assertGranted(bot: ChildBot, requesters: string[]): Promise<void> {
  const [granted] = await bot.sql<{ n: number }>(`select count(*)::int as n from grants where user_id = any($1)`, [requesters]);
  if (granted!.n !== requesters.length) throw new Error(`expected ${requesters.length} grants, found ${granted!.n}`);
}

async function startBare(): Promise<{ child: ChildProcess; send: Send }> {
  const loader = pathToFileURL(join(ROOT, 'node_modules/tsx/dist/loader.mjs')).href;
  const child = spawn(process.execPath, ['--import', loader, join(ROOT, 'bench/bare-bolt.ts')], {
    env: { PATH: process.env.PATH ?? '', SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_BOT_TOKEN: BOT_TOKEN },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  child.stdout!.setEncoding('utf8');
  const [line] = (await once(child.stdout!, 'data')) as [string];
  const url = `http://127.0.0.1:${JSON.parse(line).port}/slack/events`;
  return { child, send: sender(url) };
}
