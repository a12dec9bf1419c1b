// `parse-example | add --from-draft -` as agents run it: the draft's warnings
// reach the add result, a placeholder from the example (`<YOUR_SITE_URL>`,
// `{var}`) is refused naming the field and never stored, the result shows
// what was stored, and its notes hold commands that run as written.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { add } from '../src/registry/index.js';
import { AddOk, GetOk } from '../src/registry/results.js';
import { generateKey, leaks } from './helpers/keys.js';

const ROOT = resolve(import.meta.dirname, '..');
const BIN = join(ROOT, 'bin/byok.js');
const ws = () => mkdtempSync(join(tmpdir(), 'byok-draft-'));
const q = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/** Runs a shell pipeline with `byok` meaning this checkout's CLI. */
function sh(script: string, input?: string) {
  const r = spawnSync('bash', ['-c', `byok() { "${process.execPath}" "${BIN}" "$@"; }\n${script}`], { input, encoding: 'utf8', cwd: ws(), env: { ...process.env, BYOK_WORKSPACE: '' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const sample = (key: string) => `curl https://openrouter.ai/api/v1/chat/completions \\
  -H "Authorization: Bearer ${key}" \\
  -H "HTTP-Referer: <YOUR_SITE_URL>" \\
  -H "X-Title: <YOUR_SITE_NAME>" \\
  -d '{"model": "deepseek/deepseek-r1", "messages": [{"role": "user", "content": "hi"}], "reasoning": {"max_tokens": 2000}}'`;

describe('parse-example | add --from-draft -', () => {
  it('through the library, the refusal keeps its words: the header name and "placeholder" survive the output boundary', async () => {
    const lib = await import('../src/index.js');
    const key = generateKey('openrouter');
    const parsed = await lib.parseExample(sample(key));
    const r = await lib.add(parsed, { workspace: ws() });
    expect(r).toMatchObject({ ok: false, code: 'invalid_entry' });
    // A warning's `code: "placeholder_header"` is no query credential: it used to be remembered as a secret.
    expect(String((r as { error: string }).error)).toMatch(/^headers\.HTTP-Referer holds the placeholder "<YOUR_SITE_URL>"/);
    expect(leaks(JSON.stringify([parsed, r]), [key])).toEqual([]);
  });

  it('refuses placeholder headers naming the field, keeps the parse warnings, stores nothing, leaks no key', () => {
    const key = generateKey('openrouter');
    const dir = ws();
    const r = sh(`byok parse-example - | byok add --from-draft - --workspace ${q(dir)}`, sample(key));
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ ok: false, code: 'invalid_entry' });
    expect(out.error).toContain('headers.HTTP-Referer');
    expect(out.error).toContain('<YOUR_SITE_URL>');
    const codes = out.warnings.map((w: { code: string }) => w.code);
    expect(codes).toContain('secret_redacted');
    expect(codes).toContain('placeholder_header');
    expect(existsSync(join(dir, 'config/custom_models.yaml'))).toBe(false);
    expect(leaks(r.stdout + r.stderr, [key])).toEqual([]);
  });

  it('with the headers replaced, registers, shows what it stored, and carries the warnings', () => {
    const key = generateKey('openrouter');
    const dir = ws();
    const r = sh(`byok parse-example - | byok add --from-draft - --headers '{"X-Title": "My app"}' --workspace ${q(dir)}`, sample(key));
    expect(r.code).toBe(0);
    const out = AddOk.parse(JSON.parse(r.stdout));
    expect(out.headers).toEqual({ 'X-Title': 'My app' });
    expect(out.auth).toEqual({ in: 'header', name: 'Authorization', scheme: 'Bearer' });
    expect(out.query).toEqual({});
    expect(out.thinking_params).toEqual({ 'reasoning.max_tokens': 2000 });
    expect(out.warnings.map((w) => w.code)).toContain('secret_redacted');
    const file = readFileSync(join(dir, 'config/custom_models.yaml'), 'utf8');
    expect(file).not.toContain('<YOUR_');
    expect(out.registry).toBe(join(dir, 'config/custom_models.yaml'));
    expect(out.note).toContain(out.registry);
    expect(leaks(r.stdout + r.stderr + file, [key])).toEqual([]);
  });

  it('--header replaces one header of the draft and keeps the others', () => {
    const dir = ws();
    const draft = { draft: { upstream_model: 'm1', base_url: 'https://api.example.com/v1', headers: { 'X-A': 'a', 'X-B': '<YOUR_B>' } } };
    const r = sh(`byok add --from-draft - --header 'X-B: b' --workspace ${q(dir)}`, JSON.stringify(draft));
    expect(JSON.parse(r.stdout).headers).toEqual({ 'X-A': 'a', 'X-B': 'b' });
  });

  it("next_action's command runs as written and keeps the workspace", () => {
    const dir = ws();
    const r = sh(`byok add --upstream-model m1 --base-url https://api.example.com/v1 --workspace ${q(dir)}`);
    const out = AddOk.parse(JSON.parse(r.stdout));
    const cmd = /`([^`]*\bget\b[^`]*)`/.exec(out.next_action ?? '')?.[1];
    expect(cmd).toContain(`--workspace ${dir}`);
    const again = spawnSync('bash', ['-c', cmd!], { encoding: 'utf8', cwd: tmpdir() });
    expect(again.status).toBe(0);
    expect(GetOk.parse(JSON.parse(again.stdout)).model_id).toBe(out.model_id);
  });
});

describe('add refuses placeholders from the example', () => {
  it.each([
    [{ query: { 'api-version': '{api_version}' } }, 'query.api-version'],
    [{ headers: { 'X-Title': '{{title}}' } }, 'headers.X-Title'],
    [{ headers: { 'HTTP-Referer': 'YOUR_SITE_URL' } }, 'headers.HTTP-Referer'],
    [{ base_url: 'https://{resource}.openai.azure.com/openai/v1' }, 'base_url'],
    [{ upstream_model: '<MODEL_NAME>' }, 'upstream_model'],
  ])('%j is refused naming %s', async (extra, field) => {
    const dir = ws();
    const r = await add({ upstream_model: 'm1', base_url: 'https://api.example.com/v1', ...extra }, { workspace: dir });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.code).toBe('invalid_entry');
      expect(r.error.startsWith(field + ' ')).toBe(true);
    }
    expect(existsSync(join(dir, 'config/custom_models.yaml'))).toBe(false);
  });
  it('a ${NAME} header reference and ordinary values are not placeholders', async () => {
    const r = await add({ upstream_model: 'm1', base_url: 'https://api.example.com/v1', headers: { 'X-Org': '${ORG_ID}', 'X-Title': 'My app [v2] <= 3' } }, { workspace: ws() });
    expect(r.ok).toBe(true);
  });
});
