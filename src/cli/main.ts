#!/usr/bin/env node
/**
 * The operator's command line, `npx latchkey <command>`: the same .env, DATABASE_URL,
 * DATA_DIR and CATALOG_PATH as the bot. Each command group lives in its own file and
 * registers itself on the program; a command's failure is one clear line and a non-zero exit.
 */
import { existsSync, realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { Command, CommanderError } from 'commander';
import type { CliIo } from './io.js';
import { registerCatalogCommands } from './catalog-commands.js';
import { registerMigrate } from './migrate.js';
import { registerDoctor } from './doctor.js';
import { registerAuditCommands } from './audit-commands.js';
import { registerAccessReport } from './access-report.js';

const GROUPS: ((program: Command, io: CliIo) => void)[] = [registerDoctor, registerCatalogCommands, registerMigrate, registerAuditCommands, registerAccessReport];

/** Runs one command line; resolves with the exit code. Tests call it in-process. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const program = new Command('latchkey')
    .description('Operate Latchkey: check a set-up, migrate, verify and export the audit trail.')
    .exitOverride()
    .configureOutput({ writeOut: (text) => io.stdout.write(text), writeErr: (text) => io.stderr.write(text) });
  for (const register of GROUPS) register(program, io);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return io.exitCode ?? 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode;
    io.stderr.write(`latchkey: ${(error as Error).message}\n`);
    return 1;
  }
}

// npx runs the bin through a symlink, so the real paths are compared.
if (process.argv[1] && import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href) {
  if (existsSync('.env')) process.loadEnvFile('.env');
  const io: CliIo = { stdout: process.stdout, stderr: process.stderr, env: process.env };
  process.exitCode = await runCli(process.argv.slice(2), io);
}
