// The command that ran this byok, as a note should spell it: `byok` when the
// `byok` on PATH is this very program (global install, npm link), else
// `node /abs/path/bin/byok.js`, which runs from any folder.
import { realpathSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { shellWord } from '../shell-word.js';

function real(p: string): string | null {
  try {
    return realpathSync(p);
  } catch {
    return null;
  }
}

export function byokCommand(script = process.argv[1]): string {
  const self = script ? real(script) : null;
  if (!self) return 'byok';
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir && real(join(dir, 'byok')) === self) return 'byok';
  }
  return `node ${shellWord(self)}`;
}
