// Lookups over the compiled vendor and protocol data (grammar/endpoints.yaml,
// grammar/hosts.yaml, grammar/request-fields.yaml, vendors/*.yaml), built once
// per process. The extractor asks these; it holds no vendor names itself.
import { lowerCaseRegExp, refersToGroups, trimEndOf } from '../text.js';
import endpointsData from '../generated/endpoints.js';
import hostsData from '../generated/hosts.js';
import fieldsData from '../generated/request-fields.js';
import vendorsData from '../generated/vendors.js';
import type { Protocol } from '../data/schemas.js';

export type ProtocolMapping = (typeof endpointsData.mappings)[number];
const MAPPINGS = new Map(endpointsData.mappings.map((m) => [m.protocol, m]));
/** How a sample in a non-wire protocol becomes a draft, or undefined for the wires themselves. */
export function protocolMapping(p: Protocol): ProtocolMapping | undefined {
  return MAPPINGS.get(p);
}

export interface EndpointMatch {
  protocol: Protocol;
  /** The API root's path (no trailing slash). */
  basePath: string;
  /** The endpoint part that was cut off. */
  endpointPath: string;
  model?: string;
  /** The endpoint's own label for warnings (grammar/endpoints.yaml), if it has one. */
  label?: string;
}

const ENDPOINTS = endpointsData.endpoints.map((e) => ({ ...e, re: new RegExp(`^${e.path}/?$`), needs: literalAfterBase(e.path) }));

/**
 * The literal text that follows an endpoint pattern's `(?<base>...)` group
 * (`/chat/completions` in `(?<base>.*?)/chat/completions`): a path that does
 * not hold it cannot match, and its pattern is not run. Letters, digits, `_`,
 * `-`, `/` and `:` only; a character a quantifier follows is left out; null
 * when there are fewer than 3 (or no base group first).
 */
export function literalAfterBase(pattern: string): string | null {
  if (!pattern.startsWith('(?<base>')) return null;
  let depth = 0;
  let i = 0;
  for (; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') i++;
    else if (c === '[') {
      const end = pattern.indexOf(']', i + 2);
      if (end < 0) return null;
      i = end;
    } else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) break;
  }
  const from = ++i;
  while (i < pattern.length && isLiteralChar(pattern.charCodeAt(i))) i++;
  const quantified = '?*+{'.includes(pattern[i] ?? '.');
  const lit = pattern.slice(from, quantified ? i - 1 : i);
  return lit.length >= 3 ? lit : null;
}

/** A letter, digit, `_`, `-`, `/` or `:`: a character that stands for itself in an endpoint pattern. */
function isLiteralChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 58) || c === 95 || c === 45 || c === 47;
}

export function matchEndpoint(path: string): EndpointMatch | null {
  for (let k = 0; k < ENDPOINTS.length; k++) {
    const e = ENDPOINTS[k];
    if (e.needs !== null && !path.includes(e.needs)) continue;
    const m = e.re.exec(path);
    if (!m) continue;
    const basePath = trimEndOf(m.groups?.base ?? '', '/');
    const model = e.model_group ? m.groups?.[e.model_group] : undefined;
    return { protocol: e.protocol, basePath, endpointPath: path.slice(basePath.length), model: model ? safeDecode(model) : undefined, label: e.label };
  }
  return null;
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

export type HostInfo = (typeof hostsData.hosts)[number];
const HOSTS = hostsData.hosts;
/** Each pattern entry's own pattern (matched against lower-cased names only), made when first tested: most entries are literal names, looked up in a map. */
const HOST_RES: Array<RegExp | undefined> = [];
const hostRe = (i: number): RegExp => (HOST_RES[i] ??= lowerCaseRegExp(`^(?:${HOSTS[i].host})$`));
// Most entries are one literal host name (`api\.openai\.com`): those are looked up in a map
// (name -> their indices, in table order); only the others are tested one by one. The answer
// is the same as testing every entry in order: the first entry that matches.
const LITERAL_HOST = /^(?:[a-z0-9-]|\\\.)+$/;
const HOSTS_BY_NAME = new Map<string, number[]>();
const HOST_PATTERNS: number[] = [];
HOSTS.forEach((h, i) => {
  if (!LITERAL_HOST.test(h.host)) HOST_PATTERNS.push(i);
  else {
    const name = h.host.replace(/\\\./g, '.');
    const list = HOSTS_BY_NAME.get(name);
    if (list) list.push(i);
    else HOSTS_BY_NAME.set(name, [i]);
  }
});

/**
 * The pattern entries as one alternation: a name none of them matches (most hosts) skips the
 * loop over them. Null when a pattern refers to a group or names one (joined, the numbers would
 * shift or the names clash).
 */
const ANY_HOST_PATTERN = HOST_PATTERNS.some((i) => refersToGroups(HOSTS[i].host))
  ? null
  : lowerCaseRegExp(`^(?:${HOST_PATTERNS.map((i) => `(?:${HOSTS[i].host})`).join('|') || '(?!)'})$`);

/**
 * The pattern entries (in table order) that match a name of the table: data, worked out on
 * the name's first lookup (at most one list per table name), so that a vendor's own host
 * skips the joined pattern of every wildcard entry.
 */
const PATTERNS_FOR_NAME = new Map<string, number[]>();
function patternsMatching(name: string): number[] {
  let r = PATTERNS_FOR_NAME.get(name);
  if (!r) PATTERNS_FOR_NAME.set(name, (r = HOST_PATTERNS.filter((i) => hostRe(i).test(name))));
  return r;
}

/** The vendor entry for a URL host (`host[:port]`); entries with a port match only that port. */
export function hostInfo(host: string): HostInfo | null {
  // `name[:port]`: the port is the digits after the last colon (none when other characters
  // follow it), and brackets around an IPv6 name go; with string calls, not two patterns.
  let name = host.toLowerCase();
  let port: number | undefined;
  const colon = name.lastIndexOf(':');
  if (colon >= 0 && colon + 1 < name.length && allDigits(name, colon + 1)) {
    port = Number(name.slice(colon + 1));
    name = name.slice(0, colon);
  }
  if (name.charCodeAt(0) === 91) name = name.slice(1);
  if (name.charCodeAt(name.length - 1) === 93) name = name.slice(0, -1);
  const portOk = (x: (typeof HOSTS)[number]) => x.port === undefined || x.port === port;
  let best = -1;
  const named = HOSTS_BY_NAME.get(name);
  if (named)
    for (let k = 0; k < named.length; k++) {
      const i = named[k];
      if (!portOk(HOSTS[i])) continue;
      best = i;
      break;
    }
  // A name of the table: only the pattern entries that match it (worked out once per name) can come first.
  if (named) {
    const patterns = patternsMatching(name);
    for (let k = 0; k < patterns.length; k++) {
      const i = patterns[k];
      if (best >= 0 && i > best) break;
      if (portOk(HOSTS[i])) {
        best = i;
        break;
      }
    }
    return best >= 0 ? HOSTS[best] : null;
  }
  // The joined test only when a pattern entry could come first.
  if (HOST_PATTERNS.length && (!ANY_HOST_PATTERN || ANY_HOST_PATTERN.test(name))) for (const i of HOST_PATTERNS) {
    if (hostRe(i).test(name) && portOk(HOSTS[i])) {
      best = i;
      break;
    }
  }
  return best >= 0 ? HOSTS[best] : null;
}

function allDigits(s: string, from: number): boolean {
  for (let i = from; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

const CURATED = new Set(vendorsData.map((v) => String((v as { vendor?: unknown }).vendor ?? (v as { id?: unknown }).id ?? '')));
export function isCuratedVendor(vendor: string): boolean {
  return CURATED.has(vendor);
}

const STANDARD: Record<string, Set<string>> = Object.fromEntries(
  Object.entries(fieldsData.standard).map(([k, v]) => [k, new Set(v)]),
);
export function isStandardField(protocol: Protocol, field: string): boolean {
  return STANDARD[protocol]?.has(field) ?? false;
}
export const PER_CALL = new Set(fieldsData.per_call);
export const CLIENT_HEADERS = new Set(fieldsData.client_headers.map((h) => h.toLowerCase()));
/** Lower-case header name -> its canonical spelling and default scheme. */
export const AUTH_HEADERS = new Map(fieldsData.auth_headers.map((h) => [h.name.toLowerCase(), h]));
export const AUTH_QUERY = new Set(fieldsData.auth_query);
/** Lower-case header name -> a gateway's own credential header (kept as a `${NAME}` reference). */
export const GATEWAY_AUTH_HEADERS = new Map((fieldsData.gateway_auth_headers ?? []).map((h) => [h.name.toLowerCase(), h]));
