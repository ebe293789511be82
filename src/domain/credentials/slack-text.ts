/**
 * Slack's message text is a markup: `&`, `<` and `>` typed by people arrive as entities, and
 * links arrive as `<url|label>`. Secrets hide inside both (a pasted `https://bob:pw@host`
 * is auto-linked; a query string's `&` is escaped), so detection runs on the decoded text.
 */

const ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>' };

/**
 * One pass over the raw text: a `<…>` here is always Slack markup (people's own `<` arrive
 * as `&lt;`), so decoding and unwrapping together never re-reads decoded characters.
 * Lengths are bounded and the classes exclude `<`, so a failed attempt stops at the next `<`.
 */
const MARKUP = /<([^<>|\n]{1,4000})(?:\|([^<>\n]{0,4000}))?>|&(amp|lt|gt);/g;

/** A link target starts with a scheme; mentions (`@`), channels (`#`) and specials (`!`) do not. */
const LINK_TARGET = /^[A-Za-z][A-Za-z0-9+.-]{0,30}:/;

function decodeEntities(text: string): string {
  return text.replace(/&(amp|lt|gt);/g, (_m, name: string) => ENTITIES[name] ?? '');
}

/** Drops the scheme and a trailing slash so `example.com` matches `https://example.com/`. */
function displayForm(url: string): string {
  return url.replace(/^[A-Za-z][A-Za-z0-9+.-]{0,30}:(?:\/\/)?/, '').replace(/\/$/, '');
}

function unwrapLink(rawTarget: string, rawLabel: string | undefined): string {
  const url = decodeEntities(rawTarget);
  if (rawLabel === undefined) return url;
  const label = decodeEntities(rawLabel);
  // Auto-links repeat the URL as their label; a label that says something else is kept,
  // because people can type a secret into it.
  if (label === '' || url.includes(label) || displayForm(url) === displayForm(label)) return url;
  return `${label} ${url}`;
}

/**
 * Decodes Slack's escaping and unwraps links, keeping the URL. Mentions, channel links and
 * special commands (`<@U123>`, `<#C123|ops>`, `<!here>`) are left as they are: no rule
 * matches them.
 */
export function decodeSlackText(text: string): string {
  if (!text.includes('<') && !text.includes('&')) return text;
  return text.replace(
    MARKUP,
    (whole, target: string | undefined, label: string | undefined, entity: string | undefined) => {
      if (entity !== undefined) return ENTITIES[entity] ?? whole;
      if (target === undefined || !LINK_TARGET.test(target)) return whole;
      return unwrapLink(target, label);
    },
  );
}
