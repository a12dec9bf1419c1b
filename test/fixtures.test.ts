// Golden fixtures: every fixtures/VENDOR/NAME.EXT is parsed with its
// {{KEY:shape}} markers expanded to freshly generated keys, then checked
// three ways: (1) against the hand-written `labels` (what the vendor docs say
// the draft must be), (2) against the reviewed `output` golden (regenerate with
// `npm run fixtures:update` and read the diff), (3) for key leaks: no 8-char
// stretch of any generated key appears anywhere in the output.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseExample } from '../src/api.js';
import { listFixtures } from './helpers/fixtures.js';
import { expandKeyMarkers, leaks } from './helpers/keys.js';

const fixtures = listFixtures();


describe('fixture set', () => {
  it('has at least 25 curl and 25 Python samples from 12 vendors each, and 15 JS/TS samples from 10 vendors', () => {
    const shell = fixtures.filter((f) => ['sh', 'cmd', 'ps1'].includes(f.ext));
    const py = fixtures.filter((f) => f.ext === 'py');
    expect(shell.length).toBeGreaterThanOrEqual(25);
    expect(new Set(shell.map((f) => f.vendor)).size).toBeGreaterThanOrEqual(12);
    expect(py.length).toBeGreaterThanOrEqual(25);
    expect(new Set(py.map((f) => f.vendor)).size).toBeGreaterThanOrEqual(12);
    const js = fixtures.filter((f) => ['js', 'ts'].includes(f.ext));
    expect(js.length).toBeGreaterThanOrEqual(15);
    expect(new Set(js.map((f) => f.vendor)).size).toBeGreaterThanOrEqual(10);
  });
  it('every fixture has labels and a generated output', () => {
    const missing = fixtures.filter((f) => !f.expected?.labels || !f.expected?.output).map((f) => f.rel);
    expect(missing).toEqual([]);
  });
});

describe.each(fixtures.map((f) => [f.rel, f] as const))('%s', (_rel, f) => {
  const raw = readFileSync(f.file, 'utf8');
  const labels = (f.expected?.labels ?? {}) as Record<string, any>;

  it('matches its labels and never leaks a key', async () => {
    const { text, keys } = expandKeyMarkers(raw);
    const r: any = await parseExample(text, { filename: f.file });
    const out = JSON.stringify(r);
    expect(leaks(out, keys)).toEqual([]);
    if (labels.ok === false) {
      expect(r.ok).toBe(false);
      if (labels.code) expect(r.code).toBe(labels.code);
      return;
    }
    expect(r.ok, r.error).toBe(true);
    const d = r.draft;
    if ('base_url' in labels) expect(d.base_url).toBe(labels.base_url);
    if ('upstream_model' in labels) expect(d.upstream_model).toBe(labels.upstream_model);
    if ('wire' in labels) expect(d.wire).toBe(labels.wire);
    if (labels.auth) expect(d.auth).toEqual(labels.auth);
    if ('key_env' in labels) expect(r.detected.key_env).toBe(labels.key_env);
    if ('secret_redacted' in labels)
      expect(r.warnings.some((w: any) => w.code === 'secret_redacted')).toBe(labels.secret_redacted);
    if (labels.thinking_params) expect(Object.keys(d.thinking_params).sort()).toEqual([...labels.thinking_params].sort());
    if (labels.request_params) expect(Object.keys(d.request_params).sort()).toEqual([...labels.request_params].sort());
    if (labels.headers) expect(Object.keys(d.headers).map((h: string) => h.toLowerCase()).sort()).toEqual(labels.headers.map((h: string) => h.toLowerCase()).sort());
    if (labels.query) expect(d.query).toEqual(labels.query);
    if (keys.length) expect(r.warnings.some((w: any) => w.code === 'secret_redacted')).toBe(true);
  });

  it('matches its reviewed golden output', async () => {
    const { text } = expandKeyMarkers(raw);
    const r = await parseExample(text, { filename: f.file });
    expect(JSON.parse(JSON.stringify(r))).toEqual(f.expected?.output);
  });
});
