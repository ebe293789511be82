/**
 * Contract: on the embedded database each parameterised statement is prepared once per
 * connection and its plan reused; a connection that replaces a dropped one starts clean,
 * although the statements of the one it replaces live on in PGlite's single backend.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/store/database.js';

let database: Database;
beforeAll(async () => {
  database = await openDatabase({ memory: true }, { migrate: false });
});
afterAll(() => database.close());

const QUERY = 'select $1::int + 1 as n';
const preparedHere = async () =>
  (await database.pool.query<{ n: number }>('select count(*)::int as n from pg_prepared_statements')).rows[0]!.n;

it('when a statement runs twice, then it is prepared once and answers both times', async () => {
  const before = await preparedHere();
  expect((await database.pool.query(QUERY, [1])).rows[0].n).toBe(2);
  expect((await database.pool.query(QUERY, [2])).rows[0].n).toBe(3);
  expect(await preparedHere()).toBe(before + 1);
});

it('when the connection is dropped, then its replacement prepares the same statement again without a clash', async () => {
  await database.pool.query(QUERY, [1]);
  const client = await database.pool.connect();
  client.release(new Error('dropped')); // destroys the connection; the pool opens a new one
  expect((await database.pool.query(QUERY, [41])).rows[0].n).toBe(42);
});
