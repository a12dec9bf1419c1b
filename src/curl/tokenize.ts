// Shell tokenizer for pasted commands in three dialects: POSIX shell (bash),
// Windows cmd, and PowerShell. Written by hand rather than over shell-quote,
// because shell-quote keeps no source spans, cannot tell which part of a word
// was a variable, and knows neither heredocs, `$'...'`, cmd's `^` nor
// PowerShell's backtick (see README, "Why not shell-quote").
//
// Guarantees:
// - never throws, and runs in time linear in the input;
// - lossless: the `raw` of all tokens, joined, is the input byte for byte;
// - a word is a list of parts, each literal text, an environment reference
//   (`$X`, `${X}`, `%X%`, `$env:X`) or something unknown (`$(cmd)`), so a
//   pasted key and a variable never look alike;
// - commands are split on newlines, `;`, `&&`, `||`, `|` and `&`; a heredoc
//   body (`<<'EOF'`) and a here-string (`<<<`) become the command's stdin.
import { pushAll } from '../arrays.js';
import { InputTooComplex, MAX_SHELL_PIECES, TOO_MANY_PIECES_MESSAGE } from '../intake/limits.js';
import { lit, mergeLits, type Part, type Word } from '../call/model.js';

export type Dialect = 'shell' | 'cmd' | 'powershell';

export type TokenKind = 'word' | 'space' | 'newline' | 'comment' | 'op' | 'heredoc' | 'continuation';

export interface Token {
  kind: TokenKind;
  raw: string;
  start: number;
  end: number;
  /** For words: the value as parts. */
  word?: Word;
}

export interface Command {
  words: Word[];
  /** What the command reads on stdin: a heredoc body, a here-string, or `< file`. */
  stdin?: { word: Word; quoted: boolean } | { file: Word };
  /** The operator that connected this command to the previous one (`|` for a pipeline). */
  joinedBy?: string;
  line: number;
  /** Source text inside this command's `$(...)` / backticks (front-ends look there for nested commands). */
  substitutions?: string[];
}

export interface Tokenized {
  tokens: Token[];
  commands: Command[];
  /** Source text inside `$(...)` / backticks, of every command (each Command also lists its own). */
  substitutions: string[];
  /** Problems found (unterminated quotes...). */
  problems: string[];
}

/** Line number (1-based) of an offset. */
export function lineAt(text: string, offset: number): number {
  let n = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) n++;
  return n;
}

/** The rest of a `$NAME` after its first character (sticky): the regex engine walks it, not a test per character. */
const NAME_REST = /[A-Za-z0-9_]*/y;

/** A table of the ASCII characters in `chars`: the characters that end a run of plain text. */
function specials(chars: string): Uint8Array {
  const t = new Uint8Array(128);
  for (let k = 0; k < chars.length; k++) t[chars.charCodeAt(k)] = 1;
  return t;
}
// Characters the word readers handle one by one; a run of any others is copied as one slice.
// A run is found by a sticky pattern (the regex engine walks it, not a loop of calls per character).
/** A sticky pattern for the run of characters none of which is in `chars` (all ASCII). */
function plainRunPattern(chars: string): RegExp {
  return new RegExp(`[^${chars.replace(/[\\\]^-]/g, '\\$&')}]*`, 'y');
}
const SHELL_WORD = plainRunPattern(' \t\n\f\v;|&<>()\\\'"$`');
const CMD_WORD = plainRunPattern(' \t\n\f\v&|<>^"%\\');
const PS_WORD = plainRunPattern(' \t\n\f\v;|`\'"$');
const SHELL_DQ = plainRunPattern('"\\$`');
const CMD_DQ = plainRunPattern('\n\\"%');
const PS_DQ = plainRunPattern('`"$');
/** The end of the run of plain characters (none of the pattern's specials) that starts at `from`. */
function plainRun(s: string, from: number, run: RegExp): number {
  if (from >= s.length) return from;
  run.lastIndex = from;
  run.test(s); // always matches (maybe empty) and leaves lastIndex at the run's end
  return run.lastIndex;
}
/** The characters an operator can start with (readOperator's list). */
const OP_START = specials('&|;2><');
/** The characters a comment can start with (isCommentStart's list: `#`, `<#`, `::`, `rem`). */
const COMMENT_START = specials('#<:rR');
/** Space, tab, form feed, vertical tab (not newline). */
function isBlank(c: number): boolean {
  return c === 32 || c === 9 || c === 12 || c === 11;
}
/** A line-continuation character of some dialect (`\\`, `^`, backtick): isContinuation needs one. */
function isEscapeChar(c: number): boolean {
  return c === 92 || c === 94 || c === 96;
}

class Lexer {
  i = 0;
  tokens: Token[] = [];
  commands: Command[] = [];
  problems: string[] = [];
  substitutions: string[] = [];
  private cur: Command | null = null;
  private pendingHeredocs: Array<{ delim: string; quoted: boolean; strip: boolean; cmd: Command }> = [];
  private pendingRedirect: 'stdin-file' | 'herestring' | 'skip' | null = null;
  private lineNo = 1;

  constructor(
    readonly src: string,
    readonly dialect: Dialect,
    private readonly keepTokens = true,
  ) {
    this.nextNewline = src.indexOf('\n');
  }

  private push(kind: TokenKind, start: number, end: number, word?: Word) {
    if (end <= start) return;
    if (this.keepTokens) this.tokens.push({ kind, raw: this.src.slice(start, end), start, end, word });
    // Tokens come in order: the next newline is remembered, so each is found once (linear).
    while (this.nextNewline >= 0 && this.nextNewline < end) {
      this.lineNo++;
      this.nextNewline = this.src.indexOf('\n', this.nextNewline + 1);
    }
  }
  private nextNewline = -1;

  private endCommand(op?: string) {
    if (this.cur && this.cur.words.length) this.commands.push(this.cur);
    else if (this.cur && this.cur.stdin) this.commands.push(this.cur);
    this.cur = null;
    this.pendingRedirect = null;
    this.nextJoin = op;
  }
  private nextJoin: string | undefined;

  /** Words and the parts of each read so far (MAX_SHELL_PIECES). */
  private pieces = 0;

  private addWord(w: Word) {
    this.pieces += w.parts.length || 1;
    if (this.pieces > MAX_SHELL_PIECES) throw new InputTooComplex(TOO_MANY_PIECES_MESSAGE);
    if (this.pendingRedirect) {
      const r = this.pendingRedirect;
      this.pendingRedirect = null;
      const cmd = this.command();
      if (r === 'stdin-file') cmd.stdin = { file: w };
      else if (r === 'herestring') cmd.stdin = { word: w, quoted: true };
      return;
    }
    this.command().words.push(w);
  }

  private addSubstitution(text: string) {
    this.substitutions.push(text);
    (this.command().substitutions ??= []).push(text);
  }

  /**
   * `src.indexOf(ch, from)`, remembering the last answer per character: a run of
   * unclosed `${` asks for the same missing `}` at every step, which would
   * rescan the rest of the input each time (quadratic).
   */
  private indexFrom(ch: string, from: number): number {
    const last = this.found.get(ch);
    if (last && from >= last.from && (last.at < 0 || last.at >= from)) return last.at;
    const at = this.src.indexOf(ch, from);
    this.found.set(ch, { from, at });
    return at;
  }
  private found = new Map<string, { from: number; at: number }>();

  private command(): Command {
    if (!this.cur) {
      this.cur = { words: [], line: this.lineNo, joinedBy: this.nextJoin };
      this.nextJoin = undefined;
    }
    return this.cur;
  }

  run(): Tokenized {
    const s = this.src;
    const n = s.length;
    while (this.i < n) {
      const start = this.i;
      // Character codes, and each test below called only for a character it can start with:
      // this loop runs at every token of every paste, mostly before the JIT optimises it.
      const c = s.charCodeAt(start);
      if (c === 32 || c === 9 || c === 12 || c === 11) {
        let k = start + 1;
        while (k < n && isBlank(s.charCodeAt(k))) k++;
        this.i = k;
        this.push('space', start, k);
      } else if (c === 10) {
        this.i++;
        this.push('newline', start, this.i);
        this.endCommand();
        this.readHeredocBodies();
      } else if (isEscapeChar(c) && this.isContinuation()) {
        this.i += s[this.i + 1] === '\r' ? 3 : 2;
        this.push('continuation', start, this.i);
      } else if (c === 92 && this.isFlattenedContinuation()) {
        // `\ ` between words: a continuation whose newline was lost (docs pages flatten lines),
        // or `\` + trailing blanks + newline. Bash would read an escaped space; nobody means that.
        this.i++;
        while (this.i < s.length && (s[this.i] === ' ' || s[this.i] === '\t')) this.i++;
        if (s[this.i] === '\n') this.i++;
        this.push('continuation', start, this.i);
      } else if (COMMENT_START[c] === 1 && this.isCommentStart()) {
        this.skipComment();
        this.push('comment', start, this.i);
      } else if (c < 128 && OP_START[c] && this.readOperator()) {
        // handled
      } else {
        const w = this.readWord();
        if (this.i === start) {
          // Defensive: never loop without progress.
          this.i++;
          this.push('op', start, this.i);
        } else {
          this.push('word', start, this.i, w);
          this.addWord(w);
        }
      }
    }
    this.endCommand();
    if (this.pendingHeredocs.length) this.problems.push('A heredoc is not terminated: its body runs to the end of the paste.');
    return { tokens: this.tokens, commands: this.commands, problems: this.problems, substitutions: this.substitutions };
  }

  private isContinuation(): boolean {
    const s = this.src;
    const c = s[this.i];
    const esc = this.dialect === 'shell' ? '\\' : this.dialect === 'cmd' ? '^' : '`';
    if (c !== esc) return false;
    // Also accept a bash backslash continuation in PowerShell/cmd pastes, which docs mix up.
    return s[this.i + 1] === '\n' || (s[this.i + 1] === '\r' && s[this.i + 2] === '\n');
  }

  private isFlattenedContinuation(): boolean {
    const s = this.src;
    if (this.dialect !== 'shell' || s[this.i] !== '\\') return false;
    const next = s[this.i + 1];
    if (next !== ' ' && next !== '\t') return false;
    const prev = this.i === 0 ? '\n' : s[this.i - 1];
    if (prev === ' ' || prev === '\t' || prev === '\n') return true;
    // `\` followed only by blanks up to the end of the line
    let k = this.i + 1;
    while (k < s.length && (s[k] === ' ' || s[k] === '\t')) k++;
    return k >= s.length || s[k] === '\n';
  }

  private isCommentStart(): boolean {
    const s = this.src;
    // Every form below starts with one of these characters (`#`, cmd's `rem` and `::`, PowerShell's `<#`).
    const c = s[this.i];
    if (c !== '#' && c !== '<' && c !== ':' && c !== 'r' && c !== 'R') return false;
    const atWordStart = this.i === 0 || /[\s;&|(]/.test(s[this.i - 1]);
    if (!atWordStart) return false;
    if (this.dialect === 'cmd') {
      const rest = s.slice(this.i, this.i + 4);
      return (/^rem(\s|$)/i.test(rest) && this.atLineStart()) || (s.startsWith('::', this.i) && this.atLineStart());
    }
    if (this.dialect === 'powershell' && s.startsWith('<#', this.i)) return true;
    return s[this.i] === '#';
  }

  private atLineStart(): boolean {
    for (let k = this.i - 1; k >= 0; k--) {
      const ch = this.src[k];
      if (ch === '\n') return true;
      if (ch !== ' ' && ch !== '\t' && ch !== '@') return false;
    }
    return true;
  }

  private skipComment() {
    const s = this.src;
    if (this.dialect === 'powershell' && s.startsWith('<#', this.i)) {
      const end = s.indexOf('#>', this.i + 2);
      this.i = end < 0 ? s.length : end + 2;
      return;
    }
    while (this.i < s.length && s[this.i] !== '\n') this.i++;
  }

  private readOperator(): boolean {
    const s = this.src;
    const start = this.i;
    const c0 = s.charCodeAt(start);
    if (!(c0 < 128 && OP_START[c0])) return false;
    const two = s.slice(this.i, this.i + 3);
    if (this.dialect === 'shell' && two.startsWith('<<<')) {
      this.i += 3;
      this.push('op', start, this.i);
      this.pendingRedirect = 'herestring';
      return true;
    }
    if (this.dialect === 'shell' && two.startsWith('<<')) {
      this.i += 2;
      const strip = s[this.i] === '-';
      if (strip) this.i++;
      while (s[this.i] === ' ' || s[this.i] === '\t') this.i++;
      const dStart = this.i;
      const w = this.readWord();
      const rawDelim = s.slice(dStart, this.i);
      const delim = w.parts.map((p) => (p.kind === 'lit' ? p.text : p.kind === 'env' ? '$' + p.name : '')).join('');
      this.push('op', start, this.i);
      this.pendingHeredocs.push({ delim, quoted: /['"\\]/.test(rawDelim), strip, cmd: this.command() });
      return true;
    }
    for (const op of ['&&', '||', ';;', '|&', '2>&1', '>&2', '&>', '2>>', '2>', '>>', '>', '<', '|', ';', '&']) {
      if (!s.startsWith(op, this.i)) continue;
      if (op === '&' && this.dialect === 'powershell') continue; // & is PowerShell's call operator
      if (op === ';' && this.dialect === 'cmd') continue;
      if ((op === '<' || op === '>') && this.dialect === 'powershell' && s[this.i + 1] === '#') continue;
      this.i += op.length;
      this.push('op', start, this.i);
      if (op === '<') this.pendingRedirect = 'stdin-file';
      else if (op === '2>&1' || op === '>&2') {
        /* no target */
      } else if (op.includes('>')) this.pendingRedirect = 'skip';
      else this.endCommand(op);
      return true;
    }
    return false;
  }

  /** Reads heredoc bodies queued on the line just ended. */
  private readHeredocBodies() {
    const s = this.src;
    while (this.pendingHeredocs.length) {
      const h = this.pendingHeredocs.shift()!;
      const start = this.i;
      const bodyLines: string[] = [];
      let found = false;
      while (this.i < s.length) {
        let nl = s.indexOf('\n', this.i);
        if (nl < 0) nl = s.length;
        const line = s.slice(this.i, nl);
        this.i = Math.min(nl + 1, s.length);
        const test = h.strip ? line.replace(/^\t+/, '') : line;
        if (test.trim() === h.delim) {
          found = true;
          break;
        }
        bodyLines.push(h.strip ? line.replace(/^\t+/, '') : line);
      }
      if (!found) this.problems.push(`The heredoc ${JSON.stringify(h.delim)} is not terminated.`);
      const text = bodyLines.join('\n') + (bodyLines.length ? '\n' : '');
      const word: Word = h.quoted ? { parts: [lit(text)] } : { parts: expandDoubleQuotedText(text) };
      this.push('heredoc', start, this.i, word);
      h.cmd.stdin = { word, quoted: h.quoted };
      if (!this.commands.includes(h.cmd) && h.cmd !== this.cur) {
        /* the command was ended by the newline and is already in commands */
      }
    }
  }

  /** Reads one word at this.i in the current dialect. */
  private readWord(): Word {
    const parts: Part[] = [];
    const s = this.src;
    const d = this.dialect;
    const wordStart = this.i;
    while (this.i < s.length) {
      const code = s.charCodeAt(this.i);
      if (this.endsWord(code, wordStart)) break;
      if (isEscapeChar(code) && this.isContinuation()) break;
      const c = s[this.i];
      if (c === '<' && d !== 'powershell') {
        const m = /^<[A-Za-z][\w .-]{0,60}>/.exec(s.slice(this.i, this.i + 64))!;
        parts.push(lit(m[0]));
        this.i += m[0].length;
        continue;
      }
      if (d === 'shell') {
        if (c === '\\') {
          if (s[this.i + 1] === '\n') break;
          parts.push(lit(s[this.i + 1] ?? ''));
          this.i += 2;
        } else if (c === "'") {
          const end = this.indexFrom("'", this.i + 1);
          if (end < 0) {
            this.problems.push('A single quote is not closed.');
            parts.push(lit(s.slice(this.i + 1)));
            this.i = s.length;
          } else {
            parts.push(lit(s.slice(this.i + 1, end)));
            this.i = end + 1;
          }
        } else if (c === '$' && s[this.i + 1] === "'") {
          this.i += 2;
          parts.push(lit(this.readAnsiC()));
        } else if (c === '"' || (c === '$' && s[this.i + 1] === '"')) {
          this.i += c === '$' ? 2 : 1;
          pushAll(parts, this.readDoubleQuoted());
        } else if (c === '$' || c === '`') {
          parts.push(this.readDollar());
        } else {
          const end = plainRun(s, this.i + 1, SHELL_WORD);
          parts.push(lit(s.slice(this.i, end)));
          this.i = end;
        }
      } else if (d === 'cmd') {
        if (c === '^') {
          parts.push(lit(s[this.i + 1] ?? ''));
          this.i += 2;
        } else if (c === '"') {
          this.i++;
          pushAll(parts, this.readCmdQuoted());
        } else if (c === '%') {
          parts.push(this.readPercent());
        } else if (c === '\\' && s[this.i + 1] === '"') {
          // MSVCRT argv rule: \" outside quotes is a literal quote.
          parts.push(lit('"'));
          this.i += 2;
        } else {
          const end = plainRun(s, this.i + 1, CMD_WORD);
          parts.push(lit(s.slice(this.i, end)));
          this.i = end;
        }
      } else {
        if (c === '`') {
          parts.push(lit(psEscape(s[this.i + 1] ?? '')));
          this.i += 2;
        } else if (c === "'") {
          parts.push(lit(this.readPsSingle()));
        } else if (c === '"') {
          this.i++;
          pushAll(parts, this.readPsDouble());
        } else if (c === '$') {
          parts.push(this.readPsDollar());
        } else {
          const end = plainRun(s, this.i + 1, PS_WORD);
          parts.push(lit(s.slice(this.i, end)));
          this.i = end;
        }
      }
    }
    return { parts: mergeLits(parts) };
  }

  /** Whether the character (code) at this.i ends the word that started at wordStart, in this dialect. */
  private endsWord(c: number, wordStart: number): boolean {
    if (c === 32 || c === 9 || c === 10 || c === 12 || c === 11) return true;
    const d = this.dialect;
    // `https://<your-endpoint>/v1`: a docs placeholder glued inside a word, not a redirection.
    if (d === 'shell') return c === 59 || c === 124 || c === 38 || (c === 60 && !this.gluedPlaceholder(wordStart)) || c === 62 || c === 40 || c === 41;
    if (d === 'cmd') return c === 38 || c === 124 || (c === 60 && !this.gluedPlaceholder(wordStart)) || c === 62;
    return c === 59 || c === 124;
  }

  private gluedPlaceholder(wordStart: number): boolean {
    return this.i > wordStart && /^<[A-Za-z][\w .-]{0,60}>/.test(this.src.slice(this.i, this.i + 64));
  }

  private readAnsiC(): string {
    const s = this.src;
    let out = '';
    while (this.i < s.length && s[this.i] !== "'") {
      const c = s[this.i];
      if (c === '\\' && this.i + 1 < s.length) {
        const n = s[this.i + 1];
        const simple: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"', a: '\x07', b: '\b', e: '\x1b', f: '\f', v: '\v', '?': '?' };
        if (n in simple) {
          out += simple[n];
          this.i += 2;
        } else if (n === 'x') {
          const m = /^[0-9a-fA-F]{1,2}/.exec(s.slice(this.i + 2, this.i + 4));
          out += m ? String.fromCharCode(parseInt(m[0], 16)) : '\\x';
          this.i += 2 + (m ? m[0].length : 0);
        } else if (n === 'u' || n === 'U') {
          const m = new RegExp(`^[0-9a-fA-F]{1,${n === 'u' ? 4 : 8}}`).exec(s.slice(this.i + 2, this.i + 10));
          out += m ? safeFromCodePoint(parseInt(m[0], 16)) : '\\' + n;
          this.i += 2 + (m ? m[0].length : 0);
        } else if (/[0-7]/.test(n)) {
          const m = /^[0-7]{1,3}/.exec(s.slice(this.i + 1, this.i + 4))!;
          out += String.fromCharCode(parseInt(m[0], 8) & 0xff);
          this.i += 1 + m[0].length;
        } else {
          out += '\\' + n;
          this.i += 2;
        }
      } else {
        out += c;
        this.i++;
      }
    }
    if (this.i >= s.length) this.problems.push("A $'...' string is not closed.");
    this.i++;
    return out;
  }

  private readDoubleQuoted(): Part[] {
    const s = this.src;
    const parts: Part[] = [];
    while (this.i < s.length && s[this.i] !== '"') {
      const c = s[this.i];
      if (c === '\\' && this.i + 1 < s.length) {
        const n = s[this.i + 1];
        if (n === '\n') this.i += 2;
        else if ('$`"\\'.includes(n)) {
          parts.push(lit(n));
          this.i += 2;
        } else {
          parts.push(lit('\\'));
          this.i++;
        }
      } else if (c === '$' || c === '`') {
        parts.push(this.readDollar());
      } else {
        const end = plainRun(s, this.i + 1, SHELL_DQ);
        parts.push(lit(s.slice(this.i, end)));
        this.i = end;
      }
    }
    if (this.i >= s.length) this.problems.push('A double quote is not closed.');
    this.i++;
    return parts;
  }

  /** `$NAME`, `${NAME}`, `${NAME:-default}`, `$(cmd)`, `` `cmd` ``, `$1`... */
  private readDollar(): Part {
    const s = this.src;
    const c = s[this.i];
    if (c === '`') {
      const end = this.indexFrom('`', this.i + 1);
      const stop = end < 0 ? s.length : end + 1;
      const text = s.slice(this.i, stop);
      this.i = stop;
      this.addSubstitution(text.slice(1, -1));
      return { kind: 'unknown', text: summarise(text) };
    }
    const n = s[this.i + 1];
    if (n === '(') {
      let depth = 0;
      let k = this.i + 1;
      for (; k < s.length; k++) {
        if (s[k] === '(') depth++;
        else if (s[k] === ')' && --depth === 0) break;
      }
      const text = s.slice(this.i, Math.min(k + 1, s.length));
      this.i = Math.min(k + 1, s.length);
      this.addSubstitution(text.slice(2, -1));
      return { kind: 'unknown', text: summarise(text) };
    }
    if (n === '{') {
      const end = this.indexFrom('}', this.i + 2);
      if (end < 0) {
        this.i++;
        return lit('$');
      }
      const inner = s.slice(this.i + 2, end);
      this.i = end + 1;
      const m = /^([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-=?+])(.*))?$/s.exec(inner);
      if (!m) return { kind: 'unknown', text: summarise('${' + inner + '}') };
      return m[2] && m[2].includes('-') ? { kind: 'env', name: m[1], fallback: m[3] } : { kind: 'env', name: m[1] };
    }
    const nc = s.charCodeAt(this.i + 1);
    if ((nc >= 65 && nc <= 90) || (nc >= 97 && nc <= 122) || nc === 95) {
      const k = plainRun(s, this.i + 2, NAME_REST);
      const name = s.slice(this.i + 1, k);
      this.i = k;
      return { kind: 'env', name };
    }
    if (n !== undefined && /[0-9@*#?$!-]/.test(n)) {
      this.i += 2;
      return { kind: 'unknown', text: '$' + n };
    }
    this.i++;
    return lit('$');
  }

  // ---- cmd ----
  private readCmdQuoted(): Part[] {
    const s = this.src;
    const parts: Part[] = [];
    while (this.i < s.length && s[this.i] !== '\n') {
      const c = s[this.i];
      if (c === '\\' && s[this.i + 1] === '"') {
        parts.push(lit('"'));
        this.i += 2;
      } else if (c === '\\' && s[this.i + 1] === '\\' && s[this.i + 2] === '"') {
        parts.push(lit('\\'));
        this.i += 2;
      } else if (c === '"' && s[this.i + 1] === '"') {
        parts.push(lit('"'));
        this.i += 2;
      } else if (c === '"') {
        this.i++;
        return parts;
      } else if (c === '%') {
        parts.push(this.readPercent());
      } else {
        const end = plainRun(s, this.i + 1, CMD_DQ);
        parts.push(lit(s.slice(this.i, end)));
        this.i = end;
      }
    }
    this.problems.push('A double quote is not closed.');
    return parts;
  }

  private readPercent(): Part {
    const s = this.src;
    const m = /^%([A-Za-z_][A-Za-z0-9_]*)%/.exec(s.slice(this.i, this.i + 200));
    if (m) {
      this.i += m[0].length;
      return { kind: 'env', name: m[1] };
    }
    this.i++;
    return lit('%');
  }

  // ---- PowerShell ----
  private readPsSingle(): string {
    const s = this.src;
    let out = '';
    this.i++;
    while (this.i < s.length) {
      if (s[this.i] === "'") {
        if (s[this.i + 1] === "'") {
          out += "'";
          this.i += 2;
          continue;
        }
        this.i++;
        return out;
      }
      out += s[this.i++];
    }
    this.problems.push('A single quote is not closed.');
    return out;
  }

  private readPsDouble(): Part[] {
    const s = this.src;
    const parts: Part[] = [];
    while (this.i < s.length) {
      const c = s[this.i];
      if (c === '`') {
        parts.push(lit(psEscape(s[this.i + 1] ?? '')));
        this.i += 2;
      } else if (c === '"' && s[this.i + 1] === '"') {
        parts.push(lit('"'));
        this.i += 2;
      } else if (c === '"') {
        this.i++;
        return parts;
      } else if (c === '$') {
        parts.push(this.readPsDollar());
      } else {
        const end = plainRun(s, this.i + 1, PS_DQ);
        parts.push(lit(s.slice(this.i, end)));
        this.i = end;
      }
    }
    this.problems.push('A double quote is not closed.');
    return parts;
  }

  /** `$env:NAME`, `${env:NAME}`, `$name`, `$(expr)`. */
  private readPsDollar(): Part {
    const s = this.src;
    const rest = s.slice(this.i, this.i + 300);
    let m = /^\$\{?env:([A-Za-z_][A-Za-z0-9_]*)\}?/i.exec(rest);
    if (m) {
      this.i += m[0].length;
      return { kind: 'env', name: m[1] };
    }
    if (rest[1] === '(') {
      let depth = 0;
      let k = this.i + 1;
      for (; k < s.length; k++) {
        if (s[k] === '(') depth++;
        else if (s[k] === ')' && --depth === 0) break;
      }
      const text = s.slice(this.i, Math.min(k + 1, s.length));
      this.i = Math.min(k + 1, s.length);
      const inner = /^\$\(\s*\$env:([A-Za-z_]\w*)\s*\)$/i.exec(text);
      return inner ? { kind: 'env', name: inner[1] } : { kind: 'unknown', text: summarise(text) };
    }
    m = /^\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?/.exec(rest);
    if (m) {
      this.i += m[0].length;
      // A PowerShell variable: resolved later against `$x = ...` in the paste.
      return { kind: 'env', name: m[1] };
    }
    this.i++;
    return lit('$');
  }
}

function psEscape(c: string): string {
  const map: Record<string, string> = { n: '\n', t: '\t', r: '\r', '0': '\0', a: '\x07', b: '\b', f: '\f', v: '\v', e: '\x1b' };
  return map[c] ?? c;
}

function safeFromCodePoint(n: number): string {
  try {
    return String.fromCodePoint(n);
  } catch {
    return '\ufffd';
  }
}

/** A short description of a command substitution, never its whole text. */
function summarise(text: string): string {
  return text.length > 60 ? text.slice(0, 57) + '...' : text;
}

/** Expands `$X`, `${X}` and `\$` in heredoc text (an unquoted delimiter). */
function expandDoubleQuotedText(text: string): Part[] {
  const parts: Part[] = [];
  const re = /\\([$`\\])|\$\{([A-Za-z_]\w*)(?::?-([^}]*))?\}|\$([A-Za-z_]\w*)|\$\([^)]*\)/g;
  let last = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    parts.push(lit(text.slice(last, m.index)));
    if (m[1]) parts.push(lit(m[1]));
    else if (m[2]) parts.push({ kind: 'env', name: m[2], ...(m[3] !== undefined ? { fallback: m[3] } : {}) });
    else if (m[4]) parts.push({ kind: 'env', name: m[4] });
    else parts.push({ kind: 'unknown', text: summarise(m[0]) });
    last = m.index + m[0].length;
  }
  parts.push(lit(text.slice(last)));
  return mergeLits(parts);
}

/** `tokens: false`: the commands only (the token list stays empty: a front-end needs no tokens). */
export function tokenize(src: string, dialect: Dialect = 'shell', opts: { tokens?: boolean } = {}): Tokenized {
  return new Lexer(src, dialect, opts.tokens !== false).run();
}
