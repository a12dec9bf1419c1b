// The CLI's start-up path stays small: the modules src/cli.ts loads statically
// (before any verb runs) import neither zod nor the MCP SDK nor a front-end;
// each verb loads those itself (src/cli/verbs.ts).
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { expect, it } from 'vitest';

const SRC = resolve(import.meta.dirname, '../src');

/** Value imports (not `import type`, not dynamic import()) of a module, resolved to files or package names. */
function staticImports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const out: string[] = [];
  for (const m of text.matchAll(/^(?:import|export)\s+(?!type\b)[^'"]*?from\s+['"]([^'"]+)['"]/gm)) out.push(m[1]);
  for (const m of text.matchAll(/^import\s+['"]([^'"]+)['"]/gm)) out.push(m[1]);
  return out.map((s) => (s.startsWith('.') ? join(dirname(file), s.replace(/\.js$/, '.ts')) : s));
}

function graph(entry: string): { files: string[]; packages: string[] } {
  const seen = new Set<string>();
  const packages = new Set<string>();
  const walk = (f: string) => {
    if (seen.has(f)) return;
    seen.add(f);
    for (const d of staticImports(f)) (d.startsWith('/') ? walk(d) : packages.add(d));
  };
  walk(entry);
  return { files: [...seen], packages: [...packages] };
}

it('the curl parse path (extractor and curl front-end) statically loads no zod', () => {
  for (const entry of ['extract/index.ts', 'curl/index.ts']) {
    const g = graph(join(SRC, entry));
    expect(g.files.length).toBeGreaterThan(3);
    expect(g.packages.filter((p) => !p.startsWith('node:'))).toEqual([]);
  }
});

it('the curl parse path does not load the SDK data (~200 KB that only the Python and JS front-ends read)', () => {
  for (const entry of ['api.ts', 'curl/index.ts']) {
    const files = graph(join(SRC, entry)).files.map((f) => f.slice(SRC.length + 1));
    expect(files).toContain(entry === 'api.ts' ? 'extract/knowledge.ts' : 'curl/tokenize.ts');
    expect(files.filter((f) => f.startsWith('generated/sdks') || f.startsWith('sdk/'))).toEqual([]);
  }
});

it("each code front-end loads its own language's SDK bindings, never the other's", () => {
  for (const [entry, own, other] of [
    ['python/index.ts', 'generated/sdks-python.ts', 'generated/sdks-javascript.ts'],
    ['js/index.ts', 'generated/sdks-javascript.ts', 'generated/sdks-python.ts'],
  ]) {
    const files = graph(join(SRC, entry)).files.map((f) => f.slice(SRC.length + 1));
    expect(files).toContain(own);
    expect(files).toContain('generated/sdks.ts');
    expect(files).not.toContain(other);
  }
});

it('src/cli.ts statically loads no zod, no MCP SDK, no front-end and no registry', () => {
  const seen = new Set<string>();
  const packages = new Set<string>();
  const walk = (f: string) => {
    if (seen.has(f)) return;
    seen.add(f);
    for (const d of staticImports(f)) (d.startsWith('/') ? walk(d) : packages.add(d));
  };
  walk(join(SRC, 'cli.ts'));
  expect(seen.size).toBeGreaterThan(4);
  expect([...packages].filter((p) => !p.startsWith('node:'))).toEqual([]);
  const files = [...seen].map((f) => f.slice(SRC.length + 1));
  expect(files.filter((f) => /^(registry|mcp|curl|python|js|extract|api)/.test(f))).toEqual([]);
});

it('templates, list and get (the registry verbs that only read) statically load no zod and no yaml', () => {
  // src/registry/verbs.ts is what `byok templates|list|get` loads; the full registry (./index.ts) only by import().
  const g = graph(join(SRC, 'registry/verbs.ts'));
  expect(g.files.map((f) => f.slice(SRC.length + 1))).toEqual(expect.arrayContaining(['registry/read-verbs.ts', 'registry/read.ts', 'vendors/load.ts']));
  expect(g.packages.filter((p) => !p.startsWith('node:'))).toEqual([]);
  expect(g.files.map((f) => f.slice(SRC.length + 1)).filter((f) => /^registry\/(index|store|schema|entry)\.ts$/.test(f))).toEqual([]);
});

it('add from flags (src/registry/register.ts, its append path included) statically loads no zod and no yaml', () => {
  const g = graph(join(SRC, 'registry/register.ts'));
  const files = g.files.map((f) => f.slice(SRC.length + 1));
  expect(files).toEqual(expect.arrayContaining(['registry/write.ts', 'registry/fast-yaml.ts', 'registry/fast-validate.ts', 'registry/emit-yaml.ts', 'registry/candidate.ts']));
  expect(g.packages.filter((p) => !p.startsWith('node:'))).toEqual([]);
  expect(files.filter((f) => /^registry\/(index|store|schema|entry)\.ts$/.test(f) || f === 'result.ts')).toEqual([]);
});
