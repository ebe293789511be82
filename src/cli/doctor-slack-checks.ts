/**
 * The doctor's checks against Slack: the token, its scopes, the channels the bot must be
 * in, the user groups it changes and the people the catalog names. Each is one small
 * function from the set-up to findings; none prints, and none says anything of a token but
 * whether Slack took it.
 */
import { readFile } from 'node:fs/promises';
import type { WebClient } from '@slack/web-api';
import { parse } from 'yaml';
import { checkCatalogPeople } from '../operations/check-catalog-people.js';
import { createDirectory } from '../slack/directory.js';
import { slackError } from '../slack/slack-error.js';
import type { DoctorCheck, Finding } from './doctor-types.js';
import { packageFile } from './package-file.js';

const code = (error: unknown) => slackError(error) ?? (error as Error).message;

export const checkToken: DoctorCheck = async ({ client }) => {
  try {
    const auth = await client.auth.test();
    return [{ ok: true, text: `Slack accepted SLACK_BOT_TOKEN (team ${auth.team_id}, bot user ${auth.user_id})` }];
  } catch (error) {
    return [{ ok: false, text: `Slack refused SLACK_BOT_TOKEN (${code(error)})`, fix: 'copy the Bot User OAuth Token (xoxb-…) from the app\'s OAuth & Permissions page into .env' }];
  }
};

export const checkScopes: DoctorCheck = async ({ client }) => {
  try {
    const granted = (await client.auth.test()).response_metadata?.scopes;
    return [scopeFinding('the bot token', 'Bot Token Scopes', granted, (await manifestScopes()).bot)];
  } catch {
    return []; // checkToken has said why.
  }
};

/** The admin's user token (optional) deletes messages holding credentials, with the manifest's user scopes. */
export const checkAdminToken: DoctorCheck = async ({ adminClient }) => {
  if (!adminClient) return [];
  try {
    const granted = (await adminClient.auth.test()).response_metadata?.scopes;
    return [scopeFinding('SLACK_ADMIN_USER_TOKEN', 'User Token Scopes', granted, (await manifestScopes()).user)];
  } catch (error) {
    return [{ ok: false, text: `Slack refused SLACK_ADMIN_USER_TOKEN (${code(error)})`, fix: 'copy the installing admin\'s User OAuth Token (xoxp-…), or unset it' }];
  }
};

/** Slack reports a token's granted scopes in the `x-oauth-scopes` header of every Web API answer. */
function scopeFinding(token: string, section: string, granted: string[] | undefined, wanted: string[]): Finding {
  if (!granted) return { ok: false, text: `Slack did not say which scopes ${token} has`, fix: 'check SLACK_API_URL: a proxy in front of Slack must pass the x-oauth-scopes header on' };
  const missing = wanted.filter((scope) => !granted.includes(scope));
  if (missing.length === 0) return { ok: true, text: `${token} has every scope manifest.yml asks for (${wanted.length})` };
  return { ok: false, text: `${token} lacks scopes manifest.yml asks for: ${missing.join(', ')}`, fix: `add them under OAuth & Permissions → ${section} (or paste manifest.yml again), then reinstall the app` };
}

async function manifestScopes(): Promise<{ bot: string[]; user: string[] }> {
  const manifest = parse(await readFile(await packageFile('manifest.yml'), 'utf8')) as { oauth_config: { scopes: { bot: string[]; user?: string[] } } };
  return { bot: manifest.oauth_config.scopes.bot, user: manifest.oauth_config.scopes.user ?? [] };
}

/** Approval cards and credential watching need the bot in every approval and alerts channel. */
export const checkChannels: DoctorCheck = async ({ client, catalog }) => {
  const channels = new Map<string, string>();
  for (const system of catalog.systems) if (system.approvalChannel) channels.set(system.approvalChannel, `approval channel of ${system.id}`);
  if (catalog.security.alertsChannel) channels.set(catalog.security.alertsChannel, 'security alerts channel');
  return Promise.all([...channels].map(([channel, what]) => channelFinding(client, channel, what)));
};

async function channelFinding(client: WebClient, channel: string, what: string): Promise<Finding> {
  const invite = 'invite the bot there (/invite @Latchkey); the bot joins public channels itself when it starts';
  try {
    const info = await client.conversations.info({ channel });
    if (info.channel?.is_member) return { ok: true, text: `the bot is a member of ${channel} (${what})` };
    return { ok: false, text: `the bot is not a member of ${channel} (${what})`, fix: invite };
  } catch (error) {
    return { ok: false, text: `Slack cannot show the bot ${channel} (${what}): ${code(error)}`, fix: `check the channel id in the catalog, or ${invite}` };
  }
}

/** The slack_usergroup revoker reads and rewrites its group's member list with the bot token. */
export const checkUsergroups: DoctorCheck = async ({ client, catalog }) =>
  Promise.all(catalog.systems.flatMap(({ id, revoker }) => (revoker.type === 'slack_usergroup' ? [usergroupFinding(client, revoker.usergroup, `revoker of ${id}`)] : [])));

/** Writing cannot be tried without changing the group; reading it and the usergroups:write scope is what can be checked. */
async function usergroupFinding(client: WebClient, usergroup: string, what: string): Promise<Finding> {
  try {
    await client.usergroups.users.list({ usergroup, include_disabled: true });
    return { ok: true, text: `user group ${usergroup} (${what}) is readable; changes need usergroups:write, checked with the scopes` };
  } catch (error) {
    return { ok: false, text: `user group ${usergroup} (${what}) cannot be read: ${code(error)}`, fix: 'check the group id in the catalog and that the app has usergroups:read and usergroups:write' };
  }
}

export const checkPeople: DoctorCheck = async ({ client, catalog }) => {
  const warnings = await checkCatalogPeople(catalog, createDirectory(client));
  if (warnings.length === 0) return [{ ok: true, text: 'every person and user group the catalog names is in the workspace and active' }];
  return warnings.map((warning) => ({ ok: false, text: warning, fix: 'update the catalog' }));
};
