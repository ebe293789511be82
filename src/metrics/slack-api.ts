/**
 * Counts failed Slack Web API calls by method and error. The Web API client takes a
 * `fetch`; every client Bolt makes (one per token) is built from the same options, so this
 * one seam sees every call, its retries and its 429s included.
 */
import type { WebClientOptions } from '@slack/web-api';
import type { Metrics } from './metrics.js';

type Fetch = NonNullable<WebClientOptions['fetch']>;

/** Slack's own error codes are lower-case words; anything else would make a label unbounded. */
const CODE = /^[a-z0-9_]{1,64}$/;
const METHOD = /\/api\/([A-Za-z0-9.]{1,64})(?:[?#]|$)/;

export function countingFetch(metrics: Pick<Metrics, 'slackApiErrors'>): Fetch {
  return async (input, init) => {
    const method = METHOD.exec(String(input))?.[1] ?? 'other';
    // Looked up at each call, not captured once: test doubles replace the global later.
    const response = await globalThis.fetch(input, init).catch((error: unknown) => {
      metrics.slackApiErrors.inc({ method, error: 'network_error' });
      throw error;
    });
    const error = await failure(response);
    if (error) metrics.slackApiErrors.inc({ method, error });
    return response;
  };
}

/** Why the call failed, or undefined when it did not; the body is read from a copy. */
async function failure(response: Response): Promise<string | undefined> {
  if (response.status === 429) return 'ratelimited';
  if (!response.ok) return `http_${response.status}`;
  const body = (await response.clone().json().catch(() => undefined)) as { ok?: unknown; error?: unknown } | undefined;
  if (body?.ok !== false) return undefined;
  return typeof body.error === 'string' && CODE.test(body.error) ? body.error : 'other';
}
