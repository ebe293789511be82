/**
 * A pg client that has the database prepare each parameterised statement once per
 * connection and reuses the plan after that. Embedded PGlite plans in WebAssembly, where
 * parsing and planning the outbox's CTEs cost as much as running them: reusing the plans
 * took a 2,000-grant expiry from 19 s to 13 s. Statements go by a name derived from their
 * text, so the same text always names the same plan; past a bound, new texts run unnamed.
 */
import { createHash } from 'node:crypto';
import pg from 'pg';

/** Our statements are a few dozen fixed texts; the bound only guards against generated ones. */
const MAX_PREPARED = 300;

class PreparingClient extends pg.Client {
  readonly #named = new Set<string>();

  /** A new connection drops the statements of the one it replaces before any query of ours. */
  override connect(callback?: (...args: any[]) => void): any {
    const ready = super.connect().then(() => super.query('deallocate all')).then(() => this);
    if (!callback) return ready;
    ready.then((client) => callback(null, client), callback);
  }

  override query(config: unknown, values?: unknown, callback?: unknown): any {
    return super.query(this.#name(config, values) as never, values as never, callback as never);
  }

  #name(config: unknown, values: unknown): unknown {
    if (typeof config !== 'string' || !Array.isArray(values)) return config;
    const name = `lk_${createHash('sha1').update(config).digest('hex').slice(0, 24)}`;
    if (!this.#named.has(name)) {
      if (this.#named.size >= MAX_PREPARED) return config;
      this.#named.add(name);
    }
    return { name, text: config };
  }
}

/**
 * A pool of such clients for the embedded server. A new connection there shares the one
 * backend with the connection it replaces, whose prepared statements outlive it: they are
 * dropped first, so the names this client prepares never meet old ones.
 */
export function preparingPool(config: pg.PoolConfig): pg.Pool {
  return new pg.Pool({ ...config, Client: PreparingClient });
}
