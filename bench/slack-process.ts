/**
 * The fake Slack Web API in a process of its own, for bench/ack-latency-external.ts. Real
 * Slack answers the bot's calls on other machines; answered inside the load generator, they
 * would take turns with the requests being timed and count against the bot twice.
 * Started with an IPC channel (structured clone, so Infinity survives): it sends its URLs once
 * it listens, takes the people who may ask, and says how long it has been since the bot last
 * called.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { TEAM } from '../test/helpers/fake-slack.js';
import { startSlackServer } from '../test/helpers/slack-server.js';

type Order = { people: string[] } | { quiet: true } | { stop: true };
type Report = { apiUrl: string; responseUrl: string } | { sinceLastCallMs: number } | { added: number };

export interface SlackProcess {
  apiUrl: string;
  responseUrl: string;
  addPeople(ids: string[]): Promise<void>;
  /** Milliseconds since the bot's last Web API call (Infinity before the first). */
  sinceLastCallMs(): Promise<number>;
  close(): Promise<void>;
}

export async function startSlackProcess(): Promise<SlackProcess> {
  const loader = pathToFileURL(join(resolve(import.meta.dirname, '..'), 'node_modules/tsx/dist/loader.mjs')).href;
  const child = fork(fileURLToPath(import.meta.url), ['--serve'], { execArgv: ['--import', loader], stdio: ['ignore', 'inherit', 'inherit', 'ipc'], serialization: 'advanced' });
  const ask = async <T extends Report>(order: Order): Promise<T> => {
    child.send(order);
    return (await once(child, 'message'))[0] as T;
  };
  const { apiUrl, responseUrl } = (await once(child, 'message'))[0] as { apiUrl: string; responseUrl: string };
  return {
    apiUrl,
    responseUrl,
    addPeople: async (people) => void (await ask({ people })),
    sinceLastCallMs: async () => (await ask<{ sinceLastCallMs: number }>({ quiet: true })).sinceLastCallMs,
    close: () => stop(child),
  };
}

async function stop(child: ChildProcess): Promise<void> {
  const exited = once(child, 'exit');
  child.send({ stop: true });
  await exited;
}

async function serve(): Promise<void> {
  const slack = await startSlackServer();
  const reply = (report: Report) => process.send!(report);
  process.on('message', async (order: Order) => {
    if ('people' in order) {
      order.people.forEach((id) => slack.fake.people.set(id, { id, team_id: TEAM }));
      return reply({ added: order.people.length });
    }
    if ('quiet' in order) {
      const last = slack.fake.calls.at(-1)?.at;
      // The calls are kept only to tell when the last one was: a long run would hold them all.
      slack.fake.calls.splice(0, slack.fake.calls.length - 1);
      return reply({ sinceLastCallMs: last === undefined ? Infinity : performance.now() - last });
    }
    await slack.close();
    process.exit(0);
  });
  reply({ apiUrl: slack.apiUrl, responseUrl: slack.responseUrl });
}

if (process.argv.includes('--serve')) await serve();
