// Test-side helpers shared by the leak fuzzes: a deterministic random source
// (a failure reproduces from its seed) and the CLI's main run in-process with
// its output captured.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli.js';
import { setOutputSink } from '../../src/cli/emit.js';

/** xorshift32 from a fixed seed: numbers in [0, 1). */
export function seeded(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 2 ** 32;
  };
}

/** Runs the CLI's main in-process; returns what it wrote to stdout (and to stderr too, with `stderr`). */
export async function captureCli(argv: string[], opts: { stderr?: boolean } = {}): Promise<string> {
  let out = '';
  const grab = (chunk: string | Uint8Array) => {
    out += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    return true;
  };
  const streams = opts.stderr ? [process.stdout, process.stderr] : [process.stdout];
  const saved = streams.map((s) => s.write.bind(s));
  for (const s of streams) (s as unknown as { write: unknown }).write = grab;
  // The CLI writes stdout on descriptor 1 directly (src/cli/emit.ts); its sink takes it here.
  setOutputSink(grab);
  try {
    await main(argv);
  } finally {
    setOutputSink(null);
    streams.forEach((s, i) => ((s as unknown as { write: unknown }).write = saved[i]));
  }
  return out;
}

/**
 * Fresh workspaces under one temp root (`prefix`): each call makes a new one,
 * with a `.env` holding `env` when given. `root` is for the caller's cleanup.
 */
export function tempWorkspaces(prefix: string): { root: string; workspace: (env?: Record<string, string>) => string } {
  const root = mkdtempSync(join(tmpdir(), prefix));
  let n = 0;
  const workspace = (env: Record<string, string> = {}) => {
    const dir = join(root, `ws${n++}`);
    mkdirSync(dir, { recursive: true });
    const lines = Object.entries(env).map(([k, v]) => `${k}=${v}`);
    if (lines.length) writeFileSync(join(dir, '.env'), lines.join('\n') + '\n');
    return dir;
  };
  return { root, workspace };
}
