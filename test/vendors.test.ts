// Curated templates (vendors/*.yaml): each one validates, is consistent, and
// carries a doc source for its URLs and models; the compiled module matches
// the YAML.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { vendorById, vendors, vendorsForHost, withDefaults } from '../src/vendors/load.js';
import { templateProblems } from '../src/vendors/check.js';
import { VendorFile } from '../src/vendors/schema.js';

const dir = join(import.meta.dirname, '..', 'vendors');
const files = readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort();
const EXPECTED = ['anthropic', 'openai', 'xai', 'qwen', 'deepseek', 'kimi', 'mimo', 'gemini', 'gemma', 'near-ai', 'venice', 'meta'];

describe('curated vendor templates', () => {
  it('has exactly the twelve curated vendors, one file each, named by id', () => {
    expect(files.map((f) => f.replace(/\.yaml$/, '')).sort()).toEqual([...EXPECTED].sort());
    for (const f of files) expect(parse(readFileSync(join(dir, f), 'utf8')).vendor).toBe(f.replace(/\.yaml$/, ''));
  });

  for (const f of files) {
    it(`${f} validates and is consistent`, () => {
      const raw = parse(readFileSync(join(dir, f), 'utf8'));
      expect(templateProblems(raw)).toEqual([]);
    });

    it(`${f}: every URL and model carries a doc source`, () => {
      const v = VendorFile.parse(parse(readFileSync(join(dir, f), 'utf8')));
      for (const k of ['base_url', 'homepage', 'models'] as const) expect(v.sources[k]).toMatch(/^https:\/\//);
      if (v.model_discovery) expect(v.sources.model_discovery).toMatch(/^https:\/\//);
      for (const m of v.models) expect(m.source ?? v.sources.models).toMatch(/^https:\/\//);
    });
  }

  it('the compiled module holds the same data as the YAML', () => {
    for (const f of files) {
      const raw = parse(readFileSync(join(dir, f), 'utf8'));
      expect(vendorById(raw.vendor)).toStrictEqual(VendorFile.parse(raw));
    }
    expect(vendors().size).toBe(files.length);
  });

  it('the loader applies the schema\'s defaults without zod, as the schema does', () => {
    // Every defaulted field left out: withDefaults (src/vendors/load.ts) must fill in what VendorFile.parse does.
    for (const f of files) {
      const raw = parse(readFileSync(join(dir, f), 'utf8'));
      for (const k of ['hosts', 'capabilities', 'headers', 'request_params', 'model_policy']) delete raw[k];
      for (const m of raw.models) for (const k of ['thinking_mode', 'thinking_params', 'capabilities', 'max_tokens']) delete m[k];
      if (raw.model_discovery) for (const k of ['headers', 'format']) delete raw.model_discovery[k];
      expect(withDefaults(raw)).toStrictEqual(VendorFile.parse(raw));
    }
  });

  it('templateProblems catches what the schema cannot', () => {
    const raw = parse(readFileSync(join(dir, 'deepseek.yaml'), 'utf8'));
    expect(templateProblems({ ...raw, default_model: 'nope' })).toContain('default_model nope is not in models');
    expect(templateProblems({ ...raw, thinking: 'made_up' })[0]).toMatch(/not in grammar\/thinking.yaml/);
    expect(templateProblems({ ...raw, homepage: 'http://x.example' }).join()).toMatch(/homepage/);
    const { sources, ...noSources } = raw;
    expect(templateProblems(noSources).join()).toMatch(/sources/);
    expect(templateProblems({ ...raw, sources: { ...sources, model_discovery: undefined } })).toContain('model_discovery has no source');
  });

  it('NEAR AI lists TEE-protected open-weight models only, default Qwen3.6 35B, Qwen3.5 122B with thinking disabled', () => {
    const v = vendorById('near-ai')!;
    expect(v.default_model).toBe('Qwen/Qwen3.6-35B-A3B-FP8');
    expect(v.model_policy).toBe('tee');
    expect(v.models.every((m) => m.tee === true)).toBe(true);
    const q = v.models.find((m) => m.id === 'Qwen/Qwen3.5-122B-A10B')!;
    expect(q.thinking_mode).toBe('disabled');
    expect(q.thinking_params).toEqual({ 'chat_template_kwargs.enable_thinking': false });
    expect(v.models.some((m) => /^(anthropic|google)\//.test(m.id))).toBe(false);
  });

  it('xAI sends users to the developer console, not the X subscription', () => {
    expect(vendorById('xai')!.homepage).toMatch(/^https:\/\/console\.x\.ai/);
  });

  it('gemini and gemma share one host, and so one key variable', () => {
    expect(vendorsForHost('generativelanguage.googleapis.com').map((v) => v.vendor).sort()).toEqual(['gemini', 'gemma']);
  });
});
