/**
 * Structured JSON logs. Secrets are redacted by path wherever they could appear, and
 * request bodies are never logged: they can hold whatever a person typed.
 */
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
  return pino({ level, redact: { paths: REDACT_PATHS, censor: '[redacted]' }, base: { app: 'latchkey' } }, destination);
}
