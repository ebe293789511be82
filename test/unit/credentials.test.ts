// Contract: detectCredentials(slackText) decodes Slack's markup, then reports every credential
// in the message as { kind, label, start, end }, sorted by start, one finding per stretch of
// text (the most specific kind wins an overlap). Offsets index the DECODED text and cover the
// secret itself; the secret is never a field of a finding. Every corpus entry must get exactly
// its expected kinds (or none), and 100 KB adversarial inputs must complete with the right
// verdict. Timing is measured by the benchmark, not asserted here.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  CREDENTIAL_KINDS,
  decodeSlackText,
  detectCredentials,
  type CredentialFinding,
} from '../../src/domain/credentials/detect-credentials.js';
import { CREDENTIALS_CORPUS, asTyped, makeFakes } from '../fixtures/credentials-corpus.js';

const f = makeFakes(0x7e57);

/** The secret a finding points at, read back from the decoded message. */
function secretsIn(slackText: string): string[] {
  const text = decodeSlackText(slackText);
  return detectCredentials(slackText).map((finding) => text.slice(finding.start, finding.end));
}

const kinds = (findings: CredentialFinding[]): string[] => findings.map((finding) => finding.kind);

describe('credential corpus', () => {
  const positives = CREDENTIALS_CORPUS.filter((entry) => entry.expect.length > 0);
  const negatives = CREDENTIALS_CORPUS.filter((entry) => entry.expect.length === 0);

  it('is large enough to mean something', () => {
    expect(positives.length).toBeGreaterThanOrEqual(120);
    expect(negatives.length).toBeGreaterThanOrEqual(150);
  });

  it('covers every kind the detector can report', () => {
    const covered = new Set(positives.flatMap((entry) => entry.expect));
    expect(CREDENTIAL_KINDS.filter((kind) => !covered.has(kind))).toEqual([]);
  });

  it.each(CREDENTIALS_CORPUS.map((entry) => [entry.why, entry] as const))('%s', (_why, entry) => {
    expect(kinds(detectCredentials(entry.text))).toEqual(entry.expect);
  });
});

describe('Slack decoding', () => {
  it('decodes the three entities Slack escapes', () => {
    expect(decodeSlackText('a &amp;&amp; b &lt;tag&gt; &amp;lt;')).toBe('a && b <tag> &lt;');
  });

  it('unwraps links and keeps the URL', () => {
    expect(decodeSlackText('see <https://acme.io/a?x=1&amp;y=2>')).toBe('see https://acme.io/a?x=1&y=2');
    expect(decodeSlackText('<https://acme.io|acme.io> <mailto:bob@acme.io|bob@acme.io>')).toBe(
      'https://acme.io mailto:bob@acme.io',
    );
  });

  it('keeps a link label that says something other than the URL', () => {
    expect(decodeSlackText('<https://acme.io/docs|the docs>')).toBe('the docs https://acme.io/docs');
  });

  it('leaves mentions, channels and special commands as they are', () => {
    const text = '<@U0123ABC> in <#C024BE91L|security> <!here> <!subteam^S123|@oncall>';
    expect(decodeSlackText(text)).toBe(text);
    expect(detectCredentials(text)).toEqual([]);
  });

  it('finds a password whose & arrived as &amp;', () => {
    expect(secretsIn(asTyped('pw is Tr0ub4dor&3'))).toEqual(['Tr0ub4dor&3']);
  });

  it('finds credentials inside an auto-linked URL, with offsets into the decoded text', () => {
    const message = 'clone <https://deploy:Pa55w0rd!x@git.acme.io/repo.git|git.acme.io/repo.git> please';
    const [finding] = detectCredentials(message);
    expect(finding?.kind).toBe('basic_auth_url');
    expect(decodeSlackText(message).slice(finding?.start, finding?.end)).toBe('Pa55w0rd!x');
  });

  it('does not treat an escaped placeholder as markup', () => {
    expect(detectCredentials(asTyped('password: <your password>'))).toEqual([]);
  });
});

describe('findings', () => {
  it('point at the secret itself', () => {
    const token = f.github('ghp');
    const awsSecret = f.awsSecret();
    const dbPassword = f.alnum(20);
    const jwt = f.jwt({ alg: 'HS256', typ: 'JWT' }, { sub: '42' });
    expect(secretsIn(`token for CI: ${token} thanks`)).toEqual([token]);
    expect(secretsIn(`AWS_SECRET_ACCESS_KEY=${awsSecret}`)).toEqual([awsSecret]);
    expect(secretsIn(`postgres://app:${dbPassword}@db:5432/app`)).toEqual([dbPassword]);
    expect(secretsIn(`id_token=${jwt}`)).toEqual([jwt]);
    expect(secretsIn('the password is Summer2024!')).toEqual(['Summer2024!']);
    expect(secretsIn('"password": "letmein99"')).toEqual(['letmein99']);
  });

  it('cover a whole private key block', () => {
    const pem = f.pem('RSA PRIVATE KEY', 3);
    expect(secretsIn(`key:\n${pem}\nthanks`)).toEqual([pem]);
  });

  it('carry kind, label and offsets only', () => {
    const [finding] = detectCredentials(`export AWS_SECRET_ACCESS_KEY=${f.awsSecret()}`);
    expect(Object.keys(finding ?? {}).sort()).toEqual(['end', 'kind', 'label', 'start']);
    expect(finding?.label).toBe('an AWS secret access key');
  });

  it('keep the most specific kind where matches overlap', () => {
    expect(kinds(detectCredentials(`password: ${f.github('ghp')}`))).toEqual(['github_token']);
    expect(kinds(detectCredentials(`GITHUB_TOKEN=${f.github('ghs')}`))).toEqual(['github_token']);
    const sa = `{"type": "service_account", "private_key": "${f.pem('PRIVATE KEY', 2).replace(/\n/g, '\\n')}"}`;
    expect(kinds(detectCredentials(sa))).toEqual(['gcp_service_account']);
  });

  it('are sorted by position', () => {
    const message = `db: postgres://a:${f.alnum(16)}@h/x npm: ${f.npm()} pw: Xy7!abcd`;
    const findings = detectCredentials(message);
    expect(kinds(findings)).toEqual(['database_url', 'npm_token', 'password_assignment']);
    expect(findings.map((finding) => finding.start)).toEqual([...findings.map((x) => x.start)].sort((a, b) => a - b));
  });
});

describe('adversarial input of 100 KB', () => {
  const SIZE = 100_000;
  const fill = (unit: string): string => unit.repeat(Math.ceil(SIZE / unit.length)).slice(0, SIZE);

  it.each([
    ['a long run of one letter', fill('a')],
    ['a long run of =', fill('=')],
    ['repeated PEM headers with no body', fill('-----BEGIN RSA PRIVATE KEY-----\n')],
    ['repeated -----BEGIN', fill('-----BEGIN ')],
    ['repeated password: with no value', fill('password: ')],
    ['repeated password: glued together', fill('password:')],
    ['repeated "the password is"', fill('the password is ')],
    ['nested URL-ish text', fill('http://u:p@http://u:p@x/')],
    ['unterminated Slack links', fill('&lt;https://')],
    ['opening quotes after a keyword', fill('password: "')],
    ['unclosed curly quotes after a keyword', fill('password: “')],
    ['XML-like tags with no closing tag', fill('&lt;password&gt;x')],
    ['repeated Authorization headers without a token', fill('Authorization: Bearer ')],
    ['a long base64 run', fill('AbC+/9')],
    ['repeated curl with no flag value', fill('curl -u ')],
    ['repeated net use', fill('net use ')],
    ['repeated login pairs with no value', fill('admin / ')],
    ['repeated value-before-keyword phrases', fill('is the password ')],
    ['repeated recovery-code headings', fill('recovery codes: ')],
    ['repeated otpauth URIs without a secret', fill('otpauth://totp/a?')],
    ['repeated vendor names', fill('heroku api key ')],
    ['repeated define calls', fill("define('DB_PASSWORD', ")],
    ['repeated Secret manifests', fill('kind: Secret\ndata:\n  a: ')],
  ])('%s completes with no finding', (_name, input) => {
    expect(detectCredentials(input)).toEqual([]);
  });

  it('still finds one real secret buried in the noise', () => {
    const token = f.github('ghp');
    const noise = fill('password for the ').slice(0, SIZE / 2);
    const message = `${noise} ${token} ${noise}`;
    const findings = detectCredentials(message);
    expect(kinds(findings)).toEqual(['github_token']);
    expect(message.slice(findings[0]?.start, findings[0]?.end)).toBe(token);
  });
});

describe('domain purity', () => {
  const folder = join(import.meta.dirname, '../../src/domain/credentials');

  it.each(readdirSync(folder).filter((name) => name.endsWith('.ts')))(
    '%s imports only its siblings and uses no ambient I/O',
    (name) => {
      const source = readFileSync(join(folder, name), 'utf8');
      const imports = [...source.matchAll(/from '([^']+)'/g)].map((match) => match[1]);
      expect(imports.filter((path) => !path?.startsWith('./'))).toEqual([]);
      expect(source).not.toMatch(/\bprocess\.|\bDate\b|\brequire\(|\bBuffer\b/);
    },
  );
});
