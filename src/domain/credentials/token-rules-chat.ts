/**
 * Chat and collaboration platforms: bot tokens and incoming-webhook URLs. A webhook URL is
 * a credential: anyone holding it can post into the channel as the integration.
 */
import { decodeBase64, shannonEntropy } from './entropy.js';
import { bounded, type TokenRule } from './rules.js';
import { saas } from './token-rules-dev.js';

const UUID = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';

/** The last path segment of a webhook is its secret; docs examples repeat one character. */
const lastSegmentIsRandom = (url: string): boolean => {
  const path = url.split('?')[0] ?? url;
  return shannonEntropy(path.slice(path.lastIndexOf('/') + 1)) >= 3;
};

/** A Discord bot token's first segment is the bot's numeric id in base64. */
const firstSegmentIsAnId = (token: string): boolean => {
  const id = decodeBase64(token.slice(0, token.indexOf('.')));
  return id !== undefined && /^\d{17,20}$/.test(id);
};

/** How base64 of a leading digit 1-9 begins: every snowflake id's first two characters. */
const SNOWFLAKE_STARTS = ['mt', 'mj', 'mz', 'nd', 'nt', 'nj', 'nz', 'od', 'ot'];

export const CHAT_TOKEN_RULES: readonly TokenRule[] = [
  {
    kind: 'discord_webhook',
    anchors: ['discord.com/api/webhooks/', 'discordapp.com/api/webhooks/'],
    pattern: /(?:https?:\/\/)?(?:ptb\.|canary\.)?discord(?:app)?\.com\/api\/(?:v\d{1,2}\/)?webhooks\/\d{17,20}\/[A-Za-z0-9_-]{60,80}/g,
    check: lastSegmentIsRandom,
  },
  {
    kind: 'discord_token',
    anchors: SNOWFLAKE_STARTS,
    pattern: bounded('[MNO][A-Za-z0-9_-]{23,27}\\.[A-Za-z0-9_-]{6}\\.[A-Za-z0-9_-]{27,40}', 'g', '.-'),
    minEntropy: 4,
    check: firstSegmentIsAnId,
  },
  {
    kind: 'teams_webhook',
    anchors: ['webhook.office.com', 'outlook.office.com/webhook'],
    pattern: new RegExp(
      `https:\\/\\/[A-Za-z0-9-]{1,60}\\.(?:webhook|outlook)\\.office\\.com\\/webhook(?:b2)?\\/${UUID}@${UUID}\\/IncomingWebhook\\/[A-Za-z0-9]{32}\\/${UUID}(?:\\/V2[A-Za-z0-9_-]{20,80})?`,
      'g',
    ),
  },
  {
    // Power Automate and Logic Apps workflow triggers: the `sig` parameter is the secret.
    kind: 'teams_webhook',
    anchors: ['logic.azure.com', 'powerplatform.com', 'powerautomate'],
    pattern: /https:\/\/[A-Za-z0-9.-]{1,120}\.(?:logic\.azure\.com|api\.powerplatform\.com)(?::443)?\/[^\s"'<>]{1,300}?[?&]sig=[A-Za-z0-9%_-]{30,100}/g,
  },
  {
    kind: 'telegram_bot_token',
    anchors: [':aa'],
    pattern: /(?:(?<=\/bot)|(?<![A-Za-z0-9_:]))\d{6,12}:AA[A-Za-z0-9_-]{33}(?![A-Za-z0-9_-])/g,
  },
  saas('a Google Chat webhook URL', ['chat.googleapis.com/v1/spaces/'],
    /https:\/\/chat\.googleapis\.com\/v1\/spaces\/[A-Za-z0-9_-]{6,40}\/messages\?[^\s"'<>]{0,200}?token=[A-Za-z0-9%_-]{30,100}/g),
  saas('a Zapier webhook URL', ['hooks.zapier.com/hooks/catch/'], /https:\/\/hooks\.zapier\.com\/hooks\/catch\/\d{4,12}\/[a-z0-9]{5,12}\/?/g, {
    check: lastSegmentIsRandom,
    minEntropy: 2,
  }),
];
