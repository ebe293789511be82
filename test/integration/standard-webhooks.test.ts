/**
 * Contract: a webhook event verifies with the Standard Webhooks reference library, as a
 * receiver in any language would: a `whsec_<base64>` catalog secret is used as that library
 * reads it, any other secret as raw bytes (`format: 'raw'`). `webhook-id` is the event id
 * the body and `X-Latchkey-Event-Id` carry, and the older `X-Latchkey-*` signature still
 * verifies beside it. A changed body, another secret or a stale timestamp is refused.
 */
import { randomBytes } from 'node:crypto';
import { Webhook, WebhookVerificationError } from 'standardwebhooks';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { asRequestId, asUserId, type Grant, type System } from '../../src/domain/types.js';
import type { GrantView } from '../../src/operations/ports.js';
import { createWebhookRevoker, verifyWebhook } from '../../src/revokers/webhook.js';
import { testCatalog } from '../fixtures/catalog.js';
import { startWebhookReceiver, type ReceivedWebhook } from '../helpers/webhook-receiver.js';

const RAW_SECRET = 'raw-secret-for-standard-webhooks-3c9e7a1b';
const WHSEC_SECRET = `whsec_${randomBytes(24).toString('base64')}`;
const billing = testCatalog().systems[0] as System;
const grant: Grant = {
  requestId: asRequestId(1042), userId: asUserId('U0REQ1'), systemId: 'billing', roleId: 'viewer', collection: 'sso_group',
  grantedAt: new Date(), expiresAt: new Date(Date.now() + 3600_000), status: 'provisioning', attempts: 0, version: 1,
};
const view: GrantView = { grant, system: billing, role: billing.roles[0]!, email: 'req1@example.com' };

let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
beforeAll(async () => {
  receiver = await startWebhookReceiver();
});
beforeEach(() => {
  receiver.received.length = 0;
});
afterAll(() => receiver.close());

/** Sends one access.granted event signed with `secret`, as the bot does, and returns what arrived. */
async function sendWith(secret: string): Promise<ReceivedWebhook> {
  await createWebhookRevoker({ url: receiver.url, secret, installationId: 'install-a' }).grant(view);
  const [call] = receiver.received;
  return call!;
}

const standardHeaders = (call: ReceivedWebhook) => ({
  'webhook-id': String(call.headers['webhook-id']),
  'webhook-timestamp': String(call.headers['webhook-timestamp']),
  'webhook-signature': String(call.headers['webhook-signature']),
});

describe('Standard Webhooks signatures', () => {
  it('when the secret is a whsec_ key, then the reference library verifies the event as it reads such keys', async () => {
    const call = await sendWith(WHSEC_SECRET);
    expect(new Webhook(WHSEC_SECRET).verify(call.body, standardHeaders(call))).toEqual(call.json);
  });

  it('when the secret is any other string, then the reference library verifies the event with it as a raw key', async () => {
    const call = await sendWith(RAW_SECRET);
    expect(new Webhook(RAW_SECRET, { format: 'raw' }).verify(call.body, standardHeaders(call))).toMatchObject({ type: 'access.granted', request_id: 'AR-1042' });
  });

  it('when an event arrives, then webhook-id is its event id and the X-Latchkey headers still verify beside it', async () => {
    const call = await sendWith(RAW_SECRET);
    expect(call.headers['webhook-id']).toBe(call.json.id);
    expect(call.headers['x-latchkey-event-id']).toBe(call.json.id);
    expect(call.headers['webhook-timestamp']).toBe(call.headers['x-latchkey-timestamp']);
    expect(call.headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]{43}=$/);
    expect(verifyWebhook(RAW_SECRET, call.headers, call.body, Math.floor(Date.now() / 1000))).toBe(true);
  });

  it.each([
    ['the body was changed', (call: ReceivedWebhook) => [call.body.replace('access.granted', 'access.revoked'), standardHeaders(call)] as const, RAW_SECRET],
    ['the receiver holds another secret', (call: ReceivedWebhook) => [call.body, standardHeaders(call)] as const, `${RAW_SECRET}x`],
    ['the timestamp is an hour old', (call: ReceivedWebhook) => {
      const headers = standardHeaders(call);
      return [call.body, { ...headers, 'webhook-timestamp': String(Number(headers['webhook-timestamp']) - 3600) }] as const;
    }, RAW_SECRET],
  ])('when %s, then the reference library refuses the event', async (_case, received, receiverSecret) => {
    const [body, headers] = received(await sendWith(RAW_SECRET));
    expect(() => new Webhook(receiverSecret, { format: 'raw' }).verify(body, headers)).toThrow(WebhookVerificationError);
  });
});
