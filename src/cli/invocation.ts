// The command that ran this byok, as a note should spell it: `byok` when the
// `byok` on PATH is this very program (global install, npm link), else
// `node /abs/path/bin/byok.js`, which runs from any folder.
// Worked out only when a result spells a command (registry notes): finding it
// looks at every folder of PATH, which `parse-example` never needs.
import { realpathSync, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { shellWord } from '../shell-word.js';

function real(p: string): string | null {
  try {
    // Most PATH folders hold no `byok`: a stat answers that without building an exception.
    return statSync(p, { throwIfNoEntry: false }) ? realpathSync(p) : null;
  } catch {
    return null;
  }
}

/** The CLI's invocation for results: `command` is looked up on its first read. */
export function lazyInvocation(workspace: boolean): { readonly command: string; workspace: boolean } {
  let command: string | undefined;
  return {
    get command() {
      return (command ??= byokCommand());
    },
    workspace,
  };
}

export function byokCommand(script = process.argv[1]): string {
  const self = script ? real(script) : null;
  if (!self) return 'byok';
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir && real(join(dir, 'byok')) === self) return 'byok';
  }
  return `node ${shellWord(self)}`;
}
