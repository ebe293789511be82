/** Runs one command's work on the bot's database, closed afterwards whatever happens. */
import type { Database } from '../store/database.js';
import { openCliDatabase } from './database-env.js';
import type { CliIo } from './io.js';

export async function withDatabase<T>(io: CliIo, work: (database: Database) => Promise<T>): Promise<T> {
  const database = await openCliDatabase(io.env);
  try {
    return await work(database);
  } finally {
    await database.close();
  }
}
