import type pg from 'pg';

/** The random id this database drew once when its schema was made. */
export async function readInstallationId(pool: pg.Pool): Promise<string> {
  const { rows } = await pool.query<{ id: string }>('select id from installation limit 1');
  if (!rows[0]) throw new Error('the database has no installation id; its migrations did not complete');
  return rows[0].id;
}
