/**
 * `latchkey doctor`: checks a set-up end to end and prints one line per finding, ✓ or ✗
 * with what to do; exits 1 when anything is ✗. It reads the bot's own configuration and
 * catalog, and applies nothing: no migration, no message, no group change.
 */
import { LogLevel, WebClient } from '@slack/web-api';
import type { Command } from 'commander';
import { CatalogError, loadCatalog } from '../config/catalog.js';
import { ConfigError, loadConfig } from '../config/env.js';
import { CHECKS } from './doctor-checks.js';
import type { DoctorContext, Finding } from './doctor-types.js';
import type { CliIo } from './io.js';

export function registerDoctor(program: Command, io: CliIo): void {
  program
    .command('doctor')
    .description('check the set-up: Slack token, scopes and channels, user groups, catalog people, database, OpenAI, webhooks')
    .action(async () => {
      const findings = await contextOf(io.env).then(runChecks, (error: unknown) => setUpProblems(error));
      io.stdout.write(findings.map(format).join(''));
      if (findings.some((finding) => !finding.ok)) io.exitCode = 1;
    });
}

async function contextOf(env: CliIo['env']): Promise<DoctorContext> {
  const config = loadConfig(env);
  const catalog = await loadCatalog(config.catalogPath);
  // No retries: a check that fails should say so now, not after Slack's backoff.
  const slack = (token: string) => new WebClient(token, { slackApiUrl: config.slack.apiUrl, retryConfig: { retries: 0 }, logLevel: LogLevel.ERROR });
  const admin = config.slack.adminUserToken;
  return { config, catalog, client: slack(config.slack.botToken), ...(admin ? { adminClient: slack(admin) } : {}), env };
}

async function runChecks(context: DoctorContext): Promise<Finding[]> {
  const findings: Finding[] = [];
  for (const check of CHECKS) {
    findings.push(...(await check(context).catch((error: unknown) => [{ ok: false, text: `${check.name} could not run: ${(error as Error).message}` }])));
  }
  return findings;
}

/** Without a configuration and a catalog nothing else can be checked: their problems are the report. */
function setUpProblems(error: unknown): Finding[] {
  if (error instanceof ConfigError) return error.problems.map((text) => ({ ok: false, text, fix: 'see .env.example' }));
  if (error instanceof CatalogError) return error.problems.map((text) => ({ ok: false, text, fix: 'fix the catalog (npx latchkey catalog check)' }));
  throw error;
}

const format = (finding: Finding): string => (finding.ok ? `✓ ${finding.text}\n` : `✗ ${finding.text}${finding.fix ? ` — ${finding.fix}` : ''}\n`);
