/**
 * Contract: the directory caches each person Slack told it about for a few minutes, and
 * past its bound forgets the one looked up longest ago, never the whole cache at once.
 */
import type { WebClient } from '@slack/web-api';
import { expect, it } from 'vitest';
import { asUserId } from '../../src/domain/types.js';
import { createDirectory } from '../../src/slack/directory.js';

/** A Web API client that knows everyone and counts how often each was asked about. */
function countingClient() {
  const asked = new Map<string, number>();
  const client = {
    users: {
      info: async ({ user }: { user: string }) => {
        asked.set(user, (asked.get(user) ?? 0) + 1);
        return { ok: true, user: { id: user, team_id: 'T0LATCH', name: user.toLowerCase() } };
      },
    },
  } as unknown as WebClient;
  return { client, asked };
}

const BOUND = 10_000;

it('when a person is asked about twice within minutes, then Slack is asked once', async () => {
  const { client, asked } = countingClient();
  const directory = createDirectory(client);
  await directory.person(asUserId('U0ONE'));
  await directory.person(asUserId('U0ONE'));
  expect(asked.get('U0ONE')).toBe(1);
});

it('when more people are looked up than the cache holds, then the one looked up longest ago is forgotten and the rest are kept', async () => {
  const { client, asked } = countingClient();
  const directory = createDirectory(client);
  for (let i = 0; i <= BOUND; i++) await directory.person(asUserId(`U${i}`));

  await directory.person(asUserId(`U${BOUND - 1}`));
  await directory.person(asUserId('U1'));
  await directory.person(asUserId('U0'));

  expect([asked.get(`U${BOUND - 1}`), asked.get('U1'), asked.get('U0')]).toEqual([1, 1, 2]);
});

it('when a person\'s entry has expired, then Slack is asked again', async () => {
  const { client, asked } = countingClient();
  let now = 0;
  const directory = createDirectory(client, () => now);
  await directory.person(asUserId('U0ONE'));
  now += 6 * 60_000;
  await directory.person(asUserId('U0ONE'));
  expect(asked.get('U0ONE')).toBe(2);
});
