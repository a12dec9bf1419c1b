// The CLI's one output boundary: every byte byok prints on stdout or stderr
// goes through `emit` (results as JSON, help as text) or `emitError`. The
// secret scrubber plugs in here, once, for every verb.
// Guarantee: a closed pipe (`byok list | head`) ends quietly; any other write
// failure (`> /dev/full`) ends with one line on stderr and exit 1; neither
// prints a stack trace.
// Start-up: stdout is written with fs.writeSync on file descriptor 1, which
// does not build `process.stdout` (a stream, and the stream modules it loads,
// ~10 ms of a ~110 ms process). A descriptor that would block (a non-blocking
// pipe that is full: EAGAIN) hands the rest to `process.stdout`, which queues it.
import { writeSync } from 'node:fs';

export interface EmitOptions {
  /** One-line JSON instead of indented. */
  compact?: boolean;
}

/** Filters every string before it is written; the secret scrubber replaces it. */
let filter: (text: string) => string = (t) => t;

/** Installs the output filter (the secret scrubber) for the rest of the process. */
export function setOutputFilter(f: (text: string) => string): void {
  filter = f;
}

let writeFailed: NodeJS.ErrnoException | null = null;
let guarded = false;

/** Exit code after a failed write: 0 for a reader that went away (EPIPE), 1 otherwise. */
export function writeFailure(): { code: number } | null {
  if (!writeFailed) return null;
  return { code: writeFailed.code === 'EPIPE' ? 0 : 1 };
}

function onStreamError(e: NodeJS.ErrnoException): void {
  if (writeFailed) return;
  writeFailed = e;
  if (e.code !== 'EPIPE') {
    // stderr may be broken too; then there is nobody to tell.
    try {
      process.stderr.write(`byok: cannot write the output: ${e.code === 'ENOSPC' ? 'no space left on the device' : (e.code ?? 'write error')}.\n`);
    } catch {
      /* nothing left to write to */
    }
  }
  process.exitCode = e.code === 'EPIPE' ? (process.exitCode ?? 0) : 1;
}

function guard(): void {
  if (guarded) return;
  guarded = true;
  process.stdout.on('error', onStreamError);
  process.stderr.on('error', () => {});
}

/** True once a write went through `process.stdout` (the descriptor would have blocked). */
let streaming = false;

/** Where stdout text goes instead of descriptor 1, when set (an in-process caller capturing the output). */
let sink: ((text: string) => void) | null = null;

/** Sends stdout text to `s` instead of descriptor 1 (null: back to descriptor 1); the filter still applies. */
export function setOutputSink(s: ((text: string) => void) | null): void {
  sink = s;
}

/** Writes on descriptor 1 directly; what is left when it would block goes through the stream. */
function writeDirect(bytes: Buffer): Buffer | null {
  let off = 0;
  while (off < bytes.length) {
    try {
      off += writeSync(1, bytes, off, bytes.length - off);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EAGAIN') return bytes.subarray(off);
      throw e;
    }
  }
  return null;
}

function write(text: string): void {
  if (writeFailed) return;
  try {
    const clean = filter(text);
    if (sink) return sink(clean);
    // Once the stream holds queued bytes, later text goes behind them, in order.
    const rest = streaming ? Buffer.from(clean, 'utf8') : writeDirect(Buffer.from(clean, 'utf8'));
    if (rest) {
      streaming = true;
      guard();
      process.stdout.write(rest);
    }
  } catch (e) {
    // EPIPE, ENOSPC...: a file or pipe stdout throws instead of emitting 'error'.
    onStreamError(e as NodeJS.ErrnoException);
  }
}

/** Prints a result as JSON (indented unless `compact`), or a help text as is. */
export function emit(result: object | string, opts: EmitOptions = {}): void {
  if (typeof result === 'string') return write(result.endsWith('\n') ? result : result + '\n');
  write((opts.compact ? JSON.stringify(result) : JSON.stringify(result, null, 2)) + '\n');
}

/** A line on stderr, through the same filter (used only where stdout is taken, e.g. by the MCP server). */
export function emitError(text: string): void {
  guard();
  try {
    process.stderr.write(filter(text.endsWith('\n') ? text : text + '\n'));
  } catch {
    /* nothing left to write to */
  }
}
