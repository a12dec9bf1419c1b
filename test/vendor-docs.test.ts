// Conformance against the labelled real samples in ../shared/corpus/vendor-docs
// (copied from vendor docs and SDK READMEs; see its manifest.yaml for the
// labelling conventions). Skips cleanly when the corpus is absent: it is not
// part of this repository and is never copied into it.
//
// Each sample goes through parseExample (intake, front-end, extractor) and is
// compared on five things: base_url, upstream_model, wire, auth and
// detected.key_env (the manifest's `api_key_env`), each against `expected`
// or, where the manifest gives one, any of its `accept` alternatives.
//
// How the comparison is made fair:
// - wire `openai` / `anthropic`: the result must be ok and match on all five.
//   `auth: null` in the label is not checked (a fragment with no client);
//   `{in: none}` compares without its null name/scheme.
// - a label wire in another protocol (openai-responses, gemini, ollama,
//   dashscope) means the sample is not in a wire a draft can have. Passing
//   is either a clear refusal (ok:false, code unsupported_protocol) or a
//   draft mapped to openai/anthropic with a `mapped_protocol` warning whose
//   upstream_model and key_env match. base_url and auth are only compared
//   for openai-responses (the mapping keeps the same root and header); for
//   the others the mapped root is the vendor's compatible endpoint, which the
//   label does not give.
// - `accept.ok: [true, false]`, `expected.base_url: null` with a
//   `base_url_env` (the host is only a variable), and a labelled base_url that
//   keeps a placeholder (`{account_id}`, `$REGION`: the manifest keeps them
//   literally, DESIGN.md refuses them) also accept a refusal with code
//   unresolved_base_url.
//
// Known failures: test/known-failures/vendor-docs.txt, one `FILE  reason` per
// line. A listed sample must still fail (else the test says to remove its
// line); an unlisted one must pass. The pass rate per language is printed.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseExample } from '../src/api.js';

const ROOT = resolve(import.meta.dirname, '..');
const CORPUS = resolve(ROOT, '../shared/corpus/vendor-docs');
const KNOWN = join(ROOT, 'test/known-failures/vendor-docs.txt');

interface Auth {
  in: string;
  name?: string | null;
  scheme?: string | null;
}
interface Entry {
  file: string;
  language: string;
  expected: {
    base_url: string | null;
    base_url_env?: string;
    upstream_model: string | null;
    wire: string;
    auth: Auth | null;
    api_key_env: string | null;
  };
  accept?: Partial<Record<'base_url' | 'upstream_model' | 'wire' | 'api_key_env' | 'auth' | 'ok', unknown[]>>;
}

function knownFailures(): Map<string, string> {
  const out = new Map<string, string>();
  if (!existsSync(KNOWN)) return out;
  for (const line of readFileSync(KNOWN, 'utf8').split('\n')) {
    const t = line.trim();
    if (!t || t.startsWith('#')) continue;
    const m = /^(\S+)\s+(.+)$/.exec(t);
    out.set(m ? m[1] : t, m ? m[2] : '');
  }
  return out;
}

const normAuth = (a: unknown): unknown => {
  if (!a || typeof a !== 'object') return a ?? null;
  const x = a as Auth;
  return x.in === 'none' ? { in: 'none' } : { in: x.in, name: x.name ?? null, scheme: x.scheme ?? null };
};
const same = (a: unknown, b: unknown) => JSON.stringify(normAuth(a)) === JSON.stringify(normAuth(b));

/** The mismatches of one result against its labels; empty when it passes. */
function compare(e: Entry, r: any): string[] {
  const ex = e.expected;
  const acc = e.accept ?? {};
  const ok = (key: keyof Entry['expected'] & keyof NonNullable<Entry['accept']>, got: unknown, isAuth = false): string[] => {
    const want = [ex[key], ...((acc[key] as unknown[]) ?? [])];
    const hit = want.some((w) => (isAuth ? same(w, got) : w === got));
    return hit ? [] : [`${key}: got ${JSON.stringify(got)}, want ${want.map((w) => JSON.stringify(w)).join(' | ')}`];
  };
  const refusalOk =
    (Array.isArray(acc.ok) && acc.ok.includes(false)) ||
    (ex.base_url === null && typeof ex.base_url_env === 'string') ||
    /\{[A-Za-z_]\w*\}|\$\{?[A-Za-z_]\w*/.test(ex.base_url ?? '');
  const native = !['openai', 'anthropic'].includes(ex.wire);
  if (!r.ok) {
    if (native && r.code === 'unsupported_protocol') return [];
    if (refusalOk && r.code === 'unresolved_base_url') return [];
    return [`refused: ${r.code}`];
  }
  const d = r.draft;
  const out: string[] = [];
  if (native) {
    if (!['openai', 'anthropic'].includes(d.wire)) out.push(`wire: got ${d.wire}`);
    if (!r.warnings?.some((w: any) => w.code === 'mapped_protocol')) out.push('mapped to another wire without a mapped_protocol warning');
    if (ex.wire === 'openai-responses') {
      out.push(...ok('base_url', d.base_url));
      if (ex.auth) out.push(...ok('auth', d.auth, true));
    }
  } else {
    out.push(...ok('base_url', d.base_url), ...ok('wire', d.wire));
    if (ex.auth) out.push(...ok('auth', d.auth, true));
  }
  out.push(...ok('upstream_model', d.upstream_model), ...ok('api_key_env', r.detected?.key_env ?? null));
  return out;
}

const present = existsSync(join(CORPUS, 'manifest.yaml'));
const entries: Entry[] = present ? (parse(readFileSync(join(CORPUS, 'manifest.yaml'), 'utf8')) as Entry[]) : [];
const known = knownFailures();
const tally = new Map<string, { pass: number; total: number }>();

describe.skipIf(!present)('vendor-docs corpus (../shared/corpus/vendor-docs)', () => {
  afterAll(() => {
    const lines = [...tally].map(([lang, t]) => `${lang} ${t.pass}/${t.total} (${Math.round((100 * t.pass) / t.total)}%)`);
    console.log(`vendor-docs pass rate: ${lines.join(', ')}`);
  });

  it('the known-failures file names only samples of the corpus', () => {
    const files = new Set(entries.map((e) => e.file));
    expect([...known.keys()].filter((f) => !files.has(f))).toEqual([]);
    expect([...known].filter(([, why]) => !why).map(([f]) => f), 'every known failure needs a reason').toEqual([]);
  });

  it.each(entries.map((e) => [e.file, e] as const))('%s', async (file, e) => {
    const text = readFileSync(join(CORPUS, file), 'utf8');
    const r = await parseExample(text, { filename: file });
    const problems = compare(e, r);
    const t = tally.get(e.language) ?? { pass: 0, total: 0 };
    t.total++;
    if (!problems.length) t.pass++;
    tally.set(e.language, t);
    if (known.has(file)) expect(problems, `${file} now passes: remove its line from test/known-failures/vendor-docs.txt`).not.toEqual([]);
    else expect(problems).toEqual([]);
  });
});
