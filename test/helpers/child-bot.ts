/**
 * The real bot (src/main.ts) in a child process, in HTTP mode against a fake Slack served
 * over HTTP, on a database that outlives it: a fresh database on the PostgreSQL server named
 * by TEST_DATABASE_URL (or BENCH_DATABASE_URL), otherwise an embedded DATA_DIR in a temp
 * directory. It can be SIGKILLed and started again on the same data, as a crash would.
 *
 * The child is plain `node --import tsx`, one process, so SIGKILL reaches the bot itself
 * (the tsx CLI would leave its own child running). An embedded database is reached through
 * the child's private socket, which it makes under TMPDIR; this helper gives each bot its
 * own TMPDIR.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdir, mkdtemp, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir, userInfo } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { createScratchDatabase } from './database.js';
import { SIGNING_SECRET, BOT_TOKEN } from './harness.js';
import { slashCommand } from './payloads.js';
import { formBody, interactionBody, sendSigned, type SlackResponse } from './signed-request.js';
import type { SlackServer } from './slack-server.js';

const ROOT = resolve(import.meta.dirname, '../..');
const READY_WITHIN_MS = 30_000;

export interface ChildBotOptions {
  /** The catalog's YAML text. */
  catalogYaml: string;
  slack: Pick<SlackServer, 'apiUrl'>;
  /** Extra environment, e.g. a webhook revoker's secret. */
  env?: Record<string, string>;
  /** Echo the child's log lines to this process's stderr. */
  echo?: boolean;
  /** Node options for the child, e.g. `--cpu-prof`. */
  nodeArgs?: string[];
  /** A PostgreSQL server, or null for embedded; by default TEST_DATABASE_URL or BENCH_DATABASE_URL. */
  databaseUrl?: string | null;
  /** How long a start may take before it counts as failed; 30 s by default. */
  readyWithinMs?: number;
  /** A built main.js to run with plain node, as `npm start` does; by default src/main.ts under tsx. */
  entry?: string;
  /** Another bot's PostgreSQL database (its `databaseUrl`): used as it is, and left for that bot to drop. */
  sharedDatabase?: string;
}

export interface ChildBot {
  /** 'postgres' or 'embedded'. */
  readonly database: 'postgres' | 'embedded';
  /** Every log line of every run, as JSON text. */
  readonly logs: string[];
  /** The child's pid, while it runs. */
  readonly pid: number | undefined;
  /** Where it takes Slack's requests, while it runs. */
  readonly url: string;
  /** Its PostgreSQL database, for a replica to share; undefined when embedded. */
  readonly databaseUrl: string | undefined;
  /** Runs SQL on the bot's database (embedded: only while the child runs). */
  sql<T extends pg.QueryResultRow = any>(text: string, params?: unknown[]): Promise<T[]>;
  /** Starts the child on the database and waits for 'Latchkey is running'. */
  start(): Promise<void>;
  /** SIGKILL: no shutdown, nothing flushed. Resolves once the process is gone. */
  kill(): Promise<void>;
  /** SIGTERM: the bot's own shutdown. */
  stop(): Promise<void>;
  command(user: string, text?: string): Promise<SlackResponse>;
  interact(payload: object): Promise<SlackResponse>;
  /** Stops the child and removes its database and files. */
  close(): Promise<void>;
}

export async function startChildBot(options: ChildBotOptions): Promise<ChildBot> {
  const base = await mkdtemp(join(tmpdir(), 'latchkey-child-'));
  const temp = join(base, 'tmp');
  await mkdir(temp);
  // tsx keeps its compile cache under TMPDIR: share the usual one, so a start costs no compile.
  const cache = `tsx-${userInfo().uid}`;
  await mkdir(join(tmpdir(), cache), { recursive: true });
  await symlink(join(tmpdir(), cache), join(temp, cache));
  const catalogPath = join(base, 'catalog.yml');
  await writeFile(catalogPath, options.catalogYaml);
  const server = options.databaseUrl !== undefined ? options.databaseUrl : (process.env.TEST_DATABASE_URL ?? process.env.BENCH_DATABASE_URL);
  const postgres = options.sharedDatabase ? useServerDatabase(options.sharedDatabase) : server ? await createServerDatabase(server) : undefined;
  const logs: string[] = [];
  let child: ChildProcess | undefined;
  let exited: Promise<unknown> = Promise.resolve();
  let url = '';

  const env = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? base,
    TMPDIR: temp,
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: options.slack.apiUrl,
    PORT: '0',
    CATALOG_PATH: catalogPath,
    LOG_LEVEL: 'info',
    ...(postgres ? { DATABASE_URL: postgres.url } : { DATA_DIR: join(base, 'data') }),
    ...options.env,
  };

  async function start(): Promise<void> {
    // Socket directories a killed child left behind; the next one found is the live one.
    for (const name of await readdir(temp)) if (name.startsWith('latchkey-')) await rm(join(temp, name), { recursive: true, force: true });
    const started = spawn(process.execPath, [...(options.nodeArgs ?? []), ...(options.entry ? [options.entry] : ['--import', pathToFileURL(join(ROOT, 'node_modules/tsx/dist/loader.mjs')).href, join(ROOT, 'src/main.ts')])], {
      cwd: base,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child = started;
    exited = once(started, 'exit');
    const port = await new Promise<number>((ready, failed) => {
      const readyWithinMs = options.readyWithinMs ?? READY_WITHIN_MS;
      const timer = setTimeout(() => failed(new Error(`the bot was not ready within ${readyWithinMs} ms:\n${logs.slice(-20).join('\n')}`)), readyWithinMs);
      const onLine = (line: string) => {
        logs.push(line);
        if (options.echo) process.stderr.write(`[bot ${started.pid}] ${line}\n`);
        if (line.includes('"Latchkey is running"')) {
          clearTimeout(timer);
          ready(JSON.parse(line).port);
        }
      };
      lines(started.stdout!, onLine);
      lines(started.stderr!, onLine);
      started.once('exit', (code, signal) => {
        clearTimeout(timer);
        failed(new Error(`the bot exited (${code ?? signal}) before it was ready:\n${logs.slice(-20).join('\n')}`));
      });
    });
    url = `http://127.0.0.1:${port}/slack/events`;
  }

  async function signal(name: 'SIGKILL' | 'SIGTERM'): Promise<void> {
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    child.kill(name);
    await exited;
    child = undefined;
  }

  async function sql<T extends pg.QueryResultRow>(text: string, params: unknown[] = []): Promise<T[]> {
    if (postgres) return (await postgres.pool.query<T>(text, params)).rows;
    // The child's socket takes two connections: its own pool's one, and this one briefly.
    const client = new pg.Client({ host: await socketDir(temp), port: 5432, user: 'postgres', database: 'postgres' });
    await client.connect();
    try {
      return (await client.query<T>(text, params)).rows;
    } finally {
      await client.end();
    }
  }

  await start();
  return {
    database: postgres ? 'postgres' : 'embedded',
    logs,
    get pid() {
      return child?.pid;
    },
    get url() {
      return url;
    },
    databaseUrl: postgres?.url,
    sql,
    start,
    kill: () => signal('SIGKILL'),
    stop: () => signal('SIGTERM'),
    command: (user, text = '') => sendSigned(url, SIGNING_SECRET, formBody(slashCommand(user, text)), 'application/x-www-form-urlencoded'),
    interact: (payload) => sendSigned(url, SIGNING_SECRET, interactionBody(payload), 'application/x-www-form-urlencoded'),
    async close() {
      await signal('SIGTERM');
      await postgres?.drop();
      await rm(base, { recursive: true, force: true });
    },
  };
}

function lines(stream: NodeJS.ReadableStream, onLine: (line: string) => void): void {
  let rest = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => {
    const parts = (rest + chunk).split('\n');
    rest = parts.pop()!;
    for (const line of parts) if (line.trim()) onLine(line);
  });
}

async function socketDir(temp: string): Promise<string> {
  const found = (await readdir(temp)).find((name) => name.startsWith('latchkey-'));
  if (!found) throw new Error('the embedded bot is not running: its database socket is gone');
  return join(temp, found);
}

/** A fresh database on the server, with a small pool for the test's own queries. */
async function createServerDatabase(serverUrl: string) {
  const scratch = await createScratchDatabase(serverUrl, 'latchkey_child');
  const used = useServerDatabase(scratch.url);
  return {
    ...used,
    async drop() {
      await used.drop();
      await scratch.drop();
    },
  };
}

/** A database that exists already: `drop` only lets go of the test's pool. */
function useServerDatabase(url: string) {
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  pool.on('error', () => undefined);
  return { url, pool, drop: () => pool.end() };
}
