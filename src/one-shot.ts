// One-shot work on a big input without V8's optimizing compiler (TurboFan).
// Reading a registry of 1,000 entries runs a few functions thousands of times
// once, in a process that then ends: V8 compiles each of them with TurboFan on
// background threads, and for work this short the compiling costs more CPU
// than the optimised code saves (measured: parse and validation of 1,000
// entries take about half the CPU with it off; README, "Speed and linear
// time"). Baseline code (Sparkplug) still runs.
// Used where it measured a gain: the first read of a registry after an edit
// (./registry/read.ts). Not for the CLI's output scrub: its scan is a few
// tight loops over the text that optimised code runs much faster, and with it
// off the `list` of 1,000 entries gained from -20 to +8 ms of CPU depending on
// how the scanner finds its runs: no clear gain.
// Guarantees:
// - Only in a process that allowed it (allowOneShot): the CLI, for a command
//   that ends when its work is done. Never in a library caller's process nor
//   in the MCP server (long-running): node documents changing V8's flags
//   after start-up as "use with care", and a host's own code would run
//   without TurboFan meanwhile.
// - The flag is changed only for the duration of `fn` and restored after it,
//   even when `fn` throws; nested calls change it once.
// - Only between ONE_SHOT_MIN_CHARS and ONE_SHOT_MAX_CHARS of input: below,
//   the work is too short for either choice to matter (and node:v8 is not
//   loaded: `parse-example` and `templates` start as before); past it (10,000
//   entries and more) the optimised code pays for itself.
// - Never when node runs with a flag of its own about the JIT (--jitless,
//   --no-opt, --turbofan...: in process.execArgv or NODE_OPTIONS), nor when
//   the flag cannot be set: then `fn` simply runs.
import { v8 } from './lazy-builtins.js';

/** Below this many characters of input, the work runs as usual. */
export const ONE_SHOT_MIN_CHARS = 64 * 1024;
/** Past this many characters of input, TurboFan's code pays for its compiling. */
export const ONE_SHOT_MAX_CHARS = 4_000_000;

let depth = 0;
let allowed = false;

/** Lets oneShot turn TurboFan off (the CLI calls it for a one-off command), or forbids it again (`false`: the MCP server). */
export function allowOneShot(allow = true): void {
  allowed = allow;
}

/** Whether node runs without a JIT flag of its own (in its arguments or NODE_OPTIONS), which this must not override. */
function mayToggle(): boolean {
  const own = `${process.execArgv.join(' ')} ${process.env.NODE_OPTIONS ?? ''}`;
  return !/jitless|turbofan|\bopt\b|sparkplug|maglev|allow-natives-syntax/.test(own);
}

/** Runs `fn` (work over `size` characters of input, done once) with V8's optimizing compiler off. */
export function oneShot<T>(size: number, fn: () => T): T {
  if (!allowed || depth > 0 || size < ONE_SHOT_MIN_CHARS || size > ONE_SHOT_MAX_CHARS || !mayToggle()) return fn();
  try {
    v8().setFlagsFromString('--no-turbofan');
  } catch {
    return fn();
  }
  depth++;
  try {
    return fn();
  } finally {
    depth--;
    v8().setFlagsFromString('--turbofan');
  }
}
