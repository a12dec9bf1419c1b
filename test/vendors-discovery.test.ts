// Live discovery against a local HTTP server on 127.0.0.1 (never a real
// vendor): normalisation of each catalog shape, paging, auth, errors that
// name the URL, a timeout, no redirects, no key in any result.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { listVendorModels } from '../src/registry/index.js';
import { normaliseCatalog } from '../src/vendors/discovery.js';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;
let handler: Handler = (_q, r) => r.end('{}');
const seen: { url: string; headers: IncomingMessage['headers'] }[] = [];
let server: Server;
let base = '';

const json = (res: ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
};

beforeAll(async () => {
  server = createServer((req, res) => {
    seen.push({ url: req.url ?? '', headers: req.headers });
    handler(req, res);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const addr = server.address() as { port: number };
  base = `http://127.0.0.1:${addr.port}`;
});
afterAll(() => {
  server.closeAllConnections();
  return new Promise<void>((r) => server.close(() => r()));
});

const envKeys: string[] = [];
function setEnv(name: string, value: string) {
  envKeys.push(name);
  process.env[name] = value;
}
afterEach(() => {
  for (const k of envKeys.splice(0)) delete process.env[k];
  seen.length = 0;
});

/** A throwaway workspace whose .env may hold a made-up key (random, built at run time). */
function workspace(env?: Record<string, string>): string {
  const ws = mkdtempSync(join(tmpdir(), 'byok-disc-'));
  if (env) writeFileSync(join(ws, '.env'), Object.entries(env).map(([k, v]) => `${k}=${v}`).join('\n') + '\n');
  return ws;
}
const fakeSecret = () => 'test' + randomBytes(12).toString('hex');

describe('listVendorModels', () => {
  it('normalises an OpenAI-style {data:[{id}]} catalog and marks curated and TEE models (NEAR, no key needed)', async () => {
    setEnv('BYOK_DISCOVERY_BASE_NEAR_AI', base);
    handler = (_q, r) => json(r, 200, { object: 'list', data: [{ id: 'Qwen/Qwen3.6-35B-A3B-FP8' }, { id: 'anthropic/claude-sonnet-4-6' }] });
    const r = await listVendorModels('near-ai', { workspace: workspace() });
    expect(r).toMatchObject({ ok: true, vendor: 'near-ai', url: `${base}/v1/models`, count: 2, key_env_used: null });
    expect(r.models).toEqual([
      { id: 'Qwen/Qwen3.6-35B-A3B-FP8', curated: true, tee: true },
      { id: 'anthropic/claude-sonnet-4-6', curated: false, tee: false },
    ]);
    expect(seen[0].url).toBe('/v1/models');
    expect(seen[0].headers.authorization).toBeUndefined();
  });

  it('accepts a bare array', async () => {
    setEnv('BYOK_DISCOVERY_BASE_VENICE', base);
    handler = (_q, r) => json(r, 200, ['zai-org-glm-5', { id: 'other' }]);
    const r = await listVendorModels('venice', { workspace: workspace() });
    expect(r.ok && (r.models as { id: string }[]).map((m) => m.id)).toEqual(['zai-org-glm-5', 'other']);
  });

  it('reads Gemini {models:[{name:"models/x"}]}, strips the prefix, filters, follows nextPageToken, sends x-goog-api-key', async () => {
    const key = fakeSecret();
    setEnv('BYOK_DISCOVERY_BASE_GEMMA', base);
    handler = (q, r) => {
      if (!q.url!.includes('pageToken')) json(r, 200, { models: [{ name: 'models/gemini-2.5-flash', displayName: 'Gemini 2.5 Flash' }, { name: 'models/gemma-3-27b-it' }], nextPageToken: 'p2' });
      else json(r, 200, { models: [{ name: 'models/gemma-3-4b-it' }] });
    };
    const r = await listVendorModels('gemma', { workspace: workspace({ CUSTOM_KEY_GENERATIVELANGUAGE_GOOGLEAPIS_COM: key }) });
    expect(r.ok).toBe(true);
    expect((r.models as { id: string }[]).map((m) => m.id)).toEqual(['gemma-3-27b-it', 'gemma-3-4b-it']);
    expect(r.key_env_used).toBe('CUSTOM_KEY_GENERATIVELANGUAGE_GOOGLEAPIS_COM');
    expect(seen[0].headers['x-goog-api-key']).toBe(key);
    expect(seen[1].url).toContain('pageToken=p2');
    expect(JSON.stringify(r)).not.toContain(key);
  });

  it("follows Anthropic's pages (has_more/last_id) with x-api-key and anthropic-version", async () => {
    const key = fakeSecret();
    setEnv('BYOK_DISCOVERY_BASE_ANTHROPIC', base);
    setEnv('CUSTOM_KEY_API_ANTHROPIC_COM', key);
    handler = (q, r) => {
      if (!q.url!.includes('after_id')) json(r, 200, { data: [{ id: 'claude-sonnet-4-6', display_name: 'Claude Sonnet 4.6' }], has_more: true, last_id: 'claude-sonnet-4-6' });
      else json(r, 200, { data: [{ id: 'claude-haiku-4-5' }], has_more: false, last_id: 'claude-haiku-4-5' });
    };
    const r = await listVendorModels('anthropic', { workspace: workspace() });
    expect(r.models).toEqual([
      { id: 'claude-sonnet-4-6', name: 'Claude Sonnet 4.6', curated: true },
      { id: 'claude-haiku-4-5', curated: true },
    ]);
    expect(seen).toHaveLength(2);
    expect(seen[1].url).toContain('after_id=claude-sonnet-4-6');
    expect(seen[0].headers['x-api-key']).toBe(key);
    expect(seen[0].headers['anthropic-version']).toBe('2023-06-01');
  });

  it('falls back to the vendor\'s documented key variable, sent as Bearer', async () => {
    const key = fakeSecret();
    setEnv('BYOK_DISCOVERY_BASE_DEEPSEEK', base);
    handler = (_q, r) => json(r, 200, { data: [{ id: 'deepseek-flash' }] });
    const r = await listVendorModels('deepseek', { workspace: workspace({ DEEPSEEK_API_KEY: key }) });
    expect(r).toMatchObject({ ok: true, key_env_used: 'DEEPSEEK_API_KEY', url: `${base}/models` });
    expect(seen[0].headers.authorization).toBe(`Bearer ${key}`);
  });

  it('surfaces HTTP errors with the URL called and scrubs a key the vendor echoes', async () => {
    const key = fakeSecret();
    setEnv('BYOK_DISCOVERY_BASE_OPENAI', base);
    handler = (_q, r) => json(r, 401, { error: { message: `Incorrect API key provided: ${key}.` } });
    const r = await listVendorModels('openai', { workspace: workspace({ CUSTOM_KEY_API_OPENAI_COM: key }) });
    expect(r).toMatchObject({ ok: false, code: 'discovery_failed' });
    expect(r.error).toContain(`GET ${base}/v1/models answered HTTP 401 (the key was refused)`);
    expect(JSON.stringify(r)).not.toContain(key);
  });

  it('never answers a silent []: non-JSON and JSON without a list are errors', async () => {
    setEnv('BYOK_DISCOVERY_BASE_VENICE', base);
    handler = (_q, r) => r.end('<html>maintenance</html>');
    expect(await listVendorModels('venice', { workspace: workspace() })).toMatchObject({ ok: false, code: 'discovery_failed' });
    handler = (_q, r) => json(r, 200, { object: 'list' });
    const r = await listVendorModels('venice', { workspace: workspace() });
    expect(r.error).toMatch(/without a model list/);
  });

  it('times out', async () => {
    setEnv('BYOK_DISCOVERY_BASE_VENICE', base);
    handler = () => undefined; // never answers
    const t0 = Date.now();
    const r = await listVendorModels('venice', { workspace: workspace(), timeoutMs: 200 });
    expect(r).toMatchObject({ ok: false, code: 'discovery_failed' });
    expect(r.error).toMatch(/no answer within 200 ms/);
    expect(Date.now() - t0).toBeLessThan(3000);
  });

  it('does not follow a redirect (the key would go to another host)', async () => {
    setEnv('BYOK_DISCOVERY_BASE_VENICE', base);
    handler = (_q, r) => {
      r.writeHead(302, { location: 'http://127.0.0.2:9/steal' });
      r.end();
    };
    const r = await listVendorModels('venice', { workspace: workspace() });
    expect(r.error).toMatch(/redirect \(HTTP 302\)/);
    expect(seen).toHaveLength(1);
  });

  it('asks for the key through need_env_input when the catalog needs one and none is set', async () => {
    setEnv('BYOK_DISCOVERY_BASE_XAI', base);
    const r = await listVendorModels('xai', { workspace: workspace() });
    expect(r).toMatchObject({ ok: false, code: 'key_not_set', need_env_input: { env_vars: [{ key: 'CUSTOM_KEY_API_X_AI', required: true }] } });
    expect(seen).toHaveLength(0);
  });

  it('refuses vendors without a catalog, unknown vendors, and a non-loopback override', async () => {
    expect(await listVendorModels('qwen', { workspace: workspace() })).toMatchObject({ ok: false, code: 'no_discovery', curated_models: ['qwen3-max', 'qwen-plus', 'qwen-flash'] });
    expect(await listVendorModels('nope', { workspace: workspace() })).toMatchObject({ ok: false, code: 'unknown_vendor' });
    setEnv('BYOK_DISCOVERY_BASE_VENICE', 'https://evil.example');
    expect(await listVendorModels('venice', { workspace: workspace() })).toMatchObject({ ok: false, code: 'usage' });
  });

  it('accepts a catalogUrl parameter pointing at a loopback server', async () => {
    handler = (_q, r) => json(r, 200, { data: [{ id: 'x' }] });
    const r = await listVendorModels('venice', { workspace: workspace(), catalogUrl: `${base}/custom/models` });
    expect(r).toMatchObject({ ok: true, url: `${base}/custom/models`, count: 1 });
  });
});

describe('normaliseCatalog', () => {
  it('understands the four shapes and rejects others', () => {
    expect(normaliseCatalog({ data: [{ id: 'a' }] }, 'auto')?.models).toEqual([{ id: 'a' }]);
    expect(normaliseCatalog(['a', { id: 'b' }], 'auto')?.models).toEqual([{ id: 'a' }, { id: 'b' }]);
    expect(normaliseCatalog({ models: [{ name: 'models/g' }] }, 'gemini')?.models).toEqual([{ id: 'g' }]);
    expect(normaliseCatalog({ data: [], has_more: true, last_id: 'z' }, 'anthropic')?.next).toBe('after_id=z');
    expect(normaliseCatalog({ error: 'x' }, 'auto')).toBeNull();
    expect(normaliseCatalog('text', 'auto')).toBeNull();
  });
});
