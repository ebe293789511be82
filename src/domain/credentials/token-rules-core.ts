/**
 * The formats Latchkey has recognised from the start: cloud, chat, code hosting, payments
 * and AI vendors whose tokens carry a prefix. Translated and extended from gitleaks' rules.
 */
import { hasLetterAndDigit, shannonEntropy } from './entropy.js';
import type { TokenRule } from './rules.js';

/** Slack's doc example ends in `XXXX…`; a real webhook's last segment is random. */
const webhookSecretIsRandom = (url: string): boolean =>
  shannonEntropy(url.slice(url.lastIndexOf('/') + 1)) >= 3;

export const CORE_TOKEN_RULES: readonly TokenRule[] = [
  {
    kind: 'aws_access_key_id',
    anchors: ['akia', 'asia', 'abia', 'acca', 'a3t'],
    pattern: /(?<![A-Za-z0-9])(?:AKIA|ASIA|ABIA|ACCA|A3T[A-Z0-9])[A-Z0-9]{16}(?![A-Za-z0-9])/g,
  },
  {
    kind: 'google_api_key',
    anchors: ['aiza'],
    pattern: /(?<![A-Za-z0-9_-])AIza[0-9A-Za-z_-]{35}(?![A-Za-z0-9_-])/g,
  },
  {
    kind: 'slack_token',
    anchors: ['xox'],
    // xoxb-, xoxp-, xoxa-, xoxr-, xoxs-, xoxe- and rotating `xoxe.xoxp-`: a numeric first segment.
    pattern: /(?<![A-Za-z0-9-])(?:xoxe\.)?xox[abposre]-\d{1,20}-[A-Za-z0-9-]{8,250}(?![A-Za-z0-9-])/g,
  },
  {
    kind: 'slack_token',
    anchors: ['xapp-'],
    pattern: /(?<![A-Za-z0-9-])xapp-\d-[A-Z0-9]{8,20}-\d{6,20}-[A-Za-z0-9]{32,100}(?![A-Za-z0-9])/g,
  },
  {
    kind: 'slack_webhook',
    anchors: ['hooks.slack.com'],
    pattern:
      /(?:https?:\/\/)?hooks\.slack\.com\/(?:services|workflows|triggers)\/T[A-Z0-9]{6,12}\/[A-Za-z0-9]{6,14}\/[A-Za-z0-9/]{16,120}/g,
    check: webhookSecretIsRandom,
  },
  {
    kind: 'github_token',
    anchors: ['ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_', 'github_pat_'],
    pattern:
      /(?<![A-Za-z0-9_])(?:gh[pousr]_[A-Za-z0-9]{36}|github_pat_[A-Za-z0-9_]{60,100})(?![A-Za-z0-9_])/g,
  },
  {
    kind: 'gitlab_token',
    anchors: ['glpat-', 'gldt-', 'glrt-', 'glptt-', 'glcbt-', 'glffct-', 'glft-', 'glimt-', 'glagent-', 'gloas-', 'glsoat-'],
    pattern:
      /(?<![A-Za-z0-9_-])(?:glpat|gldt|glrt|glptt|glcbt|glffct|glft|glimt|glagent|gloas|glsoat)-[A-Za-z0-9_-]{20,300}(?:\.[A-Za-z0-9_-]{1,40}){0,2}(?![A-Za-z0-9_-])/g,
  },
  {
    kind: 'gitlab_token',
    label: 'a GitLab runner registration token',
    anchors: ['gr1348941'],
    pattern: /(?<![A-Za-z0-9_-])GR1348941[A-Za-z0-9_-]{20,40}(?![A-Za-z0-9_-])/g,
  },
  {
    kind: 'gitlab_token',
    label: 'a GitLab session cookie',
    anchors: ['_gitlab_session='],
    pattern: /(?<=_gitlab_session=)[0-9a-f]{32}(?![A-Za-z0-9])/g,
  },
  {
    kind: 'bitbucket_app_password',
    anchors: ['atbb'],
    pattern: /(?<![A-Za-z0-9])ATBB[A-Za-z0-9]{28,60}(?![A-Za-z0-9])/g,
  },
  {
    kind: 'atlassian_api_token',
    anchors: ['atatt3'],
    pattern: /(?<![A-Za-z0-9])ATATT3[A-Za-z0-9_=-]{150,260}(?![A-Za-z0-9_=-])/g,
  },
  {
    kind: 'npm_token',
    anchors: ['npm_'],
    pattern: /(?<![A-Za-z0-9_])npm_[A-Za-z0-9]{36}(?![A-Za-z0-9])/g,
  },
  {
    kind: 'pypi_token',
    anchors: ['pypi-age'],
    // The fixed part is the base64 of the macaroon's location: pypi.org or test.pypi.org.
    pattern:
      /(?<![A-Za-z0-9_-])pypi-AgE(?:IcHlwaS5vcmc|NdGVzdC5weXBpLm9yZw)[A-Za-z0-9_-]{50,1000}(?![A-Za-z0-9_-])/g,
  },
  {
    kind: 'docker_hub_token',
    anchors: ['dckr_'],
    pattern: /(?<![A-Za-z0-9_])dckr_(?:pat|oat)_[A-Za-z0-9_-]{24,60}(?![A-Za-z0-9_-])/g,
  },
  {
    kind: 'stripe_secret_key',
    anchors: ['sk_live_', 'rk_live_', 'sk_test_', 'rk_test_', 'sk_prod_', 'rk_prod_'],
    pattern: /(?<![A-Za-z0-9_])[sr]k_(?:live|test|prod)_[A-Za-z0-9]{20,247}(?![A-Za-z0-9])/g,
  },
  {
    kind: 'anthropic_api_key',
    anchors: ['sk-ant-'],
    pattern: /(?<![A-Za-z0-9_-])sk-ant-[a-z]{2,8}\d{2}-[A-Za-z0-9_-]{40,200}(?![A-Za-z0-9_-])/g,
  },
  {
    kind: 'openai_api_key',
    anchors: ['sk-'],
    pattern:
      /(?<![A-Za-z0-9_-])sk-(?:(?:proj|svcacct|admin|None)-[A-Za-z0-9_-]{40,250}|[A-Za-z0-9]{20}T3BlbkFJ[A-Za-z0-9]{20}|[A-Za-z0-9]{40,64})(?![A-Za-z0-9_-])/g,
    check: hasLetterAndDigit,
  },
  {
    kind: 'twilio_api_key',
    anchors: ['sk'],
    pattern: /(?<![A-Za-z0-9])SK[0-9a-fA-F]{32}(?![A-Za-z0-9])/g,
    check: (token) => hasLetterAndDigit(token.slice(2)),
  },
  {
    kind: 'sendgrid_api_key',
    anchors: ['sg.'],
    pattern: /(?<![A-Za-z0-9_-])SG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])/g,
  },
  {
    kind: 'mailgun_api_key',
    anchors: ['key-'],
    // The look-behind keeps Mailgun's public `pubkey-…` validation keys out.
    pattern: /(?<![A-Za-z0-9_-])key-[0-9a-f]{32}(?![A-Za-z0-9])/g,
    check: (token) => hasLetterAndDigit(token.slice(4)),
  },
  {
    kind: 'shopify_token',
    anchors: ['shpat_', 'shpca_', 'shppa_', 'shpss_'],
    pattern: /(?<![A-Za-z0-9_])shp(?:at|ca|pa|ss)_[a-fA-F0-9]{32}(?![A-Za-z0-9])/g,
  },
  {
    kind: 'hashicorp_vault_token',
    anchors: ['hvs.', 'hvb.'],
    pattern: /(?<![A-Za-z0-9_.])hv[sb]\.[A-Za-z0-9_-]{24,200}(?![A-Za-z0-9_-])/g,
    minEntropy: 3.5,
  },
  {
    kind: 'digitalocean_token',
    anchors: ['dop_v1_', 'doo_v1_', 'dor_v1_'],
    pattern: /(?<![A-Za-z0-9_])do[opr]_v1_[a-f0-9]{64}(?![A-Za-z0-9])/g,
  },
  {
    kind: 'huggingface_token',
    anchors: ['hf_', 'api_org_'],
    pattern: /(?<![A-Za-z0-9_])(?:hf|api_org)_[A-Za-z0-9]{34}(?![A-Za-z0-9_])/g,
    minEntropy: 3.5,
    check: (token) => /[A-Z]/.test(token) && /[a-z]/.test(token.slice(token.indexOf('_') + 1)),
  },
];

