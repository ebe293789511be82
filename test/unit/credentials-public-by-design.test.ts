// Contract: the list of public-by-design values is explicit: every entry has a name and a
// reason, and a value of each entry stays quiet where a secret of the same shape would be
// reported. The same values outside their context (a Google key outside a Firebase
// config, a passcode outside a meeting invite) are still reported.
import { describe, expect, it } from 'vitest';
import { detectCredentials } from '../../src/domain/credentials/detect-credentials.js';
import { PUBLIC_BY_DESIGN } from '../../src/domain/credentials/public-by-design.js';
import { asTyped, makeFakes } from '../fixtures/credentials-corpus.js';

const f = makeFakes(0x9b11c);
const BECH32 = 'qpzry9x8gf2tvdw0s3jn54khce6mua7l';

/** One message per entry, each where a detector would otherwise look for a secret. */
const QUIET: Record<string, string> = {
  'Firebase web config apiKey': `const firebaseConfig = { apiKey: "${f.googleKey()}", authDomain: "shop.firebaseapp.com" };`,
  'Meeting link passcode (pwd=)': `join https://acme.zoom.us/j/${f.digits(10)}?pwd=${f.alnum(32)}.1`,
  'Meeting invite passcode': `Join Zoom Meeting\nMeeting ID: 812 3344 5566\nPasscode: ${f.digits(6)}`,
  'Stripe publishable key': `STRIPE_KEY=${f.stripe('pk_live')}`,
  'Mapbox public token': `MAPBOX_TOKEN=pk.eyJ1IjoiYWNtZSJ9.${f.alnum(22)}`,
  'Mailgun public validation key': `mailgun_key: pubkey-${f.hex(32)}`,
  'PostHog project key': `POSTHOG_API_KEY=phc_${f.alnum(43)}`,
  'New Relic browser key': `newrelic browser key: NRJS-${f.hex(19)}`,
  'Flutterwave and Lob public keys': `FLW_PUBLIC_KEY=FLWPUBK_TEST-${f.hex(32)}-X`,
  'reCAPTCHA and hCaptcha site keys': `RECAPTCHA_SITE_KEY=6Lc${f.alnum(37)}`,
  'Google OAuth client ID': `client_id: ${f.digits(12)}-${f.alnum(32).toLowerCase()}.apps.googleusercontent.com`,
  'Public keys': `recipient key: age1${f.mixed(BECH32, 58)}`,
  'Encrypted values (SOPS, Ansible Vault, Vault transit)': `password: ENC[AES256_GCM,data:${f.base64(24)},iv:${f.base64(43)}=,type:str]`,
  'Salted password hashes': `password: $2b$12$${f.alnum(53)}`,
};

describe('the public-by-design list', () => {
  it('gives every entry a name and a reason, and an example here', () => {
    for (const entry of PUBLIC_BY_DESIGN) {
      expect(entry.reason.length, entry.name).toBeGreaterThan(20);
      expect(QUIET[entry.name], entry.name).toBeDefined();
    }
    expect(Object.keys(QUIET).sort()).toEqual(PUBLIC_BY_DESIGN.map((entry) => entry.name).sort());
  });

  it.each(Object.entries(QUIET))('stays quiet for %s', (_name, text) => {
    expect(detectCredentials(asTyped(text))).toEqual([]);
  });

  it.each([
    ['a Google key outside a Firebase config', `maps key: ${f.googleKey()}`, 'google_api_key'],
    ['a pwd= outside a meeting link', `https://intranet.acme.io/login?user=bob&pwd=${f.alnum(12)}9`, 'password_assignment'],
    ['a passcode outside a meeting invite', 'door passcode: 482913', 'password_assignment'],
    ['a Stripe secret key beside a publishable one', `pk: ${f.stripe('pk_live')} sk: ${f.stripe('sk_live')}`, 'stripe_secret_key'],
  ])('still reports %s', (_what, text, kind) => {
    expect(detectCredentials(asTyped(text)).map((x) => x.kind)).toEqual([kind]);
  });
});
