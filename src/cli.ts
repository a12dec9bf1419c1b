// The `byok` command: parses argv, runs one verb, prints its JSON result on
// stdout and returns the exit code (0 ok, 1 ok:false, 2 usage error).
// Guarantee: whatever the input, the process prints one JSON object and never
// a stack trace; front-ends and the registry are loaded only for the verb
// that needs them, so start-up stays small.
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { fail, type Failure } from './failure.js';
import { MAX_INPUT_BYTES } from './intake/limits.js';

const USAGE = `usage: byok <verb> [args] [--workspace DIR]
  parse-example [FILE|-]        API example -> safe registration draft
  inspect [FILE|-]              the HTTP calls found in an example (secrets redacted)
  templates                     curated vendor presets
  list-vendor-models VENDOR     a vendor's live /models catalog
  add-template VENDOR [--upstream-model M] [--name N]
  add --upstream-model M --base-url U [--wire openai|anthropic] [...] | add --from-draft FILE|-
  list | get ID | remove ID`;

/** Flags that take no value. */
const BOOLEAN_FLAGS = new Set(['help', 'pretty', 'version', 'dry-run', 'force']);

export interface ParsedArgs {
  verb: string | undefined;
  positional: string[];
  flags: Record<string, string | boolean>;
}

export function parseArgs(argv: string[]): ParsedArgs | Failure {
  const positional: string[] = [];
  const flags: Record<string, string | boolean> = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') {
      positional.push(...argv.slice(i + 1));
      break;
    }
    if (a.startsWith('--') && a.length > 2) {
      const eq = a.indexOf('=');
      const name = eq > 0 ? a.slice(2, eq) : a.slice(2);
      if (eq > 0) flags[name] = a.slice(eq + 1);
      else if (BOOLEAN_FLAGS.has(name)) flags[name] = true;
      else if (i + 1 < argv.length) flags[name] = argv[++i];
      else return fail('usage', `The option --${name} needs a value.`);
    } else if (a === '-h') {
      flags.help = true;
    } else {
      positional.push(a);
    }
  }
  return { verb: positional.shift(), positional, flags };
}

async function readStdin(): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const c of process.stdin) {
    const b = c as Buffer;
    size += b.length;
    chunks.push(b);
    // Stop reading far past the limit: the intake reports input_too_large.
    if (size > MAX_INPUT_BYTES * 4) break;
  }
  return Buffer.concat(chunks);
}

/** Reads FILE or `-` as bytes; the intake decides whether they are text. */
export async function readInputBytes(arg: string | undefined): Promise<{ bytes: Buffer } | Failure> {
  try {
    if (arg === undefined || arg === '-') {
      if (arg === undefined && process.stdin.isTTY) return fail('usage', 'Give a FILE, or - to read the example from standard input.');
      return { bytes: await readStdin() };
    }
    return { bytes: await readFile(arg) };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a folder' : code === 'EACCES' ? 'permission denied' : 'it could not be read';
    return fail('io_error', `Cannot read ${JSON.stringify(arg)}: ${why}.`);
  }
}

async function readInputText(arg: string | undefined): Promise<{ text: string } | Failure> {
  const r = await readInputBytes(arg);
  if ('ok' in r) return r;
  return { text: r.bytes.toString('utf8') };
}

type Result = { ok: boolean; code?: string; [k: string]: unknown };

export async function run(argv: string[]): Promise<Result> {
  const parsed = parseArgs(argv);
  if ('ok' in parsed) return parsed;
  const { verb, positional, flags } = parsed;
  if (!verb || flags.help) return fail('usage', USAGE.replace(/\n/g, ' | '));
  const workspace = resolve(String(flags.workspace ?? process.env.BYOK_WORKSPACE ?? process.cwd()));

  switch (verb) {
    case 'parse-example':
    case 'inspect': {
      if (positional.length > 1) return fail('usage', `${verb} takes one FILE (or -), got ${positional.length}.`);
      const input = await readInputBytes(positional[0]);
      if ('ok' in input) return input;
      const api = await import('./api.js');
      const opts = positional[0] && positional[0] !== '-' ? { filename: positional[0] } : {};
      return verb === 'inspect' ? api.inspectBytes(input.bytes, opts) : api.parseExampleBytes(input.bytes, opts);
    }
    default: {
      const { registryVerbs } = await import('./registry/verbs.js');
      const handler = registryVerbs[verb];
      if (!handler) return fail('usage', `Unknown verb ${JSON.stringify(verb)}. ${USAGE.split('\n')[0]}`);
      return handler(positional, flags, { workspace, readInput: readInputText });
    }
  }
}

export async function main(argv: string[]): Promise<number> {
  let result: Result;
  try {
    result = await run(argv);
  } catch (e) {
    // A programmer error: report it as data, never as a stack trace on stdout.
    result = { ok: false, error: `Internal error: ${(e as Error).message?.split('\n')[0] ?? 'unknown'}.`, code: 'internal' };
  }
  process.stdout.write(JSON.stringify(result, null, 2) + '\n');
  if (result.ok) return 0;
  return result.code === 'usage' ? 2 : 1;
}
