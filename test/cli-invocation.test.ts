// How the CLI spells its own command in notes (src/cli/invocation.ts): `byok`
// when the `byok` on PATH is this very script, else `node /abs/script`; the
// lookup (a stat of every PATH folder) runs only when a result reads it.
import { mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { byokCommand, lazyInvocation } from '../src/cli/invocation.js';

const savedPath = process.env.PATH;
afterEach(() => {
  process.env.PATH = savedPath;
});

function setup(): { script: string; withLink: string; without: string } {
  const dir = mkdtempSync(join(tmpdir(), 'byok-inv-'));
  const script = join(dir, 'byok.js');
  writeFileSync(script, '');
  return { script, withLink: mkdtempSync(join(dir, 'bin-')), without: mkdtempSync(join(dir, 'empty-')) };
}

describe('the command a note spells', () => {
  it('is `byok` when a PATH folder links to this script, else node and the script path', () => {
    const { script, withLink, without } = setup();
    symlinkSync(script, join(withLink, 'byok'));
    process.env.PATH = [join(without, 'missing'), without, withLink].join(':');
    expect(byokCommand(script)).toBe('byok');
    process.env.PATH = [join(without, 'missing'), without].join(':');
    expect(byokCommand(script)).toBe(`node ${script}`);
    // A `byok` on PATH that is another program.
    writeFileSync(join(without, 'byok'), '');
    expect(byokCommand(script)).toBe(`node ${script}`);
  });

  it('is looked up when first read, not when the invocation is made', () => {
    const { withLink } = setup();
    process.env.PATH = '/nonexistent-byok-folder';
    const inv = lazyInvocation(true);
    // process.argv[1] is vitest's script here: link it from a PATH folder after the invocation was made.
    symlinkSync(process.argv[1], join(withLink, 'byok'));
    process.env.PATH = withLink;
    expect(inv.command).toBe('byok');
    process.env.PATH = '/nonexistent-byok-folder';
    expect(inv.command).toBe('byok'); // read once, then kept
    expect(inv.workspace).toBe(true);
  });
});
