/**
 * Vendors whose secrets have no prefix: gitleaks recognises them by the vendor's name in
 * the variable or sentence, then a value of the vendor's exact charset and length. Facts
 * from gitleaks' default rules (translated from RE2). Rules for client IDs and other public
 * identifiers are left out on purpose: an OAuth client ID is sent to every browser.
 */
import type { CredentialKind } from './kinds.js';

export interface VendorKeywordRule {
  /** Lower-case vendor names, found at a word start or a camelCase hump. */
  keywords: readonly string[];
  /** Whole-value shapes, tried in order. */
  values: readonly RegExp[];
  label: string;
  kind?: CredentialKind;
  minEntropy?: number;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const alnum = (n: number | string): RegExp => new RegExp(`^[A-Za-z0-9]{${n}}$`);
const hex = (n: number | string): RegExp => new RegExp(`^[A-Fa-f0-9]{${n}}$`);
const b64url = (n: number | string): RegExp => new RegExp(`^[A-Za-z0-9_=-]{${n}}$`);

export const VENDOR_KEYWORD_RULES: readonly VendorKeywordRule[] = [
  { keywords: ['adafruit'], values: [b64url(32)], label: 'an Adafruit IO key' },
  { keywords: ['airtable'], values: [alnum(17)], label: 'an Airtable API key' },
  { keywords: ['algolia'], values: [alnum(32)], label: 'an Algolia API key' },
  { keywords: ['alibaba', 'aliyun'], values: [alnum(30)], label: 'an Alibaba Cloud secret key' },
  { keywords: ['asana'], values: [alnum(32), /^\d\/\d{10,20}:[a-f0-9]{32}$/], label: 'an Asana secret or token' },
  { keywords: ['atlassian', 'confluence', 'jira'], values: [/^[A-Za-z0-9]{20}[a-f0-9]{4}$/], label: 'an Atlassian API token', kind: 'atlassian_api_token', minEntropy: 3.5 },
  { keywords: ['beamer'], values: [/^b_[A-Za-z0-9=_-]{44}$/], label: 'a Beamer API key' },
  { keywords: ['bitbucket'], values: [b64url(64)], label: 'a Bitbucket client secret', kind: 'bitbucket_app_password' },
  { keywords: ['bittrex'], values: [alnum(32)], label: 'a Bittrex API key' },
  { keywords: ['meraki'], values: [hex(40)], label: 'a Cisco Meraki API key' },
  { keywords: ['cloudflare', 'cf_api'], values: [b64url(40), hex(37)], label: 'a Cloudflare API token or key' },
  { keywords: ['codecov'], values: [alnum(32), UUID], label: 'a Codecov token' },
  { keywords: ['cohere', 'co_api_key'], values: [alnum(40)], label: 'a Cohere API key', minEntropy: 4 },
  { keywords: ['coinbase'], values: [b64url(64)], label: 'a Coinbase access token' },
  { keywords: ['confluent'], values: [alnum(64), alnum(16)], label: 'a Confluent API key or secret' },
  { keywords: ['contentful'], values: [b64url(43)], label: 'a Contentful delivery token' },
  { keywords: ['discord'], values: [hex(64), b64url(32)], label: 'a Discord bot token or client secret', kind: 'discord_token' },
  { keywords: ['droneci', 'drone_token'], values: [alnum(32)], label: 'a Drone CI token' },
  { keywords: ['dropbox'], values: [/^[A-Za-z0-9]{11}AAAAAAAAAA[A-Za-z0-9_=-]{43}$/, alnum(15)], label: 'a Dropbox API token' },
  { keywords: ['etsy'], values: [alnum(24)], label: 'an Etsy API key' },
  { keywords: ['facebook'], values: [hex(32), /^\d{15,16}[|%][A-Za-z0-9_-]{27,40}$/], label: 'a Facebook app secret or token' },
  { keywords: ['fastly'], values: [b64url(32)], label: 'a Fastly API token' },
  { keywords: ['finicity'], values: [hex(32), alnum(20)], label: 'a Finicity API token or secret' },
  { keywords: ['finnhub'], values: [alnum(20)], label: 'a Finnhub API key' },
  { keywords: ['flickr'], values: [alnum(32)], label: 'a Flickr API key' },
  { keywords: ['freshbooks'], values: [alnum(64)], label: 'a FreshBooks access token' },
  { keywords: ['gitter'], values: [b64url(40)], label: 'a Gitter access token' },
  { keywords: ['gocardless'], values: [/^live_[A-Za-z0-9_=-]{40}$/], label: 'a GoCardless access token' },
  { keywords: ['heroku'], values: [UUID], label: 'a Heroku API key' },
  { keywords: ['hubspot'], values: [UUID, /^pat-[a-z]{2,4}\d?-[0-9a-f-]{36}$/], label: 'a HubSpot API key' },
  { keywords: ['intercom'], values: [b64url(60)], label: 'an Intercom access token' },
  { keywords: ['jfrog', 'artifactory', 'bintray', 'xray'], values: [alnum(73), alnum(64)], label: 'a JFrog API key' },
  { keywords: ['kraken'], values: [/^[A-Za-z0-9/=_+-]{80,90}$/], label: 'a Kraken API key' },
  { keywords: ['kucoin'], values: [hex(24), UUID], label: 'a KuCoin API key' },
  { keywords: ['launchdarkly'], values: [b64url(40), /^(?:api|sdk)-[0-9a-f-]{36}$/], label: 'a LaunchDarkly key' },
  { keywords: ['linear'], values: [hex(32)], label: 'a Linear client secret', kind: 'linear_api_key' },
  { keywords: ['linkedin', 'linked_in'], values: [alnum(16)], label: 'a LinkedIn client secret' },
  { keywords: ['lob'], values: [/^(?:live|test)_[a-f0-9]{35}$/], label: 'a Lob API key' },
  { keywords: ['looker'], values: [alnum(24)], label: 'a Looker client secret' },
  { keywords: ['mailchimp'], values: [/^[a-f0-9]{32}-us\d{1,2}$/], label: 'a Mailchimp API key' },
  { keywords: ['mattermost'], values: [alnum(26)], label: 'a Mattermost access token' },
  { keywords: ['messagebird', 'message_bird', 'message-bird'], values: [alnum(25)], label: 'a MessageBird API key' },
  { keywords: ['netlify'], values: [b64url('40,46')], label: 'a Netlify access token' },
  { keywords: ['newrelic', 'new_relic', 'new-relic'], values: [alnum(64)], label: 'a New Relic API key' },
  { keywords: ['nytimes', 'newyorktimes'], values: [b64url(32)], label: 'a New York Times API key' },
  { keywords: ['okta'], values: [/^00[A-Za-z0-9_=-]{40}$/], label: 'an Okta API token', kind: 'okta_api_token', minEntropy: 4 },
  { keywords: ['plaid'], values: [alnum(30)], label: 'a Plaid secret', minEntropy: 3.5 },
  { keywords: ['privateai', 'private_ai', 'private-ai'], values: [alnum(32)], label: 'a Private AI API key' },
  { keywords: ['rapidapi'], values: [b64url(50)], label: 'a RapidAPI key' },
  { keywords: ['sendbird'], values: [hex(40)], label: 'a Sendbird API token' },
  { keywords: ['sentry'], values: [hex(64)], label: 'a Sentry auth token' },
  { keywords: ['bundle_enterprise__contribsys__com', 'bundle_gems__contribsys__com'], values: [/^[a-f0-9]{8}:[a-f0-9]{8}$/], label: 'a Sidekiq Enterprise credential' },
  { keywords: ['snyk'], values: [UUID], label: 'a Snyk API token' },
  { keywords: ['sonar'], values: [/^(?:squ_|sqp_|sqa_)?[A-Za-z0-9=_-]{40}$/], label: 'a SonarQube token' },
  { keywords: ['squarespace'], values: [UUID], label: 'a Squarespace API key' },
  { keywords: ['sumo'], values: [alnum(64)], label: 'a Sumo Logic access key', minEntropy: 3 },
  { keywords: ['telegram', 'tg_bot'], values: [/^\d{5,16}:A[A-Za-z0-9_-]{34}$/], label: 'a Telegram bot token', kind: 'telegram_bot_token' },
  { keywords: ['travis'], values: [alnum(22)], label: 'a Travis CI token' },
  { keywords: ['twitch'], values: [alnum(30)], label: 'a Twitch API token' },
  { keywords: ['twitter'], values: [alnum(45), alnum(50), alnum(25), /^\d{15,25}-[A-Za-z0-9]{20,40}$/], label: 'a Twitter (X) API credential' },
  { keywords: ['typeform'], values: [/^tfp_[A-Za-z0-9_.=-]{59}$/], label: 'a Typeform API token' },
  { keywords: ['vault'], values: [/^s\.[A-Za-z0-9]{24}$/], label: 'a Vault token', kind: 'hashicorp_vault_token', minEntropy: 3.5 },
  { keywords: ['yandex'], values: [/^t1\.[A-Za-z0-9_-]{1,200}={0,2}\.[A-Za-z0-9_-]{86}={0,2}$/, /^YC[A-Za-z0-9_-]{38}$/], label: 'a Yandex Cloud credential' },
  { keywords: ['zendesk'], values: [alnum(40)], label: 'a Zendesk API token' },
];
