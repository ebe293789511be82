/**
 * The catalog file's shape: snake_case YAML in, the camelCase `Catalog` out. Every rule a
 * person can break has its own words here; catalog.ts adds the file, line and column.
 */
import { z } from 'zod';
import { formatDuration, parseDuration } from '../domain/duration.js';
import { COLLECTION_METHODS, type Catalog, type Role, type System } from '../domain/types.js';
import { detectInDecodedText } from '../domain/credentials/detect-credentials.js';
import { checkPacketItems, packetTemplateSchema } from './packet-schema.js';

/** Slack static selects show at most 100 options, and systems and roles are picked from them. */
const SELECT_LIMIT = 100;
/** Slack's limit for the text of a select option. */
const NAME_LIMIT = 75;

export const show = (value: unknown): string => JSON.stringify(value) ?? String(value);

const matching = (pattern: RegExp, what: string) =>
  z.string().regex(pattern, { error: (issue) => `${show(issue.input)} is not ${what}` });

const slug = matching(/^[a-z0-9][a-z0-9_-]{0,39}$/, 'an id (lowercase letters, digits, - and _, at most 40)');
/** Owners and reviewers may be people or user groups; groups are expanded when a step opens. */
const principal = matching(/^(?:[UW][A-Z0-9]{2,}|S[A-Z0-9]{2,})$/, 'a Slack user id (U…/W…) or user-group id (S…)');
const channel = matching(/^[CG][A-Z0-9]{2,}$/, 'a Slack channel id (C…/G…)');
const usergroup = matching(/^S[A-Z0-9]{2,}$/, 'a Slack user-group id (S…)');
const envName = matching(/^[A-Z][A-Z0-9_]*$/, 'an environment variable name (e.g. LATCHKEY_WEBHOOK_SECRET)');
const name = z.string().trim().min(1).max(NAME_LIMIT, `must be at most ${NAME_LIMIT} characters (Slack's limit for menu options)`);
const description = z.string().trim().min(1).max(300);

/** Shown on cards and DMs as it is: how access is handed over, and never a credential itself. */
const HANDOVER_LIMIT = 150;
const handover = z
  .string()
  .trim()
  .min(1)
  .max(HANDOVER_LIMIT, `must be at most ${HANDOVER_LIMIT} characters`)
  .superRefine((text, ctx) => {
    const [finding] = detectInDecodedText(text);
    if (finding) ctx.addIssue({ code: 'custom', message: `looks like ${finding.label}: say where access is handed over (a group, a vault path), never the secret`, input: text });
  });

const notDuration = (input: unknown) => `${show(input)} is not a duration (use e.g. 30m, 8h or 7d)`;
/** `8h` in, 480 (minutes) out. Missing values fall through to "is required". */
const duration = z
  .string({ error: (issue) => (issue.input === undefined ? undefined : notDuration(issue.input)) })
  .transform((text, ctx) => {
    const minutes = parseDuration(text);
    if (minutes === undefined) ctx.addIssue({ code: 'custom', message: notDuration(text), input: text });
    return minutes ?? z.NEVER;
  });

const timezone = z.string().refine(isTimeZone, { error: (issue) => `${show(issue.input)} is not an IANA time zone (e.g. Europe/Berlin)` });
const timeOfDay = matching(/^(?:[01]\d|2[0-3]):[0-5]\d$/, 'a time of day (HH:MM, 00:00–23:59)');

function isTimeZone(zone: string): boolean {
  try {
    Intl.DateTimeFormat(undefined, { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** Formats a path the way people read it: `systems[2].roles[0].max_duration`. */
export const formatPath = (path: readonly PropertyKey[]): string =>
  path.map((key, i) => (typeof key === 'number' ? `[${key}]` : `${i ? '.' : ''}${String(key)}`)).join('');

/**
 * Rejects repeated entries of a list (or repeated `id`s of a list of objects), pointing at
 * each repeat so its line number is the useful one.
 */
function distinct(label: string, field?: 'id') {
  return (items: readonly unknown[], ctx: z.RefinementCtx<readonly unknown[]>) => {
    const at = (index: number) => (field ? [index, field] : [index]);
    const values = field ? items.map((item) => (item as Record<string, unknown>)[field]) : items;
    values.forEach((value, index) => {
      const first = values.indexOf(value);
      if (first === index) return;
      ctx.addIssue({ code: 'custom', path: at(index), message: `is the same as ${formatPath([label, ...at(first)])}`, input: value });
    });
  };
}

const collectionMethod = z.enum(COLLECTION_METHODS, {
  error: (issue) =>
    `${show(issue.input)} is not a collection method (use ${COLLECTION_METHODS.join(', ')}); ` +
    'email and chat are never allowed because they leak credentials',
});

const webhookUrl = z.string().refine(isWebhookUrl, {
  error: (issue) => `${show(issue.input)} must be an https URL (http only for localhost)`,
});

function isWebhookUrl(text: string): boolean {
  if (!URL.canParse(text)) return false;
  const url = new URL(text);
  return url.protocol === 'https:' || (url.protocol === 'http:' && ['localhost', '127.0.0.1'].includes(url.hostname));
}

/** The union reports the whole revoker as its input; people need to hear about its `type`. */
function revokerTypeProblem(input: unknown): string | undefined {
  const type = (input as { type?: unknown } | undefined)?.type;
  return type === undefined ? undefined : `${show(type)} is not a revoker type (use manual, webhook or slack_usergroup)`;
}

const revoker = z
  .discriminatedUnion(
    'type',
    [
      z.strictObject({ type: z.literal('manual') }),
      z.strictObject({ type: z.literal('webhook'), url: webhookUrl, secret_env: envName }),
      z.strictObject({ type: z.literal('slack_usergroup'), usergroup }),
    ],
    { error: (issue) => (issue.code === 'invalid_union' ? revokerTypeProblem(issue.input) : undefined) },
  )
  .transform((r) => {
    if (r.type === 'webhook') return { type: r.type, url: r.url, secretEnv: r.secret_env };
    return r;
  });

const role = z
  .strictObject({
    id: slug,
    name,
    description,
    // Required on purpose: a forgotten flag must not quietly make an admin role routine.
    privileged: z.boolean(),
    risk: z.enum(['low', 'medium', 'high']).optional(),
    durations: z.array(duration).min(1).max(SELECT_LIMIT).superRefine(distinct('durations')),
    max_duration: duration,
    approvals: z
      .array(z.enum(['owner', 'security']))
      .min(1, 'must list at least one step (owner or security)')
      .superRefine(distinct('approvals'))
      .optional(),
    handover: handover.optional(),
  })
  .superRefine((r, ctx) => {
    const message = `is longer than max_duration (${formatDuration(r.max_duration)})`;
    r.durations.forEach((minutes, index) => {
      if (minutes > r.max_duration) ctx.addIssue({ code: 'custom', path: ['durations', index], message, input: minutes });
    });
  })
  .transform(
    (r): Role => ({
      id: r.id,
      name: r.name,
      description: r.description,
      privileged: r.privileged,
      risk: r.risk ?? (r.privileged ? 'high' : 'low'),
      durations: [...r.durations].sort((a, b) => a - b),
      maxDuration: r.max_duration,
      // Written approvals are kept as written; the defaults add security review for privileged roles.
      approvals: r.approvals ?? (r.privileged ? ['owner', 'security'] : ['owner']),
      ...(r.handover !== undefined && { handover: r.handover }),
    }),
  );

const system = z
  .strictObject({
    id: slug,
    name,
    description,
    owners: z.array(principal).min(1).superRefine(distinct('owners')),
    approval_channel: channel.optional(),
    client_owned: z.boolean().default(false),
    collection: z.array(collectionMethod).min(1).superRefine(distinct('collection')),
    handover: handover.optional(),
    revoker: revoker.prefault({ type: 'manual' }),
    roles: z
      .array(role)
      .min(1)
      .max(SELECT_LIMIT, `must list at most ${SELECT_LIMIT} roles (Slack select menus show at most ${SELECT_LIMIT} options)`)
      .superRefine(distinct('roles', 'id')),
  })
  .transform(
    (s): System => ({
      id: s.id,
      name: s.name,
      description: s.description,
      owners: s.owners,
      ...(s.approval_channel !== undefined && { approvalChannel: s.approval_channel }),
      clientOwned: s.client_owned,
      collection: s.collection,
      ...(s.handover !== undefined && { handover: s.handover }),
      revoker: s.revoker,
      roles: s.roles,
    }),
  );

const settings = z
  .strictObject({
    timezone: timezone.default('UTC'),
    digest_time: timeOfDay.default('09:00'),
    remind_after: duration.prefault('4h'),
    escalate_after: duration.prefault('24h'),
    start_warning: duration.prefault('3d'),
  })
  .superRefine((s, ctx) => {
    if (s.escalate_after <= s.remind_after) {
      ctx.addIssue({ code: 'custom', path: ['escalate_after'], message: 'must be longer than remind_after', input: s.escalate_after });
    }
  });

export const catalogSchema = z
  .strictObject({
    version: z.literal(1, 'must be 1'),
    settings: settings.prefault({}),
    security: z.strictObject({
      reviewers: z.array(principal).min(1).superRefine(distinct('reviewers')),
      alerts_channel: channel.optional(),
    }),
    coordinators: z.array(principal).superRefine(distinct('coordinators')).default([]),
    systems: z
      .array(system)
      .min(1)
      .max(SELECT_LIMIT, `must list at most ${SELECT_LIMIT} systems (Slack select menus show at most ${SELECT_LIMIT} options)`)
      .superRefine(distinct('systems', 'id')),
    packets: z.array(packetTemplateSchema({ slug, name, duration })).superRefine(distinct('packets', 'id')).default([]),
  })
  .superRefine(checkPacketItems)
  .transform(
    (c): Catalog => ({
      version: c.version,
      settings: {
        timezone: c.settings.timezone,
        digestTime: c.settings.digest_time,
        remindAfterMinutes: c.settings.remind_after,
        escalateAfterMinutes: c.settings.escalate_after,
        startWarningMinutes: c.settings.start_warning,
      },
      security: {
        reviewers: c.security.reviewers,
        ...(c.security.alerts_channel !== undefined && { alertsChannel: c.security.alerts_channel }),
      },
      coordinators: c.coordinators,
      systems: c.systems,
      packets: c.packets.map((p) => ({ ...p, startWarningMinutes: p.startWarningMinutes ?? c.settings.start_warning })),
    }),
  );
