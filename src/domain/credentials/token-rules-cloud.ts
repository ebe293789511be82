/**
 * Cloud, identity and secret-store credentials with a recognisable shape. Formats from
 * gitleaks' default rules (translated from RE2), plus a few vendors it lacks.
 */
import { hasLetterAndDigit } from './entropy.js';
import type { TokenRule } from './rules.js';
import { bounded } from './rules.js';
import { saas } from './token-rules-dev.js';

const BECH32 = 'QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L';
const hasUpperAndLower = (token: string): boolean => /[A-Z]/.test(token) && /[a-z]/.test(token);

export const CLOUD_TOKEN_RULES: readonly TokenRule[] = [
  saas('an Amazon Bedrock API key', ['absk'], /(?<![A-Za-z0-9_])ABSK[A-Za-z0-9+/]{109,269}={0,2}(?![A-Za-z0-9+/=])/g),
  saas('an Amazon Bedrock API key', ['bedrock-api-key-'], /bedrock-api-key-YmVkcm9jay5hbWF6b25hd3MuY29t[A-Za-z0-9+/=%&_.-]{20,3000}/g),
  saas('an Alibaba Cloud access key ID', ['ltai'], bounded('LTAI[A-Za-z0-9]{20}'), { minEntropy: 2, check: hasLetterAndDigit }),
  saas(
    'an Azure AD client secret',
    ['q~'],
    /(?<![A-Za-z0-9_~.-])[a-zA-Z0-9_~.]{3}\dQ~[a-zA-Z0-9_~.-]{31,34}(?![A-Za-z0-9_~.-])/g,
  ),
  saas('a Cloudflare origin CA key', ['v1.0-'], bounded('v1\\.0-[a-f0-9]{24}-[a-f0-9]{146}')),
  saas('a ClickHouse Cloud API secret', ['4b1d'], bounded('4b1d[A-Za-z0-9]{38}'), { check: hasUpperAndLower }),
  saas('a 1Password service account token', ['ops_eyj'], /(?<![A-Za-z0-9_])ops_eyJ[a-zA-Z0-9+/]{250,5000}={0,3}(?![A-Za-z0-9+/=])/g, {
    minEntropy: 4,
  }),
  saas(
    'a 1Password secret key',
    ['a3-'],
    bounded('A3-[A-Z0-9]{6}-(?:[A-Z0-9]{11}|[A-Z0-9]{6}-[A-Z0-9]{5})-[A-Z0-9]{5}-[A-Z0-9]{5}-[A-Z0-9]{5}'),
    { minEntropy: 3.8 },
  ),
  saas('a Yandex Cloud API key', ['aqvn'], bounded('AQVN[A-Za-z0-9_-]{35,38}')),
  saas('a Defined Networking API key', ['dnkey-'], bounded('dnkey-[A-Za-z0-9=_-]{26}-[A-Za-z0-9=_-]{52}')),
  saas('an Authress access key', ['sc_', 'ext_', 'scauth_', 'authress_'], bounded(
    '(?:sc|ext|scauth|authress)_[A-Za-z0-9]{5,30}\\.[A-Za-z0-9]{4,6}\\.acc[_-][A-Za-z0-9-]{10,32}\\.[A-Za-z0-9+/_=-]{30,120}',
  ), { minEntropy: 2 }),
  {
    kind: 'hashicorp_vault_token',
    anchors: ['hvb.'],
    pattern: bounded('hvb\\.[A-Za-z0-9_-]{138,300}'),
    minEntropy: 4,
  },
  {
    kind: 'age_secret_key',
    anchors: ['age-secret-key-1', 'age-plugin-'],
    pattern: new RegExp(`(?<![A-Za-z0-9-])AGE-(?:SECRET-KEY|PLUGIN-[A-Z0-9]{1,30}-)-?1[${BECH32}]{58,120}(?![A-Za-z0-9])`, 'g'),
  },
  {
    kind: 'okta_api_token',
    anchors: ['ssws'],
    pattern: /(?<=\bSSWS[ \t]{1,5})00[A-Za-z0-9_=-]{40}(?![A-Za-z0-9_=-])/g,
  },
];
