/**
 * Composition root: config → logger → catalog → database → Slack. Bad configuration ends
 * the process with one line per problem, never a stack trace.
 */
import { existsSync } from 'node:fs';
import { CatalogError, loadCatalog } from './config/catalog.js';
import { ConfigError, loadConfig } from './config/env.js';
import { SlackAuthError, createLatchkey } from './latchkey.js';
import { createLogger, type Logger } from './logging.js';
import { checkRevokerSecrets } from './revokers/index.js';
import { checkCatalogPeople } from './operations/check-catalog-people.js';
import { openDatabase, type Database } from './store/database.js';
import { reloadCatalog } from './reload-catalog.js';

async function main(): Promise<void> {
  if (existsSync('.env')) process.loadEnvFile('.env');
  const config = loadConfig(process.env);
  const log = createLogger(config.logLevel);
  const catalog = await loadCatalog(config.catalogPath);
  // Before the database opens: a missing secret should not wait for an embedded initdb.
  const secretProblems = checkRevokerSecrets(catalog, process.env);
  if (secretProblems.length > 0) throw new ConfigError(secretProblems);
  const database = await openDatabase(config.databaseUrl ? { url: config.databaseUrl } : { dataDir: config.dataDir });
  // The catalog names the variables that hold webhook secrets, so they are read from here.
  const latchkey = await createLatchkey({ config, catalog, database, log, secrets: process.env }).catch(async (error: unknown) => {
    await database.close();
    throw error;
  });
  const port = await latchkey.start();
  process.on('SIGHUP', () => void reloadCatalog({ path: config.catalogPath, secrets: process.env, latchkey, log }));
  log.info({ mode: config.slack.appToken ? 'socket' : 'http', port, embedded: database.embedded }, 'Latchkey is running');
  for (const warning of await checkCatalogPeople(catalog, latchkey.deps.directory)) log.warn(`catalog: ${warning}`);
  onShutdown(log, () => latchkey.stop(), database);
}

function onShutdown(log: Logger, stopSlack: () => Promise<void>, database: Database): void {
  const stop = async (signal: string) => {
    log.info({ signal }, 'shutting down');
    await stopSlack().catch((error: unknown) => log.warn({ err: error }, 'Slack did not stop cleanly'));
    await database.close();
    process.exit(0);
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((error: unknown) => {
  const known = error instanceof ConfigError || error instanceof CatalogError || error instanceof SlackAuthError;
  const lines = error instanceof ConfigError || error instanceof CatalogError ? error.problems : [String((error as Error).message)];
  const details = known ? lines : [(error as Error).stack ?? String(error)];
  process.stderr.write(`Latchkey cannot start:\n${details.map((line) => `  ${line}`).join('\n')}\n`);
  process.exitCode = 1;
});
