// The README speaks to a user of a clone: every `byok` command in its ```sh
// blocks runs as shown (no usage error, one JSON object or help text, no stack
// trace), it points at no file a clone lacks, and its flags reference is the
// one generated from the CLI's verb table.
import { execFile } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { flagsReference } from '../src/cli/help.js';

const ROOT = resolve(import.meta.dirname, '..');
const README = readFileSync(join(ROOT, 'README.md'), 'utf8');

/** Commands in ```sh blocks (continuation lines joined). ```console blocks are transcripts and are not run. */
function shCommands(): string[] {
  const out: string[] = [];
  for (const m of README.matchAll(/^```sh\n([\s\S]*?)^```/gm)) out.push(...m[1].replace(/\\\n\s*/g, '').split('\n').filter((l) => l.trim() && !l.startsWith('#')));
  return out;
}

describe('README', () => {
  const commands = shCommands();

  it('has byok commands in sh blocks, and every other command there is the npm pair of its first block', () => {
    expect(commands.filter((c) => /\bbyok\b/.test(c)).length).toBeGreaterThan(4);
    // `npm install && npx byok ...` and `npm test` are what this suite itself runs; they are not re-run here.
    expect(commands.filter((c) => !/^(npx byok|byok|node bin\/byok\.js)\b/.test(c))).toEqual(['npm install && npx byok parse-example fixtures/deepseek/chat-thinking-export.sh', 'npm test']);
  });

  it('every byok command in a sh block runs as shown from the clone', async () => {
    // `byok` on PATH is this checkout, as after `npm link`; /tmp/byok-demo is the README's demo workspace.
    const bin = mkdtempSync(join(tmpdir(), 'byok-readme-bin-'));
    writeFileSync(join(bin, 'byok'), `#!/bin/sh\nexec "${process.execPath}" "${join(ROOT, 'bin/byok.js')}" "$@"\n`);
    chmodSync(join(bin, 'byok'), 0o755);
    rmSync('/tmp/byok-demo', { recursive: true, force: true });
    const runnable = [...commands.filter((c) => /^(npx byok|byok|node bin\/byok\.js)\b/.test(c)), 'npx byok parse-example fixtures/deepseek/chat-thinking-export.sh'];
    const sh = (c: string) =>
      new Promise<{ c: string; status: number | null; stdout: string; stderr: string }>((done) => {
        execFile('bash', ['-c', `set -o pipefail; ${c}`], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, PATH: `${bin}:${process.env.PATH}`, BYOK_WORKSPACE: '' } }, (err, stdout, stderr) =>
          done({ c, status: err ? ((err as { code?: number }).code ?? null) : 0, stdout, stderr }),
        );
      });
    // The commands on the demo workspace run in the README's order; every other one at the same time.
    const demo = runnable.filter((c) => c.includes('/tmp/byok-demo'));
    const inOrder = async () => {
      const out = [];
      for (const c of demo) out.push(await sh(c));
      return out;
    };
    const results = (await Promise.all([inOrder(), ...runnable.filter((c) => !demo.includes(c)).map((c) => sh(c).then((r) => [r]))])).flat();
    expect(results).toHaveLength(runnable.length);
    for (const r of results) {
      const c = r.c;
      expect([0, 1], c).toContain(r.status);
      expect(r.stderr, c).not.toMatch(/\n\s+at .*:\d+:\d+/);
      if (!/--version|--help/.test(c) && !/^byok schema/.test(c)) expect(JSON.parse(r.stdout).ok, c).toBeTypeOf('boolean');
    }
    rmSync('/tmp/byok-demo', { recursive: true, force: true });
  }, 240_000);

  it('points at no file outside the clone and at no repository file that is missing', () => {
    expect(README).not.toMatch(/\.\.\/shared/);
    const paths = [...README.matchAll(/`((?:src|test|grammar|fixtures|schema|scripts|bench|vendors|bin|\.ci)\/[\w./-]+)`/g)].map((m) => m[1]);
    expect(paths.length).toBeGreaterThan(5);
    // Placeholder paths (`fixtures/VENDOR/NAME.EXT`) name a pattern, not a file.
    expect(paths.filter((p) => !/[*{<]|\/[A-Z]+(\/|\.|$)/.test(p) && !existsSync(join(ROOT, p)))).toEqual([]);
  });

  it('has the flags reference generated from the verb table (npm run readme:flags)', () => {
    const m = /<!-- flags:start -->\n([\s\S]*?)<!-- flags:end -->/.exec(README);
    expect(m?.[1]).toBe('\n' + flagsReference() + '\n');
  });
});
