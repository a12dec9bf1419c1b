// The `byok` command as agents call it: one JSON object on stdout, exit codes
// 0 (ok) / 1 (ok:false) / 2 (usage), stdin with `-`, no stack traces.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..');
const byok = (args: string[], input?: string | Buffer) => {
  const r = spawnSync(process.execPath, [join(ROOT, 'bin/byok.js'), ...args], { input, encoding: 'utf8', cwd: mkdtempSync(join(tmpdir(), 'byok-cli-')) });
  return { code: r.status, json: JSON.parse(r.stdout), stderr: r.stderr };
};

describe('byok parse-example / inspect', () => {
  const sample = `curl https://api.deepseek.com/chat/completions -H "Authorization: Bearer $DEEPSEEK_API_KEY" -d '{"model":"deepseek-chat","messages":[]}'`;
  it('reads a file and exits 0 with a draft', () => {
    const dir = mkdtempSync(join(tmpdir(), 'byok-'));
    writeFileSync(join(dir, 'x.sh'), sample);
    const r = byok(['parse-example', join(dir, 'x.sh')]);
    expect(r.code).toBe(0);
    expect(r.json.draft).toMatchObject({ base_url: 'https://api.deepseek.com', upstream_model: 'deepseek-chat', wire: 'openai' });
    expect(r.json.detected.key_env).toBe('DEEPSEEK_API_KEY');
  });
  it('reads stdin with -', () => {
    const r = byok(['inspect', '-'], sample);
    expect(r.code).toBe(0);
    expect(r.json.calls[0]).toMatchObject({ method: 'POST', url: 'https://api.deepseek.com/chat/completions', body: { model: 'deepseek-chat' } });
  });
  it('exits 1 with a code for input that is not an example, and never prints a stack', () => {
    const r = byok(['parse-example', '-'], 'hello there, this is prose');
    expect(r.code).toBe(1);
    expect(r.json).toMatchObject({ ok: false, code: 'not_an_api_example' });
    expect(r.stderr).toBe('');
  });
  it('exits 1 for binary input and for a missing file', () => {
    expect(byok(['parse-example', '-'], Buffer.from([0, 1, 2, 255, 0, 9])).json.code).toBe('binary_input');
    const r = byok(['parse-example', '/nonexistent/x.sh']);
    expect([r.code, r.json.code]).toEqual([1, 'io_error']);
  });
  it('exits 2 on usage errors', () => {
    expect(byok([]).code).toBe(2);
    expect(byok(['frobnicate']).json.code).toBe('usage');
    expect(byok(['parse-example', 'a', 'b']).code).toBe(2);
  });
});
