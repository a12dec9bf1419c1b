// The CLI's conventions, for every verb in the table: human help on stdout
// with exit 0, --version, unknown flags as usage errors (exit 2) that name the
// flag but never a key-shaped one, --text, --compact, and a closed or full
// stdout that ends without a stack trace.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { VERBS } from '../src/cli/verbs.js';
import { generateKey, leaks } from './helpers/keys.js';

const ROOT = resolve(import.meta.dirname, '..');
const BIN = join(ROOT, 'bin/byok.js');
/** A command line in a shell, asynchronously, so that the tests' processes overlap. */
const run = (file: string, args: string[], opts: { cwd?: string; input?: string } = {}) =>
  new Promise<{ code: number | null; stdout: string; stderr: string }>((done) => {
    const p = execFile(file, args, { encoding: 'utf8', cwd: opts.cwd }, (err, stdout, stderr) => done({ code: err ? ((err as { code?: number }).code ?? null) : 0, stdout, stderr }));
    p.stdin?.end(opts.input ?? '');
  });
const byok = (args: string[], input?: string) => run(process.execPath, [BIN, ...args], { input, cwd: mkdtempSync(join(tmpdir(), 'byok-conv-')) });
const json = (s: string) => JSON.parse(s) as { ok: boolean; code?: string; error?: string };

// Every test runs its processes at once with the others' (describe.concurrent): the time is node starting.
describe.concurrent('help and version', () => {
  it('byok --help lists every verb in human text, exit 0', async () => {
    const r = await byok(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^byok \d+\.\d+\.\d+ — /);
    expect(() => JSON.parse(r.stdout)).toThrow();
    for (const v of VERBS) expect(r.stdout).toContain(`  ${v.name}`);
    expect(r.stderr).toBe('');
  });
  it('byok help add and byok add --help print the same usage, flags and example', async () => {
    const [a, b, h] = await Promise.all([byok(['help', 'add']), byok(['add', '--help']), byok(['add', '-h'])]);
    expect([a.code, b.code]).toEqual([0, 0]);
    expect(a.stdout).toBe(b.stdout);
    expect(a.stdout).toContain('usage: byok add');
    expect(a.stdout).toContain('--from-draft FILE|-');
    expect(a.stdout).toMatch(/example:\n {2}byok /);
    expect(h.stdout).toBe(a.stdout);
  });
  it('help for a verb wins over bad flags next to it', async () => {
    const r = await byok(['list', '--bogus', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('usage: byok list');
  });
  it('byok --version prints the package version, exit 0', async () => {
    const r = await byok(['--version']);
    expect(r.code).toBe(0);
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    expect(r.stdout).toBe(`byok ${pkg.version}\n`);
  });
  it('help for an unknown verb is a usage error', async () => {
    const r = await byok(['help', 'frobnicate']);
    expect(r.code).toBe(2);
    expect(json(r.stdout).code).toBe('usage');
  });
});

describe.concurrent('unknown flags', () => {
  it.each(VERBS.map((v) => v.name))('%s rejects --no-such-flag with exit 2, naming it', async (verb) => {
    const r = await byok([verb, '--no-such-flag']);
    expect(r.code).toBe(2);
    const j = json(r.stdout);
    expect(j.code).toBe('usage');
    expect(j.error).toContain('--no-such-flag');
    expect(j.error).toContain(`byok ${verb}`);
  });
  it('a single-dash flag and a flag before the verb are rejected too', async () => {
    const [dash, before] = await Promise.all([byok(['list', '-x']), byok(['--bogus', 'list'])]);
    expect(dash.code).toBe(2);
    expect(before.code).toBe(2);
    expect(json(before.stdout).error).toContain('--bogus');
  });
  it('never echoes a key given as a flag, a flag value or a verb', async () => {
    const key = generateKey('openai');
    const runs = await Promise.all([['list', `--${key}`], [key], ['list', `--x=${key}`], ['get', key, key], ['list', `-${key}`]].map((args) => byok(args)));
    for (const r of runs) {
      expect(r.code).toBe(2);
      expect(leaks(r.stdout + r.stderr, [key])).toEqual([]);
    }
  });
  it('a switch given a value, a value flag without one and a repeated flag are usage errors', async () => {
    const [sw, val, rep] = await Promise.all([byok(['list', '--compact=yes']), byok(['list', '--workspace']), byok(['add-template', 'x', '--name', 'a', '--name', 'b'])]);
    expect(json(sw.stdout).error).toContain('--compact takes no value');
    expect(json(val.stdout).error).toContain('--workspace needs a value');
    expect(json(rep.stdout).error).toContain('--name is given twice');
  });
});

describe.concurrent('input and output', () => {
  const sample = 'curl https://api.example.com/v1/chat/completions -d \'{"model": "m1"}\'';
  it('parse-example --text takes the example as a string', async () => {
    const [r, both] = await Promise.all([byok(['parse-example', '--text', sample]), byok(['parse-example', '--text', sample, 'file.sh'])]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).draft).toMatchObject({ base_url: 'https://api.example.com/v1', upstream_model: 'm1' });
    expect(both.code).toBe(2);
  });
  it('--compact prints one line; the default is indented', async () => {
    const [c, d] = await Promise.all([byok(['parse-example', '--compact', '--text', sample]), byok(['parse-example', '--text', sample])]);
    expect(c.stdout.trimEnd().split('\n')).toHaveLength(1);
    expect(d.stdout.split('\n').length).toBeGreaterThan(10);
    expect(JSON.parse(c.stdout)).toEqual(JSON.parse(d.stdout));
  });
  it('a reader that closes the pipe before byok writes ends byok quietly (`byok templates | true`)', async () => {
    // `true` exits at once, long before node has started: byok's write gets EPIPE.
    const r = await run('bash', ['-c', `set -o pipefail; "${process.execPath}" "${BIN}" templates | true; echo "status $?" >&2`]);
    expect(r.stderr).toBe('status 0\n');
  });
  it.skipIf(!existsSync('/dev/full'))('a full device ends with one line on stderr and exit 1, no stack', async () => {
    const [r, h] = await Promise.all([run('sh', ['-c', `"${process.execPath}" "${BIN}" templates > /dev/full`]), run('sh', ['-c', `"${process.execPath}" "${BIN}" --help > /dev/full`])]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('byok: cannot write the output: no space left on the device.\n');
    expect([h.code, h.stderr.split('\n').length]).toEqual([1, 2]);
  });
});
