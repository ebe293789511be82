/**
 * SIGHUP: the catalog file is read and checked as at start-up, and only a catalog that
 * passes replaces the running one. On any problem the running catalog stays, and the
 * problems are logged one per line, as they would stop a start.
 */
import { CatalogError, loadCatalog } from './config/catalog.js';
import type { Catalog } from './domain/types.js';
import type { Logger } from './logging.js';
import { checkRevokerSecrets } from './revokers/index.js';

export interface ReloadOptions {
  path: string;
  /** Where webhook revokers' `secret_env` names are looked up: the process environment. */
  secrets: Record<string, string | undefined>;
  latchkey: { replaceCatalog(next: Catalog): Promise<void> };
  log: Logger;
}

/** Resolves true when the new catalog is in use, false when the old one was kept. */
export async function reloadCatalog({ path, secrets, latchkey, log }: ReloadOptions): Promise<boolean> {
  let next: Catalog;
  try {
    next = await loadCatalog(path);
    const secretProblems = checkRevokerSecrets(next, secrets);
    if (secretProblems.length > 0) throw new CatalogError(secretProblems);
  } catch (error) {
    const problems = error instanceof CatalogError ? error.problems : [(error as Error).message];
    log.error({ path, problems }, 'catalog not reloaded: the running catalog stays');
    return false;
  }
  // The new catalog is in use even if its digest schedule or channel joins could not be
  // updated now: the next start does both again.
  await latchkey.replaceCatalog(next).catch((error: unknown) => log.warn({ err: error }, 'catalog reloaded, but its digest schedule or channels were not updated'));
  log.info({ path, systems: next.systems.length }, 'catalog reloaded');
  return true;
}
