/**
 * The kinds of credential the detector names, the words shown to people for each, and how
 * specific each is. Specificity settles overlaps: `password: ghp_…` is one GitHub token,
 * not a GitHub token and a password.
 */

export const CREDENTIAL_KINDS = [
  'private_key',
  'gcp_service_account',
  'aws_access_key_id',
  'aws_secret_access_key',
  'google_api_key',
  'azure_storage_key',
  'azure_sas_token',
  'slack_token',
  'slack_webhook',
  'github_token',
  'gitlab_token',
  'bitbucket_app_password',
  'atlassian_api_token',
  'npm_token',
  'pypi_token',
  'docker_hub_token',
  'stripe_secret_key',
  'openai_api_key',
  'anthropic_api_key',
  'twilio_api_key',
  'twilio_auth_token',
  'sendgrid_api_key',
  'mailgun_api_key',
  'datadog_api_key',
  'shopify_token',
  'hashicorp_vault_token',
  'digitalocean_token',
  'huggingface_token',
  'discord_token',
  'discord_webhook',
  'teams_webhook',
  'telegram_bot_token',
  'terraform_cloud_token',
  'doppler_token',
  'databricks_token',
  'linear_api_key',
  'okta_api_token',
  'age_secret_key',
  'saas_api_token',
  'otp_secret',
  'recovery_codes',
  'jwt',
  'database_url',
  'basic_auth_url',
  'authorization_header',
  'secret_assignment',
  'password_assignment',
] as const;

export type CredentialKind = (typeof CREDENTIAL_KINDS)[number];

export interface CredentialFinding {
  kind: CredentialKind;
  /** Words for people: "That looks like {label}". */
  label: string;
  /** Offsets into the decoded text; the secret itself is never copied into a finding. */
  start: number;
  end: number;
}

/** Labels read after "That looks like". */
export const CREDENTIAL_LABELS: Readonly<Record<CredentialKind, string>> = {
  private_key: 'a private key',
  gcp_service_account: 'a Google Cloud service-account key',
  aws_access_key_id: 'an AWS access key ID',
  aws_secret_access_key: 'an AWS secret access key',
  google_api_key: 'a Google API key',
  azure_storage_key: 'an Azure storage or shared access key',
  azure_sas_token: 'an Azure shared access signature',
  slack_token: 'a Slack token',
  slack_webhook: 'a Slack webhook URL',
  github_token: 'a GitHub token',
  gitlab_token: 'a GitLab token',
  bitbucket_app_password: 'a Bitbucket app password',
  atlassian_api_token: 'an Atlassian API token',
  npm_token: 'an npm access token',
  pypi_token: 'a PyPI API token',
  docker_hub_token: 'a Docker Hub access token',
  stripe_secret_key: 'a Stripe secret key',
  openai_api_key: 'an OpenAI API key',
  anthropic_api_key: 'an Anthropic API key',
  twilio_api_key: 'a Twilio API key',
  twilio_auth_token: 'a Twilio auth token',
  sendgrid_api_key: 'a SendGrid API key',
  mailgun_api_key: 'a Mailgun API key',
  datadog_api_key: 'a Datadog API or application key',
  shopify_token: 'a Shopify access token',
  hashicorp_vault_token: 'a Vault token',
  digitalocean_token: 'a DigitalOcean token',
  huggingface_token: 'a Hugging Face token',
  discord_token: 'a Discord bot token',
  discord_webhook: 'a Discord webhook URL',
  teams_webhook: 'a Microsoft Teams or Power Automate webhook URL',
  telegram_bot_token: 'a Telegram bot token',
  terraform_cloud_token: 'a Terraform Cloud token',
  doppler_token: 'a Doppler token',
  databricks_token: 'a Databricks token',
  linear_api_key: 'a Linear API key',
  okta_api_token: 'an Okta API token',
  age_secret_key: 'an age secret key',
  saas_api_token: 'a service API token',
  otp_secret: 'a two-factor (TOTP) secret',
  recovery_codes: 'a list of two-factor recovery codes',
  jwt: 'a JSON Web Token',
  database_url: 'a database URL with a password in it',
  basic_auth_url: 'a URL with a username and password in it',
  authorization_header: 'an Authorization header with a credential',
  secret_assignment: 'an API key or secret',
  password_assignment: 'a password',
};

/**
 * Higher wins when two findings overlap. Formats with a vendor prefix are near-certain;
 * keyword-and-shape rules come next; free-text phrasing is the weakest evidence.
 */
export function specificity(kind: CredentialKind): number {
  switch (kind) {
    case 'gcp_service_account':
      return 100;
    case 'private_key':
      return 95;
    case 'aws_secret_access_key':
    case 'twilio_auth_token':
    case 'datadog_api_key':
      return 80;
    case 'jwt':
      return 70;
    case 'database_url':
      return 60;
    case 'basic_auth_url':
      return 55;
    case 'authorization_header':
      return 50;
    case 'secret_assignment':
      return 20;
    case 'password_assignment':
      return 10;
    default:
      return 90;
  }
}
