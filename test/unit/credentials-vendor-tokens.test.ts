// Contract: every vendor family of gitleaks' default rule set that has a recognisable
// prefix or shape is reported on its own, with no keyword around it, under its kind and
// (for the shared `saas_api_token` kind) a label naming the vendor. Placeholders of the
// same shape (`xxxx`, "example") and public halves of key pairs stay quiet.
import { describe, expect, it } from 'vitest';
import { detectCredentials, type CredentialKind } from '../../src/domain/credentials/detect-credentials.js';
import { asTyped, makeFakes } from '../fixtures/credentials-corpus.js';

const f = makeFakes(0x70cc3);
const B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const UPPER_DIGITS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const BECH32 = 'QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L';
const u = (n: number): string => f.mixed(B64URL, n);
const uuid = (): string => `${f.hex(8)}-${f.hex(4)}-4${f.hex(3)}-a${f.hex(3)}-${f.hex(12)}`;

/** [what, kind, label or undefined, the token]. */
const TOKENS: [string, CredentialKind, string | undefined, string][] = [
  ['GitLab deploy token', 'gitlab_token', undefined, `gldt-${u(20)}`],
  ['GitLab feed token', 'gitlab_token', undefined, `glft-${u(20)}`],
  ['GitLab runner registration token', 'gitlab_token', 'a GitLab runner registration token', `GR1348941${u(20)}`],
  ['GitLab session cookie', 'gitlab_token', 'a GitLab session cookie', `_gitlab_session=${f.hex(32)}`],
  ['Stripe prod key', 'stripe_secret_key', undefined, `sk_prod_${f.alnum(40)}`],
  ['Hugging Face org token', 'huggingface_token', undefined, `api_org_${f.mixed('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz', 34)}`],
  ['Clojars', 'saas_api_token', 'a Clojars deploy token', `CLOJARS_${f.mixed('abcdefghijklmnopqrstuvwxyz0123456789', 60)}`],
  ['RubyGems', 'saas_api_token', 'a RubyGems API key', `rubygems_${f.hex(48)}`],
  ['NuGet', 'saas_api_token', 'a NuGet API key', `oy2${f.mixed('abcdefghijklmnopqrstuvwxyz0123456789', 43)}`],
  ['Artifactory API key', 'saas_api_token', 'a JFrog Artifactory API key', `AKCp${f.alnum(69)}`],
  ['SonarQube', 'saas_api_token', 'a SonarQube token', `squ_${f.hex(40)}`],
  ['Sourcegraph', 'saas_api_token', 'a Sourcegraph access token', `sgp_${f.hex(16)}_${f.hex(40)}`],
  ['Prefect', 'saas_api_token', 'a Prefect API key', `pnu_${f.alnum(36)}`],
  ['ReadMe', 'saas_api_token', 'a ReadMe API key', `rdme_${f.mixed('abcdefghijklmnopqrstuvwxyz0123456789', 70)}`],
  ['Scalingo', 'saas_api_token', 'a Scalingo API token', `tk-us-${u(48)}`],
  ['Infracost', 'saas_api_token', 'an Infracost API key', `ico-${f.alnum(32)}`],
  ['Harness', 'saas_api_token', 'a Harness API key', `pat.${u(22)}.${f.alnum(24)}.${f.alnum(20)}`],
  ['Octopus Deploy', 'saas_api_token', 'an Octopus Deploy API key', `API-${f.mixed(UPPER_DIGITS, 26)}`],
  ['Postman', 'saas_api_token', 'a Postman API key', `PMAK-${f.hex(24)}-${f.hex(34)}`],
  ['Frame.io', 'saas_api_token', 'a Frame.io API token', `fio-u-${u(64)}`],
  ['Typeform', 'saas_api_token', 'a Typeform personal token', `tfp_${u(59)}`],
  ['SettleMint', 'saas_api_token', 'a SettleMint access token', `sm_pat_${f.alnum(16)}`],
  ['Pulumi', 'saas_api_token', 'a Pulumi access token', `pul-${f.hex(40)}`],
  ['PlanetScale', 'saas_api_token', 'a PlanetScale token or password', `pscale_pw_${u(43)}`],
  ['Supabase', 'saas_api_token', 'a Supabase access token', `sbp_${f.hex(40)}`],
  ['Fly.io', 'saas_api_token', 'a Fly.io access token', `fo1_${u(43)}`],
  ['Heroku v2', 'saas_api_token', 'a Heroku API key', `HRKU-AA${u(58)}`],
  ['Sentry user token', 'saas_api_token', 'a Sentry user token', `sntryu_${f.hex(64)}`],
  ['Grafana service account', 'saas_api_token', 'a Grafana service account token', `glsa_${f.alnum(32)}_${f.hex(8)}`],
  ['New Relic user key', 'saas_api_token', 'a New Relic user API key', `NRAK-${f.mixed(UPPER_DIGITS, 27)}`],
  ['Dynatrace', 'saas_api_token', 'a Dynatrace API token', `dt0c01.${f.mixed(UPPER_DIGITS, 24)}.${f.mixed(UPPER_DIGITS, 64)}`],
  ['Linear', 'linear_api_key', undefined, `lin_api_${f.alnum(40)}`],
  ['Terraform Cloud', 'terraform_cloud_token', undefined, `${f.alnum(14)}.atlasv1.${f.alnum(67)}`],
  ['Doppler personal token', 'doppler_token', undefined, `dp.pt.${f.alnum(43)}`],
  ['Doppler service token', 'doppler_token', undefined, `dp.st.prd.${f.alnum(43)}`],
  ['Databricks', 'databricks_token', undefined, `dapi${f.hex(32)}`],
  ['Bedrock long-lived key', 'saas_api_token', 'an Amazon Bedrock API key', `ABSK${f.base64(132)}`],
  ['Alibaba key id', 'saas_api_token', 'an Alibaba Cloud access key ID', `LTAI${f.alnum(20)}`],
  ['Azure AD client secret', 'saas_api_token', 'an Azure AD client secret', `${f.alnum(3)}8Q~${f.alnum(34)}`],
  ['Cloudflare origin CA key', 'saas_api_token', 'a Cloudflare origin CA key', `v1.0-${f.hex(24)}-${f.hex(146)}`],
  ['ClickHouse Cloud', 'saas_api_token', 'a ClickHouse Cloud API secret', `4b1d${f.alnum(38)}`],
  ['1Password secret key', 'saas_api_token', 'a 1Password secret key', `A3-${f.mixed(UPPER_DIGITS, 6)}-${f.mixed(UPPER_DIGITS, 11)}-${f.mixed(UPPER_DIGITS, 5)}-${f.mixed(UPPER_DIGITS, 5)}-${f.mixed(UPPER_DIGITS, 5)}`],
  ['1Password service account', 'saas_api_token', 'a 1Password service account token', `ops_eyJ${f.base64(300)}`],
  ['Yandex API key', 'saas_api_token', 'a Yandex Cloud API key', `AQVN${u(36)}`],
  ['Vault batch token', 'hashicorp_vault_token', undefined, `hvb.${u(150)}`],
  ['age secret key', 'age_secret_key', undefined, `AGE-SECRET-KEY-1${f.mixed(BECH32, 58)}`],
  ['Okta SSWS header', 'okta_api_token', undefined, `Authorization: SSWS 00${u(40)}`],
  ['Perplexity', 'saas_api_token', 'a Perplexity API key', `pplx-${f.alnum(48)}`],
  ['Groq', 'saas_api_token', 'a Groq API key', `gsk_${f.alnum(52)}`],
  ['Notion', 'saas_api_token', 'a Notion integration token', `ntn_${f.digits(11)}${f.alnum(35)}`],
  ['Airtable PAT', 'saas_api_token', 'an Airtable personal access token', `pat${f.alnum(14)}.${f.hex(64)}`],
  ['Contentful PAT', 'saas_api_token', 'a Contentful management token', `CFPAT-${u(43)}`],
  ['Mapbox secret token', 'saas_api_token', 'a Mapbox secret token', `sk.eyJ1IjoiYWNtZSJ9${f.alnum(8)}.${u(22)}`],
  ['Shippo', 'saas_api_token', 'a Shippo API token', `shippo_live_${f.hex(40)}`],
  ['EasyPost', 'saas_api_token', 'an EasyPost API key', `EZAK${f.alnum(54)}`],
  ['Duffel', 'saas_api_token', 'a Duffel API token', `duffel_live_${u(43)}`],
  ['Flutterwave', 'saas_api_token', 'a Flutterwave secret key', `FLWSECK_TEST-${f.chars('abcdefgh0123456789', 32)}-X`],
  ['Square', 'saas_api_token', 'a Square access token', `sq0atp-${u(22)}`],
  ['Facebook page token', 'saas_api_token', 'a Facebook page access token', `EAAC${f.alnum(120)}`],
  ['Brevo', 'saas_api_token', 'a Brevo (Sendinblue) API key', `xkeysib-${f.hex(64)}-${f.alnum(16)}`],
  ['MaxMind', 'saas_api_token', 'a MaxMind license key', `${f.alnum(6)}_${f.alnum(29)}_mmk`],
  ['Adobe client secret', 'saas_api_token', 'an Adobe client secret', `p8e-${f.alnum(32)}`],
  ['Plaid access token', 'saas_api_token', 'a Plaid access token', `access-production-${uuid()}`],
  ['Twitter bearer token', 'saas_api_token', 'a Twitter (X) bearer token', `${'A'.repeat(22)}${f.alnum(90)}`],
  ['Dropbox token', 'saas_api_token', 'a Dropbox access token', `sl.${u(140)}`],
  ['Discord webhook', 'discord_webhook', undefined, `https://discord.com/api/webhooks/${f.digits(18)}/${u(68)}`],
  ['Teams webhook', 'teams_webhook', undefined, `https://acme.webhook.office.com/webhookb2/${uuid()}@${uuid()}/IncomingWebhook/${f.hex(32)}/${uuid()}`],
  ['Telegram bot token', 'telegram_bot_token', undefined, `${f.digits(9)}:AA${u(33)}`],
  ['Google Chat webhook', 'saas_api_token', 'a Google Chat webhook URL', `https://chat.googleapis.com/v1/spaces/AAAA${f.alnum(7)}/messages?key=k&token=${u(43)}`],
];

describe('vendor tokens with a prefix or shape of their own', () => {
  it.each(TOKENS)('%s', (_what, kind, label, token) => {
    const findings = detectCredentials(asTyped(`here: ${token} thanks`));
    expect(findings.map((finding) => finding.kind)).toEqual([kind]);
    if (label !== undefined) expect(findings[0]?.label).toBe(label);
  });

  it('reports a Discord bot token whose first segment is a numeric id', () => {
    const id = Buffer.from(f.digits(19)).toString('base64').replace(/=+$/, '');
    expect(detectCredentials(`${id}.${u(6)}.${u(38)}`).map((x) => x.kind)).toEqual(['discord_token']);
  });

  it.each([
    ['a dotted string that is no Discord token', `Zm9vYmFyYmF6cXV4cXV1eGZvbw.${u(6)}.${u(38)}`],
    ['a GitLab prefix in prose', 'glrt- tokens replace registration tokens'],
    ['a placeholder of the right shape', `pul-${'x'.repeat(40)}`],
    ['a documented example', `dapi${'example'.padEnd(32, '0')}`],
    ['an age public key', `age1${f.mixed(BECH32.toLowerCase(), 58)}`],
    ['Terraform talk', 'the atlasv1 token format is documented'],
    ['a hex hash after 4b1d', `4b1d${f.hex(38)}`],
  ])('stays quiet for %s', (_what, text) => {
    expect(detectCredentials(text)).toEqual([]);
  });
});
