// Every data file under grammar/ is valid against its zod schema (regexes
// compile), cross-references resolve, and the compiled modules under
// src/generated/ are not stale.
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import * as S from '../src/data/schemas.js';
// @ts-expect-error: plain JS build script
import { compileAll } from '../scripts/compile-data.mjs';

const ROOT = resolve(import.meta.dirname, '..');
const load = (f: string) => parse(readFileSync(join(ROOT, 'grammar', f), 'utf8'));

describe('grammar data', () => {
  it.each([
    ['curl-options.yaml', S.CurlGrammar],
    ['key-shapes.yaml', S.KeyShapes],
    ['placeholders.yaml', S.Placeholders],
    ['endpoints.yaml', S.Endpoints],
    ['request-fields.yaml', S.RequestFields],
    ['thinking.yaml', S.Thinking],
    ['hosts.yaml', S.Hosts],
  ] as const)('%s validates', (file, schema) => {
    const r = (schema as any).safeParse(load(file));
    expect(r.success, JSON.stringify(r.error?.issues?.slice(0, 3))).toBe(true);
  });

  it.each(readdirSync(join(ROOT, 'grammar/sdks')).filter((f) => f.endsWith('.yaml')))('sdks/%s validates', (file) => {
    const r = (file.startsWith('_') ? S.SdkShared : S.SdkFamily).safeParse(load(`sdks/${file}`));
    expect(r.success, JSON.stringify(r.error?.issues?.slice(0, 3))).toBe(true);
    if (!file.startsWith('_')) expect(`${load(`sdks/${file}`).family}.yaml`).toBe(file);
  });

  it('the compiled SDK data has every default applied (zod output = input), unique ids, known router routes, compiling regexes', async () => {
    const shared = (await import('../src/generated/sdks.js')).default;
    // Each language's table: its bindings' JSON texts, and an index that says what each holds.
    const bindings = (t: import('../src/data/schemas.js').SdkTable) => {
      expect(t.offsets).toHaveLength(t.index.length + 1);
      expect(t.offsets[t.index.length]).toBe(t.text.length);
      return t.index.map((e, i) => {
        const sdk = JSON.parse(t.text.slice(t.offsets[i], t.offsets[i + 1])) as import('../src/data/schemas.js').Sdk;
        expect(e).toEqual({
          id: sdk.id, kind: sdk.kind, strategy: sdk.strategy, fallback: sdk.fallback, names: sdk.names, module: sdk.module?.name ?? null,
          methods: Object.keys(sdk.endpoints), langchain_provider: sdk.langchain_provider, langchain_models: sdk.langchain_models,
        });
        return sdk;
      });
    };
    const python = bindings((await import('../src/generated/sdks-python.js')).default);
    const javascript = bindings((await import('../src/generated/sdks-javascript.js')).default);
    expect(S.SdksShared.parse(shared)).toEqual(shared);
    expect(python.every((s) => s.language === 'python') && javascript.every((s) => s.language === 'javascript')).toBe(true);
    const { client_wires, ...rest } = shared;
    const compiled = { ...rest, sdks: [...python, ...javascript] };
    expect(S.Sdks.parse(compiled)).toEqual(compiled);
    // Each client's wire, when all its bindings (both languages) speak one.
    for (const s of compiled.sdks) {
      const wires = new Set(compiled.sdks.filter((x) => x.client === s.client).map((x) => x.wire));
      expect(client_wires[s.client]).toBe(wires.size === 1 ? s.wire : undefined);
    }
    const ids = compiled.sdks.map((s) => s.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const s of compiled.sdks) {
      if (s.langchain_models) expect(() => new RegExp(s.langchain_models!)).not.toThrow();
      for (const r of s.router?.infer ?? []) expect(compiled.routes.some((x) => x.router === s.router!.name && x.prefix === r.prefix)).toBe(true);
      if (s.router) expect(compiled.routes.some((x) => x.router === s.router!.name && x.prefix === s.router!.default)).toBe(true);
    }
    for (const u of compiled.unsupported) expect(() => new RegExp(u.pattern)).not.toThrow();
    const prefixes = compiled.routes.map((r) => `${r.router}/${r.prefix}`);
    expect(new Set(prefixes).size).toBe(prefixes.length);
    for (const lang of ['python', 'javascript'] as const) expect(compiled.sdks.filter((s) => s.language === lang && s.fallback)).toHaveLength(1);
  });

  it('every regex in the data compiles', () => {
    const res: string[] = [
      ...load('placeholders.yaml').patterns, ...load('placeholders.yaml').strong_patterns, load('placeholders.yaml').env_name,
      ...load('endpoints.yaml').endpoints.map((e: any) => e.path),
      ...load('thinking.yaml').rules.flatMap((r: any) => [...(r.hosts ?? []), ...(r.models ?? [])]),
      ...load('thinking.yaml').always_on_models,
    ];
    for (const r of res) expect(() => new RegExp(r)).not.toThrow();
  });

  it('endpoints name a base group, and the model group where they declare one', () => {
    for (const e of load('endpoints.yaml').endpoints) {
      expect(e.path).toContain('(?<base>');
      if (e.model_group) expect(e.path).toContain(`(?<${e.model_group}>`);
    }
  });

  it('thinking rules referenced by hosts exist, and every rule id in thinking-protocols.md is defined', () => {
    const ids = new Set(load('thinking.yaml').rules.map((r: any) => r.id));
    for (const h of load('hosts.yaml').hosts) if (h.thinking) expect(ids).toContain(h.thinking);
    for (const id of ['openai_reasoning_effort', 'anthropic_thinking', 'anthropic_adaptive', 'gemini_compat', 'xai_reasoning_effort', 'deepseek_thinking',
      'qwen_enable_thinking', 'kimi_thinking', 'glm_thinking', 'mimo_thinking', 'minimax_reasoning_split', 'chat_template_kwargs', 'nearai_chat_template',
      'openrouter_reasoning', 'groq_reasoning', 'cerebras_reasoning', 'together_reasoning', 'fireworks_reasoning_effort', 'venice_reasoning',
      'mistral_reasoning', 'ollama_reasoning', 'generic_reasoning_effort', 'always_on', 'none']) expect(ids).toContain(id);
  });

  it('the compiled modules in src/generated are up to date (run `npm run build`)', () => {
    const stale: string[] = [];
    for (const [rel, content] of Object.entries(compileAll() as Record<string, string>))
      if (readFileSync(join(ROOT, rel), 'utf8') !== content) stale.push(rel);
    expect(stale).toEqual([]);
  });
});
