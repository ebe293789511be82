/**
 * Payments, messaging, AI and productivity vendors whose tokens carry a prefix. Formats from
 * gitleaks' default rules (translated from RE2), plus a few vendors it lacks.
 */
import { hasLetterAndDigit } from './entropy.js';
import type { TokenRule } from './rules.js';
import { saas } from './token-rules-dev.js';

export const SAAS_TOKEN_RULES: readonly TokenRule[] = [
  saas('a Perplexity API key', ['pplx-'], 'pplx-[a-zA-Z0-9]{48}'),
  saas('a Groq API key', ['gsk_'], 'gsk_[a-zA-Z0-9]{52}'),
  saas('an xAI API key', ['xai-'], 'xai-[a-zA-Z0-9]{80}'),
  saas('a Replicate API token', ['r8_'], 'r8_[a-zA-Z0-9]{37}'),
  saas('a Notion integration token', ['ntn_'], 'ntn_[0-9]{11}[A-Za-z0-9]{35}', { minEntropy: 4 }),
  saas('a Notion integration token', ['secret_'], 'secret_[A-Za-z0-9]{43}', { check: hasLetterAndDigit, minEntropy: 4 }),
  saas('an Airtable personal access token', ['pat'], 'pat[A-Za-z0-9]{14}\\.[a-f0-9]{64}'),
  saas('a Contentful management token', ['cfpat-'], 'CFPAT-[A-Za-z0-9_-]{43}'),
  saas('a Mapbox secret token', ['sk.eyj', 'tk.eyj'], '[st]k\\.eyJ[A-Za-z0-9_-]{20,400}\\.[A-Za-z0-9_-]{20,100}'),
  saas('a Shippo API token', ['shippo_'], 'shippo_(?:live|test)_[a-fA-F0-9]{40}', { minEntropy: 2 }),
  saas('an EasyPost API key', ['ezak', 'eztk'], 'EZ[AT]K[A-Za-z0-9]{54}', { minEntropy: 2 }),
  saas('a Duffel API token', ['duffel_'], 'duffel_(?:test|live)_[A-Za-z0-9_=-]{43}', { minEntropy: 2 }),
  saas('a Flutterwave secret key', ['flwseck'], 'FLWSECK(?:_TEST)?-[a-hA-H0-9]{12,32}(?:-X)?', { minEntropy: 2 }),
  saas('a Square access token', ['sq0atp-', 'sq0csp-', 'eaaa'], '(?:EAAA|sq0atp-|sq0csp-)[A-Za-z0-9_-]{22,60}', {
    minEntropy: 3.5,
    check: hasLetterAndDigit,
  }),
  saas('a Facebook page access token', ['eaam', 'eaac'], 'EAA[MC][A-Za-z0-9]{100,500}', { minEntropy: 4 }),
  saas('a Brevo (Sendinblue) API key', ['xkeysib-', 'xsmtpsib-'], 'x(?:keysib|smtpsib)-[a-f0-9]{64}-[A-Za-z0-9]{16}', {
    minEntropy: 2,
  }),
  saas('a MaxMind license key', ['_mmk'], '[A-Za-z0-9]{6}_[A-Za-z0-9]{29}_mmk', { minEntropy: 4 }),
  saas('an Adobe client secret', ['p8e-'], 'p8e-[A-Za-z0-9]{32}', { minEntropy: 2 }),
  saas('a 42 intra client secret', ['s-s4t2'], 's-s4t2(?:ud|af)-[a-f0-9]{64}'),
  saas('a Plaid access token', ['access-sandbox-', 'access-development-', 'access-production-'],
    'access-(?:sandbox|development|production)-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}'),
  saas('a Twitter (X) bearer token', ['aaaaaaaaaaaaaaaaaaaaaa'], /(?<![A-Za-z0-9])A{22}[A-Za-z0-9%]{80,120}(?![A-Za-z0-9%])/g),
  saas('a Dropbox access token', ['sl.'], /(?<![A-Za-z0-9_.])sl\.(?:u\.)?[A-Za-z0-9_=-]{130,1400}(?![A-Za-z0-9_=-])/g, {
    minEntropy: 4,
  }),
  {
    // Mailgun's newer private and signing keys have no prefix; the vendor's name must be near.
    kind: 'mailgun_api_key',
    anchors: ['mailgun'],
    pattern: /(?<![A-Za-z0-9])(?<=mailgun[^\n]{0,60}?)[a-f0-9]{32}-[a-f0-9]{8}-[a-f0-9]{8}(?![A-Za-z0-9-])/gi,
  },
];
