// The live-call results (list-vendor-models, probe) against a local HTTP
// server on 127.0.0.1 (never a real vendor): each real result, ok or not,
// validates against the JSON Schema `byok schema` prints for it and against
// the `result` union; and the CLI's list-vendor-models note spells commands
// that run as written (the way byok was invoked, --workspace kept).
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { add } from '../src/registry/index.js';
import { listVendorModels } from '../src/vendors/discovery.js';
import { probe } from '../src/vendors/probe.js';
import { sendJson, shape, startLoopback, type Loopback } from './helpers/loopback.js';

const ROOT = resolve(import.meta.dirname, '..');
const BIN = join(ROOT, 'bin/byok.js');
const run = promisify(execFile);
/** The CLI, asynchronously: the loopback server lives in this process and must keep answering. */
const byok = async (args: string[], env: NodeJS.ProcessEnv = {}) => {
  try {
    const r = await run(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { PATH: process.env.PATH ?? '', ...env } });
    return { code: 0, stdout: r.stdout };
  } catch (e) {
    const x = e as { code: number; stdout: string };
    return { code: x.code, stdout: x.stdout };
  }
};

let lb: Loopback;
const schemas: Record<string, z.ZodType> = {};
beforeAll(async () => {
  lb = await startLoopback();
  // The schemas as `byok schema NAME` prints them (the CLI, not the module).
  await Promise.all(
    ['list-vendor-models', 'probe', 'result'].map(async (name) => {
      const r = await byok(['schema', name, '--compact']);
      expect(r.code).toBe(0);
      schemas[name] = z.fromJSONSchema(JSON.parse(r.stdout));
    }),
  );
});
afterAll(() => lb.close());

/** Asserts a real result validates against the named printed schema and the result union. */
function conforms(name: string, result: unknown) {
  const plain = JSON.parse(JSON.stringify(result));
  for (const s of [name, 'result']) {
    const p = schemas[s].safeParse(plain);
    expect(p.success, `${s}: ${JSON.stringify(p.error?.issues)?.slice(0, 400)}`).toBe(true);
  }
}

const KEY_ENV = 'CUSTOM_KEY_127_0_0_1';
const fakeSecret = () => 'test' + randomBytes(12).toString('hex');
function workspace(env: Record<string, string> = {}): string {
  const ws = mkdtempSync(join(tmpdir(), 'byok-live-'));
  writeFileSync(join(ws, '.env'), Object.entries(env).map(([k, v]) => `${k}=${v}\n`).join(''));
  return ws;
}

describe('list-vendor-models results validate against `byok schema list-vendor-models`', () => {
  it('a catalog, a filtered catalog, a catalog with a curated vendor, and failures', async () => {
    lb.handler = (_q, r) => sendJson(r, 200, shape('groq'));
    const ws = workspace({ GROQ_API_KEY: fakeSecret() });
    const plain = await listVendorModels(undefined, { workspace: ws, baseUrl: `${lb.base}/v1` });
    expect(plain).toMatchObject({ ok: true, vendor: null });
    conforms('list-vendor-models', plain);
    const vendor = await listVendorModels('groq', { workspace: ws, baseUrl: lb.base, capability: 'vision' });
    expect(vendor).toMatchObject({ ok: true, vendor: 'groq', filters: { capability: 'vision' } });
    conforms('list-vendor-models', vendor);
    lb.handler = (_q, r) => sendJson(r, 503, { error: 'overloaded' });
    const failed = await listVendorModels(undefined, { workspace: ws, baseUrl: `${lb.base}/v1` });
    expect(failed).toMatchObject({ ok: false, code: 'discovery_failed', status: 503, reason: 'http_error' });
    conforms('result', failed);
    // A result with an undeclared field is refused: the schema is closed.
    expect(schemas['list-vendor-models'].safeParse({ ...JSON.parse(JSON.stringify(plain)), surprise: 1 }).success).toBe(false);
  });
});

describe('probe results validate against `byok schema probe`', () => {
  it('ok, not_found with the base URL that works, bad_param with its policy, key_not_set', async () => {
    const key = fakeSecret();
    const ws = workspace({ [KEY_ENV]: key });
    const r = await add({ upstream_model: 'test-model', base_url: `${lb.base}/api/v1`, wire: 'openai', api_key_env: KEY_ENV }, { workspace: ws });
    expect(r.ok).toBe(true);
    const id = String((r as { model_id: string }).model_id);

    lb.handler = (_q, res) => sendJson(res, 200, { choices: [{ index: 0, message: { role: 'assistant', content: 'OK' }, finish_reason: 'length' }] });
    const ok = await probe(id, { workspace: ws });
    expect(ok).toMatchObject({ ok: true, diagnosis: 'ok' });
    conforms('probe', ok);

    lb.handler = (q, res) => (q.url.startsWith('/api/v1/') ? sendJson(res, 404, { error: 'no route' }) : sendJson(res, 200, { choices: [{ message: { content: 'OK' } }] }));
    const moved = await probe(id, { workspace: ws });
    expect(moved).toMatchObject({ ok: false, code: 'probe_failed', diagnosis: 'not_found' });
    expect(moved).toHaveProperty('suggested_base_url');
    conforms('probe', moved);

    lb.handler = (_q, res) => sendJson(res, 400, { error: { message: "Unsupported parameter: 'top_k'", param: 'top_k' } });
    const bad = await probe(id, { workspace: ws });
    expect(bad).toMatchObject({ ok: false, diagnosis: 'bad_param' });
    conforms('probe', bad);

    const noKey = workspace();
    const r2 = await add({ upstream_model: 'test-model', base_url: `${lb.base}/v1`, wire: 'openai', api_key_env: KEY_ENV }, { workspace: noKey });
    const unset = await probe(String((r2 as { model_id: string }).model_id), { workspace: noKey });
    expect(unset).toMatchObject({ ok: false, code: 'key_not_set', diagnosis: 'key_not_set' });
    expect(unset).toHaveProperty('need_env_input');
    conforms('probe', unset);
  });
});

describe('byok list-vendor-models notes run as written', () => {
  it('the note spells the invocation with --workspace; running it registers in that workspace', async () => {
    lb.handler = (_q, r) => sendJson(r, 200, shape('groq'));
    const ws = workspace();
    const out = await byok(['list-vendor-models', '--base-url', `${lb.base}/v1`, '--workspace', ws]);
    expect(out.code).toBe(0);
    const res = JSON.parse(out.stdout);
    const model = res.models[0].upstream_model as string;
    // `node /abs/bin/byok.js add --base-url URL --upstream-model ID --workspace WS`: byok is not on PATH here.
    const m = /`([^`]+)`/.exec(res.note);
    expect(m, res.note).not.toBeNull();
    const command = m![1];
    expect(command.startsWith(`node ${BIN} add `) || command.startsWith(`node '${BIN}' add `)).toBe(true);
    expect(command).toContain('--workspace');
    expect(command).toContain(ws);
    // Run it as written (with the model chosen from the list), from another folder.
    const { execSync } = await import('node:child_process');
    const ran = JSON.parse(execSync(command.replace(/\bID\b/, model), { encoding: 'utf8', cwd: tmpdir(), env: { PATH: process.env.PATH ?? '' } }));
    expect(ran).toMatchObject({ ok: true, upstream_model: model, registry: join(ws, 'config/custom_models.yaml') });
    expect(readFileSync(join(ws, 'config/custom_models.yaml'), 'utf8')).toContain(model);
  });
});
