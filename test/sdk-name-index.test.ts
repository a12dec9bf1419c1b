// src/sdk/data.ts looks SDK bindings up by name through an index (a paste with
// 50,000 calls made 50,000 scans of every name of the data: 4 s). The index must
// answer exactly what the scan it replaced answers: the first binding of the
// data, in order, with a matching name and one of the kinds asked for. Checked
// here against that scan over every name of the data and variants of each.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { pyNameMatches, sdkByName, sdksOf, useSdks, type Language, type Sdk } from '../src/sdk/data.js';
import pythonSdks from '../src/generated/sdks-python.js';
import javascriptSdks from '../src/generated/sdks-javascript.js';

// Each front-end hands its language's bindings over when it loads; this test loads no front-end.
useSdks('python', pythonSdks);
useSdks('javascript', javascriptSdks);

const KINDS: Array<Array<Sdk['kind']>> = [['client', 'model', 'provider'], ['function'], ['client'], ['model'], ['provider']];

function scan(lang: Language, path: string, kinds: Array<Sdk['kind']>): Sdk | undefined {
  const list = sdksOf(lang);
  if (lang === 'python') return list.find((s) => kinds.includes(s.kind) && s.names.some((n) => pyNameMatches(path, n)));
  const candidates = path.endsWith(':*') ? [path, path.slice(0, -2) + ':default'] : [path];
  const m = /^(.*):default\.([\w$]+)$/.exec(path);
  if (m) candidates.push(`${m[1]}:${m[2]}`);
  for (const p of candidates) {
    const s = list.find((x) => kinds.includes(x.kind) && x.names.includes(p));
    if (s) return s;
  }
  return undefined;
}

/** Every name of the data, and names near them: another middle, a dropped segment, one segment alone. */
function paths(lang: Language): string[] {
  const sep = lang === 'python' ? '.' : ':';
  const out = new Set<string>();
  for (const s of sdksOf(lang))
    for (const n of s.names) {
      out.add(n);
      const parts = n.split('.');
      out.add(parts[parts.length - 1]);
      out.add(parts[0]);
      if (parts.length >= 2) {
        out.add([parts[0], 'other', parts[parts.length - 1]].join('.'));
        out.add([parts[0], parts[parts.length - 1]].join('.'));
        out.add([parts[0], 'x', 'y', parts[parts.length - 1]].join('.'));
        out.add([...parts.slice(0, -1), 'Nope'].join('.'));
      }
      if (lang === 'javascript') {
        const [mod, exp] = n.split(sep);
        out.add(`${mod}:*`);
        out.add(`${mod}:default.${exp}`);
        out.add(`${mod}:default`);
      }
    }
  return [...out];
}

describe.each(['python', 'javascript'] as const)('%s', (lang) => {
  const all = paths(lang);
  it('has names to look up', () => expect(all.length).toBeGreaterThan(100));

  it('the index answers what a scan of the data answers, for every name and its variants', () => {
    let found = 0;
    for (const p of all)
      for (const kinds of KINDS) {
        const want = scan(lang, p, kinds);
        expect(sdkByName(lang, p, kinds)?.id, `${p} ${kinds}`).toBe(want?.id);
        if (want) found++;
      }
    // The comparison means something only if many lookups find a binding.
    expect(found).toBeGreaterThan(all.length / 2);
  });

  it('and for names built from random segments of the data', () => {
    const segs = [...new Set(all.flatMap((p) => p.split(/[.:]/)))];
    const seg = fc.constantFrom(...segs);
    fc.assert(
      fc.property(fc.array(seg, { minLength: 1, maxLength: 4 }), fc.constantFrom(...KINDS), (parts, kinds) => {
        const p = lang === 'python' ? parts.join('.') : parts.length > 1 ? `${parts[0]}:${parts.slice(1).join('.')}` : parts[0];
        expect(sdkByName(lang, p, kinds)?.id).toBe(scan(lang, p, kinds)?.id);
      }),
      { numRuns: 2000, seed: 13 },
    );
  });
});
