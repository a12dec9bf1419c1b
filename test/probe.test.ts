// probe(id) against a local HTTP server on 127.0.0.1 (never a real vendor):
// what is sent (one token, the entry's wire, auth and params) and each
// diagnosis: ok, auth (key variable named, key never shown), not_found with
// the base URL that works, bad_param naming the field and the param_policy
// that drops it, rate_limited, timeout, empty_content (the hidden-thinking
// trap, with thinking off as the fix), and key_not_set before any call.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { add } from '../src/registry/index.js';
import { candidateBases, probe } from '../src/vendors/probe.js';
import { leaks } from './helpers/keys.js';
import { sendJson, startLoopback, type Loopback } from './helpers/loopback.js';

let lb: Loopback;
beforeAll(async () => {
  lb = await startLoopback();
});
afterAll(() => lb.close());
afterEach(() => {
  lb.seen.length = 0;
});

const KEY_ENV = 'CUSTOM_KEY_127_0_0_1';
const fakeSecret = () => 'test' + randomBytes(12).toString('hex');
const chat = (content: string | null, finish = 'stop', extra: Record<string, unknown> = {}) => ({
  id: 'chatcmpl-1', object: 'chat.completion', choices: [{ index: 0, message: { role: 'assistant', content, ...extra }, finish_reason: finish }],
});

/** A workspace with one entry on the loopback server; returns its id and the key. */
async function entry(fields: Record<string, unknown> = {}, withKey = true): Promise<{ ws: string; id: string; key: string }> {
  const ws = mkdtempSync(join(tmpdir(), 'byok-probe-'));
  const key = fakeSecret();
  if (withKey) writeFileSync(join(ws, '.env'), `${KEY_ENV}=${key}\n`);
  const r = await add(
    { upstream_model: 'test-model', base_url: `${lb.base}/v1`, wire: 'openai', auth: { in: 'header', name: 'Authorization', scheme: 'Bearer' }, api_key_env: KEY_ENV, ...fields },
    { workspace: ws },
  );
  expect(r.ok, JSON.stringify(r)).toBe(true);
  return { ws, id: String(r.model_id), key };
}

describe('probe', () => {
  it('ok: one token on the entry wire, with its auth, request_params and thinking params', async () => {
    const { ws, id, key } = await entry({ request_params: { top_k: 20 } });
    lb.handler = (_q, r) => sendJson(r, 200, chat('OK', 'length'));
    const r = await probe(id, { workspace: ws });
    expect(r).toMatchObject({ ok: true, model_id: id, url: `${lb.base}/v1/chat/completions`, status: 200, diagnosis: 'ok', excerpt: 'OK' });
    expect(typeof r.latency_ms).toBe('number');
    expect(r.hint).toMatch(/work/);
    expect(lb.seen).toHaveLength(1);
    const sent = JSON.parse(lb.seen[0].body);
    expect(sent).toMatchObject({ model: 'test-model', max_tokens: 1, top_k: 20, stream: false });
    expect(lb.seen[0].headers.authorization).toBe(`Bearer ${key}`);
    expect(leaks(JSON.stringify(r), [key])).toEqual([]);
  });

  it('auth: 401 names the key variable, never the key, even when the server echoes it', async () => {
    const { ws, id, key } = await entry();
    lb.handler = (q, r) => sendJson(r, 401, { error: { message: `Invalid API key: ${String(q.headers.authorization).slice(7)}`, type: 'invalid_request_error' } });
    const r = await probe(id, { workspace: ws });
    expect(r).toMatchObject({ ok: false, code: 'probe_failed', diagnosis: 'auth', status: 401 });
    expect(r.hint).toContain(KEY_ENV);
    expect(leaks(JSON.stringify(r), [key])).toEqual([]);
    lb.handler = (_q, res) => sendJson(res, 403, { error: 'forbidden' });
    expect(await probe(id, { workspace: ws })).toMatchObject({ diagnosis: 'auth', status: 403 });
  });

  it('not_found: a base_url missing /v1 gets the URL tried and the one that works', async () => {
    const { ws, id } = await entry({ base_url: lb.base });
    lb.handler = (q, r) => (q.url === '/v1/chat/completions' ? sendJson(r, 200, chat('OK')) : sendJson(r, 404, { error: 'Not Found' }));
    const r = await probe(id, { workspace: ws });
    expect(r).toMatchObject({ ok: false, diagnosis: 'not_found', status: 404, url: `${lb.base}/chat/completions`, suggested_base_url: `${lb.base}/v1`, suggested_url: `${lb.base}/v1/chat/completions` });
    expect(r.hint).toContain(`${lb.base}/chat/completions`);
    expect(r.hint).toContain(`base_url ${lb.base}/v1`);
  });

  it('not_found: a doubled /v1 is collapsed; nothing nearby answering says so', async () => {
    const { ws, id } = await entry({ base_url: `${lb.base}/v1/v1` });
    lb.handler = (q, r) => (q.url === '/v1/chat/completions' ? sendJson(r, 200, chat('OK')) : sendJson(r, 404, { error: 'Not Found' }));
    expect(await probe(id, { workspace: ws })).toMatchObject({ diagnosis: 'not_found', suggested_base_url: `${lb.base}/v1` });
    lb.handler = (_q, r) => sendJson(r, 404, { error: 'Not Found' });
    const none = await probe(id, { workspace: ws });
    expect(none).toMatchObject({ diagnosis: 'not_found' });
    expect(none.suggested_base_url).toBeUndefined();
    expect(none.hint).toMatch(/no nearby base URL/);
  });

  it('bad_param: a 400 naming a field the entry adds suggests the param_policy that drops it', async () => {
    const { ws, id } = await entry({ request_params: { top_k: 20, safe_prompt: true } });
    lb.handler = (_q, r) => sendJson(r, 400, { error: { message: 'Unrecognized request argument supplied: top_k', type: 'invalid_request_error' } });
    const r = await probe(id, { workspace: ws });
    expect(r).toMatchObject({ ok: false, diagnosis: 'bad_param', status: 400, param: 'top_k', suggested_param_policy: { drop_params: ['top_k'] } });
    expect(r.hint).toMatch(/param_policy: \{ drop_params: \[top_k\] \}/);
    // OpenAI's error.param is used when present.
    lb.handler = (_q, res) => sendJson(res, 400, { error: { message: 'Invalid value.', param: 'safe_prompt' } });
    expect(await probe(id, { workspace: ws })).toMatchObject({ diagnosis: 'bad_param', param: 'safe_prompt' });
    // A field of byok's own minimal request: still droppable; model and messages never are.
    lb.handler = (_q, res) => sendJson(res, 400, { error: { message: "Unsupported parameter: 'stream'." } });
    expect(await probe(id, { workspace: ws })).toMatchObject({ diagnosis: 'bad_param', param: 'stream', suggested_param_policy: { drop_params: ['stream'] } });
    lb.handler = (_q, res) => sendJson(res, 400, { error: { message: 'Invalid model.', param: 'model' } });
    const m = await probe(id, { workspace: ws });
    expect(m).toMatchObject({ diagnosis: 'bad_param', param: 'model' });
    expect(m.suggested_param_policy).toBeUndefined();
  });

  it('retries with max_completion_tokens when the endpoint asks for it', async () => {
    const { ws, id } = await entry();
    lb.handler = (q, r) =>
      JSON.parse(q.body).max_tokens !== undefined
        ? sendJson(r, 400, { error: { message: "Unsupported parameter: 'max_tokens' is not supported with this model. Use 'max_completion_tokens' instead.", param: 'max_tokens' } })
        : sendJson(r, 200, chat('OK'));
    const r = await probe(id, { workspace: ws });
    expect(r).toMatchObject({ ok: true, diagnosis: 'ok' });
    expect(JSON.parse(lb.seen[1].body).max_completion_tokens).toBe(1);
  });

  it('rate_limited and timeout', async () => {
    const { ws, id } = await entry();
    lb.handler = (_q, r) => sendJson(r, 429, { error: { message: 'Rate limit reached' } }, { 'retry-after': '7' });
    const rl = await probe(id, { workspace: ws });
    expect(rl).toMatchObject({ ok: false, diagnosis: 'rate_limited', status: 429 });
    expect(rl.hint).toMatch(/retry after 7 s/);
    lb.handler = () => undefined;
    const t = await probe(id, { workspace: ws, timeoutMs: 250 });
    expect(t).toMatchObject({ ok: false, diagnosis: 'timeout', status: null });
    expect(t.hint).toContain(`${lb.base}/v1/chat/completions`);
  });

  it('empty_content: hidden thinking eats the budget; thinking off answers and is suggested', async () => {
    const { ws, id } = await entry({ thinking_capability: 'nearai_chat_template', thinking_mode: 'auto' });
    lb.handler = (q, r) => {
      const off = JSON.parse(q.body).chat_template_kwargs?.enable_thinking === false;
      sendJson(r, 200, off ? chat('OK', 'length') : chat(null, 'length', { reasoning_content: 'Hmm' }));
    };
    const r = await probe(id, { workspace: ws });
    expect(r).toMatchObject({
      ok: false,
      diagnosis: 'empty_content',
      status: 200,
      suggested_thinking: { thinking_mode: 'disabled', thinking_params: { 'chat_template_kwargs.enable_thinking': false } },
    });
    expect(r.hint).toMatch(/hidden-thinking trap/);
    expect((r.checks as { thinking?: string; diagnosis: string }[]).map((c) => [c.thinking, c.diagnosis])).toEqual([['stored', 'empty_content'], ['off', 'ok']]);
  });

  it('anthropic wire: /v1/messages with x-api-key and anthropic-version', async () => {
    const { ws, id, key } = await entry({ wire: 'anthropic', base_url: lb.base, auth: { in: 'header', name: 'x-api-key', scheme: null } });
    lb.handler = (_q, r) => sendJson(r, 200, { type: 'message', role: 'assistant', content: [{ type: 'text', text: 'OK' }], stop_reason: 'max_tokens' });
    const r = await probe(id, { workspace: ws });
    expect(r).toMatchObject({ ok: true, url: `${lb.base}/v1/messages`, diagnosis: 'ok' });
    expect(lb.seen[0].headers['x-api-key']).toBe(key);
    expect(lb.seen[0].headers['anthropic-version']).toBe('2023-06-01');
    expect(JSON.parse(lb.seen[0].body)).toMatchObject({ model: 'test-model', max_tokens: 1 });
  });

  it('sends nothing without the key, and reports an unknown id', async () => {
    const { ws, id } = await entry({}, false);
    const r = await probe(id, { workspace: ws });
    expect(r).toMatchObject({ ok: false, code: 'key_not_set', diagnosis: 'key_not_set', need_env_input: { env_vars: [{ key: KEY_ENV }] } });
    // The follow-up command runs as written: same verb, same --workspace.
    expect(r.hint).toContain(`\`byok probe ${id} --workspace ${ws}\``);
    expect(lb.seen).toHaveLength(0);
    expect(await probe('custom/nope-0000', { workspace: ws })).toMatchObject({ ok: false, code: 'not_found' });
  });

  it('candidate base URLs cover a missing, doubled or pasted path', () => {
    expect(candidateBases('https://h.example', 'openai')).toEqual(['https://h.example/v1']);
    expect(candidateBases('https://h.example/v1/v1', 'openai')).toContain('https://h.example/v1');
    expect(candidateBases('https://h.example/v1/chat/completions', 'openai')[0]).toBe('https://h.example/v1');
    expect(candidateBases('https://h.example/v1', 'anthropic')).toEqual(['https://h.example']);
  });
});

describe('probe: transport failures', () => {
  it('tls: an https base_url on a port that speaks plain http', async () => {
    const { ws, id } = await entry({ base_url: `https://127.0.0.1:${lb.port}/v1` });
    lb.handler = (_q, r) => sendJson(r, 200, chat('OK'));
    const r = await probe(id, { workspace: ws, timeoutMs: 5000 });
    expect(r).toMatchObject({ ok: false, diagnosis: 'tls', status: null });
    expect(r.hint).toContain(`https://127.0.0.1:${lb.port}/v1/chat/completions`);
  });

  it('bad_response: a 200 that is not the wire reply shape; unreachable: nothing listening', async () => {
    const { ws, id } = await entry();
    lb.handler = (_q, r) => sendJson(r, 200, { object: 'list', data: [] });
    expect(await probe(id, { workspace: ws })).toMatchObject({ ok: false, diagnosis: 'bad_response', status: 200 });
    const dead = await entry({ base_url: 'http://127.0.0.1:9/v1' });
    expect(await probe(dead.id, { workspace: dead.ws, timeoutMs: 5000 })).toMatchObject({ ok: false, diagnosis: 'unreachable', status: null });
  });
});
