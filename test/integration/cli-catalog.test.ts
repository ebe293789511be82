// Contract: `latchkey catalog check` validates a catalog as the bot does at start-up (exit 0
// with a summary, or 1 with one `file:line:col path: problem` line each); `catalog import`
// writes YAML that `catalog check` accepts, or names the bad cells and writes nothing.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_CATALOG_YAML } from '../fixtures/catalog.js';
import { runLatchkey } from '../helpers/cli.js';

const SAMPLE_CSV = new URL('../fixtures/rbac-matrix.csv', import.meta.url).pathname;
let dir: string;
const at = (name: string) => join(dir, name);

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'latchkey-catalog-'));
  await writeFile(at('good.yml'), TEST_CATALOG_YAML);
  await writeFile(at('bad.yml'), TEST_CATALOG_YAML.replace('max_duration: 8h', 'max_duration: 3x'));
});

afterAll(() => rm(dir, { recursive: true, force: true }));

describe('latchkey catalog check', () => {
  it('when the catalog is valid, then it exits 0 with a summary', async () => {
    expect(await runLatchkey(['catalog', 'check', at('good.yml')])).toEqual({ code: 0, stdout: `✓ ${at('good.yml')}: 3 systems, 4 roles\n`, stderr: '' });
  });

  it('when a value is wrong, then it exits 1 naming the file, line, column and path', async () => {
    const run = await runLatchkey(['catalog', 'check', at('bad.yml')]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(new RegExp(`^✗ ${at('bad.yml')}:\\d+:\\d+ systems\\[0\\]\\.roles\\[1\\]\\.max_duration: "3x" is not a duration`));
  });

  it('when no file is named, then it checks CATALOG_PATH', async () => {
    const run = await runLatchkey(['catalog', 'check'], { CATALOG_PATH: at('missing.yml') });
    expect(run).toMatchObject({ code: 1, stderr: expect.stringContaining(`${at('missing.yml')}: file not found`) });
  });
});

describe('latchkey catalog import', () => {
  it('when the matrix is sound, then --out writes a catalog that catalog check accepts', async () => {
    const run = await runLatchkey(['catalog', 'import', SAMPLE_CSV, '--out', at('imported.yml'), '--base', at('good.yml')]);
    expect(run).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(await runLatchkey(['catalog', 'check', at('imported.yml')])).toMatchObject({ code: 0, stdout: `✓ ${at('imported.yml')}: 3 systems, 4 roles\n` });
    expect(await readFile(at('imported.yml'), 'utf8')).toContain('reviewers: [U0SEC1, U0SEC2]');
  });

  it('when a row is bad, then it exits 1 naming line and column, and writes nothing', async () => {
    await writeFile(at('bad.csv'), 'system,role,owners,privileged,max_duration\nbilling,viewer,U0OWNER1,sometimes,7d\n');
    const run = await runLatchkey(['catalog', 'import', at('bad.csv'), '--out', at('never.yml')]);
    expect(run).toEqual({ code: 1, stdout: '', stderr: `✗ ${at('bad.csv')}:2:4 privileged: "sometimes" is not true or false\n` });
    expect(existsSync(at('never.yml'))).toBe(false);
  });

  it('when no base is given, then the YAML goes to stdout and the placeholder is pointed out', async () => {
    const run = await runLatchkey(['catalog', 'import', SAMPLE_CSV]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('- id: warehouse');
    expect(run.stderr).toContain('security.reviewers is a placeholder');
  });
});
