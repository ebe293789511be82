/**
 * `latchkey audit verify` and `latchkey audit export`: the proof that the audit trail is
 * whole, and the trail itself for an auditor to take away.
 */
import { Option, type Command } from 'commander';
import { FAULT_WORDS } from '../domain/audit-chain.js';
import { AUDIT_COLUMNS, auditJsonLine, auditRow, parseAuditRange } from '../domain/audit-export.js';
import { csvLine } from '../domain/csv.js';
import { readChain, verifyAuditChain } from '../store/audit-trail.js';
import type { CliIo } from './io.js';
import { withDatabase } from './with-database.js';

export function registerAuditCommands(program: Command, io: CliIo): void {
  const audit = program.command('audit').description('verify and export the audit trail');
  audit
    .command('verify')
    .description('check every link of the audit hash chain; non-zero at the first event that fails')
    .action(() => withDatabase(io, async ({ pool }) => {
      const verdict = await verifyAuditChain(pool);
      if (verdict.intact) {
        io.stdout.write(`chain intact: ${verdict.events} events${verdict.head ? ` (head ${verdict.head})` : ''}\n`);
        return;
      }
      const { event, fault, events } = verdict;
      io.stdout.write(`chain broken at event ${event.id} (${event.action} at ${event.at}): ${FAULT_WORDS[fault]}; ${events} events before it hold\n`);
      io.exitCode = 1;
    }));
  audit
    .command('export')
    .description('write the audit events to stdout, in chain order')
    .option('--from <date>', 'first day (YYYY-MM-DD, UTC) or time (ISO 8601) to include')
    .option('--to <date>', 'last day to include, or the time to stop before')
    .addOption(new Option('--format <format>', 'output format').choices(['csv', 'jsonl']).default('csv'))
    .action((options: { from?: string; to?: string; format: 'csv' | 'jsonl' }) => {
      const parsed = parseAuditRange(options.from, options.to);
      if ('problem' in parsed) throw new Error(parsed.problem);
      return withDatabase(io, async ({ pool }) => {
        if (options.format === 'csv') io.stdout.write(csvLine(AUDIT_COLUMNS));
        for await (const page of readChain(pool, parsed.range)) {
          io.stdout.write(page.map((event) => (options.format === 'csv' ? csvLine(auditRow(event)) : auditJsonLine(event))).join(''));
        }
      });
    });
}
