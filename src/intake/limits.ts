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

/**
 * Throws InputTooComplex when Python code chains more than MAX_DEPTH unary
 * operators (`x = - - - ... 1`; `-`, `+`, `~`, `not`, spaces between
 * allowed) or postfix operations on one operand (`a.b.b.b...`, `a[0][0]...`,
 * `f()()...`): each nests the expression a level deeper without a bracket
 * for checkNesting to count (the parser took over a second on a 256 KiB
 * chain; a walker follows MAX_DEPTH levels at most). Strings and comments
 * are skipped (a `# -----` rule line is not code), in one linear pass.
 */
export function checkPythonChains(text: string): void {
  let run = 0;
  // Postfix operations on the current operand, per bracket level (the outer levels wait on a stack).
  let post = 0;
  const outer: number[] = [];
  // The last token ended an operand (a name, a number, a string, a closing bracket): `.`, `(` and `[` continue it.
  let operand = false;
  let afterDot = false;
  const chain = () => {
    if (++post > MAX_DEPTH) throw new InputTooComplex();
  };
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 45 || c === 43 || c === 126) {
      if (++run > MAX_DEPTH) throw new InputTooComplex();
      post = 0;
      operand = afterDot = false;
      continue;
    }
    // Blanks (a newline inside brackets, a `\` continuation) neither end nor start a chain.
    if (c === 32 || c === 9 || c === 92 || c === 13 || (c === 10 && outer.length)) continue;
    if (isWordChar(c)) {
      let j = i;
      while (j + 1 < text.length && isWordChar(text.charCodeAt(j + 1))) j++;
      // `not` nests like `-` (`x = not not not ... 1`: quadratic in the parser).
      if (j - i === 2 && text.startsWith('not', i)) {
        if (++run > MAX_DEPTH) throw new InputTooComplex();
        post = 0;
        operand = afterDot = false;
        i = j;
        continue;
      }
      run = 0;
      // A name after `.` continues the operand; any other word starts a new one (or is a keyword).
      if (!afterDot) post = 0;
      operand = true;
      afterDot = false;
      i = j;
      continue;
    }
    run = 0;
    if (c === 46) {
      // `.` then a name: an attribute of the operand (not a number's `1.5`, nor `...`).
      const next = text.charCodeAt(i + 1);
      if (operand && isWordChar(next) && !(next >= 48 && next <= 57)) {
        chain();
        afterDot = true;
      } else afterDot = false;
      operand = false;
      continue;
    }
    afterDot = false;
    if (c === 40 || c === 91 || c === 123) {
      if (operand && c !== 123) chain();
      outer.push(post);
      post = 0;
      operand = false;
    } else if (c === 41 || c === 93 || c === 125) {
      post = outer.pop() ?? 0;
      operand = true;
    } else if (c === 35) {
      // A comment, to the end of the line.
      const nl = text.indexOf('\n', i);
      i = nl < 0 ? text.length : nl - 1;
    } else if (c === 34 || c === 39) {
      // A string: '...', "...", '''...''' or """...""", with backslash escapes.
      const q = text[i];
      const triple = text.startsWith(q + q + q, i);
      const close = triple ? q + q + q : q;
      let j = i + close.length;
      while (j < text.length) {
        const d = text[j];
        if (d === '\\') j += 2;
        else if (text.startsWith(close, j)) break;
        else if (!triple && d === '\n') break;
        else j++;
      }
      i = j + close.length - 1;
      // The string is an operand (a prefix, f"" or b'', was read as a name before it).
      operand = true;
    } else {
      post = 0;
      operand = false;
    }
  }
}

/** An identifier character (NaN, before the start or past the end, is not). */
function isWordChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c > 127;
}

/** True for a depth-limit error or a stack overflow from a parser we do not own. */
export function isTooComplex(e: unknown): boolean {
  return e instanceof InputTooComplex || (e instanceof RangeError && /call stack/i.test(e.message));
}

export const TOO_COMPLEX_MESSAGE = `The example nests too deeply to read (over ${MAX_DEPTH} levels); paste the API example as the docs show it.`;
