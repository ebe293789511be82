// Contract: a webhook call is signed as `v1=` + hex HMAC-SHA256 of "v1:{timestamp}:{body}"
// keyed with the shared secret, and `verifyWebhook` (what receivers run) accepts exactly
// that: any change to the body, the secret or the timestamp, a timestamp more than the
// tolerance away from now in either direction, or a malformed header is refused. The
// Standard Webhooks signature beside it matches the specification's example.
import { createHmac } from 'node:crypto';
import { describe, it, expect } from 'vitest';
import { signWebhook, standardWebhookSignature, verifyWebhook } from '../../src/revokers/webhook.js';

const SECRET = 'latchkey-test-secret';
const TIMESTAMP = 1_741_082_400;
const BODY = '{"id":"evt_0","type":"access.revoked"}';
const KNOWN_SIGNATURE = 'v1=4067861f1cc5ec63151cf926ca0790eea29f9658a0774124e9a6aa9aee623a40';

const headers = (signature: string, timestamp: string | number = TIMESTAMP) => ({
  'x-latchkey-timestamp': String(timestamp),
  'x-latchkey-signature': signature,
});

describe('signing and verifying a webhook call', () => {
  it('when a call is signed, then the receiver verifies it', () => {
    const signature = signWebhook(SECRET, TIMESTAMP, BODY);
    expect(verifyWebhook(SECRET, headers(signature), BODY, TIMESTAMP)).toBe(true);
  });

  it('when the inputs are fixed, then the signature is the documented recipe and the known vector', () => {
    const recipe = `v1=${createHmac('sha256', SECRET).update(`v1:${TIMESTAMP}:${BODY}`).digest('hex')}`;
    expect(signWebhook(SECRET, TIMESTAMP, BODY)).toBe(recipe);
    expect(signWebhook(SECRET, TIMESTAMP, BODY)).toBe(KNOWN_SIGNATURE);
  });

  it('when the body was changed in transit, then verification fails', () => {
    const tampered = BODY.replace('revoked', 'granted');
    expect(verifyWebhook(SECRET, headers(KNOWN_SIGNATURE), tampered, TIMESTAMP)).toBe(false);
  });

  it('when the receiver holds another secret, then verification fails', () => {
    expect(verifyWebhook('another-secret', headers(KNOWN_SIGNATURE), BODY, TIMESTAMP)).toBe(false);
  });

  it('when the timestamp header was changed, then verification fails', () => {
    expect(verifyWebhook(SECRET, headers(KNOWN_SIGNATURE, TIMESTAMP + 1), BODY, TIMESTAMP)).toBe(false);
  });

  it('when the call is 300 s old, then it is accepted, and at 301 s it is refused as stale', () => {
    expect(verifyWebhook(SECRET, headers(KNOWN_SIGNATURE), BODY, TIMESTAMP + 300)).toBe(true);
    expect(verifyWebhook(SECRET, headers(KNOWN_SIGNATURE), BODY, TIMESTAMP + 301)).toBe(false);
  });

  it('when the timestamp is further in the future than the tolerance, then it is refused', () => {
    expect(verifyWebhook(SECRET, headers(KNOWN_SIGNATURE), BODY, TIMESTAMP - 301)).toBe(false);
    expect(verifyWebhook(SECRET, headers(KNOWN_SIGNATURE), BODY, TIMESTAMP - 60, 30)).toBe(false);
  });

  it.each([
    ['no v1= prefix', headers(KNOWN_SIGNATURE.slice(3))],
    ['another version', headers(KNOWN_SIGNATURE.replace('v1=', 'v0='))],
    ['a short digest', headers(KNOWN_SIGNATURE.slice(0, -2))],
    ['upper-case hex', headers(KNOWN_SIGNATURE.toUpperCase().replace('V1=', 'v1='))],
    ['a non-numeric timestamp', headers(KNOWN_SIGNATURE, '1741082400.5')],
    ['a repeated signature header', { 'x-latchkey-timestamp': String(TIMESTAMP), 'x-latchkey-signature': [KNOWN_SIGNATURE, KNOWN_SIGNATURE] }],
    ['no signature header', { 'x-latchkey-timestamp': String(TIMESTAMP) }],
    ['no timestamp header', { 'x-latchkey-signature': KNOWN_SIGNATURE }],
  ])('when the headers have %s, then verification fails without throwing', (_case, given) => {
    expect(verifyWebhook(SECRET, given, BODY, TIMESTAMP)).toBe(false);
  });
});

describe('the Standard Webhooks signature', () => {
  it("when given the specification's example, then it is the specification's signature", () => {
    const signature = standardWebhookSignature('whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', 'msg_p5jXN8AQM9LWM0D4loKWxJek', 1_614_265_330, '{"test": 2432232314}');
    expect(signature).toBe('v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=');
  });

  it('when the secret is not a whsec_ key, then its UTF-8 bytes are the key', () => {
    const recipe = `v1,${createHmac('sha256', Buffer.from(SECRET, 'utf8')).update(`evt_0.${TIMESTAMP}.${BODY}`).digest('base64')}`;
    expect(standardWebhookSignature(SECRET, 'evt_0', TIMESTAMP, BODY)).toBe(recipe);
  });
});
