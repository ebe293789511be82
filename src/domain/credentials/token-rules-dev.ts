/**
 * Developer platforms: package registries, CI, code quality and deployment tools. Formats
 * from gitleaks' default rules (translated from RE2), plus a few vendors it lacks.
 */
import { hasLetterAndDigit } from './entropy.js';
import { bounded, type TokenRule } from './rules.js';

/** A vendor token reported under the shared kind with its own label; a string pattern gets word edges. */
export const saas = (label: string, anchors: string[], pattern: string | RegExp, extra?: Partial<TokenRule>): TokenRule => ({
  kind: 'saas_api_token',
  label,
  anchors,
  pattern: typeof pattern === 'string' ? bounded(pattern) : pattern,
  ...extra,
});

export const DEV_TOKEN_RULES: readonly TokenRule[] = [
  saas('a Clojars deploy token', ['clojars_'], 'CLOJARS_[a-z0-9]{60}'),
  saas('a RubyGems API key', ['rubygems_'], 'rubygems_[a-f0-9]{48}'),
  saas('a NuGet API key', ['oy2'], 'oy2[a-z0-9]{43}', { check: hasLetterAndDigit }),
  saas('a JFrog Artifactory API key', ['akcp'], 'AKCp[A-Za-z0-9]{69}', { minEntropy: 4.5 }),
  saas('a JFrog Artifactory reference token', ['cmvmd'], 'cmVmd[A-Za-z0-9]{59}', { minEntropy: 4.5 }),
  saas('a SonarQube token', ['squ_', 'sqp_', 'sqa_'], 'sq[upa]_[a-f0-9]{40}'),
  saas('a Sourcegraph access token', ['sgp_'], 'sgp_(?:[a-fA-F0-9]{16}_|local_)?[a-fA-F0-9]{40}'),
  saas('a Prefect API key', ['pnu_'], 'pnu_[a-zA-Z0-9]{36}', { minEntropy: 2 }),
  saas('a ReadMe API key', ['rdme_'], 'rdme_[a-z0-9]{70}'),
  saas('a Scalingo API token', ['tk-us-'], 'tk-us-[A-Za-z0-9_-]{48}'),
  saas('an Infracost API key', ['ico-'], 'ico-[a-zA-Z0-9]{32}'),
  saas('a Harness API key', ['pat.', 'sat.'], '(?:pat|sat)\\.[A-Za-z0-9_-]{22}\\.[a-zA-Z0-9]{24}\\.[a-zA-Z0-9]{20}'),
  saas('an Octopus Deploy API key', ['api-'], 'API-[A-Z0-9]{26}', { check: (t) => hasLetterAndDigit(t.slice(4)) }),
  saas('a Postman API key', ['pmak-'], 'PMAK-[a-fA-F0-9]{24}-[a-fA-F0-9]{34}'),
  saas('a Frame.io API token', ['fio-u-'], 'fio-u-[A-Za-z0-9_=-]{64}'),
  saas('a Typeform personal token', ['tfp_'], 'tfp_[A-Za-z0-9_.=-]{59}'),
  saas('a SettleMint access token', ['sm_aat_', 'sm_pat_', 'sm_sat_'], 'sm_(?:aat|pat|sat)_[a-zA-Z0-9]{16}'),
  saas('a Pulumi access token', ['pul-'], 'pul-[a-f0-9]{40}', { minEntropy: 2 }),
  saas('a PlanetScale token or password', ['pscale_'], 'pscale_(?:tkn|oauth|pw)_[A-Za-z0-9_=.-]{32,64}'),
  saas('a Supabase access token', ['sbp_'], 'sbp_[a-f0-9]{40}'),
  saas('a Supabase secret key', ['sb_secret_'], 'sb_secret_[A-Za-z0-9_-]{31,60}'),
  saas(
    'a Fly.io access token',
    ['fo1_', 'fm1', 'fm2_'],
    /(?<![A-Za-z0-9_])(?:fo1_[A-Za-z0-9_-]{43}|fm1[ar]_[a-zA-Z0-9+/]{100,3000}={0,3}|fm2_[a-zA-Z0-9+/]{100,3000}={0,3})(?![A-Za-z0-9_+/=-])/g,
    { minEntropy: 4 },
  ),
  saas('a Heroku API key', ['hrku-'], 'HRKU-AA[0-9a-zA-Z_-]{58}', { minEntropy: 4 }),
  saas('a Sentry auth token', ['sntrys_'], /(?<![A-Za-z0-9_])sntrys_eyJ[A-Za-z0-9+/=]{40,600}_[A-Za-z0-9+/]{43}(?![A-Za-z0-9+/])/g),
  saas('a Sentry user token', ['sntryu_'], 'sntryu_[a-f0-9]{64}', { minEntropy: 3.5 }),
  saas('a Grafana API key', ['eyjrijoi'], /(?<![A-Za-z0-9_])eyJrIjoi[A-Za-z0-9]{70,400}={0,3}(?![A-Za-z0-9_=])/g),
  saas('a Grafana Cloud token', ['glc_'], /(?<![A-Za-z0-9_])glc_[A-Za-z0-9+/]{32,400}={0,3}(?![A-Za-z0-9_+/=])/g),
  saas('a Grafana service account token', ['glsa_'], 'glsa_[A-Za-z0-9]{32}_[A-Fa-f0-9]{8}'),
  saas('a New Relic user API key', ['nrak-'], 'NRAK-[A-Z0-9]{27}', { check: (t) => hasLetterAndDigit(t.slice(5)) }),
  saas('a New Relic insert key', ['nrii-'], 'NRII-[A-Za-z0-9_-]{32}'),
  saas('a Dynatrace API token', ['dt0c01.'], 'dt0c01\\.[A-Za-z0-9]{24}\\.[A-Za-z0-9]{64}', { minEntropy: 4 }),
  {
    kind: 'linear_api_key',
    anchors: ['lin_api_', 'lin_oauth_'],
    pattern: bounded('lin_(?:api|oauth)_[A-Za-z0-9]{40,64}'),
    minEntropy: 2,
  },
  {
    kind: 'terraform_cloud_token',
    anchors: ['.atlasv1.'],
    pattern: bounded('[A-Za-z0-9]{14}\\.atlasv1\\.[A-Za-z0-9_=-]{60,70}'),
    minEntropy: 3.5,
  },
  {
    kind: 'doppler_token',
    anchors: ['dp.pt.', 'dp.st.', 'dp.sa.', 'dp.ct.', 'dp.scim.', 'dp.audit.'],
    pattern: bounded('dp\\.(?:pt|sa|ct|scim|audit)\\.[A-Za-z0-9]{40,44}|dp\\.st\\.(?:[a-z0-9_-]{1,40}\\.)?[A-Za-z0-9]{40,44}', 'g', '.-'),
  },
  {
    kind: 'databricks_token',
    anchors: ['dapi'],
    pattern: /(?<![A-Za-z0-9_])dapi[a-f0-9]{32}(?:-\d)?(?![A-Za-z0-9_])/g,
  },
];
