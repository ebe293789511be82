/**
 * Which Slack requests still wait for their answer. Work that follows an answer (cards,
 * news, Homes) can let them go first: in a burst, every answer leaves before the work they
 * cause starts competing with the rest for the one thread, the database and Slack.
 */
import type { App, Receiver, ReceiverEvent } from '@slack/bolt';

export interface Answers {
  /** Settles when no request waits for its answer, or after `withinMs` at the latest. */
  allGiven(withinMs?: number): Promise<void>;
}

/** The answers' longest wait: under steady traffic, work after an answer still goes on. */
const AT_MOST_MS = 1_000;

/** Wraps a receiver to count the requests it hands the app and the answers given. */
export function countAnswers(inner: Receiver): { receiver: Receiver; answers: Answers } {
  let waiting = 0;
  let given: { promise: Promise<void>; resolve: () => void } | undefined;
  const answered = () => {
    waiting -= 1;
    if (waiting > 0 || !given) return;
    given.resolve();
    given = undefined;
  };
  const handOver = (app: App) => (event: ReceiverEvent) => {
    waiting += 1;
    let once = false;
    const done = () => void (once || ((once = true), answered()));
    return app.processEvent({ ...event, ack: (response) => event.ack(response).finally(done) }).finally(done);
  };
  return {
    receiver: {
      // The receiver uses nothing of the app but processEvent.
      init: (app) => inner.init(Object.create(app, { processEvent: { value: handOver(app) } })),
      start: (...args) => inner.start(...args),
      stop: (...args) => inner.stop(...args),
    },
    answers: {
      allGiven(withinMs = AT_MOST_MS) {
        if (waiting === 0) return Promise.resolve();
        if (!given) {
          let resolve!: () => void;
          given = { promise: new Promise<void>((done) => (resolve = done)), resolve };
        }
        return Promise.race([given.promise, new Promise<void>((done) => setTimeout(done, withinMs).unref())]);
      },
    },
  };
}
