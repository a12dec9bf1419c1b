// PowerShell's own HTTP cmdlets: `Invoke-RestMethod` / `Invoke-WebRequest`
// (and their aliases irm, iwr) with `-Uri`, `-Method`, `-Headers`, `-Body`,
// `-ContentType`, splatting (`@params`), and the values docs build for them:
// hashtables `@{...}`, arrays `@(...)`, here-strings `@"..."@`, variables,
// `$env:X`, and `... | ConvertTo-Json -Depth N`. A small recursive-descent
// reader over the raw text, since hashtables span lines; it evaluates
// nothing, and keeps `$env:X` as references.
// Guarantees: never throws, linear in the input (every loop consumes input),
// recursion depth capped.
import { lit, mergeLits, type Header, type HttpCall, type Part, type Value, type Warning, type Word } from '../call/model.js';
import { parseJsonWord } from '../call/json-words.js';

const CMDLETS = /^(invoke-restmethod|invoke-webrequest|irm|iwr)$/i;
const MAX_DEPTH = 60;

interface Ctx {
  vars: Map<string, Value>;
  warnings: Warning[];
}

/** True when the text calls one of PowerShell's HTTP cmdlets. */
export function hasPsCmdlet(text: string): boolean {
  return /(^|[\s=(|;])(Invoke-RestMethod|Invoke-WebRequest|irm|iwr)\b/im.test(text) || /(^|[\s=(|;])(curl|wget)\s+-(Uri|Method|Headers|Body)\b/im.test(text);
}

class Reader {
  i = 0;
  depth = 0;
  constructor(
    readonly s: string,
    readonly ctx: Ctx,
  ) {}

  /** Skips blanks, comments and backtick continuations; with `newlines`, line ends too. */
  skip(newlines: boolean) {
    const s = this.s;
    for (;;) {
      const c = s[this.i];
      if (c === ' ' || c === '\t' || c === '\r') this.i++;
      else if (c === '`' && (s[this.i + 1] === '\n' || (s[this.i + 1] === '\r' && s[this.i + 2] === '\n'))) this.i += s[this.i + 1] === '\r' ? 3 : 2;
      else if (c === '\n' && newlines) this.i++;
      else if (c === '#') while (this.i < s.length && s[this.i] !== '\n') this.i++;
      else if (c === '<' && s[this.i + 1] === '#') {
        const e = s.indexOf('#>', this.i + 2);
        this.i = e < 0 ? s.length : e + 2;
      } else return;
    }
  }

  eof() {
    return this.i >= this.s.length;
  }

  /** One statement; returns a call when the statement makes one. */
  statement(): HttpCall | null {
    this.skip(true);
    const start = this.i;
    const s = this.s;
    const assign = /^\$(env:)?([A-Za-z_][\w]*)\s*=(?!=)\s*/i.exec(s.slice(this.i, this.i + 200));
    if (assign) {
      this.i += assign[0].length;
      const call = this.tryCmdlet();
      if (call) return call;
      const v = this.pipeline();
      if (!assign[1]) this.ctx.vars.set(assign[2].toLowerCase(), v);
      this.endStatement();
      return null;
    }
    const call = this.tryCmdlet();
    if (call) return call;
    // Anything else: skip to the end of the statement.
    this.endStatement();
    if (this.i === start) this.i++;
    return null;
  }

  endStatement() {
    const s = this.s;
    let depth = 0;
    while (this.i < s.length) {
      const c = s[this.i];
      if (c === "'" || c === '"') {
        this.string();
        continue;
      }
      if (c === '`') {
        this.i += 2;
        continue;
      }
      if (c === '{' || c === '(') depth++;
      else if ((c === '}' || c === ')') && depth > 0) depth--;
      else if ((c === '\n' || c === ';') && depth === 0) {
        this.i++;
        return;
      }
      this.i++;
    }
  }

  tryCmdlet(): HttpCall | null {
    // `(Invoke-WebRequest ... ).Content | ConvertFrom-Json`: the call inside a parenthesised expression.
    const open = /^(?:\(\s*)+/.exec(this.s.slice(this.i, this.i + 40));
    const m = /^([A-Za-z][\w-]*)/.exec(this.s.slice(this.i + (open?.[0].length ?? 0), this.i + (open?.[0].length ?? 0) + 40));
    if (!m) return null;
    if (open && !CMDLETS.test(m[1])) return null;
    if (open) this.i += open[0].length;
    // Windows PowerShell 5 aliases curl and wget to Invoke-WebRequest: -Uri/-Method/-Headers/-Body tell.
    const alias = /^(curl|wget)$/i.test(m[1]) && /^\s+-(Uri|Method|Headers|Body)\b/i.test(this.s.slice(this.i + m[0].length, this.i + m[0].length + 20));
    if (!CMDLETS.test(m[1]) && !alias) return null;
    this.i += m[0].length;
    const params = new Map<string, Value>();
    let positional: Value | undefined;
    for (let guard = 0; guard < 200; guard++) {
      this.skip(false);
      const c = this.s[this.i];
      if (this.eof() || c === '\n' || c === ';' || c === '|' || c === ')') break;
      const p = /^-([A-Za-z]+)(:?)/.exec(this.s.slice(this.i, this.i + 40));
      if (p) {
        this.i += p[0].length;
        const name = p[1].toLowerCase();
        if (['usebasicparsing', 'skipcertificatecheck', 'disablekeepalive', 'verbose'].includes(name)) continue;
        this.skip(false);
        params.set(name, this.unary());
        continue;
      }
      const splat = /^@([A-Za-z_]\w*)/.exec(this.s.slice(this.i, this.i + 60));
      if (splat) {
        this.i += splat[0].length;
        const v = this.ctx.vars.get(splat[1].toLowerCase());
        if (v?.kind === 'object') for (const [k, x] of v.entries) params.set(k.toLowerCase(), x);
        continue;
      }
      const before = this.i;
      const v = this.unary();
      if (positional === undefined) positional = v;
      if (this.i === before) this.i++;
    }
    this.endStatement();
    return buildCall(params, positional, this.ctx);
  }

  /** expr [| ConvertTo-Json ...] [| ...] */
  pipeline(): Value {
    let v = this.expr();
    for (let guard = 0; guard < 20; guard++) {
      this.skip(false);
      if (this.s[this.i] !== '|') break;
      this.i++;
      this.skip(false);
      const m = /^([A-Za-z][\w-]*)/.exec(this.s.slice(this.i, this.i + 40));
      if (!m) break;
      this.i += m[0].length;
      // ConvertTo-Json keeps the value (the body is its JSON); other cmdlets are unknown.
      if (!/^convertto-json$/i.test(m[1])) v = { kind: 'unknown', text: m[1] };
      while (!this.eof() && !['\n', ';', '|', ')', '}'].includes(this.s[this.i])) {
        if (this.s[this.i] === '`' && this.s[this.i + 1] === '\n') break;
        this.i++;
      }
    }
    return v;
  }

  /** a, b, c (a comma list is an array) */
  expr(): Value {
    const first = this.unary();
    this.skip(false);
    if (this.s[this.i] !== ',') return first;
    const items = [first];
    while (this.s[this.i] === ',') {
      this.i++;
      this.skip(true);
      items.push(this.unary());
      this.skip(false);
    }
    return { kind: 'array', items };
  }

  unary(): Value {
    if (++this.depth > MAX_DEPTH) {
      this.depth--;
      this.i = this.s.length;
      return { kind: 'unknown', text: 'too deep' };
    }
    try {
      return this.primary();
    } finally {
      this.depth--;
    }
  }

  primary(): Value {
    const s = this.s;
    this.skip(false);
    // [ordered], [PSCustomObject], [int]: casts are ignored
    const cast = /^\[[A-Za-z_.]+(\[\])?\]\s*/.exec(s.slice(this.i, this.i + 60));
    if (cast) this.i += cast[0].length;
    const c = s[this.i];
    if (c === '@' && s[this.i + 1] === '{') return this.hashtable();
    if (c === '@' && s[this.i + 1] === '(') {
      this.i += 2;
      const items = this.listUntil(')');
      return { kind: 'array', items };
    }
    if (c === '@' && (s[this.i + 1] === '"' || s[this.i + 1] === "'")) return { kind: 'string', word: this.hereString() };
    if (c === "'" || c === '"') return { kind: 'string', word: this.string() };
    if (c === '(') {
      this.i++;
      this.skip(true);
      const v = this.pipeline();
      this.skip(true);
      if (s[this.i] === ')') this.i++;
      return v;
    }
    if (c === '$') {
      const m = /^\$(env:)?([A-Za-z_]\w*)((?:\.[A-Za-z_]\w*)*)/i.exec(s.slice(this.i, this.i + 120));
      if (m) {
        this.i += m[0].length;
        if (m[1]) return { kind: 'string', word: { parts: [{ kind: 'env', name: m[2] }] } };
        const name = m[2].toLowerCase();
        if (name === 'true') return { kind: 'bool', value: true };
        if (name === 'false') return { kind: 'bool', value: false };
        if (name === 'null') return { kind: 'null' };
        const v = this.ctx.vars.get(name);
        if (v && !m[3]) return v;
        return { kind: 'unknown', text: '$' + m[2] + m[3] };
      }
    }
    const num = /^-?\d+(\.\d+)?([eE][-+]?\d+)?(?![\w.])/.exec(s.slice(this.i, this.i + 40));
    if (num) {
      this.i += num[0].length;
      return { kind: 'number', value: Number(num[0]) };
    }
    // A bare word (an argument such as Post, or a URL): up to a blank or delimiter.
    const start = this.i;
    while (this.i < s.length && !/[\s,;|)}(]/.test(s[this.i])) this.i++;
    return this.i > start ? { kind: 'string', word: { parts: [lit(s.slice(start, this.i))] } } : { kind: 'unknown', text: 'empty' };
  }

  listUntil(close: string): Value[] {
    const items: Value[] = [];
    for (let guard = 0; guard < 10000; guard++) {
      this.skip(true);
      if (this.eof()) break;
      if (this.s[this.i] === close) {
        this.i++;
        break;
      }
      if (this.s[this.i] === ',' || this.s[this.i] === ';') {
        this.i++;
        continue;
      }
      const before = this.i;
      items.push(this.unary());
      if (this.i === before) this.i++;
    }
    return items;
  }

  hashtable(): Value {
    this.i += 2;
    const entries: Array<[string, Value]> = [];
    for (let guard = 0; guard < 10000; guard++) {
      this.skip(true);
      if (this.eof()) break;
      const c = this.s[this.i];
      if (c === '}') {
        this.i++;
        break;
      }
      if (c === ';' || c === ',') {
        this.i++;
        continue;
      }
      let key: string;
      if (c === "'" || c === '"') key = this.string().parts.map((p) => (p.kind === 'lit' ? p.text : '')).join('');
      else {
        const m = /^[^\s=;}]+/.exec(this.s.slice(this.i, this.i + 200));
        if (!m) {
          this.i++;
          continue;
        }
        key = m[0];
        this.i += m[0].length;
      }
      this.skip(false);
      if (this.s[this.i] !== '=') continue;
      this.i++;
      this.skip(true);
      entries.push([key, this.pipeline()]);
    }
    return { kind: 'object', entries };
  }

  hereString(): Word {
    const s = this.s;
    const q = s[this.i + 1];
    const bodyStart = s.indexOf('\n', this.i) + 1;
    const end = s.indexOf('\n' + q + '@', bodyStart - 1);
    const stop = end < 0 ? s.length : end;
    const body = bodyStart > 0 ? s.slice(bodyStart, Math.max(bodyStart, stop)) : '';
    this.i = end < 0 ? s.length : end + 3;
    return q === "'" ? { parts: [lit(body)] } : { parts: interpolate(body, this.ctx) };
  }

  string(): Word {
    const s = this.s;
    const q = s[this.i++];
    let raw = '';
    while (this.i < s.length) {
      const c = s[this.i];
      if (c === q && s[this.i + 1] === q) {
        raw += q + q;
        this.i += 2;
        continue;
      }
      if (c === q) {
        this.i++;
        break;
      }
      if (q === '"' && c === '`' && this.i + 1 < s.length) {
        raw += c + s[this.i + 1];
        this.i += 2;
        continue;
      }
      raw += c;
      this.i++;
    }
    if (q === "'") return { parts: [lit(raw.replace(/''/g, "'"))] };
    return { parts: interpolate(raw.replace(/""/g, '"'), this.ctx) };
  }
}

/** Expands `$env:X`, `${env:X}`, `$var` and backtick escapes in a double-quoted PowerShell string. */
function interpolate(raw: string, ctx: Ctx): Part[] {
  const parts: Part[] = [];
  const re = /`(.)|\$\{?env:([A-Za-z_]\w*)\}?|\$\(\s*\$env:([A-Za-z_]\w*)\s*\)|\$([A-Za-z_]\w*)/gi;
  let last = 0;
  const esc: Record<string, string> = { n: '\n', t: '\t', r: '\r', '0': '\0' };
  for (let m = re.exec(raw); m; m = re.exec(raw)) {
    parts.push(lit(raw.slice(last, m.index)));
    if (m[1] !== undefined) parts.push(lit(esc[m[1]] ?? m[1]));
    else if (m[2] || m[3]) parts.push({ kind: 'env', name: (m[2] || m[3])! });
    else {
      const v = ctx.vars.get(m[4].toLowerCase());
      if (v?.kind === 'string') parts.push(...v.word.parts);
      else if (['true', 'false', 'null'].includes(m[4].toLowerCase())) parts.push(lit('$' + m[4]));
      else parts.push({ kind: 'unknown', text: '$' + m[4] });
    }
    last = m.index + m[0].length;
  }
  parts.push(lit(raw.slice(last)));
  return mergeLits(parts);
}

function asWord(v: Value | undefined): Word | undefined {
  if (!v) return undefined;
  if (v.kind === 'string') return v.word;
  if (v.kind === 'number' || v.kind === 'bool') return { parts: [lit(String(v.value))] };
  if (v.kind === 'unknown') return { parts: [{ kind: 'unknown', text: v.text }] };
  return undefined;
}

function buildCall(params: Map<string, Value>, positional: Value | undefined, ctx: Ctx): HttpCall | null {
  const get = (...names: string[]) => names.map((n) => params.get(n)).find((v) => v !== undefined);
  const url = asWord(get('uri', 'url') ?? positional);
  if (!url) {
    ctx.warnings.push({ code: 'no_url', message: 'An Invoke-RestMethod call has no -Uri.' });
    return null;
  }
  const headers: Header[] = [];
  const h = get('headers');
  if (h?.kind === 'object') for (const [k, v] of h.entries) {
    const w = asWord(v);
    if (w) headers.push({ name: k, value: w });
  } else if (h) ctx.warnings.push({ code: 'unknown_value', message: 'The -Headers value is built by code the example does not show.' });
  const ct = asWord(get('contenttype'));
  if (ct && !headers.some((x) => x.name.toLowerCase() === 'content-type')) headers.push({ name: 'Content-Type', value: ct });
  const b = get('body');
  let body: HttpCall['body'] = null;
  if (b?.kind === 'object' || b?.kind === 'array') body = { type: 'json', value: b };
  else if (b?.kind === 'string') {
    const j = parseJsonWord(b.word);
    body = j ? { type: 'json', value: j.value } : { type: 'text', text: b.word };
  } else if (b) ctx.warnings.push({ code: 'unknown_value', message: 'The -Body value is built by code the example does not show.' });
  const m = asWord(get('method'));
  const method = (m?.parts[0]?.kind === 'lit' ? m.parts[0].text : body ? 'POST' : 'GET').toUpperCase();
  return { client: 'invoke-restmethod', method, url, headers, body };
}

/** Reads every Invoke-RestMethod / Invoke-WebRequest call in a PowerShell paste. */
export function parsePowerShellCmdlets(text: string): { calls: HttpCall[]; warnings: Warning[] } {
  const ctx: Ctx = { vars: new Map(), warnings: [] };
  const r = new Reader(text, ctx);
  const calls: HttpCall[] = [];
  for (let guard = 0; guard < 100000 && !r.eof(); guard++) {
    const before = r.i;
    const c = r.statement();
    if (c) calls.push(c);
    if (r.i === before) r.i++;
  }
  return { calls, warnings: ctx.warnings };
}
