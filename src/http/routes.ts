/**
 * Plain HTTP routes beside Slack's: liveness, readiness, and Prometheus metrics.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Scrape } from '../metrics/metrics.js';

export interface RouteSources {
  /** True when the database answers and the catalog is loaded. */
  ready: () => Promise<boolean>;
  /** The Prometheus exposition, read at each scrape; rejects when the database cannot be read. */
  metrics: () => Promise<Scrape>;
  /** When set, `/metrics` answers only requests with `Authorization: Bearer <token>`. */
  metricsToken?: string;
}

type Handler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

export function httpRoutes(sources: RouteSources): { path: string; method: string; handler: Handler }[] {
  return [
    { path: '/healthz', method: 'GET', handler: (_req, res) => json(res, 200, { status: 'ok' }) },
    {
      path: '/readyz',
      method: 'GET',
      handler: async (_req, res) => {
        const ok = await sources.ready().catch(() => false);
        json(res, ok ? 200 : 503, { status: ok ? 'ready' : 'not ready' });
      },
    },
    {
      path: '/metrics',
      method: 'GET',
      handler: async (req, res) => {
        if (sources.metricsToken && !bearerMatches(req.headers.authorization, sources.metricsToken)) {
          res.writeHead(401, { 'www-authenticate': 'Bearer' }).end();
          return;
        }
        const scrape = await sources.metrics().catch(() => undefined);
        res.writeHead(scrape ? 200 : 503, { 'content-type': scrape?.contentType ?? 'text/plain' }).end(scrape?.text ?? '');
      },
    },
  ];
}

function json(res: ServerResponse, status: number, body: object): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

/** Compared as digests, so the time taken says nothing about the token, not even its length. */
function bearerMatches(header: string | undefined, token: string): boolean {
  const given = /^Bearer (.+)$/i.exec(header ?? '')?.[1] ?? '';
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(given), digest(token));
}
