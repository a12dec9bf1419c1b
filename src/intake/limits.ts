// Input limits shared by the CLI and the library.

/** Inputs over this many bytes are refused with `input_too_large`. */
export const MAX_INPUT_BYTES = 256 * 1024;

/**
 * Nesting deeper than this (brackets, calls, operators in a chain) is refused
 * with `input_too_complex`: no API example nests near it, and a walker that
 * recursed without a limit would overflow the stack on a hostile paste.
 */
export const MAX_DEPTH = 200;

/** Thrown by a parser or walker past MAX_DEPTH; api.ts turns it into `input_too_complex`. */
export class InputTooComplex extends Error {
  constructor() {
    super(`nesting deeper than ${MAX_DEPTH}`);
    this.name = 'InputTooComplex';
  }
}

/** True for a depth-limit error or a stack overflow from a parser we do not own. */
export function isTooComplex(e: unknown): boolean {
  return e instanceof InputTooComplex || (e instanceof RangeError && /call stack/i.test(e.message));
}

export const TOO_COMPLEX_MESSAGE = `The example nests too deeply to read (over ${MAX_DEPTH} levels); paste the API example as the docs show it.`;
