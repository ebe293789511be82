// Contract: secrets without a prefix are found by what names them. A vendor's name (gitleaks'
// keyword rules) followed by an assignment, or by words naming a credential, then a value
// of that vendor's exact shape; and code or config that defines a password, in many
// languages and shapes (`define('DB_PASSWORD', …)`, XML app settings, container env
// name/value pairs, setters). Ids, templates and references stay quiet.
import { describe, expect, it } from 'vitest';
import { detectCredentials, decodeSlackText } from '../../src/domain/credentials/detect-credentials.js';
import { asTyped, makeFakes } from '../fixtures/credentials-corpus.js';

const f = makeFakes(0x4e7);
const uuid = (): string => `${f.hex(8)}-${f.hex(4)}-4${f.hex(3)}-a${f.hex(3)}-${f.hex(12)}`;
const b64url = (n: number): string => f.mixed('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_', n);

function found(text: string): { kind: string; label: string; secret: string }[] {
  const decoded = decodeSlackText(asTyped(text));
  return detectCredentials(asTyped(text)).map((x) => ({ kind: x.kind, label: x.label, secret: decoded.slice(x.start, x.end) }));
}

describe('vendor keyword rules', () => {
  const heroku = uuid();
  const sentry = f.hex(64);
  const cloudflare = b64url(40);
  const okta = `00${b64url(40)}`;
  const mailchimp = `${f.hex(32)}-us14`;
  const telegram = `${f.digits(10)}:A${b64url(34)}`;

  it.each([
    ['an env assignment', `HEROKU_API_KEY=${heroku}`, 'a Heroku API key', heroku],
    ['words that name a credential', `the heroku api key ${heroku}`, 'a Heroku API key', heroku],
    ['a YAML key', `sentry:\n  auth_token: "${sentry}"`, 'a Sentry auth token', sentry],
    ['a camelCase name', `const cloudflareToken = "${cloudflare}";`, 'a Cloudflare API token or key', cloudflare],
    ['an Okta token', `okta.client.token: ${okta}`, 'an Okta API token', okta],
    ['a Mailchimp key', `MAILCHIMP_KEY=${mailchimp}`, 'a Mailchimp API key', mailchimp],
    ['a Telegram token by keyword', `TELEGRAM_TOKEN=${telegram}`, 'a Telegram bot token', telegram],
  ])('finds %s', (_what, text, label, secret) => {
    expect(found(text)).toEqual([expect.objectContaining({ label, secret })]);
  });

  it.each([
    ['an id after the vendor name', `heroku app ${uuid()} is sleeping`],
    ['the vendor name inside another word', `global_counter = ${f.hex(32)}`],
    ['a commit next to the vendor name', `fixed the sentry integration in ${f.hex(40)}`],
    ['a value of the wrong shape', 'HEROKU_API_KEY=not-a-key'],
    ['a repeated vendor name', 'heroku heroku heroku heroku heroku'],
  ])('stays quiet for %s', (_what, text) => {
    expect(found(text)).toEqual([]);
  });
});

describe('code and config that define a password', () => {
  it.each([
    ['PHP define', "define('DB_PASSWORD', 'Ph9!define');", 'Ph9!define'],
    ['PHP define with spaces', 'define( "SMTP_PASS", "Sm7!tpPass" );', 'Sm7!tpPass'],
    ['a setter call', 'dataSource.setPassword("Ds4!source");', 'Ds4!source'],
    ['a builder method', "builder.password('Bu1!lderPw')", 'Bu1!lderPw'],
    ['an XML app setting', '<add key="DbPassword" value="Xm9!setting" />', 'Xm9!setting'],
    ['a NuGet clear-text password', '<add key="ClearTextPassword" value="Nu6!getPass" />', 'Nu6!getPass'],
    ['a container env in YAML', '- name: REDIS_PASSWORD\n  value: Re8!disPass', 'Re8!disPass'],
    ['a container env in JSON', '{"name": "DB_PASSWORD", "value": "Js0n!EnvPw"}', 'Js0n!EnvPw'],
    ['an index assignment', "ENV['DB_PASSWORD'] = 'Rb9!indexPw'", 'Rb9!indexPw'],
  ])('finds %s', (_what, text, secret) => {
    expect(found(text).map((x) => x.secret)).toEqual([secret]);
  });

  it.each([
    ['define from the environment', "define('DB_PASSWORD', getenv('DB_PASSWORD'));"],
    ['the WordPress sample value', "define( 'DB_PASSWORD', 'password_here' );"],
    ['a setter with a variable', 'ds.setPassword(password);'],
    ['a call with a flag', 'check("password", required)'],
    ['an XML template value', '<add key="DbPassword" value="#{DbPassword}#" />'],
    ['an env from a secret', '- name: DB_PASSWORD\n  valueFrom:\n    secretKeyRef: { name: db, key: password }'],
  ])('stays quiet for %s', (_what, text) => {
    expect(found(text)).toEqual([]);
  });
});

describe('a Kubernetes Secret manifest', () => {
  const encode = (value: string): string => Buffer.from(value).toString('base64');

  it('reports every data entry, whatever its name', () => {
    const token = f.alnum(24);
    const manifest = `apiVersion: v1\nkind: Secret\nmetadata:\n  name: app\ndata:\n  api.conf: ${encode(`token=${token}`)}\n  username: ${encode('svc-app')}`;
    expect(found(manifest).map((x) => x.label)).toEqual(['a value from a Kubernetes Secret', 'a value from a Kubernetes Secret']);
  });

  it('stays quiet for a manifest without values, or a ConfigMap', () => {
    expect(found('kind: Secret\nmetadata:\n  name: app\ndata: {}')).toEqual([]);
    expect(found(`kind: ConfigMap\ndata:\n  setting: ${encode('verbose=true')}`)).toEqual([]);
  });
});
