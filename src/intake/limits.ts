// Input limits shared by the CLI and the library.

/** Inputs over this many bytes are refused with `input_too_large`. */
export const MAX_INPUT_BYTES = 256 * 1024;

/**
 * Nesting deeper than this (brackets, calls, operators in a chain) is refused
 * with `input_too_complex`: no API example nests near it, and a walker that
 * recursed without a limit would overflow the stack on a hostile paste.
 */
export const MAX_DEPTH = 200;

/**
 * Code with more tokens than this is refused with `input_too_complex`. The
 * parsers are linear, but their constant is a few microseconds a token
 * (@lezer/python's 1 to 2 us for a name or a `,`, 3 to 4 us for a string,
 * more where it builds a big list node, plus the walk and the garbage
 * collector): at the size cap, a paste of `x;`, `f(),` or `"a": 1,` took one
 * to four seconds end to end, and 60,000 tokens still took a second. Doc
 * examples have hundreds of tokens; real code has 4 to 9 characters a token
 * (Python's standard library: median 7.5), so a real module of 80 to 150 KiB
 * or more may be refused: it is not an API example. Strings count twice
 * (checkTokens). acorn is about twice as fast as @lezer/python.
 */
export const MAX_TOKENS = { python: 20_000, javascript: 25_000 } as const;

/** `25000` as `25,000`, without toLocaleString (its first call loads ICU's locale data: 20 ms at start-up). */
function thousands(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+$)/g, ',');
}

/**
 * A shell paste with more words and variable references than this is refused
 * with `input_too_complex` as the tokenizer reaches it (src/curl/tokenize.ts):
 * each costs a few microseconds to read, resolve and extract, and 128,000
 * (`x;` or `a ` at the size cap, a curl command with as many URLs) took one to
 * two seconds end to end. A doc example has tens to hundreds; a heredoc
 * body, or a quoted argument without variables, is one piece however long.
 */
export const MAX_SHELL_PIECES = 25_000;
export const TOO_MANY_PIECES_MESSAGE = `The example has too many shell words to read (over ${thousands(MAX_SHELL_PIECES)}); paste only the API example.`;

/** Thrown by a check, parser or walker past a limit; api.ts turns it into `input_too_complex` with `userMessage`. */
export class InputTooComplex extends Error {
  constructor(readonly userMessage: string = TOO_COMPLEX_MESSAGE) {
    super(userMessage);
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
export const tooManyTokensMessage = (language: keyof typeof MAX_TOKENS) =>
  `The example is too long to read as code (over ${thousands(MAX_TOKENS[language])} tokens); paste only the API example.`;

/** The message for a limit error: its own, or the nesting one for a stack overflow in a parser we do not own. */
export function tooComplexMessage(e: unknown): string {
  return e instanceof InputTooComplex ? e.userMessage : TOO_COMPLEX_MESSAGE;
}

/**
 * Throws InputTooComplex when Python or JavaScript code has more than
 * MAX_TOKENS[language] tokens, counted in one linear pass before the parser
 * runs. The count is a close upper estimate of the parser's: a name or number
 * is one token, a comment one, a string two, every other character one (`==`
 * is two), and in Python a line end outside brackets one (blank lines and
 * lines of only a comment have none). Code inside strings counts as code: a Python f-string's replacement
 * fields (three each) and a JavaScript template's `${...}` (read as code).
 */
export function checkTokens(text: string, language: keyof typeof MAX_TOKENS): void {
  const python = language === 'python';
  const max = MAX_TOKENS[language];
  const n = text.length;
  let count = 0;
  let depth = 0;
  // Python: the line so far holds a token, so its end is a NEWLINE token.
  let lineHasToken = false;
  // JavaScript: the bracket depth inside each open template's `${`, innermost last.
  const templates: number[] = [];
  // From `j` in a template's text: to its closing backtick (then past it), or into a `${`.
  const templateText = (j: number): number => {
    j = templateEnd(text, j);
    if (text.charCodeAt(j) === 36) {
      templates.push(++depth);
      count++;
      return j + 1;
    }
    return j;
  };
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 9 || c === 13 || c === 12) continue;
    if (c === 10) {
      if (python && depth === 0 && lineHasToken) count++;
      lineHasToken = false;
    } else {
      const had: boolean = lineHasToken;
      lineHasToken = true;
      count++;
      if (isWordChar(c)) {
        const from = i;
        while (i + 1 < n && isWordChar(text.charCodeAt(i + 1))) i++;
        // A Python string prefix (f"", rb'', ...) is part of the string.
        const q = text.charCodeAt(i + 1);
        if (python && (q === 34 || q === 39) && i - from < 2) {
          const end = stringEnd(text, i + 1, true);
          count += 2 + (/[fF]/.test(text.slice(from, i + 1)) ? 3 * replacementFields(text, i + 1, end) : 0);
          i = end - 1;
        }
      } else if (python ? c === 35 : c === 47 && text.charCodeAt(i + 1) === 47) {
        // A line comment, to the end of the line (a line of only a comment has no NEWLINE token).
        const nl = text.indexOf('\n', i);
        i = nl < 0 ? n : nl - 1;
        lineHasToken = had;
      } else if (!python && c === 47 && text.charCodeAt(i + 1) === 42) {
        const end = text.indexOf('*/', i + 2);
        i = end < 0 ? n : end + 1;
      } else if (c === 34 || c === 39) {
        // A string costs a parser about twice a name (@lezer/python builds several nodes for one).
        count++;
        i = stringEnd(text, i, python) - 1;
      } else if (!python && c === 96) {
        i = templateText(i + 1) - 1;
      } else if (c === 40 || c === 91 || c === 123) depth++;
      else if (c === 41 || c === 93 || c === 125) {
        if (c === 125 && templates.length && templates[templates.length - 1] === depth) {
          // The `}` of a template's `${`: back into its text.
          templates.pop();
          depth--;
          i = templateText(i + 1) - 1;
        } else if (depth > 0) depth--;
      }
    }
    if (count > max) throw new InputTooComplex(tooManyTokensMessage(language));
  }
}

/** In a JavaScript template's text from `j`: the index past its closing backtick, of the `$` of a `${`, or the text's end. */
function templateEnd(text: string, j: number): number {
  while (j < text.length) {
    const d = text.charCodeAt(j);
    if (d === 92) j += 2;
    else if (d === 96) return j + 1;
    else if (d === 36 && text.charCodeAt(j + 1) === 123) return j;
    else j++;
  }
  return text.length;
}

/** The replacement fields of a Python f-string between `from` and `to`: each `{` but a doubled `{{`. */
function replacementFields(text: string, from: number, to: number): number {
  let fields = 0;
  for (let j = from; j < to; j++)
    if (text.charCodeAt(j) === 123) {
      if (text.charCodeAt(j + 1) === 123) j++;
      else fields++;
    }
  return fields;
}

/**
 * The index just past the string literal opening at `i` ('...', "...", and in
 * Python '''...''' or """..."""), with backslash escapes; an unclosed
 * one-line string ends at the line's end, an unclosed triple-quoted one at
 * the text's end.
 */
function stringEnd(text: string, i: number, python: boolean): number {
  const q = text.charCodeAt(i);
  const triple = python && text.charCodeAt(i + 1) === q && text.charCodeAt(i + 2) === q;
  let j = i + (triple ? 3 : 1);
  while (j < text.length) {
    const d = text.charCodeAt(j);
    if (d === 92) j += 2;
    else if (d === q && (!triple || (text.charCodeAt(j + 1) === q && text.charCodeAt(j + 2) === q))) return j + (triple ? 3 : 1);
    else if (!triple && d === 10) return j;
    else j++;
  }
  return text.length;
}
