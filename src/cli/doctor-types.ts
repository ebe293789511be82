/** What every doctor check is given, and what it answers. */
import type { WebClient } from '@slack/web-api';
import type { Config } from '../config/env.js';
import type { Catalog } from '../domain/types.js';

export interface DoctorContext {
  config: Readonly<Config>;
  catalog: Catalog;
  /** A Web API client with the bot token, without retries: the doctor reports, it doesn't wait. */
  client: WebClient;
  /** The same with SLACK_ADMIN_USER_TOKEN, when it is set. */
  adminClient?: WebClient;
  /** The environment, where webhook revokers' secrets and the database settings are read. */
  env: Record<string, string | undefined>;
}

/** One line of the report: ✓ text, or ✗ text and what to do about it. */
export interface Finding {
  ok: boolean;
  text: string;
  fix?: string;
}

/** A check answers with a finding per thing it looked at (a channel, a webhook, …), possibly none. */
export type DoctorCheck = (context: DoctorContext) => Promise<Finding[]>;
