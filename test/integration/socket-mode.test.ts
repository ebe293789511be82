/**
 * Contract: with SLACK_APP_TOKEN set, the bot connects over Socket Mode (no public URL),
 * acknowledges each envelope on the socket, handles it like an HTTP request, and still
 * serves health checks on PORT. At LOG_LEVEL=debug, Socket Mode's own lines never hold an
 * envelope's payload nor the tokens.
 */
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { WebSocketServer, type WebSocket } from 'ws';
import { loadConfig } from '../../src/config/env.js';
import { createLatchkey, type Latchkey } from '../../src/latchkey.js';
import { createLogger } from '../../src/logging.js';
import { testCatalog } from '../fixtures/catalog.js';
import { openTestDatabase, type TestDatabase } from '../helpers/database.js';
import { messageEvent, slashCommand } from '../helpers/payloads.js';

let api: Server;
let sockets: WebSocketServer;
let db: TestDatabase;
let latchkey: Latchkey;
let healthPort: number;
const calls: { method: string; auth?: string; body: string }[] = [];
const logs: string[] = [];
const connected = new Promise<WebSocket>((resolve) => {
  sockets = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  sockets.on('connection', (socket) => {
    socket.send(JSON.stringify({ type: 'hello', num_connections: 1 }));
    resolve(socket);
  });
});

beforeAll(async () => {
  const wsUrl = `ws://127.0.0.1:${(sockets.address() as AddressInfo).port}/`;
  api = createServer(async (req, res) => {
    let body = '';
    for await (const chunk of req) body += chunk;
    const method = req.url!.replace('/api/', '');
    calls.push({ method, auth: req.headers.authorization, body });
    const reply: Record<string, unknown> = {
      'auth.test': { ok: true, team_id: 'T0LATCH', user_id: 'U0BOT', bot_id: 'B0BOT' },
      'apps.connections.open': { ok: true, url: wsUrl },
      'users.info': { ok: true, user: { id: 'U0REQ1', team_id: 'T0LATCH' } },
      'views.open': { ok: true, view: { id: 'V1' } },
    }[method] ?? { ok: false, error: 'unknown_method' };
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(reply));
  }).listen(0, '127.0.0.1');
  await once(api, 'listening');
  db = await openTestDatabase();
  healthPort = await freePort();
  const config = loadConfig({
    SLACK_BOT_TOKEN: 'xoxb-socket',
    SLACK_APP_TOKEN: 'xapp-socket',
    SLACK_API_URL: `http://127.0.0.1:${(api.address() as AddressInfo).port}/api/`,
    PORT: String(healthPort),
  });
  latchkey = await createLatchkey({ config, catalog: testCatalog(), database: db, log: createLogger('debug', new Writable({ write: (chunk, _enc, done) => done(void logs.push(String(chunk))) })), clientOptions: { retryConfig: { retries: 0 } } });
  await latchkey.start();
});

afterAll(async () => {
  await latchkey.stop();
  await db.close();
  sockets.close();
  api.close();
});

it('when Slack sends /access over the socket, then the envelope is acked on the socket and the modal opens', async () => {
  const socket = await connected;
  const frames: any[] = [];
  socket.on('message', (data) => frames.push(JSON.parse(String(data))));

  socket.send(JSON.stringify({ envelope_id: 'env-1', type: 'slash_commands', payload: slashCommand('U0REQ1'), accepts_response_payload: true }));

  await expect.poll(() => calls.some((call) => call.method === 'views.open')).toBe(true);
  expect(frames).toContainEqual(expect.objectContaining({ envelope_id: 'env-1' }));
  expect(calls.find((call) => call.method === 'apps.connections.open')?.auth).toBe('Bearer xapp-socket');
});

it('when an envelope carries a pasted token at LOG_LEVEL=debug, then no log line holds the payload or a token', async () => {
  const socket = await connected;
  const pasted = ['ghp', '_', 'S0ck3tM0deP4yl04dT0k3nW8YcB3HdF6JsA1Ge'].join('');
  const acked = new Promise((resolve) => socket.on('message', (data) => String(data).includes('env-2') && resolve(data)));
  socket.send(JSON.stringify({ envelope_id: 'env-2', type: 'events_api', payload: messageEvent({ user: 'U0REQ1', text: `key: ${pasted}` }), accepts_response_payload: false }));
  await acked;

  const written = logs.join('');
  expect(written).toContain('Received a message on the WebSocket');
  expect(written).not.toContain(pasted);
  expect(written).not.toMatch(/xoxb-|xapp-/);
});

it('when running in Socket Mode, then health checks answer on PORT', async () => {
  const res = await fetch(`http://127.0.0.1:${healthPort}/readyz`);
  expect(res.status).toBe(200);
  expect(await res.json()).toEqual({ status: 'ready' });
});

/** A port nobody is using right now: Socket Mode's health server cannot report the one it bound. */
async function freePort(): Promise<number> {
  const probe = createServer().listen(0, '127.0.0.1');
  await once(probe, 'listening');
  const { port } = probe.address() as AddressInfo;
  await new Promise((done) => probe.close(done));
  return port;
}
