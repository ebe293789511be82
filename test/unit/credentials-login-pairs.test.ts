// Contract: a password with no keyword before it is still reported when the message says
// it is one: a login pair (`admin / S3cret!x`, "creds are backup:…", `u: x p: y`), or the
// value before its keyword ("Kl9&mn3Tq is the root password"). Without a keyword the value
// must look chosen (letters, digits and a third class). Roles, paths, ratios, dates,
// examples ("… is a terrible password") and descriptions stay quiet.
import { describe, expect, it } from 'vitest';
import { decodeSlackText, detectCredentials } from '../../src/domain/credentials/detect-credentials.js';
import { asTyped } from '../fixtures/credentials-corpus.js';

function secrets(text: string): string[] {
  const decoded = decodeSlackText(asTyped(text));
  return detectCredentials(asTyped(text)).map((x) => decoded.slice(x.start, x.end));
}

describe('login pairs', () => {
  it.each([
    ['a common account with a slash', 'admin / Qx7#mPl2z', 'Qx7#mPl2z'],
    ['any account after "creds"', 'creds for the switch are netops / Sw1tch!Pw9', 'Sw1tch!Pw9'],
    ['a wifi pair', 'office wifi: AcmeCorp / Wi7!fiPass', 'Wi7!fiPass'],
    ['a quoted pair', 'root / "Ro0t!Quoted"', 'Ro0t!Quoted'],
    ['sentence punctuation after the value', 'login is admin / Pa5s!word9.', 'Pa5s!word9'],
    ['user:password after "login"', 'the kiosk login is kiosk:Ki0sk#Pw7', 'Ki0sk#Pw7'],
    ['user:password after "basic auth"', 'basic auth: staging:St4g!ngPw', 'St4g!ngPw'],
    ['u/p short form', 'u: svc p: Sv9!cPass', 'Sv9!cPass'],
  ])('finds %s', (_what, text, secret) => {
    expect(secrets(text)).toEqual([secret]);
  });

  it.each([
    ['roles with slashes', 'roles: admin / viewer / billing-operator'],
    ['a path and a note', 'check /etc/hosts / DNS first'],
    ['a ratio', 'error budget: 43 / 120 minutes'],
    ['a date range', 'on call 2026-12-01 / 2026-12-07'],
    ['a version pair', 'admin / v2.3.1-beta'],
    ['a colon pair without a login word', 'deploy:Fx7!abc2 failed'],
    ['a time after "login"', 'login at 09:30 tomorrow'],
    ['a URL after "login"', 'login page is https://id.acme.io/login'],
  ])('stays quiet for %s', (_what, text) => {
    expect(secrets(text)).toEqual([]);
  });
});

describe('a value before its keyword', () => {
  it.each([
    ['"is the … password"', 'Kl9&mn3Tq is the staging root password', 'Kl9&mn3Tq'],
    ['"as the passphrase", quoted', 'use "Delta!Echo42" as the passphrase', 'Delta!Echo42'],
    ['an arrow', 'Hp4*yx82Lz <-- our wifi password', 'Hp4*yx82Lz'],
    ['"that\'s my pw"', "Zz8!top99 that's my pw for jira", 'Zz8!top99'],
  ])('finds %s', (_what, text, secret) => {
    expect(secrets(text)).toEqual([secret]);
  });

  it.each([
    ['an example of a bad password', 'Password123 is a terrible password'],
    ['a description', 'Passw0rd! is the most common password in the dump'],
    ['a ticket id', 'SEC-2041 is the password rotation ticket'],
    ['a plain word', 'rotation is the password policy we want'],
    ['a keyword followed by its own value', 'Xy7!abcd9 is the password: Zq8!lmno1'],
  ])('stays quiet for %s', (_what, text) => {
    expect(secrets(text).filter((s) => s === text.split(' ')[0])).toEqual([]);
  });
});
