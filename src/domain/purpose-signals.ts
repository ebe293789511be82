/**
 * What a stated purpose says about the access it needs, read with a few plain patterns.
 * Deliberately simple and explainable: each signal becomes a flag or a suggestion with a
 * reason a person can check. Patterns are bounded so no input can make them slow.
 */

const READ = /\b(read|reading|view|viewing|see|look(?:ing)? (?:at|into|up)|check|checking|review|reviewing|reports?|reporting|export|download|audit|monitor|analy[sz]e|analysis|inspect|query|investigate|verify|compare)\b/;
const WRITE = /\b(edit|change|update|modify|write|create|delete|remove|refunds?|refunding|payouts?|pay|deploy|publish|fix|configure|administer|admin|manage|grant|invite|migrate|drop|insert|restore|rotate|upload|import|approve|cancel|issue|send|run|execute|restart|scale)\b/;
const ONE_OFF = /\b(one[- ]off|once|quick(?:ly)?|today|tonight|this (?:morning|afternoon|evening)|for (?:an|one) hour|a few minutes|single)\b/;
const BYPASS =
  /\b(skip|bypass|override|circumvent|disable|turn off|get around|without)\b.{0,40}?\b(approvals?|reviews?|mfa|2fa|sso|security|audit(?:ing)?|logging|polic(?:y|ies)|checks?)\b|\b(just approve|approve (?:it )?(?:asap|now|quickly)|no time for (?:approvals?|reviews?)|not (?:really )?privileged)\b/;
const SHARED_LOGIN =
  /\b(shared? (?:login|account|password|credentials?)|team (?:login|account|password)|(?:send|give|tell) me (?:the|their|your) (?:password|credentials?|login)|what(?:'s| is) the password|(?:use|borrow) (?:his|her|their|someone(?:'s| else's)|[a-z]+'s) (?:login|account|password|credentials?))\b/;
const UNSAFE_DELIVERY =
  /\b(?:by|via|over|in|on|through) (?:e-?mail|slack|(?:a )?dm|chat|text|sms|whatsapp)\b|\b(?:e-?mail|dm|slack|text|message) (?:me|it|them) (?:the )?(?:password|credentials?|login|keys?)\b/;

export interface PurposeSignals {
  /** Only reading is mentioned: a read role may be enough. */
  readOnly: boolean;
  /** A one-off task: the shortest duration may be enough. */
  oneOff: boolean;
  /** Asks to skip or bypass a control. */
  bypass: boolean;
  /** Asks for a shared login or someone's password. */
  sharedLogin: boolean;
  /** Asks for delivery by email or chat. */
  unsafeDelivery: boolean;
}

/** The longest purpose text looked at; the modal allows 3,000 characters. */
const MAX_SCAN = 3000;

export function readPurpose(purpose: string): PurposeSignals {
  const text = purpose.slice(0, MAX_SCAN).toLowerCase();
  return {
    readOnly: READ.test(text) && !WRITE.test(text),
    oneOff: ONE_OFF.test(text),
    bypass: BYPASS.test(text),
    sharedLogin: SHARED_LOGIN.test(text),
    unsafeDelivery: UNSAFE_DELIVERY.test(text) && /\b(password|credentials?|login|keys?|access|account)\b/.test(text),
  };
}
