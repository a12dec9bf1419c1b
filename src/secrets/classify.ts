// Classification: tells a value at a credential site (auth header, api_key=,
// ?key=) apart: empty, a dummy ("no auth") sentinel, a placeholder or
// reference, or a secret. Knowledge: grammar/placeholders.yaml and the shape
// table. Method: shared/research/secrets.md §4.
import placeholderData from '../generated/placeholders.js';
import { matchShape, entropy } from './shapes.js';
import { lowerCaseRegExp, trimEndOf } from '../text.js';

const PLACEHOLDERS = placeholderData.patterns.map((p) => new RegExp(p, 'i'));
const ENV_NAME_LITERAL = new RegExp(placeholderData.env_name);
const STRONG = placeholderData.strong_patterns.map((p) => new RegExp(p, 'i'));
const DUMMY = new Set(placeholderData.dummy_keys.map((k) => k.toLowerCase()));
// Matched against lower-cased names only (credentialName).
const CRED_ANY = lowerCaseRegExp(placeholderData.credential_names.any);
const CRED_QUERY = lowerCaseRegExp(placeholderData.credential_names.query);
const NOT_SECRET = new Set(placeholderData.credential_names.not_secret);
const SIGNATURE = new RegExp(placeholderData.credential_names.signature, 'i');

/** A query parameter that carries a signature of one URL (`sig`, `X-Amz-Signature`): a secret, but never the request's auth. */
export function isSignatureName(name: string): boolean {
  return SIGNATURE.test(String(name).trim());
}

/**
 * Whether a header, query parameter, cookie, body field or flag so named holds
 * a credential whatever its value looks like (grammar/placeholders.yaml
 * credential_names). `query` adds the names only query strings use that way
 * (`code`, `sig`).
 */
export function isCredentialName(name: string, position: 'any' | 'query' = 'any'): boolean {
  if (typeof name !== 'string' || name.length > 256) return credentialName(String(name), position);
  // Answered once per distinct name (a registry repeats its field names in every entry); bounded.
  const memo = position === 'query' ? queryNames : anyNames;
  let r = memo.get(name);
  if (r === undefined) {
    r = credentialName(name, position);
    if (memo.size >= 4096) memo.clear();
    memo.set(name, r);
  }
  return r;
}
const anyNames = new Map<string, boolean>();
const queryNames = new Map<string, boolean>();

function credentialName(name: string, position: 'any' | 'query'): boolean {
  const n = name.trim().toLowerCase();
  if (!n || NOT_SECRET.has(n)) return false;
  return CRED_ANY.test(n) || (position === 'query' && CRED_QUERY.test(n));
}

export type KeyClass =
  | { kind: 'empty' }
  | { kind: 'dummy' }
  | { kind: 'placeholder'; likely_env?: string }
  | { kind: 'secret'; shape: string | null; vendor: string | null };

/** Strips quotes, an auth scheme and punctuation around a credential value. */
export function normaliseCredential(v: string): string {
  return trimEndOf(
    v
      .trim()
      .replace(/^["'`]|["'`]$/g, '')
      .replace(/^(Bearer|Token|Basic|Api-Key|Key)\s+/i, ''),
    ',;',
  ).trim();
}

/** For shape-valid values: only template markers, elisions, long runs or sequences make them placeholders. */
export function isStrongPlaceholder(v: string): boolean {
  return STRONG.some((re) => re.test(v));
}

export function isPlaceholder(v: string): boolean {
  return ENV_NAME_LITERAL.test(v) || PLACEHOLDERS.some((re) => re.test(v));
}

/** The variable a placeholder such as `<TOGETHER_API_KEY>` or `"GEMINI_API_KEY"` points at. */
function likelyEnv(v: string): string | undefined {
  // <YOUR_XAI_API_KEY> / YOUR_GROQ_API_KEY_HERE point at XAI_API_KEY / GROQ_API_KEY.
  const inner = v.replace(/^[<[{$%(]+|[>\]}%)]+$/g, '').replace(/^\$\{?|\}$/g, '').replace(/^(YOUR|MY)_/i, '').replace(/_HERE$/i, '');
  const generic = /^(API_KEY|API_TOKEN|ACCESS_TOKEN|SECRET_KEY|AUTH_TOKEN|ACCESS_KEY)$/;
  return ENV_NAME_LITERAL.test(inner) && /KEY|TOKEN|SECRET/.test(inner) && !generic.test(inner) ? inner : undefined;
}

/**
 * Classifies a value found at a credential site (auth header, api_key=, ?key=).
 * Conservative: anything that is neither empty, a dummy nor a placeholder and
 * is long enough to be a key counts as a secret.
 */
export function classifyCredential(raw: string): KeyClass {
  const v = normaliseCredential(raw);
  if (!v) return { kind: 'empty' };
  if (DUMMY.has(v.toLowerCase())) return { kind: 'dummy' };
  // Past any key's length the placeholder patterns are not run (bounded work): a token is a secret, prose is not.
  if (v.length > 1024) return /\s/.test(v) || !/[0-9]/.test(v) ? { kind: 'placeholder' } : { kind: 'secret', shape: null, vendor: null };
  const shape = matchShape(v);
  if (shape && !isStrongPlaceholder(v)) return { kind: 'secret', shape: shape.id, vendor: shape.vendor };
  if (isPlaceholder(v)) return { kind: 'placeholder', likely_env: likelyEnv(v) };
  if (/\s/.test(v)) {
    // A key split by a space or NBSP: a secret when a piece is one, or the pieces joined match a shape.
    const pieces = v.split(/\s+/).filter(Boolean);
    if (pieces.some((p) => p.length >= 8 && classifyCredential(p).kind === 'secret' && !/^[A-Za-z]+$/.test(p))) return { kind: 'secret', shape: null, vendor: null };
    const joined = matchShape(pieces.join(''));
    if (joined) return { kind: 'secret', shape: joined.id, vendor: joined.vendor };
    return { kind: 'placeholder', likely_env: likelyEnv(v) };
  }
  if (v.length >= 8 && /[0-9]/.test(v) && /[A-Za-z]/.test(v)) return { kind: 'secret', shape: null, vendor: null };
  if (v.length >= 16 && entropy(v) >= 3.0) return { kind: 'secret', shape: null, vendor: null };
  return { kind: 'placeholder', likely_env: likelyEnv(v) };
}

