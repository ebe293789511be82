/**
 * Values that sit where a secret would, or share a secret's shape, but are safe to post:
 * they are shipped to every browser or attendee, are the public half of a key pair, or are
 * ciphertext or a one-way hash. Each entry says why. The detector drops any candidate an
 * entry covers, so widening this list is a security decision: add only what the vendor
 * documents as public, never "usually harmless".
 */

export interface PublicByDesign {
  name: string;
  /** Why posting it grants nothing. */
  reason: string;
  /** The candidate value on its own is public. */
  value?: RegExp;
  /**
   * Given the whole message once, a test for the candidate at `start`..`end`: public
   * because of what surrounds it. Message-wide checks run here, not per candidate, so a
   * message with thousands of candidates stays linear.
   */
  context?: (text: string, lower: string) => ((start: number, end: number) => boolean) | undefined;
}

const MEETING_HOST_WORDS = ['zoom', 'webex', 'teams.', 'goto', 'whereby', 'bluejeans', 'chime'];
const MEETING_HOSTS = /(?:^|\.)(?:zoom\.us|zoomgov\.com|webex\.com|teams\.microsoft\.com|teams\.live\.com|gotomeeting\.com|meet\.goto\.com|whereby\.com|bluejeans\.com|chime\.aws)$/;

/** How far back a meeting link's host may be from its passcode. */
const URL_WINDOW = 400;

/** The host of the URL the candidate at `start` sits in, if it sits in one. */
function hostAround(text: string, start: number): string | undefined {
  const before = text.slice(Math.max(0, start - URL_WINDOW), start);
  const url = /https?:\/\/(?:[^\s/@]{0,100}@)?([^\s/:?#@]{1,253})[^\s]*$/.exec(before);
  return url?.[1]?.toLowerCase();
}

const isFirebaseWebConfig = (lower: string): boolean =>
  lower.includes('firebaseconfig') ||
  lower.includes('firebase.initializeapp') ||
  (lower.includes('authdomain') && lower.includes('firebaseapp.com')) ||
  (lower.includes('apikey') && lower.includes('messagingsenderid'));

const isMeetingInvite = (lower: string): boolean =>
  /meeting id|zoom\.us\/j\/|webex\.com|teams\.microsoft\.com\/l\/meetup-join|join (?:zoom|the) meeting/.test(lower);

export const PUBLIC_BY_DESIGN: readonly PublicByDesign[] = [
  {
    name: 'Firebase web config apiKey',
    reason: 'Firebase ships the web apiKey to every browser; security rules, not secrecy, protect the project.',
    context: (text, lower) => (isFirebaseWebConfig(lower) ? (start) => text.startsWith('AIza', start) : undefined),
  },
  {
    name: 'Meeting link passcode (pwd=)',
    reason: 'The passcode in a Zoom, Webex or Teams link is part of the invite every attendee gets; it opens one meeting, not an account.',
    context: (text, lower) =>
      MEETING_HOST_WORDS.some((word) => lower.includes(word))
        ? (start) => MEETING_HOSTS.test(hostAround(text, start) ?? '')
        : undefined,
  },
  {
    name: 'Meeting invite passcode',
    reason: 'A short numeric or alphanumeric passcode next to a meeting ID is copied into every invite.',
    context: (text, lower) =>
      isMeetingInvite(lower)
        ? (start, end) =>
            end - start <= 12 && /^[A-Za-z0-9]+$/.test(text.slice(start, end)) &&
            /pass ?code|password|pwd|pin/i.test(text.slice(Math.max(0, start - 24), start))
        : undefined,
  },
  { name: 'Stripe publishable key', reason: 'pk_ keys are meant for browsers and can only create tokens.', value: /^pk_(?:live|test)_/ },
  { name: 'Mapbox public token', reason: 'pk. tokens are Mapbox\'s public, URL-restricted browser tokens.', value: /^pk\.eyJ/ },
  { name: 'Mailgun public validation key', reason: 'pubkey- keys only validate addresses and are published in web forms.', value: /^pubkey-/ },
  { name: 'PostHog project key', reason: 'phc_ project keys are embedded in every page that sends events.', value: /^phc_/ },
  { name: 'New Relic browser key', reason: 'NRJS- keys are embedded in the browser agent of every page.', value: /^NRJS-/ },
  { name: 'Flutterwave and Lob public keys', reason: 'Public keys are for client-side use by design.', value: /^(?:FLWPUBK|(?:live|test)_pub_)/i },
  {
    name: 'reCAPTCHA and hCaptcha site keys',
    reason: 'Site keys are rendered into every page with the widget; the secret key is a different value.',
    context: (text, lower) =>
      lower.includes('sitekey') || lower.includes('site_key') || lower.includes('site-key')
        ? (start) => /site[-_]?key["'\s]{0,3}[:=]\s{0,3}["']?$/i.test(text.slice(Math.max(0, start - 20), start))
        : undefined,
  },
  { name: 'Google OAuth client ID', reason: 'Client IDs appear in every OAuth redirect URL.', value: /\.apps\.googleusercontent\.com$/ },
  {
    name: 'Public keys',
    reason: 'SSH, age and PGP public keys are meant to be shared; only the private half is secret.',
    value: /^(?:ssh-(?:rsa|ed25519|dss)\b|ecdsa-sha2-|sk-ecdsa-|sk-ssh-ed25519|age1[02-9ac-hj-np-z]{58}$)/,
  },
  {
    name: 'Encrypted values (SOPS, Ansible Vault, Vault transit)',
    reason: 'Ciphertext is useless without its key, which lives in a KMS or vault, not in the message.',
    value: /^(?:ENC\[AES256_GCM|\$ANSIBLE_VAULT;|vault:v\d+:)/,
  },
  {
    name: 'Salted password hashes',
    reason: 'A bcrypt, argon2 or crypt(3) hash cannot be typed in to log in (NTLM hashes can and are not listed).',
    value: /^(?:\$2[abxy]?\$\d\d\$|\$argon2(?:id|i|d)\$|\$[156]\$|\$apr1\$|\$y\$|\{SSHA\}|pbkdf2_sha256\$)/,
  },
];

const VALUE_RULES = PUBLIC_BY_DESIGN.flatMap((entry) => (entry.value === undefined ? [] : [entry.value]));

/** True for a value that is public on its own, wherever it appears. */
export function isPublicValue(value: string): boolean {
  return VALUE_RULES.some((rule) => rule.test(value));
}

/** A test, for one message, of whether the candidate at `start`..`end` is on the list. */
export function publicByDesignIn(text: string, lower: string): (start: number, end: number) => boolean {
  const inContext = PUBLIC_BY_DESIGN.flatMap((entry) => {
    const test = entry.context?.(text, lower);
    return test === undefined ? [] : [test];
  });
  return (start, end) => isPublicValue(text.slice(start, end)) || inContext.some((test) => test(start, end));
}
