/**
 * Contract: the adapter Bolt, the Web API client and Socket Mode log through keeps their
 * debug lines to the words before any data (and the Web API method, when one is named),
 * and masks Slack tokens at every level.
 */
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logging.js';
import { boltLogger, scrubTokens, summarise } from '../../src/slack/bolt-logger.js';

const TOKEN = ['xoxb', '1234', '5678', 'abcdefABCDEF'].join('-');
const APP_TOKEN = ['xapp', '1', 'A0LATCH', '99', 'f00d'].join('-');

describe('summarise', () => {
  it.each([
    ['a payload', ['{"event":{"text":"the key is hunter2"}}'], { msg: 'detail', omitted: true }],
    ['a labelled body', ['http request body: {"text":"hunter2"}'], { msg: 'http request body', omitted: true }],
    ['an API call', ["apiCall('chat.postMessage') start"], { msg: 'apiCall', method: 'chat.postMessage', omitted: true }],
    ['a URL', ['http request url: https://slack.com/api/users.info'], { msg: 'http request url', method: 'users.info', omitted: true }],
    ['a Socket Mode envelope', ['Received a message on the WebSocket: {"payload":{"event":{"text":"hunter2"}}}'], { msg: 'Received a message on the WebSocket', omitted: true }],
    ['plain words', ['http response received'], { msg: 'http response received' }],
    ['extra arguments', ['received', { text: 'hunter2' }], { msg: 'received', omitted: true }],
    ['no string', [{ text: 'hunter2' }], { msg: 'detail', omitted: true }],
  ])('when given %s, then only the leading words are kept', (_case, parts, expected) => {
    expect(summarise(parts)).toEqual(expected);
  });
});

describe('scrubTokens', () => {
  it.each(['xoxb', 'xoxp', 'xoxa', 'xoxr', 'xoxs'])('when a line holds a %s- token, then it is masked', (prefix) => {
    expect(scrubTokens(`auth failed for ${prefix}-11-22-abc`)).toBe(`auth failed for ${prefix}-[redacted]`);
  });

  it('when a line holds an app-level token, then it is masked', () => {
    expect(scrubTokens(`socket with ${APP_TOKEN} closed`)).toBe('socket with xapp-[redacted] closed');
  });
});

describe('boltLogger', () => {
  const capture = (level: string) => {
    const lines: Record<string, unknown>[] = [];
    const log = createLogger(level, new Writable({ write: (chunk, _enc, done) => done(void lines.push(JSON.parse(String(chunk)))) }));
    return { lines, bolt: boltLogger(log) };
  };

  it('when an error line holds a token, then it is written with the token masked', () => {
    const { lines, bolt } = capture('info');
    bolt.error(`An API error occurred for ${TOKEN}:`, new Error('invalid_auth'));
    expect(lines).toMatchObject([{ level: 'error', component: 'bolt', msg: 'An API error occurred for xoxb-[redacted]: Error: invalid_auth' }]);
  });

  it('when debug is off, then a debug line is not written at all', () => {
    const { lines, bolt } = capture('info');
    bolt.debug('http request body: {"text":"hunter2"}');
    expect(lines).toEqual([]);
  });

  it('when debug is on, then a debug line keeps its words, never its data', () => {
    const { lines, bolt } = capture('debug');
    bolt.debug(`http request headers: {"Authorization":"Bearer ${TOKEN}"}`);
    expect(lines).toMatchObject([{ level: 'debug', msg: 'http request headers', omitted: true }]);
    expect(JSON.stringify(lines)).not.toContain('xoxb');
  });
});
