/**
 * Plain HTTP routes beside Slack's: liveness, readiness, and Prometheus metrics.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Measurements } from '../store/measurements.js';

export interface RouteSources {
  /** True when the database answers and the catalog is loaded. */
  ready: () => Promise<boolean>;
  measurements: () => Promise<Measurements>;
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
      handler: async (_req, res) => {
        const text = await sources.measurements().then(prometheusText, () => undefined);
        res.writeHead(text ? 200 : 503, { 'content-type': 'text/plain; version=0.0.4' }).end(text ?? '');
      },
    },
  ];
}

function json(res: ServerResponse, status: number, body: object): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

/** The Prometheus text format: a HELP and TYPE line per metric, then one line per series. */
export function prometheusText(m: Measurements): string {
  return [
    '# HELP latchkey_unsafe_credential_attempts_total Credentials refused, by kind and where they were posted.',
    '# TYPE latchkey_unsafe_credential_attempts_total counter',
    ...m.credentialAttempts.map((a) => `latchkey_unsafe_credential_attempts_total{kind="${a.kind}",surface="${a.surface}"} ${a.count}`),
    '# HELP latchkey_requests Access requests by status; an approved one counts under its grant\'s state.',
    '# TYPE latchkey_requests gauge',
    ...m.requests.map((r) => `latchkey_requests{status="${r.status}"} ${r.count}`),
    '# HELP latchkey_effects Effects waiting to be carried out (pending) or given up on (failed), by kind.',
    '# TYPE latchkey_effects gauge',
    ...m.effects.map((e) => `latchkey_effects{kind="${e.kind}",status="${e.status}"} ${e.count}`),
    '# HELP latchkey_oldest_pending_effect_seconds Age of the oldest effect still waiting: it grows while something keeps failing.',
    '# TYPE latchkey_oldest_pending_effect_seconds gauge',
    `latchkey_oldest_pending_effect_seconds ${m.oldestPendingEffectSeconds}`,
    '',
  ].join('\n');
}
