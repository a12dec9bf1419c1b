// The CLI's conventions, for every verb in the table: human help on stdout
// with exit 0, --version, unknown flags as usage errors (exit 2) that name the
// flag but never a key-shaped one, --text, --compact, and a closed or full
// stdout that ends without a stack trace.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { VERBS } from '../src/cli/verbs.js';
import { generateKey, leaks } from './helpers/keys.js';

const ROOT = resolve(import.meta.dirname, '..');
const BIN = join(ROOT, 'bin/byok.js');
const byok = (args: string[], input?: string) => {
  const r = spawnSync(process.execPath, [BIN, ...args], { input, encoding: 'utf8', cwd: mkdtempSync(join(tmpdir(), 'byok-conv-')) });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};
const json = (s: string) => JSON.parse(s) as { ok: boolean; code?: string; error?: string };

describe('help and version', () => {
  it('byok --help lists every verb in human text, exit 0', () => {
    const r = byok(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^byok \d+\.\d+\.\d+ — /);
    expect(() => JSON.parse(r.stdout)).toThrow();
    for (const v of VERBS) expect(r.stdout).toContain(`  ${v.name}`);
    expect(r.stderr).toBe('');
  });
  it('byok help add and byok add --help print the same usage, flags and example', () => {
    const a = byok(['help', 'add']);
    const b = byok(['add', '--help']);
    expect([a.code, b.code]).toEqual([0, 0]);
    expect(a.stdout).toBe(b.stdout);
    expect(a.stdout).toContain('usage: byok add');
    expect(a.stdout).toContain('--from-draft FILE|-');
    expect(a.stdout).toMatch(/example:\n {2}byok /);
    expect(byok(['add', '-h']).stdout).toBe(a.stdout);
  });
  it('help for a verb wins over bad flags next to it', () => {
    const r = byok(['list', '--bogus', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('usage: byok list');
  });
  it('byok --version prints the package version, exit 0', () => {
    const r = byok(['--version']);
    expect(r.code).toBe(0);
    const pkg = JSON.parse(spawnSync('cat', [join(ROOT, 'package.json')], { encoding: 'utf8' }).stdout);
    expect(r.stdout).toBe(`byok ${pkg.version}\n`);
  });
  it('help for an unknown verb is a usage error', () => {
    const r = byok(['help', 'frobnicate']);
    expect(r.code).toBe(2);
    expect(json(r.stdout).code).toBe('usage');
  });
});

describe('unknown flags', () => {
  it.each(VERBS.map((v) => v.name))('%s rejects --no-such-flag with exit 2, naming it', (verb) => {
    const r = byok([verb, '--no-such-flag']);
    expect(r.code).toBe(2);
    const j = json(r.stdout);
    expect(j.code).toBe('usage');
    expect(j.error).toContain('--no-such-flag');
    expect(j.error).toContain(`byok ${verb}`);
  });
  it('a single-dash flag and a flag before the verb are rejected too', () => {
    expect(byok(['list', '-x']).code).toBe(2);
    expect(byok(['--bogus', 'list']).code).toBe(2);
    expect(json(byok(['--bogus', 'list']).stdout).error).toContain('--bogus');
  });
  it('never echoes a key given as a flag, a flag value or a verb', () => {
    const key = generateKey('openai');
    for (const args of [['list', `--${key}`], [key], ['list', `--x=${key}`], ['get', key, key], ['list', `-${key}`]]) {
      const r = byok(args);
      expect(r.code).toBe(2);
      expect(leaks(r.stdout + r.stderr, [key])).toEqual([]);
    }
  });
  it('a switch given a value, a value flag without one and a repeated flag are usage errors', () => {
    expect(json(byok(['list', '--compact=yes']).stdout).error).toContain('--compact takes no value');
    expect(json(byok(['list', '--workspace']).stdout).error).toContain('--workspace needs a value');
    expect(json(byok(['add-template', 'x', '--name', 'a', '--name', 'b']).stdout).error).toContain('--name is given twice');
  });
});

describe('input and output', () => {
  const sample = 'curl https://api.example.com/v1/chat/completions -d \'{"model": "m1"}\'';
  it('parse-example --text takes the example as a string', () => {
    const r = byok(['parse-example', '--text', sample]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).draft).toMatchObject({ base_url: 'https://api.example.com/v1', upstream_model: 'm1' });
    expect(byok(['parse-example', '--text', sample, 'file.sh']).code).toBe(2);
  });
  it('--compact prints one line; the default is indented', () => {
    const c = byok(['parse-example', '--compact', '--text', sample]);
    expect(c.stdout.trimEnd().split('\n')).toHaveLength(1);
    expect(byok(['parse-example', '--text', sample]).stdout.split('\n').length).toBeGreaterThan(10);
    expect(JSON.parse(c.stdout)).toEqual(JSON.parse(byok(['parse-example', '--text', sample]).stdout));
  });
  it('a reader that closes the pipe before byok writes ends byok quietly (`byok templates | true`)', () => {
    // `true` exits at once, long before node has started: byok's write gets EPIPE.
    const r = spawnSync('bash', ['-c', `set -o pipefail; "${process.execPath}" "${BIN}" templates | true; echo "status $?" >&2`], { encoding: 'utf8' });
    expect(r.stderr).toBe('status 0\n');
  });
  it.skipIf(!existsSync('/dev/full'))('a full device ends with one line on stderr and exit 1, no stack', () => {
    const r = spawnSync('sh', ['-c', `"${process.execPath}" "${BIN}" templates > /dev/full`], { encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stderr).toBe('byok: cannot write the output: no space left on the device.\n');
    const h = spawnSync('sh', ['-c', `"${process.execPath}" "${BIN}" --help > /dev/full`], { encoding: 'utf8' });
    expect([h.status, h.stderr.split('\n').length]).toEqual([1, 2]);
  });
});
