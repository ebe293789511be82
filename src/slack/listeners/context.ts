import type { Logger } from '../../logging.js';
import type { Deps } from '../../operations/ports.js';
import type { Answers } from '../answers.js';

/** What every listener is given: the use cases' dependencies, a logger, and the answers still owed to Slack. */
export interface ListenerContext {
  deps: Deps;
  log: Logger;
  answers: Answers;
}
