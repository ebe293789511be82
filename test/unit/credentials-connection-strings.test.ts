// Contract: a URL or connection string carrying a password is reported with the span on
// the password alone, whatever punctuation the password holds (`.`, `_`, `$`, `#`, `?`,
// `~`); a port followed by a query, variables, placeholders and default dev credentials
// stay quiet.
import { describe, expect, it } from 'vitest';
import { decodeSlackText, detectCredentials } from '../../src/domain/credentials/detect-credentials.js';
import { asTyped } from '../fixtures/credentials-corpus.js';

function found(text: string): { kind: string; secret: string }[] {
  const decoded = decodeSlackText(asTyped(text));
  return detectCredentials(asTyped(text)).map((x) => ({ kind: x.kind, secret: decoded.slice(x.start, x.end) }));
}

describe('passwords in URLs and connection strings', () => {
  it.each([
    ['dots and underscores', 'postgres://app:Tr.ee_9x-Z@db:5432/app', 'database_url', 'Tr.ee_9x-Z'],
    ['a dollar and a dot', 'mongodb+srv://ops:Qa$N2Sw.w0rd@cluster0.ab1cd.mongodb.net/x', 'database_url', 'Qa$N2Sw.w0rd'],
    ['an empty user', 'redis://:s3cr.3t_Pw@cache:6379/0', 'database_url', 's3cr.3t_Pw'],
    ['a tilde', 'amqp://orders:p~a.ss9X@rabbit:5672/prod', 'database_url', 'p~a.ss9X'],
    ['a hash sign', 'http://proxy:Pr0xy#Pass7@squid.internal:3128', 'basic_auth_url', 'Pr0xy#Pass7'],
    ['a question mark', 'https://ci:Wh4t?Now9@jenkins.acme.io/', 'basic_auth_url', 'Wh4t?Now9'],
  ])('with %s', (_what, text, kind, secret) => {
    expect(found(text)).toEqual([{ kind, secret }]);
  });

  it.each([
    ['a port followed by a query', 'https://acme.io:8443?invite=bob@acme.io'],
    ['a variable', 'postgres://app:${DB_PASSWORD}@db/app'],
    ['a template placeholder', 'postgresql://%(user)s:%(password)s@%(host)s/app'],
    ['default dev credentials', 'postgres://postgres:postgres@localhost/postgres'],
  ])('stays quiet for %s', (_what, text) => {
    expect(found(text)).toEqual([]);
  });
});
