/**
 * Slack payloads decoded in one place with zod. Listeners see typed, checked values or a
 * parse failure, never a half-read body.
 */
import { z } from 'zod';
import { ACTION, BLOCK, parseCardValue, type CardTarget } from '../../blocks/ids.js';
import type { RequestModalMetadata } from '../../blocks/request-modal.js';
import { asRequestId, asUserId, parseRequestId, type RequestId, type RequestInput, type UserId } from '../domain/types.js';

const user = z.object({ id: z.string().min(1) });

export const commandPayload = z.object({
  user_id: z.string().min(1),
  text: z.string().default(''),
  trigger_id: z.string().min(1),
});

const selected = z.object({ selected_option: z.object({ value: z.string() }).nullish() });
const typed = z.object({ value: z.string().nullish() });
const dated = z.object({ selected_date: z.string().nullish() });
type StateValues = Record<string, Record<string, unknown>>;

const viewState = z.object({
  id: z.string(),
  hash: z.string().optional(),
  private_metadata: z.string().default(''),
  state: z.object({ values: z.record(z.string(), z.record(z.string(), z.unknown())) }).default({ values: {} }),
});

export const viewPayload = z.object({ user, view: viewState });

export const buttonPayload = z.object({
  user,
  trigger_id: z.string().optional(),
  actions: z.array(z.object({ value: z.string() })).min(1),
});

/** The request and step a card button points at, or undefined for a malformed value. */
export function cardTarget(body: unknown): { actor: UserId; target: CardTarget; triggerId?: string } | undefined {
  const parsed = buttonPayload.safeParse(body);
  const target = parsed.success ? parseCardValue(parsed.data.actions[0]!.value) : undefined;
  if (!parsed.success || !target) return undefined;
  return { actor: asUserId(parsed.data.user.id), target, triggerId: parsed.data.trigger_id };
}

export function modalMetadata(privateMetadata: string): RequestModalMetadata {
  const parsed = z
    .object({ systemId: z.string().optional(), roleId: z.string().optional(), extendsRequestId: z.number().int().positive().optional() })
    .safeParse(safeJson(privateMetadata));
  return parsed.success ? parsed.data : {};
}

/** Reads the request modal's fields; missing selections come back empty for the domain to refuse. */
export function requestForm(requester: string, values: StateValues, metadata: RequestModalMetadata): RequestInput {
  const systemId = select(values, BLOCK.system, ACTION.system) ?? metadata.systemId ?? '';
  const roleId = select(values, BLOCK.role(systemId), ACTION.role) ?? '';
  const duration = select(values, BLOCK.duration(systemId, roleId), ACTION.duration);
  const neededBy = dated.safeParse(values[BLOCK.neededBy]?.[ACTION.neededBy]).data?.selected_date;
  const projectTag = text(values, BLOCK.projectTag, ACTION.projectTag)?.trim();
  return {
    requesterId: asUserId(requester),
    systemId,
    roleId,
    durationMinutes: duration ? Number(duration) : 0,
    purpose: text(values, BLOCK.purpose, ACTION.purpose) ?? '',
    ...(neededBy ? { neededBy } : {}),
    ...(projectTag ? { projectTag } : {}),
    ...(metadata.extendsRequestId ? { extendsRequestId: asRequestId(metadata.extendsRequestId) } : {}),
  };
}

export function denyForm(values: StateValues): string {
  return text(values, BLOCK.reason, ACTION.reason) ?? '';
}

export function denyTarget(privateMetadata: string): CardTarget | undefined {
  const parsed = z
    .object({ requestId: z.number().int().positive(), stepIndex: z.number().int().min(0) })
    .safeParse(safeJson(privateMetadata));
  return parsed.success ? parsed.data : undefined;
}

/** The option picked in a select inside the modal (system or role). */
export function pickedOption(body: unknown): string | undefined {
  const parsed = z.object({ actions: z.array(selected).min(1) }).safeParse(body);
  return parsed.success ? (parsed.data.actions[0]!.selected_option?.value ?? undefined) : undefined;
}

function select(values: StateValues, block: string, action: string): string | undefined {
  return selected.safeParse(values[block]?.[action]).data?.selected_option?.value ?? undefined;
}

function text(values: StateValues, block: string, action: string): string | undefined {
  return typed.safeParse(values[block]?.[action]).data?.value ?? undefined;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

const fileText = z.object({ title: z.string().optional(), name: z.string().optional(), preview: z.string().optional() });
const postedFields = z.object({
  user: z.string().optional(),
  bot_id: z.string().optional(),
  text: z.string().default(''),
  ts: z.string(),
  thread_ts: z.string().optional(),
  files: z.array(fileText).default([]),
});
const messageEvent = postedFields.extend({
  channel: z.string(),
  subtype: z.string().optional(),
  message: postedFields.partial({ ts: true }).optional(),
});

/** Subtypes that carry words a person wrote; joins, topics and deletions do not. */
const PERSON_SUBTYPES = new Set([undefined, 'message_changed', 'thread_broadcast', 'file_share', 'me_message']);

/**
 * A person's message as Latchkey scans it: its text plus the titles and previews of its
 * files. An edit is read as its new version. Bots' messages, and anything else, give undefined.
 */
export function postedMessage(event: unknown): { poster: UserId; channel: string; ts: string; threadTs?: string; text: string } | undefined {
  const parsed = messageEvent.safeParse(event);
  if (!parsed.success || !PERSON_SUBTYPES.has(parsed.data.subtype)) return undefined;
  const { channel, subtype } = parsed.data;
  const posted = subtype === 'message_changed' ? parsed.data.message : parsed.data;
  if (!posted?.user || posted.bot_id || !posted.ts) return undefined;
  const files = posted.files.flatMap((file) => [file.title, file.name, file.preview].filter(Boolean));
  return {
    poster: asUserId(posted.user),
    channel,
    ts: posted.ts,
    ...(posted.thread_ts && posted.thread_ts !== posted.ts ? { threadTs: posted.thread_ts } : {}),
    text: [posted.text, ...files].join('\n'),
  };
}

/** A button whose value is a request id (grant and suggestion buttons), and who pressed it. */
export function requestClick(body: unknown): { id: RequestId; actor: UserId; triggerId?: string } | undefined {
  const parsed = buttonPayload.safeParse(body);
  const id = parsed.success ? parseRequestId(parsed.data.actions[0]!.value) : undefined;
  return parsed.success && id ? { id, actor: asUserId(parsed.data.user.id), triggerId: parsed.data.trigger_id } : undefined;
}

const userChange = z.object({ user: z.object({ id: z.string(), deleted: z.boolean().optional() }) });

/** The id of a user a `user_change` event reports as deactivated. */
export function deactivatedUser(event: unknown): UserId | undefined {
  const parsed = userChange.safeParse(event);
  return parsed.success && parsed.data.user.deleted ? asUserId(parsed.data.user.id) : undefined;
}

const homeForm = z.object({ user, view: z.object({ type: z.literal('home'), state: viewState.shape.state }) });
const pickedUser = z.object({ selected_user: z.string().nullish() });

/** The Home's "Away?" form as its Save button sent it: who pressed, whom they picked, the last day. */
export function delegationForm(body: unknown): { actor: UserId; delegate?: UserId; lastDay?: string } | undefined {
  const parsed = homeForm.safeParse(body);
  if (!parsed.success) return undefined;
  const values = parsed.data.view.state.values;
  const delegate = pickedUser.safeParse(values[BLOCK.delegateTo]?.[ACTION.delegateTo]).data?.selected_user;
  const lastDay = dated.safeParse(values[BLOCK.delegateUntil]?.[ACTION.delegateUntil]).data?.selected_date;
  return { actor: asUserId(parsed.data.user.id), ...(delegate ? { delegate: asUserId(delegate) } : {}), ...(lastDay ? { lastDay } : {}) };
}
