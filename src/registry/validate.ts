// Field rules for a registry entry, each answering one clear sentence or null.
// Used twice: by `add` before anything is written, and by the file schema
// (./schema.ts) when custom_models.yaml is read, so a hand edit that breaks a
// rule is reported with its line and column.
// Guarantee: no message repeats a value that could hold a secret (a URL's
// user:password or query, a header value on a credential header).
import requestFields from '../generated/request-fields.js';
import { REDACTED, classifyCredential, findKeyShaped, findKeysInValue, isCredentialName } from '../secrets/index.js';
import { isLocalHost } from '../hosts.js';

/**
 * A pure check of a string, answered once per distinct string: the values of
 * a registry repeat from entry to entry (base URLs, header values), and a big
 * one is validated on the first read after every edit. Bounded: emptied when
 * it holds MEMO_SIZE answers; strings past MEMO_MAX_LEN are not remembered.
 */
const MEMO_SIZE = 4096;
const MEMO_MAX_LEN = 512;
function memoised<R>(check: (s: string) => R, size = MEMO_SIZE): (s: string) => R {
  const answers = new Map<string, R>();
  return (s) => {
    if (s.length > MEMO_MAX_LEN) return check(s);
    let r = answers.get(s);
    if (r === undefined && !answers.has(s)) {
      r = check(s);
      if (answers.size >= size) answers.clear();
      answers.set(s, r);
    }
    return r as R;
  };
}

export interface Problem {
  /** Dotted path inside the entry (`headers.X-Title`, `base_url`). */
  path: (string | number)[];
  message: string;
}

const MAX_URL = 2048;

/** One rule for every part of byok (src/hosts.ts): plain http is allowed on these hosts. */
export { isLocalHost };

/** The URL without user info, query or fragment: safe to repeat in a message. */
export function safeUrl(raw: string): string {
  try {
    const u = new URL(raw);
    return `${u.protocol}//${u.host}${u.pathname}`;
  } catch {
    return JSON.stringify(raw.replace(/[?#@].*$/s, '').slice(0, 80));
  }
}

export function checkBaseUrl(raw: unknown): string | null {
  if (typeof raw !== 'string' || raw.length === 0) return 'base_url is missing.';
  return baseUrlProblem(raw);
}

const baseUrlProblem = memoised((raw: string): string | null => {
  if (raw.length > MAX_URL) return `base_url is longer than ${MAX_URL} characters.`;
  if (/[\s\u0000-\u001f\u007f]/.test(raw)) return 'base_url contains a space or a control character.';
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    return `base_url ${safeUrl(raw)} is not an absolute URL (it needs https:// and a host).`;
  }
  if (u.username || u.password) return 'base_url must not contain credentials (user:password@); the key belongs in .env, named by api_key_env.';
  if (u.search || raw.includes('?')) return `base_url ${safeUrl(raw)} must not carry a query string; put parameters such as api-version in \`query\`, and a key in .env.`;
  if (u.hash || raw.includes('#')) return `base_url ${safeUrl(raw)} must not carry a #fragment.`;
  if (u.protocol === 'https:') return null;
  if (u.protocol === 'http:') {
    return isLocalHost(u.hostname)
      ? null
      : `base_url ${safeUrl(raw)} uses plain http on a public host; use https (http is allowed only for loopback or private hosts such as localhost or 192.168.x.x).`;
  }
  return `base_url ${safeUrl(raw)} must use https (or http on a loopback or private host), not ${u.protocol.replace(':', '')}.`;
});

/** RFC 9110 token characters. */
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const LOOKALIKES: Record<string, string> = {
  '\u2018': 'a curly quote', '\u2019': 'a curly quote', '\u201c': 'a curly quote', '\u201d': 'a curly quote',
  '\u2013': 'an en dash', '\u2014': 'an em dash', '\u00a0': 'a non-breaking space', '\u200b': 'a zero-width space',
  '\u2026': 'an ellipsis', '\ufeff': 'a byte-order mark',
};

/** The first character outside printable ASCII, described for a message. */
function badChar(s: string): string | null {
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if ((c >= 0x20 && c <= 0x7e) || c === 0x09) continue;
    const hex = `U+${c.toString(16).toUpperCase().padStart(4, '0')}`;
    const what = LOOKALIKES[ch];
    return what ? `${hex} (${what}, a common paste error from web pages; retype it as plain ASCII)` : `${hex}`;
  }
  return null;
}

const AUTH_HEADERS = new Set(requestFields.auth_headers.map((h) => h.name.toLowerCase()));
const AUTH_QUERY = new Set(requestFields.auth_query.map((q) => q.toLowerCase()));
const CREDENTIAL_NAME = /(^|[-_])(api[-_]?key|key|token|secret|password|auth|authorization|cookie)([-_]|$)/i;

export function checkHeader(name: string, value: unknown): string | null {
  if (typeof name !== 'string' || typeof value !== 'string' || name.length > MEMO_MAX_LEN) return headerProblem(name, value);
  let byValue = headerChecks.get(name);
  if (!byValue) {
    if (headerChecks.size >= 64) headerChecks.clear();
    headerChecks.set(name, (byValue = memoised((v) => headerProblem(name, v), 256)));
  }
  return byValue(value);
}
/** checkHeader's answers, per header name (64 names at most), then per value (256 per name). */
const headerChecks = new Map<string, (value: string) => string | null>();

function headerProblem(name: string, value: unknown): string | null {
  if (!HEADER_NAME.test(name)) {
    const bad = badChar(name);
    return `Header name ${JSON.stringify(name.slice(0, 60))} is not a valid HTTP header name${bad ? `: it has ${bad}` : ' (letters, digits and - only)'}.`;
  }
  // A `${NAME}` reference (optionally after a scheme) is allowed: a gateway's second credential, never a value.
  const reference = typeof value === 'string' && /^(?:[A-Za-z][\w-]* )?\$\{[A-Za-z_]\w*\}$/.test(value);
  if ((AUTH_HEADERS.has(name.toLowerCase()) || CREDENTIAL_NAME.test(name)) && !reference) {
    return `Header ${name} carries a credential; keys never go in the registry: set \`auth\` to say where the key goes and put the key in .env under api_key_env, or give the header a \${NAME} reference to a variable set in .env.`;
  }
  if (typeof value !== 'string') return `Header ${name} must have a text value.`;
  const bad = badChar(value);
  if (bad) return `Header ${name} has a character outside printable ASCII: ${bad}.`;
  if (value.length > 4096) return `Header ${name} is longer than 4096 characters.`;
  return null;
}

export function checkQueryParam(name: string, value: unknown): string | null {
  const badN = badChar(name);
  if (!name || badN) return `Query parameter name ${JSON.stringify(name.slice(0, 60))} must be printable ASCII${badN ? `; it has ${badN}` : ''}.`;
  if (AUTH_QUERY.has(name.toLowerCase())) return `Query parameter ${name} carries a key; set \`auth: {in: query, name: ${name}}\` and put the key in .env instead.`;
  if (typeof value !== 'string') return `Query parameter ${name} must have a text value.`;
  const bad = badChar(value);
  if (bad) return `Query parameter ${name} has a character outside printable ASCII: ${bad}.`;
  return null;
}

const MODEL_ID = /^[A-Za-z0-9@][A-Za-z0-9._:/@+=-]*$/;

export function checkModelId(raw: unknown): string | null {
  if (typeof raw !== 'string' || !raw) return 'upstream_model is missing.';
  if (raw.length > 200) return 'upstream_model is longer than 200 characters.';
  if (!MODEL_ID.test(raw)) {
    const bad = badChar(raw);
    return `upstream_model ${JSON.stringify(raw.slice(0, 80))} has characters outside letters, digits and . _ - : / @ + =${bad ? ` (${bad})` : ''}.`;
  }
  return null;
}

/**
 * Emoji sequences an invisible character belongs to: a zero-width joiner
 * between two pictographs (👩‍💻, 🏳️‍🌈) and the tag sequence of a subdivision
 * flag (🏴 + tags + cancel tag). Only outside these is a format character refused.
 */
const EMOJI_JOINS = /(?<=\p{Extended_Pictographic}[\u{FE0F}\u{1F3FB}-\u{1F3FF}]?)\u200D(?=\p{Extended_Pictographic})|(?<=\u{1F3F4})[\u{E0020}-\u{E007E}]+\u{E007F}/gu;

export const MAX_NAME = 100;

export function checkName(raw: unknown): string | null {
  if (typeof raw !== 'string' || !raw.trim()) return 'name is missing; pass --name with a display name.';
  if (raw.length > MAX_NAME) return `name is longer than ${MAX_NAME} characters; pass a shorter --name.`;
  // The emoji joins are taken out only when there is a format character at all (most names have none).
  if (/[\p{Cc}\p{Cf}]/u.test(raw) && /[\p{Cc}\p{Cf}]/u.test(raw.replace(EMOJI_JOINS, ''))) return 'name contains a control or invisible character; retype it with --name.';
  return null;
}

export function checkEnvName(raw: unknown): string | null {
  if (raw === null) return null;
  if (typeof raw !== 'string' || !/^[A-Z_][A-Z0-9_]{0,127}$/.test(raw)) {
    return 'api_key_env must be an environment variable name: upper-case letters, digits and _, not starting with a digit (e.g. --api-key-env ANTHROPIC_API_KEY).';
  }
  return null;
}

/**
 * A value copied from docs that still holds its placeholder: `<YOUR_SITE_URL>`,
 * `{site}` / `{{site}}` (but not a `${NAME}` variable reference), `[your app]`,
 * `YOUR_...`. The extractor warns about these in a paste; `add` refuses them.
 */
const PLACEHOLDER_VALUE = /<[A-Za-z][\w .-]*>|(?<!\$)\{\{?\s*[A-Za-z_][\w .-]*\}\}?|^\s*\[[^\]]*\]\s*$|\bYOUR[-_][A-Za-z0-9_-]*|^\s*(?:\.\.\.|…)\s*$/;

/** The placeholder in `value`, or null. */
export function placeholderIn(value: string): string | null {
  const m = PLACEHOLDER_VALUE.exec(value);
  return m ? m[0].trim() : null;
}

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** Whether checkPlainJson finds nothing, without building the paths its messages name. */
function plainJson(value: unknown, depth: number): boolean {
  if (depth > 32) return false;
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value);
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) if (!plainJson(value[i], depth + 1)) return false;
    return true;
  }
  if (typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return false;
  for (const k of Object.keys(value)) if (FORBIDDEN_KEYS.has(k) || !plainJson((value as Record<string, unknown>)[k], depth + 1)) return false;
  return true;
}

/** Plain JSON: objects, arrays, strings, finite numbers, booleans, null; no prototype-polluting keys. */
export function checkPlainJson(value: unknown, field: string, depth = 0): string | null {
  if (plainJson(value, depth)) return null;
  if (depth > 32) return `${field} is nested more than 32 levels deep.`;
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return null;
  if (typeof value === 'number') return Number.isFinite(value) ? null : `${field} holds a number that is not finite.`;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const r = checkPlainJson(value[i], `${field}[${i}]`, depth + 1);
      if (r) return r;
    }
    return null;
  }
  if (typeof value === 'object') {
    const proto = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) return `${field} is not a plain JSON object.`;
    for (const k of Object.keys(value)) {
      if (FORBIDDEN_KEYS.has(k)) return `${field} has the key ${JSON.stringify(k)}, which is not allowed (prototype pollution).`;
      const r = checkPlainJson((value as Record<string, unknown>)[k], `${field}.${k}`, depth + 1);
      if (r) return r;
    }
    return null;
  }
  return `${field} holds a ${typeof value}, which is not JSON.`;
}

/** Path of the first `__proto__`/`constructor`/`prototype` key in a JSON-like value, or null. */
export function forbiddenKeyPath(value: unknown, path: (string | number)[] = []): (string | number)[] | null {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const r = forbiddenKeyPath(value[i], [...path, i]);
      if (r) return r;
    }
  } else if (value && typeof value === 'object') {
    for (const k of Object.keys(value)) {
      if (FORBIDDEN_KEYS.has(k)) return [...path, k];
      const r = forbiddenKeyPath((value as Record<string, unknown>)[k], [...path, k]);
      if (r) return r;
    }
  }
  return null;
}

/** Every rule over a whole entry (already shaped by the schema, or about to be). */
export function entryProblems(e: Record<string, unknown>, remembered?: (s: string) => boolean): Problem[] {
  // Keys first: the other rules quote values, and a message must never carry a key.
  const secrets = secretProblems(e, remembered);
  if (secrets.length) return secrets;
  const out: Problem[] = [];
  const add = (path: (string | number)[], m: string | null) => m && out.push({ path, message: m });
  add(['name'], checkName(e.name));
  add(['upstream_model'], checkModelId(e.upstream_model));
  add(['base_url'], checkBaseUrl(e.base_url));
  add(['api_key_env'], checkEnvName(e.api_key_env ?? null));
  const auth = e.auth as { in?: string } | undefined;
  if (auth && auth.in !== 'none' && !e.api_key_env) add(['api_key_env'], 'api_key_env is missing: an endpoint that takes a key needs the name of the variable that holds it.');
  if (auth && auth.in === 'none' && e.api_key_env) add(['api_key_env'], 'api_key_env must be null when auth is none (the endpoint takes no key).');
  if (auth && auth.in !== 'none' && 'name' in auth) {
    const n = (auth as { name: unknown }).name;
    if (typeof n !== 'string' || !HEADER_NAME.test(n)) add(['auth', 'name'], 'auth.name must be a header or query parameter name (printable ASCII, no spaces).');
  }
  for (const [k, v] of Object.entries((e.headers as Record<string, unknown>) ?? {})) add(['headers', k], checkHeader(k, v));
  for (const [k, v] of Object.entries((e.query as Record<string, unknown>) ?? {})) add(['query', k], checkQueryParam(k, v));
  for (const f of ['thinking_params', 'request_params'] as const) {
    const v = e[f];
    if (v !== undefined) add([f], checkPlainJson(v, f));
    if (v !== undefined && JSON.stringify(v ?? null).length > 65536) add([f], `${f} is larger than 64 KB.`);
  }
  return out;
}

/** Field names whose value is a reference or a name, never a secret (`api_key_env` names a variable). */
const REFERENCE_FIELDS = new Set(['api_key_env', 'auth', 'key_env']);

/**
 * Secrets in an entry: key-shaped values anywhere (field names included),
 * values of credential-named headers, query parameters and request fields
 * whatever their shape, and the `<redacted>` marker, which is never a value.
 * Each problem names the field; `name` (which defaults to upstream_model) is
 * named last, so the field the user set comes first. `remembered` (the output
 * boundary's memory, for entries about to be written) adds any value sharing
 * a stretch with a secret this process has seen: what output would hide is
 * never stored.
 */
export function secretProblems(e: Record<string, unknown>, remembered?: (s: string) => boolean): Problem[] {
  if (!maySecret(e, remembered)) return [];
  const found = new Map<string, string>();
  for (const h of findKeysInValue(e)) found.set(h.path, h.hit.vendor ? ` (${h.hit.vendor} shape)` : '');
  // `path` is one stack, pushed and popped: a path is joined only for a finding.
  const path: string[] = [];
  const walk = (v: unknown, credential: boolean, depth: number) => {
    if (depth > 32) return;
    if (typeof v === 'string') {
      if (v.includes(REDACTED)) found.set(path.join('.'), ' (a value redacted by byok: the secret it held is gone)');
      else {
        const why = credential && classifyCredential(v).kind === 'secret' ? ' (by its name)' : remembered?.(v) ? ' (part of a key given earlier, or a random-looking stretch)' : null;
        if (why) {
          const p = path.join('.');
          found.set(p, found.get(p) ?? why);
        }
      }
    } else if (Array.isArray(v))
      for (let i = 0; i < v.length; i++) {
        path.push(String(i));
        walk(v[i], credential, depth + 1);
        path.pop();
      }
    else if (v && typeof v === 'object')
      for (const k of Object.keys(v)) {
        if (depth === 0 && REFERENCE_FIELDS.has(k)) continue;
        const named = depth > 0 && isCredentialName(k, path[0] === 'query' ? 'query' : 'any');
        path.push(k);
        walk((v as Record<string, unknown>)[k], credential || named, depth + 1);
        path.pop();
      }
  };
  walk(e, false, 0);
  const paths = [...found.keys()].sort((a, b) => Number(a === 'name') - Number(b === 'name'));
  if (!paths.length) return [];
  const redactedOnly = paths.every((p) => found.get(p)!.includes('redacted by byok'));
  const fields = paths.length === 1 ? `${paths[0]} holds` : `${paths.slice(0, -1).join(', ')} and ${paths[paths.length - 1]} hold`;
  return [
    {
      path: paths[0].split('.'),
      message: redactedOnly
        ? `${fields} <redacted>, the mark byok leaves where a secret was; it is never stored: set the real value through a variable, or leave the field out.`
        : `${fields} what looks like an API key or other secret${found.get(paths[0])}; keys never go in the registry: store it in .env under api_key_env through your secure-input tool, and revoke it if it was pasted anywhere.`,
    },
  ];
}

/**
 * Whether secretProblems can find anything in an entry: one walk over what
 * both of its walks see (findKeysInValue's strings and field names to depth
 * 64; the credential, redaction-mark and remembered checks to depth 32,
 * outside REFERENCE_FIELDS), building no path. Most entries hold nothing;
 * only those that may are walked again to name the fields.
 */
function maySecret(e: Record<string, unknown>, remembered?: (s: string) => boolean): boolean {
  const scan = (v: unknown, credential: boolean, depth: number, query: boolean, full: boolean): boolean => {
    if (depth > 64) return false;
    if (typeof v === 'string') {
      if (findKeyShaped(v)) return true;
      if (!full || depth > 32) return false;
      return v.includes(REDACTED) || (credential && classifyCredential(v).kind === 'secret') || !!remembered?.(v);
    }
    if (!v || typeof v !== 'object') return false;
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) if (scan(v[i], credential, depth + 1, query, full)) return true;
      return false;
    }
    for (const k of Object.keys(v)) {
      if (findKeyShaped(k)) return true;
      const inQuery = depth === 0 ? k === 'query' : query;
      const named = full && depth > 0 && depth <= 32 && isCredentialName(k, inQuery ? 'query' : 'any');
      if (scan((v as Record<string, unknown>)[k], credential || named, depth + 1, inQuery, full && !(depth === 0 && REFERENCE_FIELDS.has(k)))) return true;
    }
    return false;
  };
  return scan(e, false, 0, false, true);
}
