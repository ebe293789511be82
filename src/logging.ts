/**
 * Structured JSON logs. Secrets are redacted by path wherever they could appear, and
 * request bodies are never logged: they can hold whatever a person typed. Each line has an
 * ISO time and a level word, which Loki, Datadog and people read without a mapping.
 */
import { hostname } from 'node:os';
import pino from 'pino';

export type Logger = pino.Logger;

export const REDACT_PATHS = [
  'token',
  '*.token',
  'botToken',
  '*.botToken',
  'appToken',
  '*.appToken',
  'signingSecret',
  '*.signingSecret',
  'authorization',
  '*.authorization',
  '*.headers.authorization',
  'body',
  '*.body',
  'purpose',
  '*.purpose',
  'text',
  '*.text',
];

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      // Naming `base` replaces pino's own, so pid and hostname are given again.
      base: { app: 'latchkey', pid: process.pid, hostname: hostname() },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    destination,
  );
}
