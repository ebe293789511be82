/**
 * Publishes people's Homes (`views.publish`). Changes republish through a per-person timer:
 * the first change arms it, later ones within the window ride along, so a person's Home is
 * published at most about once a second and never more than a second late. Publishes for
 * one person run one after another, each built from the database as it is then, so the
 * last one shows the latest state.
 */
import type { HomeView } from '@slack/types';
import type { WebClient } from '@slack/web-api';
import type { UserId } from '../domain/types.js';
import type { Logger } from '../logging.js';
import type { HomePublisher } from '../operations/ports.js';

export const HOME_DEBOUNCE_MS = 1_000;

export interface HomePublisherAdapter extends HomePublisher {
  /** Publishes every Home waiting on its timer now, and waits for publishes under way. */
  flush(): Promise<void>;
  /** Drops waiting publishes and waits for those under way. */
  stop(): Promise<void>;
}

export interface HomePublisherOptions {
  client: WebClient;
  /** The person's Home view as it stands now. */
  build(userId: UserId): Promise<HomeView>;
  log: Logger;
  debounceMs?: number;
}

export function createHomePublisher(options: HomePublisherOptions): HomePublisherAdapter {
  const { client, build, log } = options;
  const debounceMs = options.debounceMs ?? HOME_DEBOUNCE_MS;
  const timers = new Map<UserId, NodeJS.Timeout>();
  // Only Homes this process has shown are kept current: any other is built afresh when its
  // person opens it, and building unseen Homes would cost a build per person per change
  // (ten thousand grants ending together would mean ten thousand builds).
  const shown = new Set<UserId>();
  const chains = new Map<UserId, Promise<void>>();
  let stopped = false;

  async function publish(userId: UserId): Promise<void> {
    try {
      await client.views.publish({ user_id: userId, view: await build(userId) });
    } catch (error) {
      log.warn({ err: error, user: userId }, 'could not publish a Home');
    }
  }

  /** Runs after the person's publish under way, so publishes of one Home never overlap. */
  function enqueue(userId: UserId): Promise<void> {
    const next = (chains.get(userId) ?? Promise.resolve()).then(() => publish(userId));
    chains.set(userId, next);
    void next.finally(() => chains.get(userId) === next && chains.delete(userId));
    return next;
  }

  function fire(userId: UserId): void {
    timers.delete(userId);
    void enqueue(userId);
  }

  return {
    republish(userIds, fromTheirHome = false) {
      if (stopped) return;
      if (fromTheirHome) userIds.forEach((userId) => shown.add(userId));
      for (const userId of userIds) {
        if (timers.has(userId) || !shown.has(userId)) continue;
        const timer = setTimeout(() => fire(userId), debounceMs);
        timer.unref();
        timers.set(userId, timer);
      }
    },

    watching: () => shown.size > 0,

    publishNow(userId) {
      shown.add(userId);
      const timer = timers.get(userId);
      if (timer) {
        clearTimeout(timer);
        timers.delete(userId);
      }
      return enqueue(userId);
    },

    async flush() {
      for (const [userId, timer] of [...timers]) {
        clearTimeout(timer);
        fire(userId);
      }
      while (chains.size > 0) await Promise.all(chains.values());
    },

    async stop() {
      stopped = true;
      for (const timer of timers.values()) clearTimeout(timer);
      timers.clear();
      while (chains.size > 0) await Promise.all(chains.values());
    },
  };
}
