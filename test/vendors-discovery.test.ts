// Live catalogs against a local HTTP server on 127.0.0.1 (never a real
// vendor), serving the recorded shapes in test/catalog-shapes/: every format
// normalised (capabilities, pricing per 1M, context, privacy), paging, auth,
// catalog-only vendors, registered entries and bare base URLs, filters, and
// failures that name the URL and the HTTP status (never a silent empty list).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { add, listVendorModels } from '../src/registry/index.js';
import { normalisePage, sniffFormat } from '../src/vendors/catalog/normalise.js';
import { leaks } from './helpers/keys.js';
import { sendJson, shape, startLoopback, type Loopback } from './helpers/loopback.js';

let lb: Loopback;
beforeAll(async () => {
  lb = await startLoopback();
});
afterAll(() => lb.close());

const envKeys: string[] = [];
function setEnv(name: string, value: string) {
  envKeys.push(name);
  process.env[name] = value;
}
afterEach(() => {
  for (const k of envKeys.splice(0)) delete process.env[k];
  lb.seen.length = 0;
});

function workspace(env?: Record<string, string>): string {
  const ws = mkdtempSync(join(tmpdir(), 'byok-disc-'));
  if (env) writeFileSync(join(ws, '.env'), Object.entries(env).map(([k, v]) => `${k}=${v}`).join('\n') + '\n');
  return ws;
}
const fakeSecret = () => 'test' + randomBytes(12).toString('hex');
const serve = (name: string) => (lb.handler = (_q, r) => sendJson(r, 200, shape(name)));
type M = Record<string, any>;
const byId = (r: M, id: string) => (r.models as M[]).find((m) => m.upstream_model === id);

describe('every catalog format is normalised', () => {
  it('OpenRouter: context, max output, modalities, parameters, USD-per-token prices as per 1M', async () => {
    setEnv('BYOK_DISCOVERY_BASE_OPENROUTER', lb.base);
    serve('openrouter');
    const r = await listVendorModels('openrouter', { workspace: workspace() });
    expect(r).toMatchObject({ ok: true, vendor: 'openrouter', url: `${lb.base}/api/v1/models`, format: 'openrouter', count: 2 });
    expect(byId(r, 'deepseek/deepseek-v4-flash')).toEqual({
      upstream_model: 'deepseek/deepseek-v4-flash',
      name: 'DeepSeek: V4 Flash',
      context_tokens: 163840,
      max_output_tokens: 65536,
      capabilities: { vision: false, function_calling: true, reasoning: true, web_search: false },
      pricing: { input_usd: 0.14, output_usd: 0.28 },
      privacy: { tee: null, e2ee: null, data_retention: null },
      in_curated_template: false,
    });
    expect(byId(r, 'openai/gpt-5.4-mini')).toMatchObject({ capabilities: { vision: true, web_search: true }, pricing: { input_usd: 0.75, output_usd: 4.5 }, context_tokens: 400000 });
  });

  it('Venice model_spec: capabilities, per-1M prices, TEE/E2EE and privacy; image models left out', async () => {
    setEnv('BYOK_DISCOVERY_BASE_VENICE', lb.base);
    serve('venice');
    const r = await listVendorModels('venice', { workspace: workspace() });
    expect(r).toMatchObject({ ok: true, format: 'venice', count: 2 });
    expect(byId(r, 'venice-sd35')).toBeUndefined();
    expect(byId(r, 'zai-org-glm-5')).toEqual({
      upstream_model: 'zai-org-glm-5',
      name: 'GLM 5',
      context_tokens: 202752,
      max_output_tokens: 32768,
      capabilities: { vision: false, function_calling: true, reasoning: true, web_search: true },
      pricing: { input_usd: 1, output_usd: 3.2 },
      privacy: { tee: false, e2ee: false, data_retention: 'none' },
      in_curated_template: true,
    });
    expect(byId(r, 'e2ee-qwen3-30b-a3b')).toMatchObject({ privacy: { tee: true, e2ee: true }, pricing: { input_usd: 0.15, output_usd: 0.6 }, max_output_tokens: null });
  });

  it('NEAR AI: supported_features and modalities; TEE only for the curated list, others warned near_non_tee_model', async () => {
    setEnv('BYOK_DISCOVERY_BASE_NEAR_AI', lb.base);
    serve('near');
    const r = await listVendorModels('near-ai', { workspace: workspace() });
    expect(r).toMatchObject({ ok: true, format: 'near', count: 2, key_env_used: null });
    expect(lb.seen[0].url).toBe('/v1/models');
    expect(lb.seen[0].headers.authorization).toBeUndefined();
    const q = byId(r, 'Qwen/Qwen3.6-35B-A3B-FP8');
    expect(q).toMatchObject({ context_tokens: 262144, max_output_tokens: 32768, capabilities: { function_calling: true, reasoning: true, vision: false }, privacy: { tee: true }, in_curated_template: true });
    expect(q.warnings).toBeUndefined();
    const c = byId(r, 'anthropic/claude-sonnet-4-6');
    expect(c).toMatchObject({ capabilities: { vision: true, reasoning: false }, privacy: { tee: false }, in_curated_template: false, warnings: ['near_non_tee_model'] });
    expect((r.warnings as M[]).map((w) => w.code)).toContain('near_non_tee_model');
  });

  it('Gemini: strips models/, keeps generateContent models, applies the template filter, follows nextPageToken with x-goog-api-key', async () => {
    const key = fakeSecret();
    setEnv('BYOK_DISCOVERY_BASE_GEMINI', lb.base);
    lb.handler = (q, res) => sendJson(res, 200, shape(q.url.includes('pageToken') ? 'gemini_page2' : 'gemini'));
    const r = await listVendorModels('gemini', { workspace: workspace({ CUSTOM_KEY_GENERATIVELANGUAGE_GOOGLEAPIS_COM: key }) });
    expect((r.models as M[]).map((m) => m.upstream_model)).toEqual(['gemini-2.5-flash', 'gemini-2.5-pro']);
    expect(byId(r, 'gemini-2.5-flash')).toMatchObject({ name: 'Gemini 2.5 Flash', context_tokens: 1048576, max_output_tokens: 65536, capabilities: { reasoning: true, vision: null }, pricing: { input_usd: null } });
    expect(lb.seen[0].headers['x-goog-api-key']).toBe(key);
    expect(lb.seen[1].url).toContain('pageToken=Cg9nZW1tYS0zLTI3Yi1pdA');
    expect(leaks(JSON.stringify(r), [key])).toEqual([]);
  });

  it("Anthropic: follows has_more/last_id pages with x-api-key and anthropic-version; limits and capabilities", async () => {
    const key = fakeSecret();
    setEnv('BYOK_DISCOVERY_BASE_ANTHROPIC', lb.base);
    setEnv('CUSTOM_KEY_API_ANTHROPIC_COM', key);
    lb.handler = (q, res) => sendJson(res, 200, shape(q.url.includes('after_id') ? 'anthropic_page2' : 'anthropic'));
    const r = await listVendorModels('anthropic', { workspace: workspace() });
    expect(r.count).toBe(2);
    expect(byId(r, 'claude-sonnet-4-6')).toMatchObject({ name: 'Claude Sonnet 4.6', context_tokens: 1000000, max_output_tokens: 64000, capabilities: { vision: true, reasoning: true, function_calling: null }, in_curated_template: true });
    expect(lb.seen[1].url).toContain('after_id=claude-sonnet-4-6');
    expect(lb.seen[0].headers['x-api-key']).toBe(key);
    expect(lb.seen[0].headers['anthropic-version']).toBe('2023-06-01');
  });

  it('Together: a bare array, prices per 1M, image models left out', async () => {
    setEnv('BYOK_DISCOVERY_BASE_TOGETHER', lb.base);
    setEnv('TOGETHER_API_KEY', fakeSecret());
    serve('together');
    const r = await listVendorModels('together', { workspace: workspace() });
    expect(r).toMatchObject({ ok: true, vendor: 'together', count: 2, key_env_used: 'TOGETHER_API_KEY' });
    expect(byId(r, 'deepseek-ai/DeepSeek-V3.1')).toMatchObject({ name: 'DeepSeek V3.1', context_tokens: 131072, pricing: { input_usd: 0.6, output_usd: 1.7 } });
    expect(byId(r, 'black-forest-labs/FLUX.1-schnell')).toBeUndefined();
  });

  it('Groq (context_window, inactive left out), Fireworks (supports_*), Mistral (capabilities, chat only)', async () => {
    for (const [vendor, env] of [['groq', 'GROQ_API_KEY'], ['fireworks', 'FIREWORKS_API_KEY'], ['mistral', 'MISTRAL_API_KEY']]) {
      setEnv(`BYOK_DISCOVERY_BASE_${vendor.toUpperCase()}`, lb.base);
      setEnv(env, fakeSecret());
    }
    serve('groq');
    const g = await listVendorModels('groq', { workspace: workspace() });
    expect((g.models as M[]).map((m) => m.upstream_model)).toEqual(['llama-3.3-70b-versatile', 'openai/gpt-oss-120b']);
    expect(byId(g, 'openai/gpt-oss-120b')).toMatchObject({ context_tokens: 131072, max_output_tokens: 65536 });
    serve('fireworks');
    const f = await listVendorModels('fireworks', { workspace: workspace() });
    expect(f.count).toBe(1);
    expect(byId(f, 'accounts/fireworks/models/kimi-k2p6')).toMatchObject({ context_tokens: 262144, capabilities: { vision: true, function_calling: true } });
    expect(lb.seen.at(-1)!.url).toBe('/inference/v1/models');
    serve('mistral');
    const m = await listVendorModels('mistral', { workspace: workspace() });
    expect((m.models as M[]).map((x) => x.upstream_model)).toEqual(['mistral-small-latest']);
    expect(byId(m, 'mistral-small-latest')).toMatchObject({ name: 'mistral-small-2603', context_tokens: 131072, capabilities: { vision: true, function_calling: true } });
  });

  it('OpenAI-style lists keep unknowns null', async () => {
    setEnv('BYOK_DISCOVERY_BASE_OPENAI', lb.base);
    setEnv('CUSTOM_KEY_API_OPENAI_COM', fakeSecret());
    serve('openai');
    const r = await listVendorModels('openai', { workspace: workspace() });
    expect(byId(r, 'gpt-5.4-mini')).toEqual({
      upstream_model: 'gpt-5.4-mini',
      name: null,
      context_tokens: null,
      max_output_tokens: null,
      capabilities: { vision: null, function_calling: null, reasoning: null, web_search: null },
      pricing: { input_usd: null, output_usd: null },
      privacy: { tee: null, e2ee: null, data_retention: null },
      in_curated_template: true,
    });
  });

  it('sniffs the format of an unknown endpoint (NEAR model/list: {amount, scale} prices)', () => {
    expect(sniffFormat(shape('near_model_list'))).toBe('near_model_list');
    expect(sniffFormat(shape('together'))).toBe('together');
    expect(sniffFormat(shape('openrouter'))).toBe('openrouter');
    expect(sniffFormat(shape('venice'))).toBe('venice');
    expect(sniffFormat(shape('gemini'))).toBe('gemini');
    expect(sniffFormat(shape('anthropic'))).toBe('anthropic');
    expect(sniffFormat(shape('openai'))).toBe('openai');
    expect(sniffFormat({ error: 'x' })).toBeNull();
    expect(normalisePage(shape('near_model_list'), 'near_model_list')!.models[0]).toMatchObject({
      upstream_model: 'zai-org/GLM-5.1-FP8', name: 'GLM-5.1', context_tokens: 202752, pricing: { input_usd: 0.85, output_usd: 3.3 },
    });
  });
});

describe('filters', () => {
  it('--capability reasoning and --max-input-usd 1 keep only models known to match', async () => {
    setEnv('BYOK_DISCOVERY_BASE_VENICE', lb.base);
    serve('venice');
    const cheap = await listVendorModels('venice', { workspace: workspace(), maxInputUsd: 0.5 });
    expect((cheap.models as M[]).map((m) => m.upstream_model)).toEqual(['e2ee-qwen3-30b-a3b']);
    expect(cheap).toMatchObject({ count: 1, total: 2, filters: { max_input_usd: 0.5 } });
    const tools = await listVendorModels('venice', { workspace: workspace(), capability: 'function_calling', maxInputUsd: 1 });
    expect((tools.models as M[]).map((m) => m.upstream_model)).toEqual(['zai-org-glm-5']);
    setEnv('CUSTOM_KEY_API_OPENAI_COM', fakeSecret());
    setEnv('BYOK_DISCOVERY_BASE_OPENAI', lb.base);
    serve('openai');
    // Unknown (null) capability or price: left out, and the note says so.
    const none = await listVendorModels('openai', { workspace: workspace(), capability: 'reasoning' });
    expect(none).toMatchObject({ ok: true, count: 0, total: 2 });
    expect(none.note).toMatch(/null/);
    expect(await listVendorModels('venice', { workspace: workspace(), capability: 'telepathy' })).toMatchObject({ ok: false, code: 'usage' });
  });
});

describe('any endpoint: --model-id and --base-url', () => {
  it('--model-id reads {base_url}/models of a registered entry with its own auth', async () => {
    const key = fakeSecret();
    const ws = workspace({ CUSTOM_KEY_127_0_0_1: key });
    const reg = await add({ upstream_model: 'm1', base_url: `${lb.base}/v1`, wire: 'openai', auth: { in: 'header', name: 'Authorization', scheme: 'Bearer' }, api_key_env: 'CUSTOM_KEY_127_0_0_1' }, { workspace: ws });
    expect(reg.ok).toBe(true);
    serve('openrouter');
    const r = await listVendorModels(undefined, { workspace: ws, modelId: String(reg.model_id) });
    expect(r).toMatchObject({ ok: true, url: `${lb.base}/v1/models`, format: 'openrouter', count: 2, key_env_used: 'CUSTOM_KEY_127_0_0_1' });
    expect(lb.seen[0].headers.authorization).toBe(`Bearer ${key}`);
    expect(leaks(JSON.stringify(r), [key])).toEqual([]);
    expect(await listVendorModels(undefined, { workspace: ws, modelId: 'custom/nope-0000' })).toMatchObject({ ok: false, code: 'not_found' });
  });

  it("--model-id on a vendor's host reads the vendor's catalog with the vendor's auth (DeepSeek's anthropic route)", async () => {
    const key = fakeSecret();
    const ws = workspace({ CUSTOM_KEY_API_DEEPSEEK_COM: key });
    const reg = await add({ upstream_model: 'deepseek-v4-pro', base_url: 'https://api.deepseek.com/anthropic', wire: 'anthropic' }, { workspace: ws });
    expect(reg).toMatchObject({ ok: true, api_key_env: 'CUSTOM_KEY_API_DEEPSEEK_COM' });
    setEnv('BYOK_DISCOVERY_BASE_DEEPSEEK', lb.base);
    serve('openai');
    const r = await listVendorModels(undefined, { workspace: ws, modelId: String(reg.model_id) });
    expect(r).toMatchObject({ ok: true, vendor: 'deepseek', url: `${lb.base}/models`, format: 'openai' });
    expect(lb.seen[0].headers.authorization).toBe(`Bearer ${key}`);
    expect(lb.seen[0].headers['x-api-key']).toBeUndefined();
  });

  it('--base-url sniffs an unknown catalog; a loopback server needs no key', async () => {
    serve('near_model_list');
    const r = await listVendorModels(undefined, { workspace: workspace(), baseUrl: `${lb.base}/v1/` });
    expect(r).toMatchObject({ ok: true, url: `${lb.base}/v1/models`, format: 'near_model_list', count: 1, key_env_used: null });
    expect(lb.seen[0].headers.authorization).toBeUndefined();
  });

  it('never sends a key stored for another host or vendor', async () => {
    const ws = workspace({ CUSTOM_KEY_API_OPENAI_COM: fakeSecret(), OPENAI_API_KEY: fakeSecret() });
    for (const apiKeyEnv of ['CUSTOM_KEY_API_OPENAI_COM', 'OPENAI_API_KEY']) {
      const r = await listVendorModels(undefined, { workspace: ws, baseUrl: `${lb.base}/v1`, apiKeyEnv });
      expect(r, apiKeyEnv).toMatchObject({ ok: false, code: 'usage' });
      expect(r.error).toContain(apiKeyEnv);
    }
    expect(lb.seen).toHaveLength(0);
  });

  it('asks for exactly one of VENDOR, --model-id, --base-url', async () => {
    expect(await listVendorModels(undefined, { workspace: workspace() })).toMatchObject({ ok: false, code: 'usage' });
    expect(await listVendorModels(undefined, { workspace: workspace(), baseUrl: lb.base, modelId: 'custom/x-0000' })).toMatchObject({ ok: false, code: 'usage' });
    // With a VENDOR, --base-url moves its catalog: loopback or the vendor's own host only.
    expect(await listVendorModels('groq', { workspace: workspace(), baseUrl: 'https://evil.example/v1' })).toMatchObject({ ok: false, code: 'usage' });
    expect(await listVendorModels(undefined, { workspace: workspace(), baseUrl: 'http://example.com/v1' })).toMatchObject({ ok: false, code: 'usage' });
  });
});

describe('VENDOR --base-url', () => {
  it("reads the vendor's catalog from a loopback root, with the vendor's format and key", async () => {
    const key = fakeSecret();
    serve('groq');
    const r = await listVendorModels('groq', { workspace: workspace({ GROQ_API_KEY: key }), baseUrl: lb.base });
    expect(r).toMatchObject({ ok: true, vendor: 'groq', url: `${lb.base}/openai/v1/models`, format: 'groq', count: 2, key_env_used: 'GROQ_API_KEY' });
    expect(lb.seen[0].headers.authorization).toBe(`Bearer ${key}`);
    const p = await listVendorModels('groq', { workspace: workspace({ GROQ_API_KEY: key }), baseUrl: `${lb.base}/custom/v1` });
    expect(p).toMatchObject({ ok: true, url: `${lb.base}/custom/v1/models` });
  });
});

describe('failures are reported with the URL and the status, never as an empty list', () => {
  it('HTTP errors carry the status and a scrubbed message', async () => {
    const key = fakeSecret();
    setEnv('BYOK_DISCOVERY_BASE_OPENAI', lb.base);
    lb.handler = (_q, r) => sendJson(r, 401, { error: { message: `Incorrect API key provided: ${key}.` } });
    const r = await listVendorModels('openai', { workspace: workspace({ CUSTOM_KEY_API_OPENAI_COM: key }) });
    expect(r).toMatchObject({ ok: false, code: 'discovery_failed', status: 401, reason: 'http_error', url: `${lb.base}/v1/models` });
    expect(r.error).toContain(`GET ${lb.base}/v1/models answered HTTP 401 (the key in CUSTOM_KEY_API_OPENAI_COM was refused)`);
    expect(leaks(JSON.stringify(r), [key])).toEqual([]);
    lb.handler = (_q, res) => sendJson(res, 503, { error: 'upstream overloaded' });
    const s = await listVendorModels('openai', { workspace: workspace({ CUSTOM_KEY_API_OPENAI_COM: key }) });
    expect(s).toMatchObject({ ok: false, code: 'discovery_failed', status: 503 });
    expect(s.error).toMatch(/HTTP 503: upstream overloaded/);
  });

  it('not JSON, and JSON without a list, are errors', async () => {
    setEnv('BYOK_DISCOVERY_BASE_VENICE', lb.base);
    lb.handler = (_q, r) => r.end('<html>maintenance</html>');
    expect(await listVendorModels('venice', { workspace: workspace() })).toMatchObject({ ok: false, code: 'discovery_failed', reason: 'not_json', status: 200 });
    lb.handler = (_q, r) => sendJson(r, 200, { object: 'list' });
    const r = await listVendorModels('venice', { workspace: workspace() });
    expect(r).toMatchObject({ ok: false, reason: 'not_a_catalog' });
    expect(r.error).toMatch(/not a model list/);
  });

  it('an empty list is ok but warned', async () => {
    setEnv('BYOK_DISCOVERY_BASE_VENICE', lb.base);
    lb.handler = (_q, r) => sendJson(r, 200, { object: 'list', data: [] });
    const r = await listVendorModels('venice', { workspace: workspace() });
    expect(r).toMatchObject({ ok: true, count: 0, warnings: [expect.objectContaining({ code: 'empty_catalog' })] });
  });

  it('times out', async () => {
    setEnv('BYOK_DISCOVERY_BASE_VENICE', lb.base);
    lb.handler = () => undefined;
    const r = await listVendorModels('venice', { workspace: workspace(), timeoutMs: 200 });
    expect(r).toMatchObject({ ok: false, code: 'discovery_failed', reason: 'timeout' });
    expect(r.error).toMatch(/no answer within 200 ms/);
  });

  it('follows a same-host redirect, refuses one to another host', async () => {
    setEnv('BYOK_DISCOVERY_BASE_VENICE', lb.base);
    lb.handler = (q, r) => {
      if (q.url === '/api/v1/models') {
        r.writeHead(301, { location: '/api/v1/models/' });
        r.end();
      } else sendJson(r, 200, shape('venice'));
    };
    expect(await listVendorModels('venice', { workspace: workspace() })).toMatchObject({ ok: true, count: 2 });
    lb.seen.length = 0;
    lb.handler = (_q, r) => {
      r.writeHead(302, { location: 'http://127.0.0.2:9/steal' });
      r.end();
    };
    const r = await listVendorModels('venice', { workspace: workspace() });
    expect(r).toMatchObject({ ok: false, reason: 'redirect' });
    expect(r.error).toMatch(/redirect \(HTTP 302\) to 127\.0\.0\.2:9/);
    expect(lb.seen).toHaveLength(1);
  });

  it('asks for the key through need_env_input when the catalog needs one', async () => {
    setEnv('BYOK_DISCOVERY_BASE_XAI', lb.base);
    const r = await listVendorModels('xai', { workspace: workspace() });
    expect(r).toMatchObject({ ok: false, code: 'key_not_set', need_env_input: { env_vars: [{ key: 'CUSTOM_KEY_API_X_AI', required: true }] } });
    expect(lb.seen).toHaveLength(0);
  });

  it('refuses vendors without a catalog, unknown vendors, and a non-loopback override', async () => {
    expect(await listVendorModels('qwen', { workspace: workspace() })).toMatchObject({ ok: false, code: 'no_discovery', curated_models: ['qwen3-max', 'qwen-plus', 'qwen-flash'] });
    const u = await listVendorModels('nope', { workspace: workspace() });
    expect(u).toMatchObject({ ok: false, code: 'unknown_vendor' });
    expect(u.error).toContain('groq');
    setEnv('BYOK_DISCOVERY_BASE_VENICE', 'https://evil.example');
    expect(await listVendorModels('venice', { workspace: workspace() })).toMatchObject({ ok: false, code: 'usage' });
  });

  it('accepts a catalogUrl pointing at a loopback server', async () => {
    lb.handler = (_q, r) => sendJson(r, 200, { data: [{ id: 'x' }] });
    const r = await listVendorModels('venice', { workspace: workspace(), catalogUrl: `${lb.base}/custom/models` });
    expect(r).toMatchObject({ ok: true, url: `${lb.base}/custom/models`, count: 1 });
  });
});

describe('catalog data', () => {
  it('every vendor names a format grammar/catalog-formats.yaml defines, and every format has a recorded shape', async () => {
    const { vendors } = await import('../src/vendors/load.js');
    const { catalogVendors } = await import('../src/vendors/discovery.js');
    const { formatNames } = await import('../src/vendors/catalog/normalise.js');
    const names = new Set(formatNames());
    for (const v of [...vendors().values(), ...catalogVendors().values()]) {
      const f = v.model_discovery?.format;
      if (f && f !== 'auto') expect(names, v.vendor).toContain(f);
    }
    for (const n of names) expect(() => shape(n), n).not.toThrow();
    expect([...catalogVendors().keys()].sort()).toEqual(['fireworks', 'groq', 'mistral', 'openrouter', 'together']);
  });
});

describe('hostile catalogs', () => {
  it('a reply over the size cap, deeply nested JSON and odd item types are reported or skipped, never thrown', async () => {
    const { httpCall } = await import('../src/vendors/http.js');
    lb.handler = (_q, r) => sendJson(r, 200, { data: [{ id: 'x'.repeat(5000) }] });
    const big = await httpCall({ method: 'GET', url: `${lb.base}/models`, maxBytes: 1024 });
    expect(big).toMatchObject({ ok: false, kind: 'too_large' });
    expect((big as { message: string }).message).toContain(`GET ${lb.base}/models`);
    setEnv('BYOK_DISCOVERY_BASE_VENICE', lb.base);
    lb.handler = (_q, r) => {
      r.writeHead(200, { 'content-type': 'application/json' });
      r.end('['.repeat(200_000) + ']'.repeat(200_000));
    };
    expect(await listVendorModels('venice', { workspace: workspace() })).toMatchObject({ ok: false, code: 'discovery_failed' });
    lb.handler = (_q, r) => sendJson(r, 200, { data: [null, 7, 'plain-id', [], { id: 42 }, { id: 'ok-model', context_length: 'many', pricing: { prompt: '-1' } }, { __proto__: { id: 'x' } }] });
    const r = await listVendorModels('venice', { workspace: workspace() });
    expect((r.models as M[]).map((m) => m.upstream_model)).toEqual(['plain-id', 'ok-model']);
    expect(byId(r, 'ok-model')).toMatchObject({ context_tokens: null, pricing: { input_usd: null } });
  });
});

describe('normalisePage on any JSON (fast-check)', () => {
  it('never throws; every model has a string id and only numbers, booleans, strings or null in its fields', async () => {
    const fc = (await import('fast-check')).default;
    const { formatNames } = await import('../src/vendors/catalog/normalise.js');
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 5 }), fc.constantFrom(...formatNames()), (body, format) => {
        for (const b of [body, { data: [body] }, { models: [body] }, [body]]) {
          const p = normalisePage(b, format);
          if (!p) continue;
          for (const m of p.models) {
            expect(typeof m.upstream_model).toBe('string');
            for (const v of [m.context_tokens, m.max_output_tokens, m.pricing.input_usd, m.pricing.output_usd]) expect(v === null || Number.isFinite(v)).toBe(true);
            for (const v of Object.values(m.capabilities)) expect(v === null || typeof v === 'boolean').toBe(true);
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});
