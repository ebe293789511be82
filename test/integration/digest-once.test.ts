/**
 * Contract: the scheduled digest goes out once a day, however many times the job runs: the
 * day is claimed in the database (`job_runs`) in the same transaction that queues the
 * sending in the outbox, and the outbox sends it. (Two real processes: replicas.test.ts.)
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { queueDailyDigest } from '../../src/operations/send-digest.js';
import { startHarness, type Harness } from '../helpers/harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
beforeEach(async () => {
  await h.reset();
  await h.db.pool.query('delete from job_runs');
});
afterAll(() => h.close());

const digests = () => h.slack.called('chat.postMessage').filter((post) => post.channel === 'U0COORD1' && String(post.text).startsWith('Access blockers'));

describe('the scheduled digest', () => {
  it('when the job runs three times at once on the same day, then the day is claimed once and one digest goes out', async () => {
    const claims = await Promise.all([1, 2, 3].map(() => queueDailyDigest(h.latchkey.deps)));
    await h.effectsDone();

    expect(claims.filter(Boolean)).toHaveLength(1);
    expect(digests()).toHaveLength(1);
    const { rows } = await h.db.pool.query(`select job from job_runs`);
    expect(rows).toEqual([{ job: 'send-digest' }]);
  });

  it('when it ran yesterday, then today is claimed and sent all the same', async () => {
    const yesterday = new Date(Date.now() - 24 * 3_600_000);
    expect(await queueDailyDigest({ ...h.latchkey.deps, clock: { now: () => yesterday } })).toBe(true);
    expect(await queueDailyDigest(h.latchkey.deps)).toBe(true);
    await h.effectsDone();

    expect(digests()).toHaveLength(2);
  });
});
