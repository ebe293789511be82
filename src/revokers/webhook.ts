/**
 * Tells a system's own automation that access was granted or must be removed, by a signed
 * JSON POST. Each call is signed twice: the Standard Webhooks way (`webhook-id`,
 * `webhook-timestamp`, `webhook-signature`), which stock libraries verify in any language,
 * and the older `X-Latchkey-*` way (`verifyWebhook`), kept for one more version so existing
 * receivers move over in their own time. The receiver drops repeats by event id: the
 * caller retries failed attempts, so one event may arrive twice.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { formatRequestId } from '../domain/types.js';
import type { GrantView, Revoker } from '../operations/ports.js';

export type WebhookEventType = 'access.granted' | 'access.revoked' | 'access.extended';

export interface WebhookRevokerOptions {
  url: string;
  secret: string;
  /** Drawn once per database, so two installations never send the same event id. */
  installationId: string;
  fetch?: typeof fetch;
  now?: () => Date;
  timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 10_000;
const SIGNATURE = /^v1=([0-9a-f]{64})$/;
const TIMESTAMP = /^\d{1,12}$/;

const WHSEC = 'whsec_';

/**
 * The Standard Webhooks signing key for a catalog secret: a `whsec_<base64>` secret (the
 * form those libraries generate) is the decoded bytes; any other secret is its own UTF-8
 * bytes, which a library takes as a raw key (`new Webhook(secret, { format: 'raw' })`).
 */
export function standardWebhookKey(secret: string): Buffer {
  return secret.startsWith(WHSEC) ? Buffer.from(secret.slice(WHSEC.length), 'base64') : Buffer.from(secret, 'utf8');
}

/** `v1,` and the base64 HMAC-SHA256 of `{id}.{timestamp}.{body}`, per Standard Webhooks. */
export function standardWebhookSignature(secret: string, id: string, timestamp: number, body: string): string {
  return `v1,${createHmac('sha256', standardWebhookKey(secret)).update(`${id}.${timestamp}.${body}`).digest('base64')}`;
}

/**
 * `v1=` and the hex HMAC-SHA256 of `v1:{timestamp}:{body}`, keyed with the shared secret as
 * given: the `X-Latchkey-Signature` that Standard Webhooks replaces.
 */
export function signWebhook(secret: string, timestamp: number, body: string): string {
  return `v1=${createHmac('sha256', secret).update(`v1:${timestamp}:${body}`).digest('hex')}`;
}

/**
 * What a receiver runs on each call: true only when the signature matches the raw body and
 * the timestamp is within `toleranceSeconds` of now either way, so a captured call cannot
 * be replayed later. `headers` are lower-case names, as Node's `IncomingMessage` has them.
 */
export function verifyWebhook(
  secret: string,
  headers: Record<string, string | string[] | undefined>,
  body: string,
  nowSeconds: number,
  toleranceSeconds = 300,
): boolean {
  const timestamp = single(headers['x-latchkey-timestamp']);
  const signature = SIGNATURE.exec(single(headers['x-latchkey-signature']) ?? '');
  if (!timestamp || !TIMESTAMP.test(timestamp) || !signature) return false;
  if (Math.abs(nowSeconds - Number(timestamp)) > toleranceSeconds) return false;
  const expected = Buffer.from(signWebhook(secret, Number(timestamp), body).slice(3), 'hex');
  return timingSafeEqual(expected, Buffer.from(signature[1]!, 'hex'));
}

const single = (value: string | string[] | undefined): string | undefined => (Array.isArray(value) ? undefined : value);

/**
 * The event id is derived from the installation, the request and the event type, not drawn
 * at random, so every retry of one logical event carries the same id and a receiver that
 * saw it can drop the repeat. A grant is granted, extended and revoked at most once each,
 * and the installation id keeps two installations (or a reset database) apart.
 */
export function webhookEventId(installationId: string, view: GrantView, type: WebhookEventType): string {
  const name = `${installationId}:${formatRequestId(view.grant.requestId)}:${type}`;
  return `evt_${createHash('sha256').update(name).digest('hex').slice(0, 32)}`;
}

/** The JSON body; `created_at` is when the event happened, so a retry sends the same bytes. */
export function webhookBody(installationId: string, view: GrantView, type: WebhookEventType, now: Date): string {
  const { grant } = view;
  const happened = type === 'access.revoked' ? (grant.endedAt ?? now) : grant.grantedAt;
  return JSON.stringify({
    id: webhookEventId(installationId, view, type),
    type,
    created_at: happened.toISOString(),
    request_id: formatRequestId(grant.requestId),
    system: grant.systemId,
    role: grant.roleId,
    user: { slack_id: grant.userId, email: view.email ?? null },
    expires_at: grant.expiresAt.toISOString(),
    // A revocation without a recorded reason can only be the scheduled expiry.
    ...(type === 'access.revoked' ? { reason: grant.endReason ?? 'expired' } : {}),
  });
}

/** The headers of one signed call, both ways; `latchkey doctor`'s test event carries the same. */
export function webhookHeaders(secret: string, id: string, timestamp: number, body: string): Record<string, string> {
  return {
    'content-type': 'application/json',
    'webhook-id': id,
    'webhook-timestamp': String(timestamp),
    'webhook-signature': standardWebhookSignature(secret, id, timestamp, body),
    'x-latchkey-timestamp': String(timestamp),
    'x-latchkey-signature': signWebhook(secret, timestamp, body),
    'x-latchkey-event-id': id,
  };
}

export function createWebhookRevoker(options: WebhookRevokerOptions): Revoker {
  const { url, secret, installationId, fetch: send = fetch, now = () => new Date(), timeoutMs = DEFAULT_TIMEOUT_MS } = options;
  // Errors name the host only: a path or query may carry a token of the receiver's.
  const host = new URL(url).host;

  async function post(view: GrantView, type: WebhookEventType): Promise<void> {
    const at = now();
    const body = webhookBody(installationId, view, type, at);
    const timestamp = Math.floor(at.getTime() / 1000);
    const id = webhookEventId(installationId, view, type);
    const what = `webhook ${type} for ${formatRequestId(view.grant.requestId)} to ${host}`;
    let response: Response;
    try {
      response = await send(url, {
        method: 'POST',
        headers: webhookHeaders(secret, id, timestamp, body),
        body,
        // A redirect would carry the signed event somewhere the catalog never named.
        redirect: 'manual',
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      throw new Error(`${what} failed: ${describeFailure(error, timeoutMs)}`);
    }
    await response.body?.cancel().catch(() => undefined);
    if (response.status < 200 || response.status > 299) throw new Error(`${what} failed: the receiver answered HTTP ${response.status}`);
  }

  return {
    async grant(view) {
      await post(view, 'access.granted');
      return 'granted';
    },
    async revoke(view) {
      await post(view, 'access.revoked');
      return 'removed';
    },
    extend: (view) => post(view, 'access.extended'),
  };
}

/** Why the call never got an answer, in words that hold no part of the request. */
function describeFailure(error: unknown, timeoutMs: number): string {
  const { name, cause } = (error ?? {}) as { name?: string; cause?: { code?: unknown } };
  if (name === 'TimeoutError' || name === 'AbortError') return `no answer within ${timeoutMs} ms`;
  const code = typeof cause?.code === 'string' ? cause.code : undefined;
  return code ? `network error (${code})` : 'network error';
}
