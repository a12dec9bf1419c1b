// Human help, rendered from the verb table: `byok --help` (every verb),
// `byok help VERB` / `byok VERB --help` (usage, flags, one example, what
// stdout holds), and `byok --version`.
import { readFileSync } from 'node:fs';
import { GLOBAL_FLAGS, VERBS, type FlagSpec, type VerbSpec } from './verbs.js';

const RESULT = 'one JSON object, { "ok": true, ... } or { "ok": false, "error", "code" }; exit 0 when ok, 1 when not, 2 on a usage error';

/** The version in package.json (the file sits two folders above src/cli and dist/cli). */
export function version(): string {
  try {
    return (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

function flagLines(flags: FlagSpec[]): string[] {
  const left = flags.map((f) => (f.name === 'help' ? '-h, --help' : `--${f.name}${f.value ? ' ' + f.value : ''}`));
  const width = Math.min(32, Math.max(...left.map((l) => l.length)));
  return flags.map((f, i) => `  ${left[i].padEnd(width)}  ${f.help}`);
}

export function usageLine(v: VerbSpec): string {
  const opts = v.flags.length ? ' [options]' : '';
  return `byok ${v.name}${v.args ? ' ' + v.args : ''}${opts}`;
}

/** `byok help VERB`. */
export function verbHelp(v: VerbSpec): string {
  const out = [`byok ${v.name} — ${v.summary}`, '', `usage: ${usageLine(v)}`];
  if (v.details) out.push('', v.details);
  if (v.flags.length) out.push('', 'options:', ...flagLines(v.flags));
  out.push('', 'global options:', ...flagLines(GLOBAL_FLAGS));
  out.push('', 'example:', `  ${v.example}`, '', `stdout: ${v.stdout ?? RESULT}.`);
  return out.join('\n') + '\n';
}

/** `byok --help`. */
export function mainHelp(): string {
  const width = Math.max(...VERBS.map((v) => (v.name + (v.args ? ' ' + v.args : '')).length));
  return [
    `byok ${version()} — bring your own LLM API key: turn a pasted API example into a safe custom-model registration.`,
    '',
    'usage: byok VERB [args] [options]',
    '',
    'verbs:',
    ...VERBS.map((v) => `  ${(v.name + (v.args ? ' ' + v.args : '')).padEnd(width)}  ${v.summary}`),
    '',
    'global options:',
    ...flagLines(GLOBAL_FLAGS),
    '',
    'example:',
    '  byok parse-example fixtures/deepseek/chat-thinking-export.sh | byok add --from-draft -',
    '',
    'Run `byok help VERB` (or `byok VERB --help`) for a verb\'s options.',
    `stdout: ${RESULT}.`,
  ].join('\n') + '\n';
}

/** The README's flags reference (between its `<!-- flags:start -->` markers), from the same table. */
export function flagsReference(): string {
  const cell = (s: string) => s.replace(/\|/g, '\\|');
  const out: string[] = [];
  for (const v of VERBS) {
    out.push(`**\`${usageLine(v)}\`** — ${v.summary}.`, '');
    if (v.flags.length) {
      out.push('| flag | meaning |', '|---|---|');
      for (const f of v.flags) out.push(`| \`--${f.name}${f.value ? ' ' + cell(f.value) : ''}\` | ${cell(f.help)} |`);
      out.push('');
    }
  }
  out.push('**Every verb** also takes:', '', '| flag | meaning |', '|---|---|');
  for (const f of GLOBAL_FLAGS) out.push(`| \`${f.name === 'help' ? '-h, --help' : `--${f.name}${f.value ? ' ' + f.value : ''}`}\` | ${cell(f.help)} |`);
  return out.join('\n') + '\n';
}
