/**
 * Passwords passed on a command line: `sshpass -p '…'`, `mysql -p'…'`, `curl -u user:pass`,
 * `sqlcmd -P …`, `smbclient -U user%pass`. Each tool's own flag decides, so `ssh -p 2222`
 * (a port) or `mysql -p dbname` (a prompt, then a database) stay quiet. Every pattern starts
 * at its anchor (the tool's name; `login` of `docker login`, `sudo` of `echo … | sudo -S`,
 * with what comes before in a look-behind) and reads at most one line (or a few `\`
 * continuations) ahead.
 */
import { buildAnchorIndex } from './anchor-index.js';
import { shannonEntropy } from './entropy.js';
import { isPlaceholder, isVariable } from './placeholders.js';
import type { Candidate, Scanner } from './rules.js';

/** A quoted value, or a bare one up to whitespace or a shell operator. */
const VALUE = `(?:'([^'\\n]{1,200})'|"([^"\\n]{1,200})"|([^\\s'"\`|;<>]{1,200}))`;
/** The rest of the command line, with `\\` continuations, before the flag. */
const ARGS = '(?:[^\\n\\\\]|\\\\\\n?){0,300}?';

interface CommandRule {
  /** Lower-case tool names; the rule runs only when one occurs. */
  anchors: readonly string[];
  /** Source up to where the value starts. */
  before: string;
  /** The value's own source when VALUE does not fit; its groups hold the value. */
  value?: string;
  flags?: string;
}

const RULES: readonly CommandRule[] = [
  { anchors: ['sshpass'], before: `\\bsshpass\\s${ARGS}(?<=\\s)-p\\s?` },
  {
    anchors: ['mysql', 'mariadb'],
    // `-p` glued to its value; `-p value` means "prompt me" followed by a database name.
    before: `\\b(?:mysql|mysqldump|mysqladmin|mysqlimport|mysqlcheck|mysqlsh|mariadb|mariadb-dump)\\b${ARGS}(?<=\\s)-p(?=\\S)`,
  },
  { anchors: ['redis-cli'], before: `\\bredis-cli\\b${ARGS}(?<=\\s)(?:-a|--pass)\\s+` },
  {
    anchors: ['login'],
    before: `(?<=\\b(?:docker|podman|buildah|nerdctl|helm(?:\\s+registry)?|oras|skopeo|crane|az)\\s+)login\\b${ARGS}(?<=\\s)(?:-p|--password)[\\s=]+`,
  },
  { anchors: ['twine'], before: `\\btwine\\s+upload\\b${ARGS}(?<=\\s)(?:-p|--password)[\\s=]+` },
  { anchors: ['sqlcmd', 'bcp', 'osql', 'isql'], before: `\\b(?:sqlcmd|bcp|osql|isql)\\b${ARGS}(?<=\\s)-P\\s?` },
  { anchors: ['ipmitool'], before: `\\bipmitool\\b${ARGS}(?<=\\s)-P\\s?` },
  { anchors: ['psexec', 'rdesktop', 'mongo', 'evil-winrm'], before: `\\b(?:psexec(?:\\.exe)?|rdesktop|mongo(?:sh|dump|restore|export|import|stat|top)?|evil-winrm)\\b${ARGS}(?<=\\s)-p\\s+` },
  { anchors: ['smbclient', 'rpcclient', 'smbget', 'smbmap'], before: `\\b(?:smbclient|rpcclient|smbget|smbmap)\\b${ARGS}(?<=\\s)(?:-U|--user(?:name)?)[\\s=]?["']?[^\\s%"']{1,64}%` },
  { anchors: ['net use'], before: `\\bnet\\s+use\\b${ARGS}\\/user:[^\\s]{1,64}\\s+`, flags: 'i' },
  { anchors: ['net use'], before: `\\bnet\\s+use\\s+(?:[A-Za-z]:\\s+)?\\\\\\\\[^\\s]{1,120}\\s+(?=[^/\\s])`, flags: 'i' },
  { anchors: ['net user'], before: '\\bnet\\s+user\\s+[^\\s/]{1,64}\\s+(?=[^/*\\s])', flags: 'i' },
  { anchors: ['ldap'], before: `\\bldap(?:search|modify|add|delete|whoami|passwd|compare|modrdn)\\b${ARGS}(?<=\\s)-w\\s?` },
  { anchors: ['openssl'], before: `\\bopenssl\\b${ARGS}(?<=\\s)-(?:passin|passout|pass)\\s+pass:` },
  { anchors: ['openssl'], before: `\\bopenssl\\s+enc\\b${ARGS}(?<=\\s)-k\\s+` },
  { anchors: ['keytool', 'jarsigner'], before: `\\b(?:keytool|jarsigner)\\b${ARGS}(?<=\\s)-(?:src|dest|new)?(?:store|key)?pass(?:word)?\\s+` },
  { anchors: ['curl'], before: `\\bcurl\\b${ARGS}(?<=\\s)(?:-u|--user|-U|--proxy-user)[\\s=]+["']?[^\\s:"'$]{1,100}:` },
  { anchors: ['http ', 'https '], before: `\\bhttps?\\s${ARGS}(?<=\\s)(?:-a|--auth)[\\s=]+["']?[^\\s:"'$]{1,100}:` },
  { anchors: ['lftp'], before: `\\blftp\\b${ARGS}(?<=\\s)-u\\s+["']?[^\\s,"']{1,64},` },
  {
    // `-b` takes the password as an argument: after the user, and after the file unless `-n`.
    anchors: ['htpasswd'],
    before: '\\bhtpasswd\\s+-(?=[A-Za-z]*b)(?:[A-Za-z]*n[A-Za-z]*\\s+[^\\s-]\\S{0,63}|[A-Za-z]+\\s+\\S{1,200}\\s+[^\\s-]\\S{0,63})\\s+',
  },
  { anchors: ['zip', 'unzip'], before: `\\b(?:zip|unzip|zipcloak)\\b${ARGS}(?<=\\s)-P\\s+` },
  { anchors: ['7z', '7za'], before: `\\b7za?\\b${ARGS}(?<=\\s)-p(?=\\S)` },
  { anchors: ['xfreerdp', 'wlfreerdp', 'sdl-freerdp'], before: `\\b(?:xfreerdp|wlfreerdp|sdl-freerdp)\\b${ARGS}(?<=\\s)\\/p:` },
  { anchors: ['plink', 'pscp', 'psftp', 'putty'], before: `\\b(?:plink|pscp|psftp|putty)(?:\\.exe)?\\b${ARGS}(?<=\\s)-pw\\s+` },
  { anchors: ['cmdkey'], before: `\\bcmdkey\\b${ARGS}\\/pass:` },
  { anchors: ['snmp'], before: `\\bsnmp\\w{0,10}\\b${ARGS}(?<=\\s)-[AX]\\s+` },
  { anchors: ['nmcli'], before: `\\bnmcli\\b${ARGS}(?<=\\s)(?:password|wifi-sec\\.psk)\\s+` },
  {
    // Oracle's `user/password@database`.
    anchors: ['sqlplus', 'expdp', 'impdp', 'sqlldr', 'rman'],
    before: '\\b(?:sqlplus|expdp|impdp|sqlldr|rman)\\s+(?:-[A-Za-z]\\s+)*["\']?[A-Za-z0-9_$#]{1,64}\\/',
    value: '([^\\s@"\'/]{3,200})(?=@|\\s|["\']|$)',
  },
  {
    // `echo 'pw' | sudo -S …`: matched from `sudo`, with the value in a look-behind.
    anchors: ['sudo'],
    before: '(?<=\\b(?:echo|printf)\\s+',
    value: `${VALUE}\\s{0,3}\\|\\s{0,3})sudo(?:\\s+-\\w+)*\\s+-S\\b`,
  },
  {
    anchors: ['chpasswd'],
    before: '(?<=\\b(?:echo|printf)\\s+["\']?[\\w.-]{1,32}:',
    value: '([^\\s\'"|]{1,200})["\']?\\s{0,3}\\|\\s{0,3}(?:sudo\\s+)?)chpasswd',
  },
];

const PATTERNS = RULES.map((rule) => new RegExp(`${rule.before}${rule.value ?? VALUE}`, `yd${rule.flags ?? ''}`));
const INDEX = buildAnchorIndex(RULES.flatMap((rule, id) => rule.anchors.map((anchor) => [anchor, id] as const)));

/** Anything literal and not a prompt, variable or placeholder: the tool will use it as is. */
function isLiteralPassword(value: string): boolean {
  if (value.length < 4 || value.startsWith('-') || value.startsWith('\\')) return false;
  if (isPlaceholder(value) || isVariable(value)) return false;
  return shannonEntropy(value) >= 1.5;
}

/**
 * Occurrences of a tool closer than this to the last one tried share its search: a run of
 * `curl curl curl …` costs one bounded search per step, not one per occurrence.
 */
const STEP = 100;

function* occurrences(lower: string, anchor: string): Generator<number> {
  let coveredUntil = -1;
  for (let at = lower.indexOf(anchor); at !== -1; at = lower.indexOf(anchor, at + anchor.length)) {
    if (at < coveredUntil) continue;
    coveredUntil = at + STEP;
    yield at;
  }
}

/** Each rule's pattern is sticky and starts at its tool's name, so it runs once per occurrence. */
function scanRule(text: string, lower: string, id: number, found: Candidate[]): void {
  const pattern = PATTERNS[id];
  if (pattern === undefined) return;
  for (const anchor of RULES[id]?.anchors ?? []) {
    for (const at of occurrences(lower, anchor)) {
      pattern.lastIndex = at;
      const match = pattern.exec(text);
      if (match === null) continue;
      const group = [1, 2, 3].find((g) => match[g] !== undefined) ?? 0;
      const span = match.indices?.[group];
      const value = match[group];
      if (span === undefined || value === undefined || !isLiteralPassword(value)) continue;
      found.push({ kind: 'password_assignment', start: span[0], end: span[1] });
    }
  }
}

export const COMMAND_LINE_SCANNER: Scanner = {
  applies: () => true,
  scan(text, lower) {
    const found: Candidate[] = [];
    for (const id of INDEX.present(lower)) scanRule(text, lower, id, found);
    return found;
  },
};
