/** `latchkey access report`: who holds what now, from the grants whose access is in place. */
import { Option, type Command } from 'commander';
import { HOLDING_COLUMNS, holdingRow } from '../domain/access-report.js';
import { csvLine } from '../domain/csv.js';
import { readHoldings } from '../store/holdings.js';
import type { CliIo } from './io.js';
import { withDatabase } from './with-database.js';

export function registerAccessReport(program: Command, io: CliIo): void {
  program
    .command('access')
    .description('report on access as it is')
    .command('report')
    .description('who holds which role on which system now, since when, until when, approved by whom')
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'csv']).default('table'))
    .action((options: { format: 'table' | 'csv' }) => withDatabase(io, async ({ pool }) => {
      const rows = [HOLDING_COLUMNS, ...(await readHoldings(pool)).map(holdingRow)];
      io.stdout.write(options.format === 'csv' ? rows.map(csvLine).join('') : table(rows));
    }));
}

/** Columns padded to their widest cell, for reading in a terminal. */
function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((row) => row[i]!.length)));
  return rows.map((row) => row.map((cell, i) => cell.padEnd(widths[i]!)).join('  ').trimEnd() + '\n').join('');
}
