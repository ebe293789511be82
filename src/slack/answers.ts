/**
 * Which Slack requests still wait for their answer. Work that follows an answer (cards,
 * news, Homes, a modal to open) lets them go first: in a burst, the answers leave before
 * the work they cause starts competing with the rest for the one thread, the database and
 * Slack.
 */
import type { App, Receiver, ReceiverEvent } from '@slack/bolt';

export interface Answers {
  /**
   * Settles once no request waits for its answer and none has come for a moment (a burst
   * arrives over a while, not at once), or at the latest a second after the first waiter.
   */
  allGiven(): Promise<void>;
  /** Settles when the next request comes. */
  nextRequest(): Promise<void>;
}

/** How long no request must come for a burst to be over. */
const LULL_MS = 20;
/** The longest wait: under steady traffic, the work after the answers still goes on. */
const AT_MOST_MS = 1_000;

/** Wraps a receiver to count the requests it hands the app and the answers given. */
export function countAnswers(inner: Receiver): { receiver: Receiver; answers: Answers } {
  let waiting = 0;
  let lull: NodeJS.Timeout | undefined;
  let given: Deferred | undefined;
  let next: Deferred | undefined;
  const release = () => {
    given?.resolve();
    given = undefined;
  };
  const awaitLull = () => {
    clearTimeout(lull);
    if (waiting > 0 || !given) return;
    lull = setTimeout(release, LULL_MS);
  };
  const handOver = (app: App) => (event: ReceiverEvent) => {
    waiting += 1;
    clearTimeout(lull);
    next?.resolve();
    next = undefined;
    let once = false;
    const done = () => {
      if (once) return;
      once = true;
      waiting -= 1;
      awaitLull();
    };
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
      allGiven() {
        if (!given) {
          given = deferred();
          awaitLull();
          // One wait for everyone who comes meanwhile: steady traffic holds nothing up for long.
          const latest = given;
          setTimeout(() => latest === given && release(), AT_MOST_MS).unref();
        }
        return given.promise;
      },
      nextRequest: () => (next ??= deferred()).promise,
    },
  };
}

interface Deferred {
  promise: Promise<void>;
  resolve(): void;
}

function deferred(): Deferred {
  let resolve!: () => void;
  return { promise: new Promise<void>((done) => (resolve = done)), resolve };
}
