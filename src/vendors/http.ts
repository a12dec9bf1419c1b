// The one door byok's live calls (catalogs, probe) go through.
// Guarantees: every call has a timeout and a response size cap; a redirect is
// followed only to the same origin (scheme, host and port), so a key never
// travels to another host, and a cross-origin one is reported instead; every
// failure is data naming the URL called (never a throw); any text taken from a
// response or an error passes `scrubText`, which removes every 8-character
// piece of the secrets sent and any key-shaped token (the keys sent are
// remembered by the output boundary, src/secrets/boundary.ts).
import { excerpt, rememberSecret } from '../secrets/index.js';

export const DEFAULT_TIMEOUT_MS = 15_000;
export const MAX_RESPONSE_BYTES = 8 * 1024 * 1024;
const MAX_SAME_ORIGIN_REDIRECTS = 2;

export type NetFailureKind = 'timeout' | 'tls' | 'unreachable' | 'redirect' | 'too_large' | 'bad_url';

export interface HttpOk {
  ok: true;
  url: string;
  status: number;
  headers: Headers;
  text: string;
  latency_ms: number;
}

export interface HttpFailure {
  ok: false;
  url: string;
  kind: NetFailureKind;
  /** One sentence naming the URL (scrubbed). */
  message: string;
  latency_ms: number;
}

export interface HttpRequest {
  method: 'GET' | 'POST';
  url: string;
  headers?: Record<string, string>;
  body?: string;
  timeoutMs?: number;
  maxBytes?: number;
  /** Values sent with the request (keys): never echoed back in any message. */
  secrets?: readonly string[];
}

export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h === '::1' || /^127\./.test(h);
}

/** A URL for messages: no query (a query may carry a key), no credentials. */
export function shownUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}${u.pathname}`;
  } catch {
    return '(an invalid URL)';
  }
}

/**
 * Text from a response or an error, safe to show: the secrets sent are
 * remembered by the process-wide output boundary (src/secrets/boundary.ts),
 * which then scrubs them and any key-shaped token before the text is cut to
 * one line of at most `max` characters.
 */
export function foreignText(text: string, secrets: readonly string[] = [], max = 200): string {
  for (const s of secrets) rememberSecret(s);
  return excerpt(text, max);
}

const TLS_CODES = /^(CERT_|ERR_TLS|ERR_SSL|UNABLE_TO_|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|EPROTO|HOSTNAME_MISMATCH|ERR_OSSL)/;

function classify(e: unknown): { kind: NetFailureKind; why: string } {
  const err = e as Error & { cause?: { code?: string; message?: string } };
  if (err?.name === 'TimeoutError' || err?.name === 'AbortError') return { kind: 'timeout', why: '' };
  const code = err?.cause?.code ?? '';
  if (TLS_CODES.test(code) || /certificate|ssl|tls/i.test(err?.cause?.message ?? '')) return { kind: 'tls', why: code || 'TLS handshake failed' };
  return { kind: 'unreachable', why: code || (err?.cause?.message ?? err?.message ?? 'network error').split('\n')[0] };
}

async function readCapped(res: Response, max: number): Promise<string | null> {
  if (!res.body) return '';
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel().catch(() => undefined);
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** One HTTP call with the guarantees above. Never throws. */
export async function httpCall(req: HttpRequest): Promise<HttpOk | HttpFailure> {
  const timeoutMs = req.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxBytes = req.maxBytes ?? MAX_RESPONSE_BYTES;
  const secrets = req.secrets ?? [];
  const t0 = Date.now();
  const failure = (url: string, kind: NetFailureKind, message: string): HttpFailure => ({
    ok: false,
    url: shownUrl(url),
    kind,
    message: foreignText(message, secrets, 400),
    latency_ms: Date.now() - t0,
  });
  let url: URL;
  try {
    url = new URL(req.url);
  } catch {
    return failure(req.url, 'bad_url', `${shownUrl(req.url)} is not a valid URL.`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return failure(req.url, 'bad_url', `${shownUrl(req.url)} is not an http(s) URL.`);
  const signal = AbortSignal.timeout(timeoutMs);
  for (let hop = 0; ; hop++) {
    const shown = `${req.method} ${shownUrl(url.href)}`;
    let res: Response;
    try {
      res = await fetch(url, { method: req.method, headers: req.headers, body: req.body, redirect: 'manual', signal });
    } catch (e) {
      const c = classify(e);
      if (c.kind === 'timeout') return failure(url.href, 'timeout', `${shown} got no answer within ${timeoutMs} ms.`);
      if (c.kind === 'tls') return failure(url.href, 'tls', `${shown} failed the TLS handshake (${c.why}): the certificate is not trusted or the port does not speak https.`);
      return failure(url.href, 'unreachable', `${shown} failed: ${c.why}.`);
    }
    if (res.status >= 300 && res.status < 400 && res.status !== 304) {
      const loc = res.headers.get('location');
      await res.body?.cancel().catch(() => undefined);
      let next: URL | null = null;
      try {
        next = loc ? new URL(loc, url) : null;
      } catch {
        next = null;
      }
      if (next && next.origin === url.origin && hop < MAX_SAME_ORIGIN_REDIRECTS) {
        url = next;
        continue;
      }
      const where = next ? (next.origin === url.origin ? 'again' : `to ${next.host}`) : 'without a valid Location';
      return failure(url.href, 'redirect', `${shown} answered a redirect (HTTP ${res.status}) ${where}; byok does not follow it, so the key stays with ${url.host}.`);
    }
    let text: string | null;
    try {
      text = await readCapped(res, maxBytes);
    } catch (e) {
      const c = classify(e);
      if (c.kind === 'timeout') return failure(url.href, 'timeout', `${shown} did not finish its answer within ${timeoutMs} ms.`);
      return failure(url.href, 'unreachable', `${shown} broke off its answer: ${c.why}.`);
    }
    if (text === null) return failure(url.href, 'too_large', `${shown} answered more than ${Math.round(maxBytes / 1024)} KiB; byok stops reading there.`);
    return { ok: true, url: shownUrl(url.href), status: res.status, headers: res.headers, text, latency_ms: Date.now() - t0 };
  }
}

/** The error message inside a JSON error body (`error.message`, `error`, `message`, `detail`), or null. */
export function errorMessageOf(body: unknown): string | null {
  if (!body || typeof body !== 'object') return null;
  const o = body as Record<string, unknown>;
  const e = o.error ?? o.message ?? o.detail;
  if (typeof e === 'string') return e;
  if (e && typeof e === 'object') {
    const m = (e as Record<string, unknown>).message;
    if (typeof m === 'string') return m;
  }
  if (Array.isArray(o.detail) && o.detail[0] && typeof (o.detail[0] as { msg?: unknown }).msg === 'string') return (o.detail[0] as { msg: string }).msg;
  return null;
}

export function parseJson(text: string): unknown {
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    return undefined;
  }
}
