// Reading a verb's input: FILE, `-` (standard input) or `--text STRING`, as
// bytes (the intake decides whether they are text) or as text.
// Guarantee: a read error is a Failure naming the cause, never a throw, and
// never echoes the path raw (it may be a pasted key).
import { readFileSync } from 'node:fs';
import { fail, type Failure } from '../failure.js';
import { MAX_INPUT_BYTES } from '../intake/limits.js';
import type { Flags } from './verbs.js';

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

/** Reads FILE or `-` as bytes. */
export async function readInputBytes(arg: string | undefined): Promise<{ bytes: Buffer } | Failure> {
  try {
    if (arg === undefined || arg === '-') {
      if (arg === undefined && process.stdin.isTTY) return fail('usage', 'Give a FILE, - to read standard input, or --text STRING.');
      return { bytes: await readStdin() };
    }
    // Synchronous: one file, and fs/promises would cost start-up time to load.
    return { bytes: readFileSync(arg) };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a folder' : code === 'EACCES' ? 'permission denied' : 'it could not be read';
    return fail('io_error', `Cannot read the input file: ${why}.`);
  }
}

/** Reads FILE or `-` as UTF-8 text. */
export async function readInputText(arg: string | undefined): Promise<{ text: string } | Failure> {
  const r = await readInputBytes(arg);
  if ('ok' in r) return r;
  return { text: r.bytes.toString('utf8') };
}

/** The example for parse-example / inspect: one FILE, `-`, or --text, with the file name as a language hint. */
export async function readExample(verb: string, positional: string[], flags: Flags): Promise<{ bytes: Uint8Array; opts: { filename?: string } } | Failure> {
  const text = flags.text;
  if (typeof text === 'string') {
    if (positional.length) return fail('usage', `${verb} takes --text or a FILE, not both.`);
    return { bytes: Buffer.from(text, 'utf8'), opts: {} };
  }
  if (positional.length > 1) return fail('usage', `${verb} takes one FILE (or - or --text), got ${positional.length}.`);
  const input = await readInputBytes(positional[0]);
  if ('ok' in input) return input;
  return { bytes: input.bytes, opts: positional[0] && positional[0] !== '-' ? { filename: positional[0] } : {} };
}
