import type { Logger } from '../../logging.js';
import type { Deps } from '../../operations/ports.js';

/** What every listener is given: the use cases' dependencies and a logger. */
export interface ListenerContext {
  deps: Deps;
  log: Logger;
}
