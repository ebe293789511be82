// Contract: second factors are credentials. A TOTP seed (in an `otpauth://` URI, an
// authenticator export, or after an authenticator word) and lists of recovery codes (after
// a heading, or six or more alike random lines) are reported; the documented example seed,
// talk about codes, and lists of ids with a shared prefix stay quiet.
import { describe, expect, it } from 'vitest';
import { decodeSlackText, detectCredentials } from '../../src/domain/credentials/detect-credentials.js';
import { asTyped, makeFakes } from '../fixtures/credentials-corpus.js';

const f = makeFakes(0x2fa);
const base32 = (n: number): string => f.mixed('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', n);
const codes = (count: number, make: () => string): string[] => Array.from({ length: count }, make);

function found(text: string): { kind: string; secret: string }[] {
  const decoded = decodeSlackText(asTyped(text));
  return detectCredentials(asTyped(text)).map((x) => ({ kind: x.kind, secret: decoded.slice(x.start, x.end) }));
}

describe('TOTP seeds', () => {
  const seed = base32(32);

  it.each([
    ['an otpauth URI', `otpauth://totp/Acme:bob@acme.io?secret=${seed}&issuer=Acme`],
    ['an otpauth URI with the secret last', `otpauth://totp/AWS:root?issuer=AWS&algorithm=SHA1&secret=${seed}`],
    ['a setup key after an authenticator word', `authenticator setup key: ${seed}`],
    ['a seed in groups of four', `MFA secret is ${seed.match(/.{4}/g)?.join(' ')}`],
  ])('finds %s', (_what, text) => {
    expect(found(text).map((x) => x.kind)).toEqual(['otp_secret']);
  });

  it('finds an authenticator export', () => {
    expect(found(`otpauth-migration://offline?data=${f.base64(80)}`).map((x) => x.kind)).toEqual(['otp_secret']);
  });

  it.each([
    ['the documented example', 'otpauth://totp/Example:alice@google.com?secret=JBSWY3DPEHPK3PXP&issuer=Example'],
    ['a URI without a secret', 'otpauth://totp/Acme:bob?issuer=Acme'],
    ['talk about 2FA keys', '2FA key rotation is DONE for all admins'],
    ['a one-time code in a sentence', 'the 2FA code keeps failing, is my clock off?'],
  ])('stays quiet for %s', (_what, text) => {
    expect(found(text)).toEqual([]);
  });
});

describe('recovery codes', () => {
  const hexPair = (): string => `${f.hex(5).toLowerCase()}-${f.hex(5).toLowerCase()}`;
  const triple = (): string => `${f.mixed('ABCDEFGHJKLMNPQRSTUVWXYZ23456789', 4)}-${f.mixed('ABCDEFGHJKLMNPQRSTUVWXYZ23456789', 4)}-${f.mixed('ABCDEFGHJKLMNPQRSTUVWXYZ23456789', 4)}`;

  it.each([
    ['a heading and one per line', `GitHub recovery codes:\n${codes(8, hexPair).join('\n')}`],
    ['a heading and a bulleted list', `backup codes\n${codes(5, () => `• ${f.digits(8)}`).join('\n')}`],
    ['a heading and a comma-separated line', `scratch codes: ${codes(6, () => `${f.digits(4)} ${f.digits(4)}`).join(', ')}`],
    ['a heading and space-separated codes', `recovery keys: ${codes(6, hexPair).join(' ')}`],
    ['a bare list of random codes', codes(8, triple).join('\n')],
  ])('finds %s', (_what, text) => {
    const findings = found(text);
    expect(findings.map((x) => x.kind)).toEqual(['recovery_codes']);
  });

  it.each([
    ['talk about codes', 'I regenerated my recovery codes and put them in 1Password'],
    ['fewer than four codes after a heading', `backup codes: ${codes(2, hexPair).join(', ')}`],
    ['a bare list of ticket ids', 'OPS-4412\nOPS-4417\nOPS-4420\nOPS-4431\nOPS-4433\nOPS-4440'],
    ['a bare list of numbers', codes(7, () => f.digits(8)).join('\n')],
    ['a list of versions', '1.2.3\n1.2.4\n1.3.0\n1.3.1\n2.0.0\n2.0.1'],
  ])('stays quiet for %s', (_what, text) => {
    expect(found(text)).toEqual([]);
  });
});
