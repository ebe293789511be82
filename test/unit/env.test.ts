// Contract: loadConfig reads the environment once into a frozen Config with defaults
// (port 3000, ./data, ./catalog.yml, log level info), or throws ConfigError listing every
// problem at once, one `NAME: problem` line each. A signing secret is required unless an
// app-level token selects Socket Mode. Blank values count as unset.
import { describe, it, expect } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config/env.js';

type Env = Record<string, string | undefined>;

const VALID: Env = { SLACK_BOT_TOKEN: 'xoxb-123-456-abc', SLACK_SIGNING_SECRET: 'shh' };

const LINE = {
  botMissing: 'SLACK_BOT_TOKEN: is required',
  botPrefix: 'SLACK_BOT_TOKEN: must be a bot token starting with xoxb-',
  secret: 'SLACK_SIGNING_SECRET: is required in HTTP mode (or set SLACK_APP_TOKEN for Socket Mode)',
  appPrefix: 'SLACK_APP_TOKEN: must be an app-level token starting with xapp-',
  port: 'PORT: must be a port number',
  apiUrl: 'SLACK_API_URL: must be an http(s) URL',
  databaseUrl: 'DATABASE_URL: must be a postgres:// URL',
  logLevel: 'LOG_LEVEL: must be one of fatal, error, warn, info, debug, trace, silent',
};

function problemsOf(env: Env): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected the environment to be rejected');
}

describe('loadConfig refuses', () => {
  it.each<[string, Env, string]>([
    ['SLACK_BOT_TOKEN is missing', { SLACK_SIGNING_SECRET: 'shh' }, LINE.botMissing],
    ['SLACK_BOT_TOKEN is a user token', { ...VALID, SLACK_BOT_TOKEN: 'xoxp-123' }, LINE.botPrefix],
    ['the signing secret is missing in HTTP mode', { SLACK_BOT_TOKEN: 'xoxb-1' }, LINE.secret],
    ['the signing secret is blank in HTTP mode', { SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: '   ' }, LINE.secret],
    ['the signing secret is missing and the app token is blank', { SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: '' }, LINE.secret],
    ['SLACK_APP_TOKEN is a bot token', { ...VALID, SLACK_APP_TOKEN: 'xoxb-2' }, LINE.appPrefix],
    ['PORT is not a number', { ...VALID, PORT: 'http' }, LINE.port],
    ['PORT is above 65535', { ...VALID, PORT: '70000' }, LINE.port],
    ['PORT is negative', { ...VALID, PORT: '-1' }, LINE.port],
    ['PORT is fractional', { ...VALID, PORT: '80.5' }, LINE.port],
    ['SLACK_API_URL is not a URL', { ...VALID, SLACK_API_URL: 'slack api' }, LINE.apiUrl],
    ['SLACK_API_URL is not http(s)', { ...VALID, SLACK_API_URL: 'ftp://slack.example/api/' }, LINE.apiUrl],
    ['DATABASE_URL is another database', { ...VALID, DATABASE_URL: 'mysql://db/latchkey' }, LINE.databaseUrl],
    ['LOG_LEVEL is unknown', { ...VALID, LOG_LEVEL: 'loud' }, LINE.logLevel],
  ])('when %s, then the only problem is %j', (_when, env, line) => {
    expect(problemsOf(env)).toEqual([line]);
  });

  it('when everything is wrong, then every problem is listed at once, one line each', () => {
    // Arrange
    const env: Env = {
      SLACK_BOT_TOKEN: 'xoxp-nope',
      SLACK_APP_TOKEN: 'nope',
      PORT: 'eighty',
      SLACK_API_URL: 'nope',
      DATABASE_URL: 'sqlite://x',
      LOG_LEVEL: 'LOUD',
    };
    // Act
    const problems = problemsOf(env);
    // Assert
    expect([...problems].sort()).toEqual(
      [LINE.botPrefix, LINE.appPrefix, LINE.port, LINE.apiUrl, LINE.databaseUrl, LINE.logLevel].sort(),
    );
    expect(problems.every((line) => !line.includes('\n'))).toBe(true);
  });

  it('when nothing is set, then both required settings are reported', () => {
    expect(problemsOf({})).toEqual([LINE.botMissing, LINE.secret]);
  });

  it('when refused, then the error message is the problems joined by newlines', () => {
    const error = (() => {
      try {
        loadConfig({});
      } catch (caught) {
        return caught as ConfigError;
      }
    })();
    expect(error).toBeInstanceOf(ConfigError);
    expect(error?.message).toBe(`${LINE.botMissing}\n${LINE.secret}`);
  });
});

describe('loadConfig accepts', () => {
  it('when only the required settings are given, then the defaults apply', () => {
    expect(loadConfig(VALID)).toEqual({
      slack: { botToken: 'xoxb-123-456-abc', signingSecret: 'shh', appToken: undefined, apiUrl: undefined },
      port: 3000,
      databaseUrl: undefined,
      dataDir: './data',
      catalogPath: './catalog.yml',
      logLevel: 'info',
    });
  });

  it('when an app token is set, then no signing secret is needed (Socket Mode)', () => {
    const config = loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1-A0-1' });
    expect(config.slack).toEqual({ botToken: 'xoxb-1', signingSecret: undefined, appToken: 'xapp-1-A0-1', apiUrl: undefined });
  });

  it('when every setting is given, then each is read and trimmed', () => {
    const config = loadConfig({
      SLACK_BOT_TOKEN: ' xoxb-1 ',
      SLACK_SIGNING_SECRET: ' shh ',
      SLACK_API_URL: 'http://localhost:9999/api/',
      PORT: '8080',
      DATABASE_URL: 'postgresql://latchkey@db/latchkey',
      DATA_DIR: ' /var/lib/latchkey ',
      CATALOG_PATH: '/etc/latchkey/catalog.yml',
      LOG_LEVEL: 'debug',
    });
    expect(config).toEqual({
      slack: { botToken: 'xoxb-1', signingSecret: 'shh', appToken: undefined, apiUrl: 'http://localhost:9999/api/' },
      port: 8080,
      databaseUrl: 'postgresql://latchkey@db/latchkey',
      dataDir: '/var/lib/latchkey',
      catalogPath: '/etc/latchkey/catalog.yml',
      logLevel: 'debug',
    });
  });

  it.each(['postgres://h/db', 'postgresql://u:p@h:5432/db'])('when DATABASE_URL is %s, then it is accepted', (url) => {
    expect(loadConfig({ ...VALID, DATABASE_URL: url }).databaseUrl).toBe(url);
  });

  it.each(['SLACK_APP_TOKEN', 'SLACK_API_URL', 'DATABASE_URL'])('when %s is an empty string, then it is treated as unset', (name) => {
    const config = loadConfig({ ...VALID, [name]: '' });
    expect(config.slack.appToken).toBeUndefined();
    expect(config.slack.apiUrl).toBeUndefined();
    expect(config.databaseUrl).toBeUndefined();
  });

  it.each([
    ['PORT', (c: ReturnType<typeof loadConfig>) => c.port, 3000],
    ['DATA_DIR', (c: ReturnType<typeof loadConfig>) => c.dataDir, './data'],
    ['CATALOG_PATH', (c: ReturnType<typeof loadConfig>) => c.catalogPath, './catalog.yml'],
    ['LOG_LEVEL', (c: ReturnType<typeof loadConfig>) => c.logLevel, 'info'],
  ])('when %s is blank, then its default applies', (name, read, expected) => {
    expect(read(loadConfig({ ...VALID, [name]: '  ' }))).toBe(expected);
  });

  it('when SLACK_BOT_TOKEN is blank, then the problem is that it is required', () => {
    expect(() => loadConfig({ ...VALID, SLACK_BOT_TOKEN: '' })).toThrow(/^SLACK_BOT_TOKEN: is required$/);
  });

  it('when the config is loaded, then it and its slack part are frozen', () => {
    const config = loadConfig(VALID);
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.slack)).toBe(true);
    expect(() => {
      (config as { port: number }).port = 1;
    }).toThrow(TypeError);
  });
});
