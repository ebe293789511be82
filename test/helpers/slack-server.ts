/**
 * The fake Slack Web API over real HTTP, for a bot running in a child process (nock only
 * intercepts this process). It answers with FakeSlack's own logic, so the child sees the
 * same Slack as the in-process tests, and lets a test act on a call before it is answered:
 * that is where a crash test kills the child mid-call.
 */
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FakeSlack, type SlackCall } from './fake-slack.js';

/** Runs before a call is answered; a hook that kills the caller leaves the call unanswered. */
export type BeforeAnswer = (call: Omit<SlackCall, 'at'>) => void | Promise<void>;

export interface SlackServer {
  /** SLACK_API_URL for the child: every method is POSTed under it. */
  apiUrl: string;
  /** A response_url the child can post ephemeral replies to (recorded in `fake.responses`). */
  responseUrl: string;
  /** The calls, people and groups, as in the in-process tests. */
  fake: FakeSlack;
  beforeAnswer?: BeforeAnswer;
  close(): Promise<void>;
}

export async function startSlackServer(): Promise<SlackServer> {
  const fake = new FakeSlack();
  const server = createServer(async (req, res) => {
    let body = '';
    for await (const chunk of req) body += chunk;
    res.on('error', () => undefined); // the caller may be gone: that is the point of a crash test
    if (req.url?.startsWith('/response')) {
      fake.responses.push({ url: req.url, body: JSON.parse(body || '{}') });
      return void res.writeHead(200).end('ok');
    }
    const method = (req.url ?? '').replace(/^\/api\//, '').split('?')[0]!;
    const args = decode(body, String(req.headers['content-type']));
    await slack.beforeAnswer?.({ method, args });
    // FakeSlack's answering logic is private to its nock wiring; it is the same Slack here.
    const answer = fake['answer'](method, args);
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
  }).listen(0, '127.0.0.1');
  await once(server, 'listening');
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const slack: SlackServer = {
    apiUrl: `${base}/api/`,
    responseUrl: `${base}/response`,
    fake,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((done) => server.close(() => done()));
      fake.close();
    },
  };
  return slack;
}

/** The Web API sends form fields (or JSON); blocks and views arrive as JSON strings inside. */
function decode(body: string, contentType: string): Record<string, any> {
  const fields: Record<string, any> = contentType.includes('json') ? JSON.parse(body || '{}') : Object.fromEntries(new URLSearchParams(body));
  for (const key of ['blocks', 'view']) {
    if (typeof fields[key] === 'string') fields[key] = JSON.parse(fields[key]);
  }
  return fields;
}
