/**
 * Contract: a fresh embedded DATA_DIR is created outside the bot's process, so what initdb
 * allocates is not kept by the bot (it used to keep about 450 MB); the data written there is
 * found again by the next start; and the embedded memory settings apply to a directory that
 * already exists.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openDatabase } from '../../src/store/database.js';

let base: string;
beforeAll(async () => {
  base = await mkdtemp(join(tmpdir(), 'latchkey-embedded-'));
});
afterAll(() => rm(base, { recursive: true, force: true }));

it('when a fresh DATA_DIR is opened and reopened, then the data is there and initdb left nothing behind', async () => {
  const dataDir = join(base, 'data');
  const first = await openDatabase({ dataDir });
  await first.pool.query(`insert into slack_events (event_id, received_at) values ('Ev0KEPT', now())`);
  // This process holds one PGlite (its 128 MB WebAssembly memory and files): an initdb run
  // in-process left a second instance and its tarball here as well (external ≈ 630 MB).
  expect(process.memoryUsage().external).toBeLessThan(300 * 2 ** 20);
  await first.close();

  const again = await openDatabase({ dataDir });
  try {
    expect((await again.pool.query(`select event_id from slack_events`)).rows).toEqual([{ event_id: 'Ev0KEPT' }]);
    expect((await again.pool.query('show shared_buffers')).rows).toEqual([{ shared_buffers: '16MB' }]);
  } finally {
    await again.close();
  }
}, 120_000);
