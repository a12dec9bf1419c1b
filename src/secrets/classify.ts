// Classification: tells a value at a credential site (auth header, api_key=,
// ?key=) apart: empty, a dummy ("no auth") sentinel, a placeholder or
// reference, or a secret. Knowledge: grammar/placeholders.yaml and the shape
// table. Method: shared/research/secrets.md §4.
import placeholderData from '../generated/placeholders.js';
import { matchShape, entropy } from './shapes.js';

const PLACEHOLDERS = placeholderData.patterns.map((p) => new RegExp(p, 'i'));
const ENV_NAME_LITERAL = new RegExp(placeholderData.env_name);
const STRONG = placeholderData.strong_patterns.map((p) => new RegExp(p, 'i'));
const DUMMY = new Set(placeholderData.dummy_keys.map((k) => k.toLowerCase()));

export type KeyClass =
  | { kind: 'empty' }
  | { kind: 'dummy' }
  | { kind: 'placeholder'; likely_env?: string }
  | { kind: 'secret'; shape: string | null; vendor: string | null };

/** Strips quotes, an auth scheme and punctuation around a credential value. */
export function normaliseCredential(v: string): string {
  return v
    .trim()
    .replace(/^["'`]|["'`]$/g, '')
    .replace(/^(Bearer|Token|Basic|Api-Key|Key)\s+/i, '')
    .replace(/[,;]+$/, '')
    .trim();
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
  const shape = matchShape(v);
  if (shape && !isStrongPlaceholder(v)) return { kind: 'secret', shape: shape.id, vendor: shape.vendor };
  if (isPlaceholder(v) || /\s/.test(v)) return { kind: 'placeholder', likely_env: likelyEnv(v) };
  if (v.length >= 8 && /[0-9]/.test(v) && /[A-Za-z]/.test(v)) return { kind: 'secret', shape: null, vendor: null };
  if (v.length >= 16 && entropy(v) >= 3.0) return { kind: 'secret', shape: null, vendor: null };
  return { kind: 'placeholder', likely_env: likelyEnv(v) };
}

