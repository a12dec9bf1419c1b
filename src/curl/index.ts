// The curl front-end: shell text (bash, cmd or PowerShell) -> HttpCalls.
// Reads every curl command in the paste with curl's own option grammar
// (grammar/curl-options.yaml), follows variables the paste assigns
// (`BASE=...; curl $BASE/...`, `export KEY=...`, `set KEY=...`,
// `$env:KEY = ...`, `$base = ...`), and feeds heredocs, here-strings and
// `echo ... |` pipelines to `-d @-`. Knows syntax only, never vendors.
import {
  concatWords,
  lit,
  litWord,
  literalText,
  mergeLits,
  type Body,
  type FrontEndResult,
  type Header,
  type HttpCall,
  type Part,
  type Warning,
  type Word,
} from '../call/model.js';
import { parseJsonWord } from '../call/json-words.js';
import { pushAll } from '../arrays.js';
import { hasScheme, isUpperName, trimEndOf, trimStartOf } from '../text.js';
import { lookupLong, lookupShort, type OptionInfo } from './options.js';
import { tokenize, type Command, type Dialect } from './tokenize.js';
import { hasPsCmdlet, parsePowerShellCmdlets } from './powershell.js';
import type { WarningCode } from '../codes.js';

export function parseShell(text: string, dialect: Dialect = 'shell', depth = 0, inherited: Record<string, Word> = {}): FrontEndResult {
  const warnings: Warning[] = [];
  const { commands, problems } = tokenize(text, dialect, { tokens: false });
  for (const p of problems) warnings.push({ code: 'syntax', message: p });
  const assignments: Record<string, Word> = { ...inherited };
  const calls: HttpCall[] = [];
  if (dialect === 'powershell' && depth === 0 && hasPsCmdlet(text)) {
    const ps = parsePowerShellCmdlets(text);
    if (ps.calls.length) return { calls: ps.calls, warnings: [...warnings.filter((w) => w.code !== 'syntax'), ...ps.warnings] };
  }
  let unknownCommands = 0;

  for (let ci = 0; ci < commands.length; ci++) {
    const cmd = commands[ci];
    const words = cmd.words.map((w) => resolveVars(w, assignments));
    // response=$(curl ...): the request sits inside a command substitution.
    const nested = depth < 3 ? nestedCalls(cmd, dialect, depth, assignments) : null;
    if (nested && nested.calls.length) {
      pushAll(calls, nested.calls);
      pushAll(warnings, nested.warnings);
      continue;
    }
    if (recordAssignment(words, assignments, dialect)) continue;
    const at = curlIndex(words);
    if (at < 0) {
      if (words.length && !isHarmless(words)) unknownCommands++;
      continue;
    }
    // KEY=value curl ...: prefix assignments apply to this command.
    for (const w of words.slice(0, at)) assignFromWord(w, assignments);
    const args = words.slice(at + 1).map((w) => resolveVars(w, assignments));
    let stdin = cmd.stdin && 'word' in cmd.stdin ? resolveVars(cmd.stdin.word, assignments) : undefined;
    if (!stdin && cmd.joinedBy === '|' && ci > 0) stdin = pipedText(commands[ci - 1], assignments);
    pushAll(calls, parseCurlArgs(args, { stdin, line: cmd.line, warnings, dialect }));
  }
  if (calls.length && unknownCommands)
    warnings.push({ code: 'other_commands', message: `The paste has ${unknownCommands} command(s) besides curl; they were ignored.` });
  return { calls, warnings, assignments };
}

/** Parses the `$(...)` substitutions that appear in this command's words. */
function nestedCalls(cmd: Command, dialect: Dialect, depth: number, assignments: Record<string, Word>): FrontEndResult | null {
  // The command's own substitutions only: matching each against every substitution of the
  // paste was quadratic in a paste of many backticks.
  const inner = (cmd.substitutions ?? []).filter((s) => /\bcurl(\.exe)?\b/.test(s));
  if (!inner.length) return null;
  const out: FrontEndResult = { calls: [], warnings: [] };
  for (const s of inner) {
    const r = parseShell(s, dialect, depth + 1, assignments);
    pushAll(out.calls, r.calls);
    pushAll(out.warnings, r.warnings);
  }
  return out;
}

/** Index of the `curl` word (after `sudo`, `time`, `command`, `!`), or -1. */
function curlIndex(words: Word[]): number {
  for (let i = 0; i < words.length && i < 6; i++) {
    const t = literalText(words[i]);
    if (t === null) return -1;
    if (/^(.*[/\\])?curl(\.exe)?$/i.test(t)) return i;
    if (/^(sudo|time|command|exec|nohup|noglob|&|@|env)$/.test(t) || /^[A-Za-z_]\w*=/.test(t)) continue;
    return -1;
  }
  return -1;
}

function isHarmless(words: Word[]): boolean {
  const t = literalText(words[0]) ?? '';
  return /^(jq|echo|printf|cat|python3?|node|head|tail|grep|less|tee|source|\.|cd|set|setlocal|endlocal|pause|cls|clear|write-host|write-output|out-null)$/i.test(t);
}

/** Records `X=v`, `export X=v`, `set X=v`, `$X = v`, `$env:X = v`; true when the command was only that. */
function recordAssignment(words: Word[], out: Record<string, Word>, dialect: Dialect): boolean {
  if (!words.length) return false;
  const first = literalText(words[0]);
  if (dialect === 'powershell' && words.length >= 3 && literalText(words[1]) === '=') {
    const p = words[0].parts;
    if (p.length === 1 && p[0].kind === 'env') {
      out[p[0].name] = concatWords(...words.slice(2));
      return true;
    }
  }
  if (first && /^(export|declare|typeset|readonly|local|set)$/i.test(first)) {
    let any = false;
    for (const w of words.slice(1)) {
      const t = literalText(w);
      if (t && /^-\w+$/.test(t)) continue;
      // cmd: set "X=value" -> the quotes were removed by the tokenizer.
      any = assignFromWord(w, out) || any;
    }
    return any || /^(export|declare)$/.test(first);
  }
  if (words.every((w) => isAssignmentWord(w))) {
    for (const w of words) assignFromWord(w, out);
    return true;
  }
  return false;
}

function isAssignmentWord(w: Word): boolean {
  const p = w.parts[0];
  return !!p && p.kind === 'lit' && /^[A-Za-z_]\w*=/.test(p.text);
}

function assignFromWord(w: Word, out: Record<string, Word>): boolean {
  const p = w.parts[0];
  if (!p || p.kind !== 'lit') return false;
  const m = /^([A-Za-z_]\w*)=/.exec(p.text);
  if (!m) return false;
  const rest: Part[] = [lit(p.text.slice(m[0].length)), ...w.parts.slice(1)];
  out[m[1]] = { parts: mergeLits(rest) };
  return true;
}

/** The option name of `--name...`: its letters, digits, `.` and `-` up to the first other character (sticky). */
const LONG_NAME = /[a-z0-9.-]*/iy;
function longName(text: string): string {
  LONG_NAME.lastIndex = 2;
  LONG_NAME.test(text);
  return text.slice(2, LONG_NAME.lastIndex);
}

/** Attaches values assigned earlier in the paste to env references (kept as references). */
function resolveVars(w: Word, assignments: Record<string, Word>): Word {
  if (!refersTo(w, assignments)) return w;
  const parts: Part[] = [];
  for (const p of w.parts) {
    const a = p.kind === 'env' ? assignments[p.name] : undefined;
    if (!a || p.kind !== 'env') parts.push(p);
    // A shell-local variable (lower or mixed case) is just text the paste built: splice it in.
    else if (!isUpperName(p.name)) parts.push(...a.parts);
    // An UPPER_CASE one may be the key's variable: keep the reference, attach the value.
    else parts.push({ ...p, assigned: a.parts });
  }
  return { ...w, parts: mergeLits(parts) };
}

/** Whether a word refers to a variable the paste assigned (a loop, no callback: this runs on every word). */
function refersTo(w: Word, assignments: Record<string, Word>): boolean {
  const parts = w.parts;
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i];
    if (p.kind === 'env' && assignments[p.name]) return true;
  }
  return false;
}

/** A value that is wholly one variable the paste assigned (`-d "$PAYLOAD"`): the assigned text. */
function spliceLeading(w: Word): Word {
  const p = w.parts[0];
  if (p && p.kind === 'env' && p.assigned) return { parts: mergeLits([...p.assigned, ...w.parts.slice(1)]), span: w.span };
  return w;
}

/** `echo '{...}' | curl -d @-`: the text the previous command writes. */
function pipedText(prev: Command, assignments: Record<string, Word>): Word | undefined {
  const t = literalText(prev.words[0] ?? { parts: [] });
  if (t === 'cat' && prev.stdin && 'word' in prev.stdin) return prev.stdin.word;
  if (t === 'echo' || t === 'printf') {
    const args = prev.words.slice(1).filter((w) => !/^-[neE]+$/.test(literalText(w) ?? ''));
    const joined: Word[] = [];
    args.forEach((a, i) => {
      if (i) joined.push(litWord(' '));
      joined.push(resolveVars(a, assignments));
    });
    return concatWords(...joined);
  }
  return undefined;
}

// ---------------------------------------------------------------------------

interface DataItem {
  kind: 'data' | 'data-raw' | 'data-binary' | 'data-urlencode' | 'json';
  word: Word;
}

interface Pending {
  urls: Word[];
  method?: string;
  headers: Array<Header | { remove: string }>;
  data: DataItem[];
  form: Array<{ name: string; value: Word }>;
  urlQuery: Word[];
  get: boolean;
  head: boolean;
  upload: boolean;
  basic?: Word;
  json: boolean;
}

const fresh = (): Pending => ({ urls: [], headers: [], data: [], form: [], urlQuery: [], get: false, head: false, upload: false, json: false });

/** Drops the first n characters of a word's leading literal text. */
function dropChars(w: Word, n: number): Word {
  const p = w.parts[0];
  if (!p || p.kind !== 'lit') return w;
  return { parts: mergeLits([lit(p.text.slice(n)), ...w.parts.slice(1)]), span: w.span };
}

interface ArgsContext {
  stdin?: Word;
  line: number;
  warnings: Warning[];
  dialect?: Dialect;
}

export function parseCurlArgs(args: Word[], ctx: ArgsContext): HttpCall[] {
  const calls: HttpCall[] = [];
  let cur = fresh();
  let endOfOptions = false;
  const warn = (code: WarningCode, message: string) => ctx.warnings.push({ code, message, line: ctx.line });

  const apply = (info: OptionInfo, value: Word | undefined, negated: boolean, shown: string) => {
    switch (info.semantic) {
      case 'url':
        if (value) cur.urls.push(value);
        break;
      case 'request':
        if (value) cur.method = (literalText(value) ?? 'POST').toUpperCase();
        break;
      case 'header':
        if (value) addHeader(cur, spliceLeading(value), warn);
        break;
      case 'data':
      case 'data-raw':
      case 'data-binary':
      case 'data-urlencode':
      case 'json':
        if (value) cur.data.push({ kind: info.semantic, word: spliceLeading(value) });
        if (info.semantic === 'json') cur.json = true;
        break;
      case 'form':
      case 'form-string': {
        if (!value) break;
        const t = value.parts[0];
        const m = t && t.kind === 'lit' ? /^([^=]*)=/.exec(t.text) : null;
        if (m) cur.form.push({ name: m[1], value: dropChars(value, m[0].length) });
        else warn('form_field', `A ${shown} value has no name=value form.`);
        break;
      }
      case 'get':
        cur.get = !negated;
        break;
      case 'head':
        cur.head = !negated;
        break;
      case 'user':
        cur.basic = value;
        break;
      case 'oauth2-bearer':
        if (value) cur.headers.push({ name: 'Authorization', value: concatWords(litWord('Bearer '), value) });
        break;
      case 'user-agent':
        if (value) cur.headers.push({ name: 'User-Agent', value });
        break;
      case 'referer':
        if (value) cur.headers.push({ name: 'Referer', value });
        break;
      case 'cookie':
        if (value && (literalText(value)?.includes('=') ?? true)) cur.headers.push({ name: 'Cookie', value });
        else warn('cookie_file', `${shown} reads cookies from a file, which was not read.`);
        break;
      case 'url-query':
        if (value) cur.urlQuery.push(value);
        break;
      case 'upload-file':
        cur.upload = true;
        warn('upload_file', `${shown} uploads a file, which was not read.`);
        break;
      case 'next':
        pushAll(calls, finish(cur, ctx, warn));
        cur = fresh();
        break;
      case 'config':
        warn('config_file', `${shown} reads more options from a file, which was not read.`);
        break;
      default:
        break;
    }
  };

  for (let i = 0; i < args.length; i++) {
    const w = args[i];
    const head = w.parts[0];
    const text = head && head.kind === 'lit' ? head.text : '';
    if (!endOfOptions && text === '--' && w.parts.length === 1) {
      endOfOptions = true;
      continue;
    }
    if (!endOfOptions && text.startsWith('--') && text.length > 2) {
      const eq = text.indexOf('=');
      const name = eq > 2 ? text.slice(2, eq) : text.slice(2);
      const found = lookupLong(eq > 2 && w.parts.length >= 1 ? name : longName(text));
      if (found.kind !== 'option') {
        const shownName = '--' + (eq > 2 ? name : text.slice(2)).slice(0, 40);
        warn(found.kind === 'ambiguous' ? 'ambiguous_option' : 'unknown_option',
          found.kind === 'ambiguous' ? `${shownName} is ambiguous (${found.candidates.slice(0, 4).join(', ')}); it was skipped.` : `${shownName} is not a curl option; it was skipped.`);
        continue;
      }
      let value: Word | undefined;
      if (found.info.arg) {
        if (eq > 2) value = dropChars(w, eq + 1);
        else value = args[++i];
        if (!value) warn('missing_argument', `--${found.info.long} needs an argument.`);
      }
      apply(found.info, value, found.negated, '--' + found.info.long);
      continue;
    }
    if (!endOfOptions && text.startsWith('-') && text.length > 1) {
      // A cluster of short options: -sSL, -XPOST, -H'...'.
      for (let k = 1; k < text.length; k++) {
        const info = lookupShort(text[k]);
        if (!info) {
          warn('unknown_option', `-${text[k]} is not a curl option; it was skipped.`);
          continue;
        }
        if (info.arg) {
          let value: Word | undefined = k + 1 < text.length || w.parts.length > 1 ? dropChars(w, k + 1) : args[++i];
          if (value && !value.parts.length) value = args[++i];
          if (!value) warn('missing_argument', `-${text[k]} needs an argument.`);
          apply(info, value, false, '-' + text[k]);
          break;
        }
        apply(info, undefined, false, '-' + text[k]);
      }
      continue;
    }
    if (w.parts.length) cur.urls.push(w);
  }
  if (ctx.stdin === undefined) {
    /* nothing */
  }
  pushAll(calls, finish(cur, ctx, warn));
  return calls;
}

function addHeader(cur: Pending, value: Word, warn: (c: WarningCode, m: string) => void) {
  const head = value.parts[0];
  const text = head && head.kind === 'lit' ? head.text : '';
  if (text.startsWith('@')) {
    warn('header_file', 'A -H @file reads headers from a file, which was not read.');
    return;
  }
  const colon = text.indexOf(':');
  const semi = text.indexOf(';');
  if (colon > 0 && (semi < 0 || colon < semi)) {
    const name = text.slice(0, colon).trim();
    const rest = dropChars(value, colon + 1);
    const trimmed = trimStart(rest);
    const empty = trimmed.parts.length === 0;
    if (empty) cur.headers.push({ remove: name });
    else cur.headers.push({ name, value: trimEnd(trimmed) });
    return;
  }
  if (semi > 0 && text.slice(semi + 1).trim() === '' && value.parts.length === 1) {
    cur.headers.push({ name: text.slice(0, semi).trim(), value: litWord('') });
    return;
  }
  warn('bad_header', 'A -H value has no "Name: value" form; it was skipped.');
}

function trimStart(w: Word): Word {
  const parts = [...w.parts];
  while (parts.length && parts[0].kind === 'lit') {
    const t = trimStartOf((parts[0] as { text: string }).text, ' \t');
    if (t) {
      parts[0] = lit(t);
      break;
    }
    parts.shift();
  }
  return { parts, span: w.span };
}

function trimEnd(w: Word): Word {
  const parts = [...w.parts];
  const last = parts[parts.length - 1];
  if (last && last.kind === 'lit') {
    const t = trimEndOf(last.text, ' \t');
    if (t) parts[parts.length - 1] = lit(t);
    else parts.pop();
  }
  return { parts, span: w.span };
}

function urlencodeItem(w: Word): Word {
  // --data-urlencode: [name]=content encodes content; name@file reads a file.
  const head = w.parts[0];
  const text = head && head.kind === 'lit' ? head.text : '';
  const eq = text.indexOf('=');
  const enc = (x: Word): Word => ({ parts: x.parts.map((p) => (p.kind === 'lit' ? lit(formEncode(p.text)) : p)) });
  if (eq === 0) return enc(dropChars(w, 1));
  if (eq > 0) return concatWords(litWord(text.slice(0, eq + 1)), enc(dropChars(w, eq + 1)));
  return enc(w);
}

function formEncode(s: string): string {
  return encodeURIComponent(s).replace(/%20/g, '+').replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());
}

/** The URLs of one curl command read as calls; a doc example has one or two. */
const MAX_URLS = 100;

function finish(p: Pending, ctx: ArgsContext, warn: (c: WarningCode, m: string) => void): HttpCall[] {
  if (!p.urls.length) {
    if (p.data.length || p.headers.length) warn('no_url', 'A curl command has no URL.');
    return [];
  }
  // Body text from the data options, joined as curl joins them.
  const pieces: Word[] = [];
  // Index loops: no iterator objects on every parse before the JIT optimises this.
  for (let i = 0; i < p.data.length; i++) {
    const d = p.data[i];
    let w = d.word;
    const t = literalText(w);
    const head = w.parts[0];
    const atFile = d.kind !== 'data-raw' && head && head.kind === 'lit' && head.text.startsWith('@');
    if (d.kind === 'data-urlencode') w = urlencodeItem(w);
    else if (atFile) {
      if (t === '@-') {
        if (ctx.stdin) w = d.kind === 'data' ? stripNewlines(ctx.stdin) : ctx.stdin;
        else warn('stdin_data', 'The body is read from standard input (@-), which the paste does not show.');
      } else warn('file_data', `The body is read from a file (${(t ?? '@file').slice(0, 40)}), which was not read.`);
    }
    if (pieces.length && d.kind !== 'json') pieces.push(litWord('&'));
    pieces.push(w);
  }
  const bodyWord = pieces.length ? concatWords(...pieces) : undefined;

  const headers: Header[] = [];
  for (let i = 0; i < p.headers.length; i++) {
    const h = p.headers[i];
    if ('remove' in h) {
      for (let k = headers.length - 1; k >= 0; k--) if (headers[k].name.toLowerCase() === h.remove.toLowerCase()) headers.splice(k, 1);
    } else headers.push(h);
  }
  const has = (n: string) => headers.some((h) => h.name.toLowerCase() === n);
  if (p.json) {
    if (!has('content-type')) headers.push({ name: 'Content-Type', value: litWord('application/json') });
    if (!has('accept')) headers.push({ name: 'Accept', value: litWord('application/json') });
  }
  if (bodyWord && !p.get && !has('content-type') && !p.json)
    headers.push({ name: 'Content-Type', value: litWord('application/x-www-form-urlencoded') });

  let method = p.method ?? (p.head ? 'HEAD' : p.upload ? 'PUT' : (bodyWord || p.form.length) && !p.get ? 'POST' : 'GET');
  if (!p.method && p.get) method = 'GET';

  // The body is the same for every URL of the command: read once (a command of 100,000 URLs read it 100,000 times).
  let body: Body | null = null;
  const ct = headers.find((h) => h.name.toLowerCase() === 'content-type');
  const jsonType = p.json || (!!ct && /^application\/([\w.+-]*\+)?json\b/i.test(literalText(ct.value) ?? ''));
  // With both -d and -F curl refuses to run; the data is taken, as curlconverter does.
  if (p.form.length && !bodyWord) body = { type: 'form', fields: p.form };
  else if (bodyWord && !p.get) {
    let json = parseJsonWord(bodyWord, { anyValue: jsonType });
    // Windows PowerShell 5.1 strips inner double quotes from native arguments, so its docs write
    // '{\"model\": ...}'; read that as the JSON it means.
    if (!json && ctx.dialect === 'powershell' && bodyWord.parts.some((x) => x.kind === 'lit' && x.text.includes('\\"'))) {
      json = parseJsonWord({ parts: bodyWord.parts.map((x) => (x.kind === 'lit' ? lit(x.text.replace(/\\"/g, '"')) : x)) }, { anyValue: jsonType });
      if (json) warn('escaped_quotes', 'The body escapes its quotes as \\" for Windows PowerShell 5.1; it was read as the JSON it stands for.');
    }
    if (json) {
      body = { type: 'json', value: json.value };
      if (json.repaired.length) warn('body_repaired', `The JSON body was read despite ${json.repaired.join(' and ')}.`);
    } else body = { type: 'text', text: bodyWord };
  }

  const calls: HttpCall[] = [];
  // Past MAX_URLS, the rest of a command's URLs are not read (each is a call for the extractor to weigh).
  const urls = p.urls.length > MAX_URLS ? p.urls.slice(0, MAX_URLS) : p.urls;
  if (p.urls.length > MAX_URLS) warn('multiple_urls', `The command requests ${p.urls.length} URLs; the first ${MAX_URLS} are read as calls.`);
  else if (p.urls.length > 1) warn('multiple_urls', `The command requests ${p.urls.length} URLs; each is read as a call.`);
  const extra: Word[] = p.urlQuery.map(urlencodeItem);
  if (p.get && bodyWord) extra.push(bodyWord);
  for (let i = 0; i < urls.length; i++) {
    let url = withScheme(urls[i]);
    for (let j = 0; j < extra.length; j++) {
      const sep = renderHasQuery(url) ? '&' : '?';
      url = concatWords(url, litWord(sep), extra[j]);
    }
    calls.push({ client: 'curl', method, url, headers, body, basic_auth: p.basic, span: { line: ctx.line, column: 1 } });
  }
  return calls;
}

function stripNewlines(w: Word): Word {
  return { parts: w.parts.map((x) => (x.kind === 'lit' && (x.text.includes('\n') || x.text.includes('\r')) ? lit(x.text.replace(/[\r\n]/g, '')) : x)) };
}

function renderHasQuery(w: Word): boolean {
  return w.parts.some((p) => p.kind === 'lit' && p.text.includes('?'));
}

/** curl assumes http:// when a URL has no scheme. */
function withScheme(w: Word): Word {
  const head = w.parts[0];
  if (head && head.kind === 'lit' && hasScheme(head.text)) return w;
  if (head && head.kind !== 'lit') return w; // $BASE/...: the variable holds the scheme
  return concatWords(litWord('http://'), w);
}
