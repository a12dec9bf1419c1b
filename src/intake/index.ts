// Intake: the first stage. Turns raw bytes or text into clean source text and
// a language, or refuses it with one clear sentence.
// Guarantees: never throws; refuses empty, binary, oversized and prose input;
// strips ``` fences (keeping the code, dropping the prose between blocks),
// shell prompts (`$ `, `PS> `, `PS C:\> `, `> ` continuations), Python REPL
// prompts (`>>> `, `... `), IPython `!` and `%%bash` cell magics, and pasted
// line numbers. Line structure is preserved where possible so warnings can
// name lines of what the user pasted.
import { fail, type Failure } from '../failure.js';
import { MAX_INPUT_BYTES } from './limits.js';

export type Language = 'shell' | 'cmd' | 'powershell' | 'python' | 'javascript' | 'typescript';

export interface Intake {
  text: string;
  language: Language;
  /** What intake removed or assumed, for the warnings list. */
  notes: string[];
}

const EXT_LANG: Record<string, Language> = {
  sh: 'shell', bash: 'shell', zsh: 'shell', curl: 'shell', cmd: 'cmd', bat: 'cmd', ps1: 'powershell',
  py: 'python', ipynb: 'python', js: 'javascript', mjs: 'javascript', cjs: 'javascript', jsx: 'javascript',
  ts: 'typescript', mts: 'typescript', tsx: 'typescript',
};

const FENCE_LANG: Record<string, Language> = {
  ...EXT_LANG, shell: 'shell', console: 'shell', shellsession: 'shell', terminal: 'shell', powershell: 'powershell',
  pwsh: 'powershell', batch: 'cmd', python: 'python', python3: 'python', javascript: 'javascript', node: 'javascript',
  typescript: 'typescript',
};

/** Decodes bytes as UTF-8 text, refusing binary data. */
export function decodeInput(bytes: Uint8Array): { text: string } | Failure {
  if (bytes.length > MAX_INPUT_BYTES)
    return fail('input_too_large', `The input is ${Math.round(bytes.length / 1024)} KiB; paste one API example of at most ${MAX_INPUT_BYTES / 1024} KiB.`);
  const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  return looksBinary(text) ? fail('binary_input', 'The input is binary data, not the text of an API example.') : { text };
}

/** The characters looksBinary counts: controls other than tab, newline, form feed and CR, and U+FFFD. */
const BINARY_CHAR = /[\x00-\x08\x0b\x0e-\x1f\ufffd]/;

function looksBinary(text: string): boolean {
  if (!BINARY_CHAR.test(text)) return false; // the common case, without a loop in JS
  if (text.includes('\u0000')) return true;
  let bad = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0xfffd || (c < 32 && c !== 9 && c !== 10 && c !== 13 && c !== 12)) bad++;
  }
  return bad > 8 && bad / text.length > 0.01;
}

/**
 * What any cleaning step below needs in the text: a control character or U+FFFD
 * (looksBinary), CR, a BOM, typographic quotes, NBSP or zero-width characters, a
 * fence, a `\` continuation followed by a word (dropProseInContinuedCommand), or a
 * line that starts, after blanks, as a diff's `+` line, an IPython prompt, a line
 * number, a notebook `!`, or a shell or REPL prompt (PROMPT_LINE) does. Each
 * alternative is a superset of the guard of the step it stands for, so a text it
 * does not match leaves every step a no-op: most pastes are read with this one
 * pattern instead of a dozen (each a pass over the text, and code the CPU must
 * fetch). Linear: the line-start branch crosses a line's leading blanks, the `\`
 * branch the whitespace after one backslash.
 */
const NEEDS_CLEANING =
  /[\x00-\x08\x0b\x0d-\x1f\ufffd\u00a0\u2018\u2019\u201c\u201d\u200b\u2060\ufeff]|```|~~~|\\[^\S\n]*\n\s*[A-Za-z]|^[^\S\n]*(?:\+|In \[|\d|[$%➜>!]|PS|[A-Za-z]:\\|\.\.\.|[\w.-]+@)/m;

/**
 * Cleans text and finds its language. `filename` (an extension hint) is optional.
 * `fast: false` runs every cleaning step even where NEEDS_CLEANING says none applies
 * (for the test that holds the two paths equal).
 */
export function intake(raw: string, filename?: string, fast = true): Intake | Failure {
  if (raw.length > MAX_INPUT_BYTES)
    return fail('input_too_large', `The input is over ${MAX_INPUT_BYTES / 1024} KiB; paste one API example.`);
  if (fast && !NEEDS_CLEANING.test(raw)) return clean(raw, filename);
  if (looksBinary(raw)) return fail('binary_input', 'The input is binary data, not the text of an API example.');
  const notes: string[] = [];
  let text = raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
  if (text.includes('\r')) text = text.replace(/\r\n?/g, '\n');
  // Smart quotes and non-breaking spaces from web pages break every parser.
  if (/[\u00a0\u2018\u2019\u201c\u201d]/.test(text)) {
    text = text.replace(/\u00a0/g, ' ').replace(/[\u2018\u2019]/g, "'").replace(/[\u201c\u201d]/g, '"');
    notes.push('Typographic quotes or non-breaking spaces (a web page paste) were read as plain ASCII.');
  }
  // Zero-width spaces and word joiners (and a byte-order mark past the start), invisible in a page,
  // split a host, a model id or a key in two. Joiners that shape text (U+200C, U+200D) are kept.
  if (/[\u200b\u2060\ufeff]/.test(text)) {
    text = text.replace(/[\u200b\u2060\ufeff]/g, '');
    notes.push('Zero-width spaces (a web page paste) were removed.');
  }
  // Blank: no character outside \s (what trim() removes), tested without a trimmed copy of the text.
  if (!/\S/.test(text)) return fail('empty_input', 'The input is empty: paste an API example (a curl command or a code snippet).');

  let hint: Language | undefined = filename ? EXT_LANG[filename.slice(filename.lastIndexOf('.') + 1).toLowerCase()] : undefined;
  const fenced = extractFences(text);
  if (fenced) {
    text = fenced.text;
    hint = fenced.language ?? hint;
    notes.push('Markdown code fences were removed.');
  }
  text = applyDiff(text, notes);
  text = stripIPythonPrompts(text, notes);
  text = stripLineNumbers(text, notes);
  text = dropProseInContinuedCommand(text, notes);
  const nb = hint !== 'shell' ? notebookShell(text, notes) : null;
  if (nb !== null) {
    text = nb;
    hint = 'shell';
  }
  text = stripPrompts(text, notes);
  if (!/\S/.test(text)) return fail('empty_input', 'The input holds no code: paste an API example (a curl command or a code snippet).');
  return withLanguage(text, hint, notes);
}

/** intake of a text no cleaning step changes (NEEDS_CLEANING does not match it). */
function clean(text: string, filename: string | undefined): Intake | Failure {
  if (!/\S/.test(text)) return fail('empty_input', 'The input is empty: paste an API example (a curl command or a code snippet).');
  const hint: Language | undefined = filename ? EXT_LANG[filename.slice(filename.lastIndexOf('.') + 1).toLowerCase()] : undefined;
  return withLanguage(text, hint, []);
}

function withLanguage(text: string, hint: Language | undefined, notes: string[]): Intake | Failure {
  const language = sniff(text, hint);
  if (!language) {
    const t = text.trim();
    if (/^\S+$/.test(t) && /^(https?:\/\/|www\.)/i.test(t))
      return fail('not_an_api_example', 'This is a bare URL; paste the whole request (a curl command or code from the docs), not only its address.');
    return fail('not_an_api_example', 'This does not look like an API example: paste a curl command or a Python/JavaScript snippet that calls the API.');
  }
  return { text, language, notes };
}

/** The most `export X=...` lines of other blocks carried into the chosen code. */
const MAX_CARRIED = 100;

/**
 * Keeps the contents of ``` blocks. With several blocks, keeps those in the
 * language of the first code block that makes a request (a docs page often shows
 * the same call in several languages); prose outside the fences is dropped.
 */
function extractFences(text: string): { text: string; language?: Language } | null {
  if (!text.includes('```') && !text.includes('~~~')) return null; // no fence line can match
  const lines = text.split('\n');
  const blocks: Array<{ lang?: Language; start: number; end: number }> = [];
  let open: { lang?: Language; start: number; fence: string } | null = null;
  for (let i = 0; i < lines.length; i++) {
    const m = /^[^\S\n]*(`{3,}|~{3,})\s*([\w+-]*)/.exec(lines[i]);
    if (!m) continue;
    if (!open) open = { lang: FENCE_LANG[m[2].toLowerCase()], start: i + 1, fence: m[1][0] };
    else if (m[1][0] === open.fence && /^[^\S\n]*(`{3,}|~{3,})\s*$/.test(lines[i])) {
      blocks.push({ lang: open.lang, start: open.start, end: i });
      open = null;
    }
  }
  const isRequest = (from: number, to: number) =>
    /\bcurl\b|\.create\(|\.complete\(|requests\.|httpx\.|fetch\(|Invoke-RestMethod|\bcompletion\(|OpenAI\(|Anthropic\(/.test(lines.slice(from, to).join('\n'));
  if (open) {
    // An unmatched fence: either an opening whose close was not copied, or a close whose
    // opening was not: keep the side that holds the request.
    const before = { lang: open.lang, start: blocks.length ? blocks[blocks.length - 1].end + 1 : 0, end: open.start - 1 };
    const after = { lang: open.lang, start: open.start, end: lines.length };
    const afterHasText = lines.slice(open.start).some((l) => l.trim() !== '');
    if (!blocks.length && (!afterHasText || (!isRequest(after.start, after.end) && isRequest(before.start, before.end))))
      blocks.push({ ...before, lang: undefined });
    else blocks.push(after);
  }
  if (!blocks.length) return null;
  // The block that makes the chat call leads (a page may list models first, then chat).
  const isChat = (b: { start: number; end: number }) =>
    isRequest(b.start, b.end) && /chat\/completions|\/messages\b|\/api\/chat|:generateContent|\/responses\b|\.create\(|\bcompletion\(|generateText|streamText|\.invoke\(|\.chat\(/.test(lines.slice(b.start, b.end).join('\n'));
  const lead = blocks.find(isChat) ?? blocks.find((b) => isRequest(b.start, b.end)) ?? blocks[0];
  const chosen = blocks.filter((b) => b.lang === lead.lang || b.lang === undefined || lead.lang === undefined);
  // Blank out everything else, keeping line numbers stable.
  const keep = new Map<number, string>();
  for (const b of chosen) for (let i = b.start; i < b.end; i++) keep.set(i, lines[i]);
  // `export X=...` in a dropped shell block sets the environment the chosen code runs in
  // (a docs page: "export ANTHROPIC_BASE_URL=...", then the Python call): carry it over.
  const chosenSet = new Set(chosen);
  // The same for JavaScript/TypeScript (`process.env.X = ...`); `export X="$Y"` refers to Y.
  const carry =
    lead.lang === 'python'
      ? (name: string, v: string, ref?: string) => `import os; os.environ[${JSON.stringify(name)}] = ${ref ? `os.environ[${JSON.stringify(ref)}]` : JSON.stringify(v)}`
      : lead.lang === 'javascript' || lead.lang === 'typescript'
        ? (name: string, v: string, ref?: string) => `process.env.${name} = ${ref ? `process.env.${ref}` : JSON.stringify(v)};`
        : null;
  // At most MAX_CARRIED: a page exports a few, and each carried line is longer than its
  // export (256 KiB of exports became 1 MB of Python, a second to parse).
  let carried = 0;
  if (carry)
    for (const b of blocks)
      if (!chosenSet.has(b) && (b.lang === 'shell' || b.lang === undefined))
        for (let i = b.start; i < b.end && carried < MAX_CARRIED; i++) {
          const m = /^[^\S\n]*export\s+([A-Za-z_]\w*)=(["']?)([^"'\s]*)\2\s*$/.exec(lines[i]);
          if (m) {
            keep.set(i, carry(m[1], m[3], /^\$\{?([A-Za-z_]\w*)\}?$/.exec(m[3])?.[1]));
            carried++;
          }
        }
  return { text: lines.map((_, i) => keep.get(i) ?? '').join('\n'), language: lead.lang };
}

/**
 * An IPython cell that runs `!curl` with the notebook's string variables
 * (`MODEL_ID = "..."` then `!curl .../${MODEL_ID}...`): read it as shell, the
 * string assignments becoming shell assignments.
 */
function notebookShell(text: string, notes: string[]): string | null {
  if (!/^[^\S\n]*!\s*curl\b/m.test(text)) return null;
  const out: string[] = [];
  const vars = new Map<string, string>();
  // IPython expands `{name}` and `$name` (also inside quotes) with the notebook's
  // variables before the shell runs the line; `$$` is a literal `$`. A name the
  // notebook does not define is left for the shell (an environment variable), and
  // so is `${name}`, which the cell's assignments (kept as shell ones) resolve.
  // https://ipython.readthedocs.io/en/stable/interactive/reference.html#system-shell-access
  const expand = (line: string) =>
    line.replace(/\$\$|(?<!\$)\{([A-Za-z_]\w*)\}|\$([A-Za-z_]\w*)/g, (m, a: string | undefined, b: string | undefined) => {
      if (m === '$$') return '$';
      const v = vars.get((a ?? b)!);
      return v === undefined ? m : v;
    });
  let inBang = false;
  for (const line of text.split('\n')) {
    const bang = /^(\s*)!\s*(curl\b.*)$/.exec(line);
    const assign = /^[^\S\n]*([A-Za-z_]\w*)\s*=\s*(["'])([^"'\n]*)\2[^\S\n]*(#.*)?$/.exec(line);
    if (bang) {
      out.push(expand(bang[2]));
      inBang = /\\\s*$/.test(line);
    } else if (inBang) {
      out.push(expand(line));
      inBang = /\\\s*$/.test(line);
    } else if (assign) {
      vars.set(assign[1], assign[3]);
      out.push(`${assign[1]}='${assign[3].replace(/'/g, '')}'`);
    } else out.push('');
  }
  notes.push('A notebook cell: its !curl command was read as shell, with the cell\'s string variables.');
  return out.join('\n');
}

/**
 * An IPython / Jupyter console transcript: `In [1]: ` prompts and `   ...: `
 * continuations are removed; `Out[1]: ...` and the lines printed after it (up
 * to a blank line or the next prompt) are output, not code, and are dropped.
 */
function stripIPythonPrompts(text: string, notes: string[]): string {
  if (!/^In \[\d*\]: /m.test(text)) return text;
  let inOut = false;
  const out = text.split('\n').map((line) => {
    if (/^In \[\d*\]:/.test(line)) {
      inOut = false;
      return line.replace(/^In \[\d*\]: ?/, '');
    }
    if (/^Out\[\d*\]:/.test(line)) {
      inOut = true;
      return '';
    }
    if (inOut) {
      if (line.trim() === '') inOut = false;
      return '';
    }
    return line.replace(/^\s+\.{3,}: ?/, '');
  });
  notes.push('IPython prompts (In [n]: / ...:) were removed and Out[n] output dropped.');
  return out.join('\n');
}

/** Words a docs page puts between code lines (copy buttons, tab labels). */
const UI_LINE = /^\s*(copy|copied!?|copy code|copy to clipboard|run|edit|expand|collapse|bash|shell|sh|curl|python|javascript|typescript|node|json|request|response|example|output)\s*$/i;

/**
 * A shell command continued with `\` whose next line is a copy-button word or a
 * sentence of prose, followed by more options: the page's text was copied with
 * the code; the stray line is dropped so the command stays whole.
 */
/**
 * A continued line (`\` and blanks at its end) whose next non-blank line starts with a
 * letter: the only place the pass below can drop a line (`\n\s*`: blank lines, then
 * blanks). Linear: from each `\` the pattern crosses only the whitespace that follows it.
 */
const CONTINUED_THEN_WORD = /\\[^\S\n]*\n\s*[A-Za-z]/;

function dropProseInContinuedCommand(text: string, notes: string[]): string {
  if (!CONTINUED_THEN_WORD.test(text)) return text;
  const lines = text.split('\n');
  // The next non-blank line after line i, looked for only when needed: the lines searched
  // from two candidate (non-blank) lines never overlap, so all searches take linear time.
  const nextText = (i: number): string => {
    for (let j = i + 1; j < lines.length; j++) if (/\S/.test(lines[j])) return lines[j];
    return '';
  };
  let dropped = 0;
  let continued = false;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    // Both a copy-button word and prose start with a letter.
    if (continued && /^\s*[A-Za-z]/.test(l)) {
      const prose = /^[A-Z][a-z]+(?: [A-Za-z0-9'’,()`-]+){2,}[.:!]?\s*$/.test(l.trim()) && !/[\\$"'{}=|]/.test(l);
      if ((UI_LINE.test(l) || prose) && /^\s*(-{1,2}[A-Za-z]|["']|\w+=)/.test(nextText(i))) {
        // Removed, not blanked: a blank line would end the `\` continuation.
        lines[i] = '\u0000';
        dropped++;
        continue;
      }
    }
    if (/\S/.test(l)) continued = /\\\s*$/.test(l);
  }
  if (!dropped) return text;
  notes.push(`${dropped} line(s) of page text inside the command (a copy button, prose) were dropped.`);
  return lines.filter((l) => l !== '\u0000').join('\n');
}

/**
 * A docs page that shows a change as a diff (`- old` / `+ new` lines): keep
 * the new side. Only when the paste clearly is one: both `+` and `-` lines,
 * and every other non-empty line indented as diff context.
 */
function applyDiff(text: string, notes: string[]): string {
  // Needs both a `+` line and a `-` line.
  if (!(text.startsWith('+') || text.includes('\n+')) || !(text.startsWith('-') || text.includes('\n-'))) return text;
  const lines = text.split('\n');
  const plus = lines.filter((l) => /^\+(\s|$)/.test(l)).length;
  const minus = lines.filter((l) => /^-(\s|$)/.test(l)).length;
  if (!plus || !minus) return text;
  if (!lines.every((l) => l.trim() === '' || /^[+\- ]/.test(l))) return text;
  notes.push('The paste is a diff: the added (+) side was read and the removed (-) lines were dropped.');
  return lines.map((l) => (/^-(\s|$)/.test(l) ? '' : /^[+ ]/.test(l) ? l.slice(1) : l)).join('\n');
}

/** `1  curl ...` / `01 | import os` copies from a docs viewer with line numbers. */
function stripLineNumbers(text: string, notes: string[]): string {
  // Both forms need a line that starts with a digit (after blanks); most pastes have none.
  if (!/^[^\S\n]*\d/m.test(text)) return text;
  const separated = stripSeparatedLineNumbers(text, notes);
  if (separated !== text) return separated;
  const lines = text.split('\n');
  // Numbers glued to the code (`1from openai import OpenAI`, `2`, `3client = ...`): only
  // when every line carries the next number, so code that starts with digits is safe.
  const first = Number(/^\d+/.exec(lines[0])?.[0] ?? NaN);
  const numbered =
    lines.length >= 3 &&
    !Number.isNaN(first) &&
    lines.every((l, i) => {
      if (l === '' && i === lines.length - 1) return true;
      const n = String(i + first);
      return l.startsWith(n) && !/\d/.test(l[n.length] ?? '');
    });
  if (numbered) {
    notes.push('Line numbers copied with the code were removed.');
    return lines.map((l) => l.replace(/^\d+/, '')).join('\n');
  }
  return text;
}

function stripSeparatedLineNumbers(text: string, notes: string[]): string {
  // Copy-button words between numbered lines (`1 curl ...`, `Copy`, `2 -H ...`) are page text.
  const lines = text.split('\n').filter((l) => !UI_LINE.test(l));
  const nonEmpty = lines.filter((l) => l.trim() !== '');
  if (nonEmpty.length < 2) return text;
  const re = /^[^\S\n]*(\d{1,4})(?:\s*[|:.]\s?|\s{1,4}|$)/;
  let expect = -1;
  let ok = 0;
  for (const l of nonEmpty) {
    const m = re.exec(l);
    if (!m) return text;
    const n = Number(m[1]);
    if (expect >= 0 && n <= expect - 1) return text;
    expect = n + 1;
    ok++;
  }
  if (ok !== nonEmpty.length) return text;
  notes.push('Line numbers copied with the code were removed.');
  return lines.map((l) => l.replace(re, '')).join('\n');
}

/** A character some prompt form below needs: `$` `%` `➜` `@` (user@host) `>` (PS>, C:\>, >>>, `> `) `!` (IPython). */
const PROMPT_CHAR = /[$%➜@>!]/;

/**
 * A line that may start with a prompt: every form below needs one of these at the
 * start of a line, after blanks (never `\s*`, which would cross blank lines).
 */
const PROMPT_LINE = /^[^\S\n]*(?:[$%➜>!]|PS|[A-Za-z]:\\|\.\.\.|[\w.-]+@)/m;

function stripPrompts(text: string, notes: string[]): string {
  if (!PROMPT_LINE.test(text)) return text;
  const lines = text.split('\n');
  let changed = false;
  let inPrompt = false;
  const out = lines.map((line) => {
    // Every form below needs one of these characters (or a leading `.`): most lines have none.
    if (line[0] !== '.' && !PROMPT_CHAR.test(line)) {
      if (line.trim() === '') inPrompt = false;
      return line;
    }
    // $ (sh), % (zsh), ➜ (oh-my-zsh), user@host:dir$ need a blank after them;
    // PS> / PS C:\dir> (PowerShell) and C:\dir> (cmd) may touch the command.
    let m =
      /^(\s*)(?:\$|%|➜\s+\S*|[\w.-]+@[\w.-]+:[^$#\s]*[$#])\s+(?=\S)/.exec(line) ??
      /^(\s*)(?:PS(?: [A-Za-z]:[^>\n]*)?>|[A-Za-z]:\\[^>\n]*>)\s*(?=\S)/.exec(line);
    if (m) {
      changed = true;
      inPrompt = true;
      return line.slice(m[0].length);
    }
    m = /^(>>>|\.\.\.)( |$)/.exec(line);
    if (m) {
      changed = true;
      return line.slice(m[0].length);
    }
    // `> ` continuation lines after a prompt (bash PS2 / PowerShell >>).
    m = /^(>>?)\s/.exec(line);
    if (m && inPrompt) {
      changed = true;
      return line.slice(m[0].length);
    }
    if (/^[^\S\n]*%%(bash|sh|shell|script)\b/.test(line)) {
      changed = true;
      return '';
    }
    m = /^(\s*)!(?=\s*curl\b)/.exec(line);
    if (m) {
      changed = true;
      return m[1] + line.slice(m[0].length);
    }
    if (line.trim() === '') inPrompt = false;
    return line;
  });
  if (!changed) return text;
  notes.push('Shell or REPL prompts were removed.');
  return out.join('\n');
}

/**
 * Finds the language from content, with a hint (file extension or fence tag)
 * deciding only between plausible candidates. Returns undefined for prose.
 * `fast: false` skips the one-test answer for a plain curl paste (for the test
 * that holds it equal to the full order of signals).
 */
export function sniff(text: string, hint?: Language, fast = true): Language | undefined {
  // `REM` in any case, spelled out: the `i` flag with the negated class made this pattern cost ~0.3 ms to compile at every start.
  const code = text.replace(/^[^\S\n]*(#|\/\/|[Rr][Ee][Mm]\b|::).*$/gm, '');
  const curlLine =
    /(^|[\s;|&(`!])curl(\.exe)?\s+[^\n]*/m.test(code) &&
    /(^|\n)[^\S\n]*(?:[\w]+=\S*[^\S\n]+|time\s+|sudo\s+|!|\w+=\$\(\s*)?curl(\.exe)?\b/.test(code);
  // Each signal is computed when a decision needs it (most pastes are decided by the first few).
  // cmd.exe: `^` continuations, %NAME% references (a name, not %5B-style URL escapes), `@echo off`.
  // (Each pattern behind a cheap test of a character or word it needs.)
  const cmdSigns = lazy(
    () =>
      (code.includes('^') && /\^[^\S\n]*$/m.test(code)) ||
      (/echo/i.test(code) && /^[^\S\n]*@?[Ee][Cc][Hh][Oo][^\S\n]+[Oo][Ff][Ff]\b/m.test(code)) ||
      (code.includes('%') && /(^|[\s"=:])%[A-Za-z_]\w*%/m.test(code) && !/'[^'\n]*'/.test(code)),
  );
  // `curl.exe` is how both cmd and PowerShell docs spell curl: it says PowerShell only without cmd's signs.
  const ps = lazy(() => /\$env:\w+|`\s*$|Invoke-(RestMethod|WebRequest)\b|ConvertTo-Json/m.test(code) || (/\bcurl\.exe\b/.test(code) && !cmdSigns()));
  const cmd = () => cmdSigns() && !ps();
  // Python and JavaScript share much (await, import, objects): count the signals only one has.
  const count = (res: RegExp[]) => res.reduce((n, re) => n + (re.test(code) ? 1 : 0), 0);
  const pyScore = lazy(() => count([
    /^[^\S\n]*import\s+[\w.]+(\s+as\s+\w+)?(\s*,\s*[\w.]+)*\s*$/m, // import os / import os, json (no `from "..."`)
    /^[^\S\n]*from\s+[\w.]+\s+import\b/m,
    /^[^\S\n]*(async\s+)?def\s+\w+\(/m,
    /^[^\S\n]*(with|for|if|elif|while|try|except|else)\b[^\n{]*:\s*$/m,
    /\bos\.(environ|getenv)\b|\buserdata\.get\(/,
    /\b(None|True|False)\b/,
    /\([^\S\n]*\w+[^\S\n]*=(?!=)[^\S\n]*[^=\s]/, // keyword arguments: f(model="x")
    /\bf["']/,
    /^[^\S\n]*print\(/m,
  ]));
  const jsScore = lazy(() => count([
    /^[^\S\n]*(const|let|var)\s+[\w{[]/m,
    /^[^\S\n]*import\s+([\w$]+|\{[^{}]*\}|\*\s*as\s+\w+)(\s*,\s*\{[^{}]*\})?\s+from\s+['"]/m,
    /^[^\S\n]*import\s+['"]/m,
    /\brequire\(\s*['"]/,
    /=>/,
    /\bprocess\.env\b|\bimport\.meta\.env\b|\bDeno\.env\b/,
    /;\s*$/m,
    /\bnew\s+[A-Z]\w*\(/,
    /\b(fetch|axios(\.\w+)?)\(\s*['"`]/,
    /^[^\S\n]*(export\s+(default\s+)?|async\s+function\b|function\s+\w+\s*\()/m,
    /\bconsole\.log\(/,
    /`[^`\n]*\$\{/,
  ]));
  const py = () => pyScore() > 0 && pyScore() >= jsScore();
  const js = () => jsScore() > 0 && jsScore() > pyScore();
  const ts = lazy(() => /\b(interface|type)\s+\w+\s*[={<]|:\s*(string|number|boolean|any|unknown)\b|\bas\s+const\b|import\s+type\b/.test(code));
  const shellish = () => curlLine || /^[^\S\n]*(export\s+\w+=|\w+=\S+;?\s*$|http\s+POST\b|wget\s)/m.test(code);

  // A curl command at a line start, in a paste with none of the characters or words the
  // PowerShell, cmd and JavaScript signals below need (OTHER_SHELL_SIGNS), is shell
  // whatever the order below decides for it: one test instead of several. Not for a
  // hint of another language (those branches come first below).
  if (fast && curlLine && (hint === undefined || hint === 'shell') && !OTHER_SHELL_SIGNS.test(code) && LINE_CURL.test(code)) return 'shell';
  // (`@{` and `fetch(`/`axios` looked for as text first: a search for a literal is cheaper than the pattern.)
  if (/(^|[\s=(|;])(Invoke-RestMethod|Invoke-WebRequest)\b/i.test(code) || (code.includes('@{') && /\$\w+\s*=\s*@\{/.test(code) && /\b(irm|iwr|curl|wget)\s+-(Uri|Method)\b/i.test(code))) return 'powershell';
  if (hint === 'python' && pyScore()) return 'python';
  if ((hint === 'javascript' || hint === 'typescript') && jsScore()) return ts() || hint === 'typescript' ? 'typescript' : 'javascript';
  if (curlLine && !(!LINE_CURL.test(code) && py()) && !((code.includes('fetch(') || code.includes('axios')) && js())) {
    if (hint === 'powershell' || ps()) return 'powershell';
    if (hint === 'cmd' || cmd()) return 'cmd';
    return 'shell';
  }
  if (py()) return 'python';
  if (js()) return ts() ? 'typescript' : 'javascript';
  if (hint && shellish() && ['shell', 'cmd', 'powershell'].includes(hint)) return hint;
  if (hint && hint !== 'shell' && /[({=]/.test(code)) return hint;
  return undefined;
}

/**
 * What any non-shell signal of sniff needs: Invoke-RestMethod / Invoke-WebRequest (and
 * `@{`), PowerShell's `$env:`, backtick and ConvertTo-Json, `curl.exe`, cmd's `^`,
 * `echo` and `%`, and the `fetch(` / `axios` of JavaScript.
 */
const OTHER_SHELL_SIGNS = /[`^%]|\$env:|invoke-|convertto-json|curl\.exe|echo|@\{|fetch\(|axios/i;
/** A line that starts with curl (after blanks, maybe `!`): such a paste is not read as Python. */
const LINE_CURL = /^[^\S\n]*!?curl/m;

/** A value computed on first use, then remembered. */
function lazy<T>(f: () => T): () => T {
  let done = false;
  let v: T;
  return () => {
    if (!done) {
      v = f();
      done = true;
    }
    return v;
  };
}
