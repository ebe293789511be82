/** `latchkey migrate`: brings the database schema up to date and exits, as a deploy step before the bot starts. */
import type { Command } from 'commander';
import { migrate } from '../store/migrations.js';
import { openCliDatabase } from './database-env.js';
import type { CliIo } from './io.js';

export function registerMigrate(program: Command, io: CliIo): void {
  program
    .command('migrate')
    .description('apply the database migrations not yet applied, then exit')
    .action(async () => {
      const database = await openCliDatabase(io.env, { migrate: false });
      try {
        const applied = await migrate(database.pool);
        io.stdout.write(applied.length > 0 ? `applied migrations: ${applied.join(', ')}\n` : 'the schema is up to date: nothing to apply\n');
      } finally {
        await database.close();
      }
    });
}
