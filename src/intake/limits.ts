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

/**
 * Throws InputTooComplex when brackets nest deeper than MAX_DEPTH. Counted
 * over the whole text, strings included (a template's `${` nests like a
 * bracket), in one pass: run before a recursive-descent parser (acorn), which
 * would otherwise recurse once per level and, near the stack's end, can even
 * abort the process instead of throwing.
 */
export function checkNesting(text: string): void {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 40 || c === 91 || c === 123) {
      if (++depth > MAX_DEPTH) throw new InputTooComplex();
    } else if ((c === 41 || c === 93 || c === 125) && depth > 0) depth--;
  }
}

/** True for a depth-limit error or a stack overflow from a parser we do not own. */
export function isTooComplex(e: unknown): boolean {
  return e instanceof InputTooComplex || (e instanceof RangeError && /call stack/i.test(e.message));
}

export const TOO_COMPLEX_MESSAGE = `The example nests too deeply to read (over ${MAX_DEPTH} levels); paste the API example as the docs show it.`;
