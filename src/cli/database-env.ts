/**
 * The database the bot would use, opened for an operator's command: only DATABASE_URL and
 * DATA_DIR are read, so a command that needs no Slack works without Slack's tokens.
 */
import { z } from 'zod';
import { openDatabase, type Database } from '../store/database.js';

const schema = z.object({
  DATABASE_URL: z.string().trim().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL').optional(),
  DATA_DIR: z.string().trim().min(1).default('./data'),
});

/**
 * Opens DATABASE_URL, or the embedded database under DATA_DIR (which fails while a running
 * bot holds that directory). `migrate: false` leaves the schema as found.
 */
export function openCliDatabase(env: Record<string, string | undefined>, options: { migrate?: boolean } = {}): Promise<Database> {
  // An empty `FOO=` line in .env means "not set", as for the bot.
  const given = Object.fromEntries(Object.entries(env).filter(([, value]) => value?.trim()));
  const parsed = schema.safeParse(given);
  if (!parsed.success) throw new Error(parsed.error.issues.map((issue) => `${String(issue.path[0])}: ${issue.message}`).join('\n'));
  const { DATABASE_URL: url, DATA_DIR: dataDir } = parsed.data;
  return openDatabase(url ? { url } : { dataDir }, options);
}
