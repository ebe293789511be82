/**
 * `latchkey catalog …`: check a catalog as the bot would at start-up, import the RBAC
 * matrix from a spreadsheet, and print the catalog's JSON Schema.
 */
import { readFile, writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { parseDocument } from 'yaml';
import { CatalogError, loadCatalog } from '../config/catalog.js';
import { importCatalogCsv } from '../config/catalog-import.js';
import { catalogJsonSchemaText } from '../config/catalog-json-schema.js';
import type { CliIo } from './io.js';

/** Where the bot finds its catalog: CATALOG_PATH, as env.ts reads it. */
export const catalogPathOf = (env: CliIo['env']): string => env.CATALOG_PATH?.trim() || './catalog.yml';

export function registerCatalogCommands(program: Command, io: CliIo): void {
  const catalog = program.command('catalog').description('check, import and describe the catalog');
  catalog
    .command('check [file]')
    .description('validate a catalog as the bot does at start-up (default: CATALOG_PATH or ./catalog.yml)')
    .action((file?: string) => checkCatalog(io, file ?? catalogPathOf(io.env)));
  catalog
    .command('import <csv>')
    .description('turn an RBAC matrix (CSV, one row per role) into catalog YAML')
    .option('--out <file>', 'write the catalog here instead of to standard output')
    .option('--base <catalog>', 'keep settings, security, coordinators and the rest from this catalog; the CSV replaces its systems')
    .action((csv: string, options: { out?: string; base?: string }) => importCatalog(io, csv, options));
  catalog
    .command('schema')
    .description('print the catalog JSON Schema (npm run catalog:schema writes catalog.schema.json)')
    .action(() => void io.stdout.write(catalogJsonSchemaText()));
}

async function checkCatalog(io: CliIo, path: string): Promise<void> {
  const catalog = await loaded(io, path);
  if (!catalog) return;
  const roles = catalog.systems.reduce((sum, system) => sum + system.roles.length, 0);
  io.stdout.write(`✓ ${path}: ${catalog.systems.length} systems, ${roles} roles\n`);
}

/** The catalog, or undefined after printing its problems, one per line, and failing the command. */
async function loaded(io: CliIo, path: string) {
  try {
    return await loadCatalog(path);
  } catch (error) {
    if (!(error instanceof CatalogError)) throw error;
    io.stderr.write(error.problems.map((problem) => `✗ ${problem}\n`).join(''));
    io.exitCode = 1;
    return undefined;
  }
}

async function importCatalog(io: CliIo, csvPath: string, options: { out?: string; base?: string }): Promise<void> {
  const base = options.base ? await baseOf(io, options.base) : undefined;
  if (options.base && !base) return;
  const result = importCatalogCsv(await readFile(csvPath, 'utf8'), csvPath, base);
  if (!result.ok) {
    io.stderr.write(result.problems.map((problem) => `✗ ${problem}\n`).join(''));
    io.exitCode = 1;
    return;
  }
  if (result.placeholders) io.stderr.write('note: security.reviewers is a placeholder (U0REPLACEME); name your reviewers, or import with --base\n');
  if (options.out) await writeFile(options.out, result.yaml);
  else io.stdout.write(result.yaml);
}

/** A base catalog must itself be valid; its raw mapping (snake_case, as written) is what is kept. */
async function baseOf(io: CliIo, path: string): Promise<{ file: string; data: Record<string, unknown> } | undefined> {
  if (!(await loaded(io, path))) return undefined;
  return { file: path, data: parseDocument(await readFile(path, 'utf8')).toJS() as Record<string, unknown> };
}
