/** A local webhook receiver that records what Latchkey sends it and answers as told. */
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedWebhook {
  headers: Record<string, string | string[] | undefined>;
  body: string;
  json: any;
}

export async function startWebhookReceiver() {
  const received: ReceivedWebhook[] = [];
  let status = 200;
  const server = createServer(async (req, res) => {
    let body = '';
    for await (const chunk of req) body += chunk;
    received.push({ headers: req.headers, body, json: JSON.parse(body) });
    res.writeHead(status).end();
  }).listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/latchkey`,
    received,
    /** The HTTP status every later request is answered with. */
    answer: (code: number) => void (status = code),
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}
