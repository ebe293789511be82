/**
 * The catalog a running bot holds, swappable when it is reloaded (SIGHUP). Everything built
 * at start-up (the notifier, the revokers, the Home, the listeners) keeps this one object,
 * and each property read gives the catalog of the moment: work begun after a reload sees
 * the new one, without rebuilding anything. Each catalog is deeply frozen, so a reader that
 * keeps a part (a system, a role) keeps a consistent one.
 */
import type { Catalog } from '../domain/types.js';

export interface LiveCatalog {
  /** Reads through to the current catalog. */
  readonly catalog: Catalog;
  replace(next: Catalog): void;
}

export function liveCatalog(initial: Catalog): LiveCatalog {
  let current = initial;
  const catalog: Catalog = Object.freeze({
    get version() {
      return current.version;
    },
    get settings() {
      return current.settings;
    },
    get security() {
      return current.security;
    },
    get coordinators() {
      return current.coordinators;
    },
    get systems() {
      return current.systems;
    },
    get packets() {
      return current.packets;
    },
  });
  return { catalog, replace: (next) => void (current = next) };
}
