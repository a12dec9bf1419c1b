// Entries that cannot be wrong: what `add`, `add-template` and `update`
// repair (with a warning naming the change) or refuse (naming the field and
// the fix); keys the user already has; names; update and rename in place.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { run } from '../src/cli.js';
import { add, addTemplate, get, listModels, rename, update } from '../src/registry/index.js';
import { checkName } from '../src/registry/validate.js';
import { REGISTRY_REL } from '../src/registry/store.js';

function ws(files: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'byok-entries-'));
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(join(dir, rel, '..'), { recursive: true });
    writeFileSync(join(dir, rel), text);
  }
  return dir;
}
const base = { upstream_model: 'my-model', base_url: 'https://api.example.com/v1' };
type Res = { ok: boolean; error?: string; code?: string; warnings?: { code: string; message: string }[]; [k: string]: unknown };
const codes = (r: Res) => (r.warnings ?? []).map((w) => w.code);
const warning = (r: Res, code: string) => (r.warnings ?? []).find((w) => w.code === code)?.message ?? '';

const savedEnv: Record<string, string | undefined> = {};
function setEnv(k: string, v: string) {
  if (!(k in savedEnv)) savedEnv[k] = process.env[k];
  process.env[k] = v;
}
afterEach(() => {
  for (const [k, v] of Object.entries(savedEnv)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
    delete savedEnv[k];
  }
});

describe('base_url repairs', () => {
  it('cuts the endpoint off a base_url and says so', async () => {
    const dir = ws();
    const r = (await add({ ...base, base_url: 'https://api.example.com/v1/chat/completions' }, { workspace: dir })) as Res;
    expect(r).toMatchObject({ ok: true, base_url: 'https://api.example.com/v1' });
    expect(warning(r, 'base_url_repaired')).toMatch(/included the endpoint \/chat\/completions.*stored the API root https:\/\/api\.example\.com\/v1\./);
  });

  it('an anthropic-wire root loses /v1/messages, and a trailing /v1 (the SDK appends /v1/messages)', async () => {
    const dir = ws();
    const a = (await add({ ...base, wire: 'anthropic', base_url: 'https://api.example.com/anthropic/v1/messages' }, { workspace: dir })) as Res;
    expect(a).toMatchObject({ ok: true, base_url: 'https://api.example.com/anthropic' });
    expect(warning(a, 'base_url_repaired')).toContain('/v1/messages');
    const b = (await add({ ...base, upstream_model: 'other', wire: 'anthropic', base_url: 'https://gw.example.com/anthropic/v1/' }, { workspace: dir })) as Res;
    expect(b).toMatchObject({ ok: true, base_url: 'https://gw.example.com/anthropic' });
    expect(warning(b, 'base_url_repaired')).toMatch(/ends in \/v1, but the Anthropic SDK appends \/v1\/messages/);
    // An openai-wire root keeps its /v1.
    const c = (await add({ ...base, upstream_model: 'third', base_url: 'https://gw.example.com/v1' }, { workspace: dir })) as Res;
    expect(c).toMatchObject({ ok: true, base_url: 'https://gw.example.com/v1' });
    expect(codes(c)).not.toContain('base_url_repaired');
  });
});

describe('refusals name the field and the fix', () => {
  it('thinking_mode disabled with thinking params that turn thinking on', async () => {
    const dir = ws();
    const r = (await add({ ...base, thinking_capability: 'deepseek_thinking', thinking_mode: 'disabled', thinking_params: { 'thinking.type': 'enabled' } }, { workspace: dir })) as Res;
    expect(r).toMatchObject({ ok: false, code: 'invalid_entry' });
    expect(r.error).toBe('thinking_mode is disabled, but thinking_params has thinking.type: "enabled", which turns thinking on; drop it from --thinking-params, or pass --thinking-mode enabled.');
    const nested = (await add({ ...base, thinking_mode: 'disabled', thinking_params: { reasoning_effort: 'high' } }, { workspace: dir })) as Res;
    expect(nested.error).toMatch(/^thinking_mode is disabled, but thinking_params has reasoning_effort: "high"/);
    // Params that switch thinking off agree with disabled.
    expect(await add({ ...base, thinking_capability: 'deepseek_thinking', thinking_mode: 'disabled', thinking_params: { 'thinking.type': 'disabled' } }, { workspace: dir })).toMatchObject({ ok: true });
    expect(await add({ ...base, upstream_model: 'm2', thinking_mode: 'disabled', thinking_params: { reasoning_effort: 'none' } }, { workspace: dir })).toMatchObject({ ok: true });
  });

  it('placeholders copied from docs in headers, query or model', async () => {
    const dir = ws();
    const h = (await add({ ...base, headers: { 'HTTP-Referer': '<YOUR_SITE_URL>' } }, { workspace: dir })) as Res;
    expect(h).toMatchObject({ ok: false, code: 'invalid_entry' });
    expect(h.error).toMatch(/^headers\.HTTP-Referer holds the placeholder "<YOUR_SITE_URL>" from the (docs|example).*--header .HTTP-Referer: /);
    const q = (await add({ ...base, query: { 'api-version': '{version}' } }, { workspace: dir })) as Res;
    expect(q.error).toMatch(/^query\.api-version holds the placeholder "\{version\}" from the (docs|example).*--query/);
    const y = (await add({ ...base, headers: { 'X-Title': 'YOUR_APP_NAME' } }, { workspace: dir })) as Res;
    expect(y.error).toMatch(/^headers\.X-Title holds the placeholder "YOUR_APP_NAME"/);
    const m = (await add({ ...base, upstream_model: 'YOUR_MODEL_ID' }, { workspace: dir })) as Res;
    expect(m.error).toMatch(/^upstream_model (holds the placeholder )?"YOUR_MODEL_ID".*--upstream-model/);
    const m2 = (await add({ ...base, upstream_model: '<model>' }, { workspace: dir })) as Res;
    expect(m2.error).toMatch(/^upstream_model (holds the placeholder )?"<model>"/);
    // Real values pass.
    expect(await add({ ...base, headers: { 'HTTP-Referer': 'https://my.site', 'X-Title': 'My app' }, query: { 'api-version': '2024-10-21' } }, { workspace: dir })).toMatchObject({ ok: true });
    expect(await listModels({ workspace: dir })).toMatchObject({ count: 1 });
  });

  it('--upstream-model "" is an error, not the default model', async () => {
    const dir = ws();
    const r = (await addTemplate('deepseek', { upstream_model: '' }, { workspace: dir })) as Res;
    expect(r).toMatchObject({ ok: false, code: 'invalid_entry' });
    expect(r.error).toBe("--upstream-model is empty; give the model id, or leave the flag out for DeepSeek's default (deepseek-flash).");
    const cli = (await run(['add-template', 'deepseek', '--upstream-model', '', '--workspace', dir])).result as Res;
    expect(cli).toMatchObject({ ok: false, code: 'invalid_entry' });
    const cliAdd = (await run(['add', '--upstream-model', ' ', '--base-url', 'https://api.example.com/v1', '--workspace', dir])).result as Res;
    expect(cliAdd).toMatchObject({ ok: false, code: 'invalid_entry', error: '--upstream-model is empty; give a value, or leave the flag out.' });
    expect(await listModels({ workspace: dir })).toMatchObject({ count: 0 });
  });
});

describe('add-template over an entry registered from a paste', () => {
  it('says what it replaces instead of replacing thinking params silently', async () => {
    const dir = ws();
    const pasted = (await add(
      { upstream_model: 'deepseek-flash', base_url: 'https://api.deepseek.com', thinking_capability: 'deepseek_thinking', thinking_mode: 'disabled', thinking_params: { 'thinking.type': 'disabled' } },
      { workspace: dir },
    )) as Res;
    expect(pasted).toMatchObject({ ok: true, created: true });
    const t = (await addTemplate('deepseek', {}, { workspace: dir })) as Res;
    expect(t).toMatchObject({ ok: true, created: false, model_id: pasted.model_id, thinking_mode: 'enabled' });
    const msg = warning(t, 'entry_replaced');
    expect(msg).toContain(`${pasted.model_id} was already registered (from a paste or flags); this add-template replaced its`);
    expect(msg).toMatch(/thinking_mode/);
    expect(msg).toMatch(/thinking_params/);
    expect(msg).toContain("with the deepseek template's values");
    expect(msg).toContain(`byok update ${pasted.model_id}`);
    // The same template again replaces nothing.
    expect(codes((await addTemplate('deepseek', {}, { workspace: dir })) as Res)).not.toContain('entry_replaced');
  });
});

describe('keys the user already has', () => {
  it('the vendor\'s documented variable is set and CUSTOM_KEY_ is not: says so and how to use it', async () => {
    const dir = ws();
    setEnv('ANTHROPIC_API_KEY', 'set-in-this-shell');
    const r = (await addTemplate('anthropic', {}, { workspace: dir })) as Res;
    expect(r).toMatchObject({ ok: true, api_key_env: 'CUSTOM_KEY_API_ANTHROPIC_COM', api_key_set: false });
    expect(warning(r, 'vendor_key_available')).toMatch(
      new RegExp(`^ANTHROPIC_API_KEY is set \\(the variable Anthropic's docs use\\), but CUSTOM_KEY_API_ANTHROPIC_COM, which this entry reads, is not; to use the key you already have, run \`byok update ${r.model_id} --api-key-env ANTHROPIC_API_KEY[^\`]*\` \\(or add-template with --api-key-env ANTHROPIC_API_KEY\\)\\.$`),
    );
    expect(JSON.stringify(r)).not.toContain('set-in-this-shell');
    const again = (await addTemplate('anthropic', { api_key_env: 'ANTHROPIC_API_KEY' }, { workspace: dir })) as Res;
    expect(again).toMatchObject({ ok: true, api_key_env: 'ANTHROPIC_API_KEY', api_key_set: true });
    expect(again.need_env_input).toBeUndefined();
    expect(codes(again)).not.toContain('vendor_key_available');
    const viaCli = (await run(['add', '--upstream-model', 'claude-x', '--base-url', 'https://api.anthropic.com', '--wire', 'anthropic', '--api-key-env', 'ANTHROPIC_API_KEY', '--workspace', dir])).result as Res;
    expect(viaCli).toMatchObject({ ok: true, api_key_env: 'ANTHROPIC_API_KEY', api_key_set: true });
  });

  it('--api-key-env is validated as a variable name', async () => {
    const dir = ws();
    for (const bad of ['my key', '1ABC', 'sk-x']) {
      const r = (await addTemplate('anthropic', { api_key_env: bad }, { workspace: dir })) as Res;
      expect(r).toMatchObject({ ok: false, code: 'invalid_entry' });
      expect(r.error).toMatch(/^api_key_env must be an environment variable name: .* \(e\.g\. --api-key-env ANTHROPIC_API_KEY\)\.$/);
      expect(r.error).not.toContain(bad);
    }
    const cli = (await run(['add-template', 'anthropic', '--api-key-env', 'lower-case', '--workspace', dir])).result as Res;
    expect(cli).toMatchObject({ ok: false, code: 'invalid_entry' });
  });
});

describe('names', () => {
  it('an upstream_model over 100 characters gets a shortened default name', async () => {
    const dir = ws();
    const model = 'org/' + 'very-long-model-name-'.repeat(8) + 'v1';
    expect(model.length).toBeGreaterThan(100);
    const r = (await add({ upstream_model: model, base_url: 'https://api.example.com/v1' }, { workspace: dir })) as Res;
    expect(r).toMatchObject({ ok: true, upstream_model: model });
    expect(String(r.name)).toHaveLength(100);
    expect(String(r.name)).toBe(model.slice(0, 99) + '\u2026');
    expect(warning(r, 'name_shortened')).toContain('byok rename');
  });

  it('allows emoji joined with zero-width joiners, refuses a stray invisible character', async () => {
    for (const ok of ['👩‍💻 coder', '🏳️‍🌈 pride', '👨🏽‍🚀 crew', '🏴󠁧󠁢󠁳󠁣󠁴󠁿 Scotland']) expect(checkName(ok)).toBeNull();
    for (const bad of ['a\u200Db', 'x\u200B', '\u200D👩', 'tab\there']) expect(checkName(bad)).toMatch(/^name contains a control or invisible character; retype it with --name\.$/);
    const dir = ws();
    expect(await add({ ...base, name: '👩‍💻 coder' }, { workspace: dir })).toMatchObject({ ok: true, name: '👩‍💻 coder' });
  });
});

describe('update and rename', () => {
  it('change name, model, params and policy in place: id, created_at and comments stay', async () => {
    const dir = ws();
    const a = (await add({ ...base, name: 'First' }, { workspace: dir })) as Res;
    const id = String(a.model_id);
    const path = join(dir, REGISTRY_REL);
    writeFileSync(path, readFileSync(path, 'utf8').replace('  - id:', '  # my favourite\n  - id:'));
    const before = (await get(id, { workspace: dir })) as Res;
    const u = (await update(id, { upstream_model: 'my-model-2', thinking_mode: 'disabled', request_params: { top_k: 20 }, param_policy: { drop_params: ['temperature'] } }, { workspace: dir })) as Res;
    expect(u).toMatchObject({ ok: true, status: 'updated', model_id: id, upstream_model: 'my-model-2', name: 'First', thinking_mode: 'disabled', request_params: { top_k: 20 }, param_policy: { drop_params: ['temperature'] } });
    expect(u.changed).toEqual(['upstream_model', 'thinking_mode', 'request_params', 'param_policy']);
    const after = (await get(id, { workspace: dir })) as Res;
    expect(after.created_at).toBe(before.created_at);
    expect(readFileSync(path, 'utf8')).toContain('# my favourite');
    const rn = (await rename(id, 'Renamed 🚀', { workspace: dir })) as Res;
    expect(rn).toMatchObject({ ok: true, status: 'updated', name: 'Renamed 🚀', changed: ['name'] });
    expect(await rename(id, 'Renamed 🚀', { workspace: dir })).toMatchObject({ ok: true, status: 'unchanged', changed: [] });
    expect(await listModels({ workspace: dir })).toMatchObject({ count: 1 });
  });

  it('a name that was the model id follows the model', async () => {
    const dir = ws();
    const a = (await add(base, { workspace: dir })) as Res;
    expect(await update(String(a.model_id), { upstream_model: 'next-model' }, { workspace: dir })).toMatchObject({ ok: true, name: 'next-model' });
  });

  it('refuses what add refuses, the endpoint fields, a model another entry has, and unknown ids', async () => {
    const dir = ws();
    const a = (await add(base, { workspace: dir })) as Res;
    await add({ ...base, upstream_model: 'taken' }, { workspace: dir });
    const id = String(a.model_id);
    const t = (await update(id, { thinking_mode: 'disabled', thinking_params: { reasoning_effort: 'high' } }, { workspace: dir })) as Res;
    expect(t).toMatchObject({ ok: false, code: 'invalid_entry' });
    expect(t.error).toMatch(/^thinking_mode is disabled, but thinking_params has reasoning_effort/);
    const b = (await update(id, { base_url: 'https://other.example.com/v1' }, { workspace: dir })) as Res;
    expect(b).toMatchObject({ ok: false, code: 'invalid_entry' });
    expect(b.error).toMatch(/^update cannot set base_url \(register another endpoint with `byok add[^`]*`\); it changes name, upstream_model/);
    const taken = (await update(id, { upstream_model: 'taken' }, { workspace: dir })) as Res;
    expect(taken.error).toMatch(/^custom\/taken-[0-9a-f]{4} already registers taken on https:\/\/api\.example\.com\/v1; remove one of the two, or pick another --upstream-model\.$/);
    expect(await update(id, { upstream_model: '' }, { workspace: dir })).toMatchObject({ ok: false, code: 'invalid_entry', error: '--upstream-model is empty; give the new model id.' });
    expect(await update(id, {}, { workspace: dir })).toMatchObject({ ok: false, code: 'usage' });
    expect(await update('custom/nope-0000', { name: 'x' }, { workspace: dir })).toMatchObject({ ok: false, code: 'not_found' });
    expect(await rename(id, '', { workspace: dir })).toMatchObject({ ok: false, code: 'invalid_entry' });
    expect((await get(id, { workspace: dir })) as Res).toMatchObject({ upstream_model: 'my-model', thinking_mode: 'auto' });
  });

  it('through the CLI: update ID --flags, rename ID NAME; endpoint flags are usage errors', async () => {
    const dir = ws();
    const a = (await add(base, { workspace: dir })) as Res;
    const id = String(a.model_id);
    const u = (await run(['update', id, '--thinking-mode', 'enabled', '--drop-params', '["temperature"]', '--workspace', dir])).result as Res;
    expect(u).toMatchObject({ ok: true, thinking_mode: 'enabled', param_policy: { drop_params: ['temperature'] } });
    expect((await run(['rename', id, 'Work model', '--workspace', dir])).result).toMatchObject({ ok: true, name: 'Work model' });
    expect((await run(['update', id, '--base-url', 'https://x.example.com', '--workspace', dir])).result).toMatchObject({ ok: false, code: 'usage' });
    expect((await run(['rename', id, '--workspace', dir])).result).toMatchObject({ ok: false, code: 'usage' });
  });
});
