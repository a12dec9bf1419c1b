// curl conformance: our `inspect` against curlconverter 4.12.0's reading of
// the 108-command corpus in ../shared/corpus/curl (skipped cleanly when that
// folder is absent). For every input with an expected/ file we compare the
// first request's URL (query included, normalised by WHATWG URL), method,
// headers (names case-insensitive; -u goes to auth on both sides) and body
// (as JSON where it parses, form fields as fields).
// Where we judge the reference wrong, or the difference irrelevant for API
// examples, the input is listed in test/known-differences/curl-corpus.txt with
// a reason; a listed input that starts agreeing fails the test, so the list
// only shrinks.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { inspect } from '../src/api.js';

const ROOT = resolve(import.meta.dirname, '..');
const CORPUS = resolve(ROOT, '../shared/corpus/curl');
const KNOWN = join(ROOT, 'test/known-differences/curl-corpus.txt');

function known(): Map<string, string> {
  const m = new Map<string, string>();
  if (!existsSync(KNOWN)) return m;
  for (const line of readFileSync(KNOWN, 'utf8').split('\n')) {
    const t = line.trim();
    if (!t || t.startsWith('#')) continue;
    const [name, ...why] = t.split(/\s+/);
    m.set(name, why.join(' '));
  }
  return m;
}

function normUrl(u: string): string {
  try {
    return new URL(u).href;
  } catch {
    return u;
  }
}

function formToObject(text: string): Record<string, unknown> | null {
  if (!/^[^=&]+=/.test(text)) return null;
  const out: Record<string, unknown> = {};
  for (const [k, v] of new URLSearchParams(text)) {
    if (k in out) out[k] = ([] as unknown[]).concat(out[k], v);
    else out[k] = v;
  }
  return out;
}

function sameBody(ours: unknown, ref: Record<string, unknown>): string | null {
  const data = ref.data;
  const files = ref.files as Record<string, string> | undefined;
  if (files || (ours && typeof ours === 'object' && !Array.isArray(ours) && ref.data === undefined && !files)) {
    // multipart: their data + files against our form fields
    const want: Record<string, unknown> = { ...((data as Record<string, unknown>) ?? {}) };
    for (const [k, v] of Object.entries(files ?? {})) want[k] = '@' + v;
    const sorted = (o: unknown) => JSON.stringify(Object.entries((o as Record<string, unknown>) ?? {}).sort());
    return sorted(ours) === sorted(want) ? null : `form ${JSON.stringify(ours)} vs ${JSON.stringify(want)}`;
  }
  if (data === undefined) return ours === null || ours === undefined ? null : `body ${JSON.stringify(ours)} vs none`;
  if (typeof data === 'string') {
    if (typeof ours === 'string') return ours === data ? null : `body ${JSON.stringify(ours)} vs ${JSON.stringify(data)}`;
    try {
      return JSON.stringify(JSON.parse(data)) === JSON.stringify(ours) ? null : 'json body differs';
    } catch {
      return `body ${JSON.stringify(ours)} vs ${JSON.stringify(data)}`;
    }
  }
  // data is a parsed object: JSON body or parsed urlencoded form
  if (typeof ours === 'string') {
    const f = formToObject(ours);
    return f && JSON.stringify(f) === JSON.stringify(data) ? null : `form body ${JSON.stringify(ours)} vs ${JSON.stringify(data)}`;
  }
  return JSON.stringify(ours) === JSON.stringify(data) ? null : `json body ${JSON.stringify(ours)} vs ${JSON.stringify(data)}`;
}

async function compare(name: string): Promise<string[]> {
  const text = readFileSync(join(CORPUS, 'inputs', name + '.sh'), 'utf8').replace(/\r\n/g, '\n');
  const ref = JSON.parse(readFileSync(join(CORPUS, 'expected', name + '.json'), 'utf8'));
  const r = await inspect(text, { filename: name + '.sh' });
  if (!r.ok) return [`inspect failed: ${r.code}`];
  const call = r.calls[0] as (typeof r.calls)[number] & { basic_auth_user?: string };
  const diffs: string[] = [];
  if (normUrl(call.url) !== normUrl(ref.raw_url)) diffs.push(`url ${call.url} vs ${ref.raw_url}`);
  if (call.method.toLowerCase() !== String(ref.method).toLowerCase()) diffs.push(`method ${call.method} vs ${ref.method}`);
  const lower = (h: Record<string, string>) => Object.fromEntries(Object.entries(h ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
  const ours = lower(call.headers);
  const theirs = lower(ref.headers ?? {});
  if (JSON.stringify(Object.keys(ours).sort()) !== JSON.stringify(Object.keys(theirs).sort()))
    diffs.push(`header names ${Object.keys(ours).sort()} vs ${Object.keys(theirs).sort()}`);
  else for (const k of Object.keys(theirs)) if (ours[k] !== theirs[k]) diffs.push(`header ${k}: ${JSON.stringify(ours[k])} vs ${JSON.stringify(theirs[k])}`);
  if ((ref.auth?.user ?? undefined) !== call.basic_auth_user) diffs.push(`basic auth user ${call.basic_auth_user} vs ${ref.auth?.user}`);
  const b = sameBody(call.body, ref);
  if (b) diffs.push(b);
  return diffs;
}

describe.skipIf(!existsSync(CORPUS))('curl conformance (curlconverter corpus)', () => {
  const names = existsSync(CORPUS)
    ? readdirSync(join(CORPUS, 'expected')).filter((f) => f.endsWith('.json')).map((f) => f.slice(0, -5)).sort()
    : [];
  const k = known();

  it('agrees on at least 90% of the inputs with an expected/ reading', async () => {
    let agree = 0;
    const report: string[] = [];
    for (const n of names) {
      const d = await compare(n);
      if (!d.length) agree++;
      else if (!k.has(n)) report.push(`${n}: ${d.join('; ')}`);
    }
    expect(report, 'differences not in known-differences').toEqual([]);
    expect(agree / names.length).toBeGreaterThanOrEqual(0.9);
  });

  it('every known difference still differs and names a reason', async () => {
    const stale: string[] = [];
    for (const [n, why] of k) {
      expect(why.length, `${n} needs a reason`).toBeGreaterThan(10);
      if (names.includes(n) && !(await compare(n)).length) stale.push(n);
    }
    expect(stale, 'these now agree: remove them from known-differences').toEqual([]);
  });
});

export { compare };
