// Parses JavaScript / TypeScript text into an ESTree program: strict first
// (acorn, or acorn + @sveltejs/acorn-typescript), tolerant second
// (acorn-loose, on TypeScript input after a crude erasure of the type syntax
// it cannot read). What was guessed is reported, with the line of the first
// strict error.
// Guarantee: never throws (a parser's own failure, e.g. a stack overflow on
// absurd nesting, yields `program: null`).
import { Parser, type Options, type Program } from 'acorn';
import { LooseParser } from 'acorn-loose';
import { tsPlugin } from '@sveltejs/acorn-typescript';
import type { Warning } from '../call/model.js';
import { fastScopes } from './scopes.js';

/** Plain JavaScript: acorn with constant-time declarations (./scopes.ts). */
const JsParser: typeof Parser = Parser.extend(fastScopes);

/**
 * The tolerant parser, in linear time. acorn-loose recovers from each
 * tokenizer error (an unterminated string, a stray character) by catching the
 * error acorn raises; acorn computes the error's line by scanning the input
 * from its start, and with `locations` acorn-loose rescans it again to reset
 * the line count: per error, so 30 KB of `'x` lines or of zero-width spaces
 * took seconds. The walker reads node positions (`start`/`end`), never
 * `loc`: the tolerant parse runs without locations, over a tokenizer whose
 * errors carry no line (nor a stack).
 */
class LooseBase extends (Parser as unknown as new (...a: unknown[]) => object) {
  raise(pos: number, message: string): never {
    // A SyntaxError without a stack: capturing one per recovered error cost more than the parse.
    const err = Object.create(SyntaxError.prototype) as SyntaxError & { pos: number; raisedAt: number };
    err.message = message;
    err.pos = pos;
    err.raisedAt = (this as unknown as { pos: number }).pos;
    throw err;
  }
  raiseRecoverable(pos: number, message: string): never {
    return this.raise(pos, message);
  }
  /** Past the last `` ` `` and `${` of the input a template cannot end: fail at once (each line after an unclosed `` ` `` rescanned the rest). */
  readTmplToken(): unknown {
    const self = this as unknown as { pos: number; start: number; input: string; lastTmplEnd?: number };
    self.lastTmplEnd ??= Math.max(self.input.lastIndexOf('`'), self.input.lastIndexOf('${'));
    if (self.pos > self.lastTmplEnd) this.raise(self.start, 'Unterminated template');
    return (Parser.prototype as unknown as { readTmplToken(this: unknown): unknown }).readTmplToken.call(this);
  }
}
let looseParser: { parse(input: string, options: Options): Program } | null = null;
function looseParse(text: string): Program {
  if (!looseParser) {
    const Loose = class extends (LooseParser as unknown as new (...a: unknown[]) => object) {} as unknown as { BaseParser: unknown; parse(input: string, options: Options): Program };
    Loose.BaseParser = LooseBase;
    looseParser = Loose;
  }
  return looseParser.parse(text, { ...OPTIONS, locations: false });
}

let tsParser: typeof Parser | null = null;
function ts(): typeof Parser {
  if (!tsParser) tsParser = Parser.extend(tsPlugin());
  return tsParser;
}

const OPTIONS: Options = {
  ecmaVersion: 'latest',
  sourceType: 'module',
  locations: true,
  allowAwaitOutsideFunction: true,
  allowReturnOutsideFunction: true,
  allowImportExportEverywhere: true,
  allowHashBang: true,
  allowReserved: true,
};

const JS_OPTIONS: Options = { ...OPTIONS, locations: false };

export interface Parsed {
  program: Program | null;
  warnings: Warning[];
  /** The text the program's positions refer to (the input, or a repaired copy of the same length per line). */
  text: string;
}

function tryParse(text: string, typescript: boolean): { program: Program } | { error: { line?: number } } {
  try {
    // Plain JavaScript without `loc` objects (the walker reads `start`/`end`; half the parse time);
    // the TypeScript plugin requires them. An error's line comes with the error either way.
    const p = typescript ? ts().parse(text, OPTIONS) : JsParser.parse(text, JS_OPTIONS);
    return { program: p };
  } catch (e) {
    const loc = (e as { loc?: { line?: number } })?.loc;
    return { error: { line: typeof loc?.line === 'number' ? loc.line : undefined } };
  }
}

export function parseProgram(text: string, typescript: boolean): Parsed {
  const order = typescript ? [true, false] : [false, true];
  let firstLine: number | undefined;
  for (const t of order) {
    const r = tryParse(text, t);
    if ('program' in r) return { program: r.program, warnings: [], text };
    if (firstLine === undefined) firstLine = r.error.line;
  }
  // A diff shown on a docs page (`+  baseURL: "..."` lines): the markers are not code.
  const undiffed = stripDiffMarkers(text);
  if (undiffed !== null) {
    for (const t of order) {
      const r = tryParse(undiffed, t);
      if ('program' in r)
        return { program: r.program, warnings: [{ code: 'guessed_syntax', message: 'Diff markers (+ / - at the start of lines) were removed to read the code.' }], text: undiffed };
    }
  }
  const looksTs = typescript || /:\s*[A-Z][\w.]*(<[^>\n]*>)?(\[\])?\s*[=;,)]|\bas\s+[A-Z]\w*|\binterface\s+\w+|\btype\s+\w+\s*=/.test(text);
  const src = undiffed ?? text;
  const loose = looksTs ? eraseTypes(src) : src;
  const at = firstLine ? ` (the first on line ${firstLine})` : '';
  const warning: Warning = {
    code: 'guessed_syntax',
    message: `The code has syntax errors${at}; the tolerant parser read around them${looksTs ? ' after dropping type annotations' : ''}, so some values may be guesses.`,
    ...(firstLine ? { line: firstLine } : {}),
  };
  try {
    return { program: looseParse(loose), warnings: [warning], text: loose };
  } catch {
    return { program: null, warnings: [{ ...warning, message: `The code could not be read${at}.` }], text };
  }
}

/**
 * Removes diff markers when the paste looks like a diff: some lines start
 * with `+` or `-` followed by a blank, and no such line is plausible code.
 * Null when it is not a diff.
 */
function stripDiffMarkers(text: string): string | null {
  const lines = text.split('\n');
  if (!lines.some((l) => /^[+-](\s|$)/.test(l))) return null;
  const hasPlus = lines.some((l) => /^\+(\s|$)/.test(l));
  return lines.map((l) => (hasPlus && /^-(\s|$)/.test(l) ? '' : /^[+-](\s|$)/.test(l) ? ' ' + l.slice(1) : l)).join('\n');
}

/**
 * A crude TypeScript eraser for the tolerant parser: type-only lines
 * (`import type`, `type X = ...;`, `interface X {...}`), annotations after
 * declared names and parameters, `as T` / `satisfies T` casts, non-null `!`.
 * Erased text becomes spaces, so line and column numbers stay.
 */
export function eraseTypes(text: string): string {
  const blank = (s: string) => s.replace(/[^\n]/g, ' ');
  let out = text;
  out = out.replace(/^[ \t]*import\s+type\b[^;\n]*;?/gm, blank);
  out = out.replace(/^[ \t]*(export\s+)?(declare\s+)?(type\s+[A-Za-z_$][\w$]*(<[^>\n]*>)?\s*=[^;]*;)/gm, blank);
  out = eraseBlocks(out, /^[ \t]*(export\s+)?(declare\s+)?interface\s+[A-Za-z_$][\w$]*[^{\n]*\{/gm);
  // `as const`, `as Foo<Bar>[]`, `satisfies Foo`
  out = out.replace(/\s(as|satisfies)\s+(const\b|[A-Za-z_$][\w$.]*(<[^<>\n]*>)?(\[\])*)/g, blank);
  // `const x: Type = ` / `let x: Type;` / parameters `(a: string, b?: number)`
  out = out.replace(/(\b(?:const|let|var)\s+[A-Za-z_$][\w$]*)(\s*:\s*[^=;\n]+)(?=[=;\n])/g, (_m, a: string, b: string) => a + blank(b));
  out = out.replace(/([(,]\s*[A-Za-z_$][\w$]*\??)(\s*:\s*[A-Za-z_$][\w$.]*(<[^<>\n()]*>)?(\[\])*)(?=\s*[,)=])/g, (_m, a: string, b: string) => a.replace(/\?$/, ' ') + blank(b));
  // `): Promise<void> {` return annotations
  out = out.replace(/(\))(\s*:\s*[A-Za-z_$][\w$.]*(<[^{}\n]*>)?(\[\])*)(?=\s*(\{|=>))/g, (_m, a: string, b: string) => a + blank(b));
  // non-null assertions: `x!.y`, `x!)`
  out = out.replace(/([\w$\])])!(?=[.\[),;\s])/g, '$1 ');
  return out;
}

/** Blanks each `{...}` block that starts where `start` matches, braces balanced. */
function eraseBlocks(text: string, start: RegExp): string {
  let out = text;
  for (let guard = 0; guard < 200; guard++) {
    start.lastIndex = 0;
    const m = start.exec(out);
    if (!m) break;
    let depth = 0;
    let end = out.length;
    for (let i = m.index + m[0].length - 1; i < out.length; i++) {
      if (out[i] === '{') depth++;
      else if (out[i] === '}' && --depth === 0) {
        end = i + 1;
        break;
      }
    }
    out = out.slice(0, m.index) + out.slice(m.index, end).replace(/[^\n]/g, ' ') + out.slice(end);
  }
  return out;
}
