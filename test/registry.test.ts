// The registry as a library: ids, key presence, validation with clear
// errors, add/add-template/list/get/remove results, comments and unknown
// fields kept, corrupt files refused untouched. Made-up keys are built from
// grammar/key-shapes.yaml with random bytes at run time; none is in the repo.
import { randomUUID, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { generateKey } from './helpers/keys.js';
import { add, addTemplate, get, listModels, remove, templates } from '../src/registry/index.js';
import { parseDotenv } from '../src/registry/env.js';
import { entryId, keyEnvForHost } from '../src/registry/ids.js';
import { findKeyShaped } from '../src/secrets/index.js';
import { checkBaseUrl, checkHeader, checkModelId, checkPlainJson } from '../src/registry/validate.js';
import { parseRegistry, REGISTRY_REL } from '../src/registry/store.js';

/** A random key of the given shape, made at run time from grammar/key-shapes.yaml. */
const fakeKey = (shapeId: string) => generateKey(shapeId);

function ws(files: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'byok-reg-'));
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(join(dir, rel, '..'), { recursive: true });
    writeFileSync(join(dir, rel), text);
  }
  return dir;
}
const registryText = (dir: string) => readFileSync(join(dir, REGISTRY_REL), 'utf8');

const envSet: string[] = [];
afterEach(() => {
  for (const k of envSet.splice(0)) delete process.env[k];
});

const draft = (over: Record<string, unknown> = {}) => ({
  upstream_model: 'my-model',
  base_url: 'https://api.example.com/v1',
  wire: 'openai',
  name: 'My model',
  api_key_env: 'CUSTOM_KEY_API_EXAMPLE_COM',
  auth: { in: 'header', name: 'Authorization', scheme: 'Bearer' },
  headers: {},
  query: {},
  thinking_capability: 'none',
  thinking_mode: 'auto',
  thinking_params: {},
  request_params: {},
  capabilities: { streaming: true },
  max_tokens: null,
  ...over,
});

describe('ids and key names', () => {
  it('id is custom/<slug>-<4 hex>, stable for base_url + model, trailing slash and host case ignored', () => {
    const a = entryId('https://API.DeepSeek.com/', 'deepseek-flash');
    expect(a).toMatch(/^custom\/deepseek-flash-[0-9a-f]{4}$/);
    expect(entryId('https://api.deepseek.com', 'deepseek-flash')).toBe(a);
    expect(entryId('https://api.deepseek.com/v1', 'deepseek-flash')).not.toBe(a);
    expect(entryId('https://x.example', 'Qwen/Qwen3.6-35B-A3B-FP8')).toMatch(/^custom\/qwen-qwen3-6-35b-a3b-fp8-[0-9a-f]{4}$/);
  });

  it('takes the next hex when the id belongs to another endpoint', () => {
    const first = entryId('https://a.example', 'm');
    const second = entryId('https://a.example', 'm', (id) => id === first);
    expect(second).not.toBe(first);
    expect(second).toMatch(/^custom\/m-[0-9a-f]{4}$/);
  });

  it('key variable is CUSTOM_KEY_<HOST>', () => {
    expect(keyEnvForHost('api.deepseek.com')).toBe('CUSTOM_KEY_API_DEEPSEEK_COM');
    expect(keyEnvForHost('dashscope-intl.aliyuncs.com')).toBe('CUSTOM_KEY_DASHSCOPE_INTL_ALIYUNCS_COM');
  });
});

describe('.env names', () => {
  it('reads NAME=value, export, quotes, comments; empty values are unset', () => {
    const m = parseDotenv('# c\nA=1\nexport B = "two words" # c\nC=\'x\'\nD=\nE= # only a comment\n\uFEFFF=`y`\nbad line\nG="multi\nline"\n');
    expect(m.get('A')).toBe('1');
    expect(m.get('B')).toBe('two words');
    expect(m.get('C')).toBe('x');
    expect(m.get('D')).toBe('');
    expect(m.get('E')).toBe('');
    expect(m.get('G')).toBe('multi\nline');
  });
});

describe('validation rules', () => {
  it('base_url: https, or http only on loopback/private hosts; no credentials, query or fragment', () => {
    expect(checkBaseUrl('https://api.example.com/v1')).toBeNull();
    expect(checkBaseUrl('http://localhost:11434/v1')).toBeNull();
    expect(checkBaseUrl('http://192.168.1.20:8000/v1')).toBeNull();
    expect(checkBaseUrl('http://[::1]:8000')).toBeNull();
    expect(checkBaseUrl('http://api.example.com/v1')).toMatch(/plain http on a public host/);
    expect(checkBaseUrl('ftp://x.example')).toMatch(/must use https/);
    const withCreds = checkBaseUrl('https://user:hunter2pass@api.example.com');
    expect(withCreds).toMatch(/credentials/);
    expect(withCreds).not.toContain('hunter2pass');
    const withQuery = checkBaseUrl('https://api.example.com/v1?key=zzsecretzz');
    expect(withQuery).toMatch(/query string/);
    expect(withQuery).not.toContain('zzsecretzz');
    expect(checkBaseUrl('https://api.example.com/v1#x')).toMatch(/fragment/);
    expect(checkBaseUrl('api.example.com')).toMatch(/not an absolute URL/);
  });

  it('headers: valid names, printable ASCII values (smart quotes named), no credential headers', () => {
    expect(checkHeader('X-Title', 'My app')).toBeNull();
    expect(checkHeader('X-Title', '\u201cMy app\u201d')).toMatch(/U\+201C \(a curly quote, a common paste error/);
    expect(checkHeader('Bad Name', 'x')).toMatch(/not a valid HTTP header name/);
    expect(checkHeader('Authorization', 'Bearer $X')).toMatch(/carries a credential/);
    expect(checkHeader('X-Portkey-Api-Key', 'x')).toMatch(/carries a credential/);
  });

  it('model ids: sane charset and length', () => {
    expect(checkModelId('Qwen/Qwen3.6-35B-A3B-FP8')).toBeNull();
    expect(checkModelId('@cf/meta/llama-3.1-8b-instruct')).toBeNull();
    expect(checkModelId('bad model')).toMatch(/characters outside/);
    expect(checkModelId('x'.repeat(201))).toMatch(/longer than 200/);
  });

  it('request_params: plain JSON without __proto__/constructor', () => {
    expect(checkPlainJson({ top_k: 5, provider: { order: ['a'] } }, 'request_params')).toBeNull();
    expect(checkPlainJson(JSON.parse('{"a":{"__proto__":{"x":1}}}'), 'request_params')).toMatch(/__proto__/);
    expect(checkPlainJson({ constructor: 1 }, 'request_params')).toMatch(/constructor/);
    expect(checkPlainJson({ x: Infinity }, 'request_params')).toMatch(/not finite/);
  });

  it('key shapes: every shape is found (32-hex is the Azure key shape), commit hashes, UUIDs and placeholders are not', () => {
    for (const id of ['openai-proj', 'anthropic', 'xai', 'gemini', 'groq', 'sk-hex32', 'azure-hex32']) expect(findKeyShaped(`x ${fakeKey(id)} y`)).not.toBeNull();
    expect(findKeyShaped(randomBytes(20).toString('hex'))).toBeNull();
    expect(findKeyShaped(randomUUID())).toBeNull();
    expect(findKeyShaped('sk-...')).toBeNull();
    expect(findKeyShaped('sk-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx')).toBeNull();
  });
});

describe('add', () => {
  it('registers a draft, and adding it again updates the same entry', async () => {
    const dir = ws();
    const r1 = await add({ ok: true, draft: draft(), detected: {}, warnings: [], suggestion: null, note: '' }, { workspace: dir });
    expect(r1).toMatchObject({ ok: true, status: 'registered', created: true, api_key_env: 'CUSTOM_KEY_API_EXAMPLE_COM', api_key_set: false });
    expect(r1.model_id).toMatch(/^custom\/my-model-[0-9a-f]{4}$/);
    expect(r1.need_env_input).toEqual({
      env_vars: [{ key: 'CUSTOM_KEY_API_EXAMPLE_COM', label: 'My model API Key', required: true }],
      reason: expect.stringContaining('CUSTOM_KEY_API_EXAMPLE_COM'),
    });
    expect(r1.next_action).toMatch(/secure-input tool/);
    const again = await add(draft(), { workspace: dir });
    expect(again).toMatchObject({ ok: true, created: false, model_id: r1.model_id });
    expect(again.note).toMatch(/unchanged/);
    const changed = await add(draft({ name: 'Renamed', base_url: 'https://api.example.com/v1/' }), { workspace: dir });
    expect(changed).toMatchObject({ ok: true, created: false, model_id: r1.model_id, name: 'Renamed' });
    const list = await listModels({ workspace: dir });
    expect(list.count).toBe(1);
  });

  it('keeps the detected vendor only when its template serves the host', async () => {
    const wrap = (d: Record<string, unknown>) => ({ ok: true, draft: d, detected: { vendor: 'deepseek' }, warnings: [], suggestion: null, note: '' });
    expect(await add(wrap(draft({ base_url: 'https://api.deepseek.com', upstream_model: 'deepseek-flash', api_key_env: null })), { workspace: ws() })).toMatchObject({ ok: true, vendor: 'deepseek' });
    expect(await add(wrap(draft({ base_url: 'https://gateway.example/v1', upstream_model: 'deepseek-flash', api_key_env: null })), { workspace: ws() })).toMatchObject({ ok: true, vendor: null });
  });

  it('fills api_key_env from the host and takes a bare field set', async () => {
    const dir = ws();
    const r = await add({ upstream_model: 'm', base_url: 'https://llm.corp.example/v1' }, { workspace: dir });
    expect(r).toMatchObject({ ok: true, api_key_env: 'CUSTOM_KEY_LLM_CORP_EXAMPLE', wire: 'openai', name: 'm' });
  });

  it('a local endpoint with auth none needs no key', async () => {
    const r = await add({ upstream_model: 'llama3', base_url: 'http://localhost:11434/v1', auth: { in: 'none' } }, { workspace: ws() });
    expect(r).toMatchObject({ ok: true, api_key_env: null, api_key_set: null });
    expect(r.need_env_input).toBeUndefined();
  });

  it('refuses a failed parse-example result with its error', async () => {
    const r = await add({ ok: false, error: 'No request found in the input.', code: 'no_request_found' }, { workspace: ws() });
    expect(r).toMatchObject({ ok: false, code: 'no_request_found' });
    expect(r.error).toMatch(/No request found in the input/);
  });

  it('refuses bad fields with one clear sentence, and writes nothing', async () => {
    const dir = ws();
    const cases: [Record<string, unknown>, RegExp][] = [
      [draft({ base_url: 'http://api.example.com/v1' }), /plain http/],
      [draft({ base_url: null }), /base_url is missing/],
      [draft({ headers: { 'X-Title': '\u201cApp\u201d' } }), /curly quote/],
      [draft({ request_params: JSON.parse('{"__proto__": {"polluted": true}}') }), /prototype/],
      [draft({ upstream_model: 'a b' }), /upstream_model/],
      [draft({ headers: 'nope' }), /expected shape/],
      [draft({ api_key_env: 'lower-case' }), /api_key_env/],
    ];
    for (const [input, re] of cases) {
      const r = await add(input, { workspace: dir });
      expect(r.ok, JSON.stringify(input)).toBe(false);
      expect(r.error).toMatch(re);
      expect(r.code).toBe('invalid_entry');
    }
    expect(existsSync(join(dir, REGISTRY_REL))).toBe(false);
  });

  it('refuses a key-shaped value anywhere in the entry without echoing it', async () => {
    const key = fakeKey('openai-proj');
    const short = fakeKey('groq');
    for (const over of [{ request_params: { nested: [{ k: key }] } }, { name: `n ${short}` }, { headers: { 'X-Title': key } }]) {
      const r = await add(draft(over), { workspace: ws() });
      expect(r).toMatchObject({ ok: false, code: 'invalid_entry' });
      expect(r.error).toMatch(/looks like an API key/);
      expect(JSON.stringify(r)).not.toContain(key.slice(8, 30));
      expect(JSON.stringify(r)).not.toContain(short.slice(4, 30));
    }
  });

  it('never quotes a key-shaped value back, even in messages about other problems', async () => {
    const key = fakeKey('groq');
    const msgs = [
      await add(draft({ upstream_model: `x ${key}` }), { workspace: ws() }),
      await add(draft({ base_url: `http://public.example.com/${key}` }), { workspace: ws() }),
      await add(draft({ headers: { [key]: 'x' } }), { workspace: ws() }),
      await get(key, { workspace: ws() }),
      await addTemplate(key, {}, { workspace: ws() }),
    ];
    for (const r of msgs) {
      expect(r.ok).toBe(false);
      expect(JSON.stringify(r)).not.toContain(key.slice(4, 30));
    }
  });

  it('api_key_set comes from .env or the process environment, never printing the value', async () => {
    const secret = 'v' + randomBytes(16).toString('hex');
    const dir = ws({ '.env': `# keys\nexport CUSTOM_KEY_API_EXAMPLE_COM="${secret}"\n` });
    const r = await add(draft(), { workspace: dir });
    expect(r).toMatchObject({ ok: true, api_key_set: true });
    expect(r.need_env_input).toBeUndefined();
    expect(JSON.stringify(r)).not.toContain(secret);
    const dir2 = ws();
    process.env.CUSTOM_KEY_API_EXAMPLE_COM = secret;
    envSet.push('CUSTOM_KEY_API_EXAMPLE_COM');
    expect(await add(draft(), { workspace: dir2 })).toMatchObject({ api_key_set: true });
  });

  it('warns when the key variable or the key itself belongs to another vendor than the host', async () => {
    const r1 = await add(draft({ api_key_env: 'OPENAI_API_KEY' }), { workspace: ws() });
    expect((r1.warnings as { code: string; message: string }[])[0]).toMatchObject({ code: 'key_host_mismatch' });
    const r2 = await add(draft({ api_key_env: 'CUSTOM_KEY_API_OPENAI_COM' }), { workspace: ws() });
    expect((r2.warnings as { code: string }[]).map((w) => w.code)).toContain('key_host_mismatch');
    const key = fakeKey('anthropic');
    const dir = ws({ '.env': `CUSTOM_KEY_API_EXAMPLE_COM=${key}\n` });
    const r3 = await add(draft(), { workspace: dir });
    expect(r3.warnings).toEqual([expect.objectContaining({ code: 'key_host_mismatch', message: expect.stringMatching(/looks like a Anthropic key/) })]);
    expect(JSON.stringify(r3)).not.toContain(key.slice(14, 40));
  });
});

describe('add-template', () => {
  it('registers the default model with the template\'s facts', async () => {
    const dir = ws();
    const r = await addTemplate('deepseek', {}, { workspace: dir });
    expect(r).toMatchObject({
      ok: true,
      status: 'registered',
      vendor: 'deepseek',
      upstream_model: 'deepseek-flash',
      base_url: 'https://api.deepseek.com',
      api_key_env: 'CUSTOM_KEY_API_DEEPSEEK_COM',
      api_key_set: false,
      thinking_capability: 'deepseek_thinking',
      thinking_mode: 'enabled',
      warnings: [],
      need_env_input: { env_vars: [{ key: 'CUSTOM_KEY_API_DEEPSEEK_COM', label: 'DeepSeek API Key', required: true }] },
    });
  });

  it('NEAR AI: Qwen3.5 122B is stored with thinking disabled; a non-TEE model is allowed with a warning', async () => {
    const dir = ws();
    const q = await addTemplate('near-ai', { upstream_model: 'Qwen/Qwen3.5-122B-A10B' }, { workspace: dir });
    expect(q).toMatchObject({ ok: true, thinking_mode: 'disabled', warnings: [] });
    expect((await get(String(q.model_id), { workspace: dir })).thinking_params).toEqual({ 'chat_template_kwargs.enable_thinking': false });
    const other = await addTemplate('near-ai', { upstream_model: 'anthropic/claude-sonnet-4-6' }, { workspace: dir });
    expect(other).toMatchObject({ ok: true, warnings: [expect.objectContaining({ code: 'near_non_tee_model' })] });
    const custom = await add({ upstream_model: 'google/gemini-2.5-flash', base_url: 'https://cloud-api.near.ai/v1' }, { workspace: dir });
    expect((custom.warnings as { code: string }[]).map((w) => w.code)).toContain('near_non_tee_model');
  });

  it('a model outside the curated list needs discovery', async () => {
    const dir = ws();
    expect(await addTemplate('qwen', { upstream_model: 'qwen-max-latest' }, { workspace: dir })).toMatchObject({ ok: false, code: 'model_not_in_catalog' });
    const r = await addTemplate('deepseek', { upstream_model: 'deepseek-v5-preview', name: 'Preview' }, { workspace: dir });
    expect(r).toMatchObject({ ok: true, name: 'Preview', warnings: [expect.objectContaining({ code: 'model_not_curated' })] });
    expect(await addTemplate('nope', {}, { workspace: dir })).toMatchObject({ ok: false, code: 'unknown_vendor' });
  });

  it('every template registers its default model cleanly', async () => {
    const dir = ws();
    const t = await templates({ workspace: dir });
    for (const tpl of t.templates as { vendor: string }[]) {
      const r = await addTemplate(tpl.vendor, {}, { workspace: dir });
      expect(r, tpl.vendor).toMatchObject({ ok: true, warnings: [] });
    }
    expect((await listModels({ workspace: dir })).count).toBe(12);
  });
});

describe('templates', () => {
  it('lists the curated presets with key status', async () => {
    const t = await templates({ workspace: ws({ '.env': 'CUSTOM_KEY_API_X_AI=set-but-not-shown\n' }) });
    expect(t).toMatchObject({ ok: true, count: 12 });
    const xai = (t.templates as Record<string, unknown>[]).find((x) => x.vendor === 'xai')!;
    expect(xai).toMatchObject({ label: 'xAI', wire: 'openai', supports_dynamic_models: true, api_key_env: 'CUSTOM_KEY_API_X_AI', api_key_set: true });
    expect(JSON.stringify(t)).not.toContain('set-but-not-shown');
    const qwen = (t.templates as Record<string, unknown>[]).find((x) => x.vendor === 'qwen')!;
    expect(qwen.supports_dynamic_models).toBe(false);
  });
});

describe('list, get, remove', () => {
  it('get shows the entry flat with model_id and api_key_set; remove leaves .env alone and says so', async () => {
    const dir = ws({ '.env': 'OTHER=1\n' });
    const a = await add(draft(), { workspace: dir });
    const g = await get(String(a.model_id), { workspace: dir });
    expect(g).toMatchObject({ ok: true, model_id: a.model_id, id: a.model_id, upstream_model: 'my-model', api_key_set: false, need_env_input: expect.any(Object) });
    expect(await get('custom/none-0000', { workspace: dir })).toMatchObject({ ok: false, code: 'not_found' });
    const r = await remove(String(a.model_id), { workspace: dir });
    expect(r).toMatchObject({ ok: true, status: 'removed', model_id: a.model_id });
    expect(r.note).toMatch(/CUSTOM_KEY_API_EXAMPLE_COM in \.env was left alone/);
    expect(readFileSync(join(dir, '.env'), 'utf8')).toBe('OTHER=1\n');
    expect((await listModels({ workspace: dir })).count).toBe(0);
    expect(await remove(String(a.model_id), { workspace: dir })).toMatchObject({ ok: false, code: 'not_found' });
  });

  it('an empty workspace lists nothing', async () => {
    expect(await listModels({ workspace: ws() })).toEqual({ ok: true, count: 0, models: [] });
  });
});

describe('the file', () => {
  const userFile = `# my registry — hand-kept
version: 1
owner: me  # a field byok does not know
models:
  # the local one
  - id: custom/llama3-0000
    name: Local llama
    upstream_model: llama3
    base_url: http://localhost:11434/v1
    wire: openai
    api_key_env: null
    auth: { in: none }
    my_note: keep me   # inline comment
`;

  it('keeps comments, ordering and unknown fields through add, update, add-template and remove', async () => {
    const dir = ws({ [REGISTRY_REL]: userFile });
    const a = await add(draft(), { workspace: dir });
    await add(draft({ name: 'Changed' }), { workspace: dir });
    await addTemplate('kimi', {}, { workspace: dir });
    await remove(String(a.model_id), { workspace: dir });
    const text = registryText(dir);
    for (const s of ['# my registry — hand-kept', '# a field byok does not know', '# the local one', 'my_note: keep me', '# inline comment', 'auth: { in: none }']) {
      expect(text).toContain(s);
    }
    expect(text.indexOf('custom/llama3-0000')).toBeLessThan(text.indexOf('kimi-k2.6'));
    const l = await listModels({ workspace: dir });
    expect((l.models as { id: string; my_note?: string }[]).map((m) => [m.id, m.my_note])).toEqual([
      ['custom/llama3-0000', 'keep me'],
      [expect.stringMatching(/^custom\/kimi-k2-6-/), undefined],
    ]);
  });

  it('refuses a file that does not parse, with line and column, and leaves it untouched', async () => {
    const bad = 'version: 1\nmodels:\n  - id: custom/a-0000\n    name: [unclosed\n';
    const dir = ws({ [REGISTRY_REL]: bad });
    for (const r of [await add(draft(), { workspace: dir }), await listModels({ workspace: dir }), await remove('custom/a-0000', { workspace: dir })]) {
      expect(r).toMatchObject({ ok: false, code: 'invalid_registry' });
      expect(r.error).toMatch(/config\/custom_models\.yaml line \d+, column \d+/);
    }
    expect(registryText(dir)).toBe(bad);
  });

  it('refuses a file that is not valid UTF-8 (a Latin-1 comment) rather than rewrite its bytes', async () => {
    const dir = ws({ [REGISTRY_REL]: '' });
    const bytes = Buffer.concat([Buffer.from('# caf'), Buffer.from([0xe9]), Buffer.from('\nversion: 1\nmodels: []\n')]);
    writeFileSync(join(dir, REGISTRY_REL), bytes);
    const r = await add(draft(), { workspace: dir });
    expect(r).toMatchObject({ ok: false, code: 'invalid_registry' });
    expect(readFileSync(join(dir, REGISTRY_REL)).equals(bytes)).toBe(true);
  });

  it('refuses a file that does not validate, pointing at the field', async () => {
    const bad = userFile.replace('http://localhost:11434/v1', 'http://public.example.com/v1');
    const dir = ws({ [REGISTRY_REL]: bad });
    const r = await add(draft(), { workspace: dir });
    expect(r).toMatchObject({ ok: false, code: 'invalid_registry' });
    expect(r.error).toMatch(/line 9, column 15: base_url .*plain http/);
    expect(registryText(dir)).toBe(bad);
    const proto = parseRegistry(userFile.replace('my_note: keep me', 'request_params: {__proto__: {polluted: true}}')) as { error: string };
    expect(proto.error).toMatch(/line 13, column \d+: the key __proto__ is not allowed/);
    const dup = userFile + userFile.slice(userFile.indexOf('  - id'));
    expect((parseRegistry(dup) as { error: string }).error).toMatch(/used twice/);
  });

  it('leaves no temp files behind', async () => {
    const dir = ws();
    await add(draft(), { workspace: dir });
    expect(readdirSync(join(dir, 'config')).sort()).toEqual(['custom_models.yaml']);
  });
});

describe('gateway credential headers (a ${NAME} reference beside the key)', () => {
  it('stores the reference, and need_env_input lists every missing variable until each is set', async () => {
    const dir = ws();
    const d = draft({ base_url: 'https://oai.helicone.ai/v1', api_key_env: 'CUSTOM_KEY_OAI_HELICONE_AI', headers: { 'Helicone-Auth': 'Bearer ${HELICONE_API_KEY}' } });
    const r1 = await add(d, { workspace: dir });
    expect(r1.ok).toBe(true);
    expect(r1.need_env_input.env_vars.map((v: { key: string }) => v.key)).toEqual(['CUSTOM_KEY_OAI_HELICONE_AI', 'HELICONE_API_KEY']);
    expect(registryText(dir)).toContain('Bearer ${HELICONE_API_KEY}');
    writeFileSync(join(dir, '.env'), 'CUSTOM_KEY_OAI_HELICONE_AI=x\n');
    const r2 = await add(d, { workspace: dir });
    expect(r2.need_env_input.env_vars.map((v: { key: string }) => v.key)).toEqual(['HELICONE_API_KEY']);
    expect(r2.note).toMatch(/HELICONE_API_KEY/);
    writeFileSync(join(dir, '.env'), 'CUSTOM_KEY_OAI_HELICONE_AI=x\nHELICONE_API_KEY=y\n');
    const g = await get(r1.model_id, { workspace: dir });
    expect(g.need_env_input).toBeUndefined();
  });

  it('still refuses a credential header that holds a value rather than a reference', () => {
    expect(checkHeader('Helicone-Auth', 'Bearer ${HELICONE_API_KEY}')).toBeNull();
    expect(checkHeader('cf-aig-authorization', '${CF_AIG_TOKEN}')).toBeNull();
    expect(checkHeader('Helicone-Auth', 'Bearer not-a-reference-value')).toMatch(/credential/);
    expect(checkHeader('x-portkey-api-key', 'Bearer ${A} ${B}')).toMatch(/credential/);
  });
});
