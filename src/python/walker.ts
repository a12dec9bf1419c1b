// Walks a @lezer/python tree as a tiny, side-effect-free interpreter: it binds
// names (imports, module constants, `headers = {...}` then `headers["X"] = ...`,
// payloads built then passed, helper functions that return a client, `self.x`
// attributes), evaluates the expressions that matter, and records every
// request the code would send (build.ts assembles each one).
// Guarantees: nothing is executed; evaluation is bounded (recursion depth,
// a step budget, capped strings and containers, each function body evaluated
// at most once), so any input finishes in time linear in its size; an
// expression it cannot evaluate becomes an explicit `unknown` value.
import type { SyntaxNode, Tree } from '@lezer/common';
import { concatWords, litWord, literalText, valueFromJson, type Value, type Word } from '../call/model.js';
import { httpCall, kwarg, pairsOf, type BuildEnv, type CallArgs } from './build.js';
import { Evaluator, MAX_FUNC_DEPTH, MAX_ITEMS, Scope as ScopeOf, type WalkResult } from '../eval/evaluator.js';
import { capWord, describe, envRead, isEnvName, unknown } from '../eval/values.js';
import type { SdkCall } from '../call/model.js';
import { endpointOf, fallbackSdk, useSdks, fragmentSdk as fragmentSdkOf, headerBuilder, inferLangchainProvider, isKeyWrapper, langchainModel, moduleSdk, sdkConstant, normaliseMethod, pyNameMatches as nameMatches, sdkByName as sdkByNameOf, unsupportedLabel, type Sdk as SdkEntry } from '../sdk/data.js';
import pythonSdks from '../generated/sdks-python.js';
import { percentFormat, stringMethod } from './str-methods.js';
import { decodeBody, splitStringToken } from './strings.js';
import {
  isValue,
  NONE,
  setPath,
  toValue,
  toWord,
  truthy,
  type ClientObj,
  type FuncDef,
  type PyVal,
} from './values.js';

// This language's SDK bindings (src/sdk/data.ts): loaded with its front-end only.
useSdks('python', pythonSdks);

const NO_ARGS: CallArgs = { positional: [], kwargs: [], unknownSplat: false };
const MAX_DEPTH = 120;

class Scope extends ScopeOf<PyVal> {}

/** Names Python gives without an import; calling them is evaluated or yields unknown. */
const BUILTINS = new Set(['dict', 'list', 'tuple', 'str', 'int', 'float', 'bool', 'len', 'print', 'open', 'range', 'set', 'repr', 'isinstance', 'getattr', 'super', 'input', 'type', 'sorted', 'enumerate', 'zip', 'map', 'filter', 'min', 'max', 'sum', 'any', 'all', 'abs', 'round', 'format', 'Exception', 'ValueError', 'KeyError', 'RuntimeError']);

const ENV_GET = ['os.environ.get', 'os.getenv', 'google.colab.userdata.get', 'userdata.get', 'os.environ.setdefault', 'streamlit.secrets.get'];
const ENV_MAPS = ['os.environ', 'streamlit.secrets', 'google.colab.userdata'];

const HTTP_VERBS: Record<string, string> = { post: 'POST', get: 'GET', put: 'PUT', patch: 'PATCH', delete: 'DELETE', head: 'HEAD', options: 'OPTIONS' };


export class Walker extends Evaluator implements BuildEnv {
  private readonly attrs = new Map<string, PyVal>();
  private readonly clients: ClientObj[] = [];
  private readonly usedClients = new Set<ClientObj>();
  private readonly funcs: FuncDef[] = [];
  /** Classes defined in the snippet: `Bot(api_key=...)` runs `__init__` with those arguments. */
  private readonly classes = new Map<string, Scope>();
  private readonly root = new Scope(null);
  private inExcept = 0;
  private returns: PyVal[] | null = null;

  constructor(
    private readonly text: string,
    private readonly tree: Tree,
  ) {
    super(text);
  }


  // ------------------------------------------------------------ entry


  run(): WalkResult {
    this.collectForward();
    this.execBlock(this.tree.topNode, this.root);
    // Function bodies nobody called (a `def main():` never invoked, class methods) still show the calls they make.
    for (let i = 0; i < this.funcs.length; i++) {
      const f = this.funcs[i];
      if (f.state === 'new') this.invoke(f, null);
    }
    const built = this.clients.filter((c) => c.kind === 'sdk' && c.sdk?.kind === 'client');
    const first = built[0];
    const unsent = first ? { call: this.sdkCallOf(first.sdk!, first.opts, null, NO_ARGS, first.line), pos: first.pos, what: 'client' as const, count: built.length } : null;
    return this.result(unsent, this.root.vars, /^[A-Za-z_]\w*$/);
  }


  // ------------------------------------------------------------ tree helpers

  private src(n: SyntaxNode): string {
    return this.text.slice(n.from, n.to);
  }
  private kids(n: SyntaxNode): SyntaxNode[] {
    const out: SyntaxNode[] = [];
    for (let c = n.firstChild; c; c = c.nextSibling) if (c.name !== 'Comment') out.push(c);
    return out;
  }


  // ------------------------------------------------------------ statements

  private execBlock(node: SyntaxNode, scope: Scope): void {
    for (const c of this.kids(node)) this.exec(c, scope);
  }

  private exec(n: SyntaxNode, scope: Scope): void {
    if (!this.tick() || this.depth > MAX_DEPTH) return;
    this.depth++;
    try {
      this.execInner(n, scope);
    } finally {
      this.depth--;
    }
  }

  private execInner(n: SyntaxNode, scope: Scope): void {
    switch (n.name) {
      case 'Body':
      case 'StatementGroup':
      case 'Script':
        return this.execBlock(n, scope);
      case 'AssignStatement':
        return this.execAssign(n, scope);
      case 'UpdateStatement':
        return this.execUpdate(n, scope);
      case 'ExpressionStatement':
        for (const c of this.kids(n)) this.ev(c, scope);
        return;
      case 'ImportStatement':
        return this.execImport(n, scope);
      case 'FunctionDefinition':
        return this.execDef(n, scope);
      case 'ClassDefinition':
        return this.execClass(n, scope);
      case 'DecoratedStatement':
        for (const c of this.kids(n)) if (c.name !== 'Decorator') this.exec(c, scope);
        return;
      case 'ReturnStatement': {
        const e = this.kids(n).filter((c) => c.name !== 'return');
        const v = e.length ? this.evSeq(e, scope) : NONE;
        this.returns?.push(v);
        return;
      }
      case 'TryStatement':
        return this.execTry(n, scope);
      case 'WithStatement':
        return this.execWith(n, scope);
      case 'ForStatement':
        return this.execFor(n, scope);
      case 'IfStatement':
      case 'WhileStatement':
      case 'MatchStatement':
      case 'MatchBody':
      case 'MatchClause':
        for (const c of this.kids(n)) {
          if (c.name === 'Body' || c.name === 'MatchBody' || c.name === 'MatchClause') this.exec(c, scope);
          else if (/Expression|VariableName|CallExpression/.test(c.name)) this.ev(c, scope);
        }
        return;
      case 'PassStatement':
      case 'BreakStatement':
      case 'ContinueStatement':
      case 'ScopeStatement':
      case 'DeleteStatement':
      case 'Comment':
        return;
      default:
        // Raise/assert/print and what the tolerant parse left unparented: find the calls inside.
        this.scanCalls(n, scope);
    }
  }

  private scanCalls(n: SyntaxNode, scope: Scope): void {
    if (this.depth > MAX_DEPTH) return;
    this.depth++;
    try {
      this.scanCallsInner(n, scope);
    } finally {
      this.depth--;
    }
  }

  private scanCallsInner(n: SyntaxNode, scope: Scope): void {
    for (const c of this.kids(n)) {
      if (!this.tick()) return;
      if (c.name === 'CallExpression' || c.name === 'AssignStatement' || c.name === 'ExpressionStatement') {
        if (c.name === 'CallExpression') this.ev(c, scope);
        else this.exec(c, scope);
      } else if (c.name === 'Body') this.exec(c, scope);
      else this.scanCalls(c, scope);
    }
  }

  private execAssign(n: SyntaxNode, scope: Scope): void {
    const ch = this.kids(n).filter((c) => c.name !== 'TypeDef');
    const groups: SyntaxNode[][] = [[]];
    for (const c of ch) {
      if (c.name === 'AssignOp') groups.push([]);
      else groups[groups.length - 1].push(c);
    }
    if (groups.length < 2) {
      // `x: int` or an expression the parser could not finish: still look for calls.
      for (const c of ch) this.ev(c, scope);
      return;
    }
    const valueNodes = groups[groups.length - 1];
    const value = valueNodes.length ? this.evSeq(valueNodes, scope) : unknown('missing value');
    for (const g of groups.slice(0, -1)) this.assignTargets(g, value, scope);
  }

  /** Evaluates `a` or `a, b` (a tuple without parentheses). */
  private evSeq(nodes: SyntaxNode[], scope: Scope): PyVal {
    const items = nodes.filter((c) => c.name !== ',');
    if (nodes.some((c) => c.name === ',')) return { kind: 'array', items: items.map((c) => toValue(this.ev(c, scope))) };
    if (items.length === 1) return this.ev(items[0], scope);
    for (const c of items) this.ev(c, scope);
    return unknown('expression');
  }

  private assignTargets(targets: SyntaxNode[], value: PyVal, scope: Scope): void {
    const t = targets.filter((c) => c.name !== ',');
    if (targets.some((c) => c.name === ',') || (t.length === 1 && (t[0].name === 'TupleExpression' || t[0].name === 'ArrayExpression'))) {
      const names = t.length === 1 && t[0].name !== 'VariableName' ? this.kids(t[0]).filter((c) => !['(', ')', '[', ']', ','].includes(c.name)) : t;
      names.forEach((nm, i) => {
        const item = value.kind === 'array' && value.items.length === names.length ? value.items[i] : unknown('unpacked value');
        this.assignTarget(nm, item, scope);
      });
      return;
    }
    if (t.length === 1) this.assignTarget(t[0], value, scope);
  }

  private bind(scope: Scope, name: string, value: PyVal): void {
    // In an `except:` handler, a fallback never replaces what the `try:` bound.
    if (this.inExcept && scope.lookup(name) !== undefined) return;
    scope.vars.set(name, value);
  }

  private assignTarget(t: SyntaxNode, value: PyVal, scope: Scope): void {
    if (t.name === 'VariableName') return this.bind(scope, this.src(t), value);
    if (t.name !== 'MemberExpression') return;
    const k = this.kids(t);
    const base = k[0];
    if (!base) return;
    if (k[1]?.name === '.' && k[2]?.name === 'PropertyName') {
      const prop = this.src(k[2]);
      const b = this.ev(base, scope);
      if (b.kind === 'client') return this.setClientAttr(b.client, [prop], value);
      if (b.kind === 'clientattr') return this.setClientAttr(b.client, [...b.path, prop], value);
      const path = b.kind === 'ref' ? `${b.path}.${prop}` : this.dotted(t);
      if (path) {
        if (this.inExcept && this.attrs.has(path)) return;
        this.attrs.set(path, value);
      }
      return;
    }
    if (k[1]?.name === '[') {
      const key = this.subscriptKey(k, scope);
      const b = this.ev(base, scope);
      if (key === null) return;
      if (b.kind === 'ref' && ENV_MAPS.includes(b.path)) {
        if (b.path === 'os.environ' && isEnvName(key)) this.pasteEnv.set(key, toWord(value));
        return;
      }
      if (b.kind === 'clientattr') return this.setClientAttr(b.client, [...b.path, key], value);
      this.mutate(base, scope, (old) => setPath(old, [key], toValue(value)));
    }
  }

  /** `x.update(...)`, `x["k"] = v`, `x["a"]["b"] = v`: rebinding the variable (or `self.attr`) x names. */
  private mutate(target: SyntaxNode, scope: Scope, fn: (old: Value) => Value): void {
    const path: string[] = [];
    let n: SyntaxNode | null = target;
    // Walk down `payload["a"]["b"]` to the variable, collecting the keys.
    while (n && n.name === 'MemberExpression') {
      const k = this.kids(n);
      if (k[1]?.name !== '[') break;
      const key = this.subscriptKey(k, scope);
      if (key === null) return;
      path.unshift(key);
      n = k[0];
    }
    if (!n) return;
    const apply = (old: PyVal | undefined): PyVal | undefined => {
      if (!old || !isValue(old) || (old.kind !== 'object' && old.kind !== 'array')) return undefined;
      if (!path.length) return fn(old);
      let inner: Value | undefined = old;
      for (const p of path) inner = inner?.kind === 'object' ? inner.entries.find(([k]) => k === p)?.[1] : undefined;
      return setPath(old, path, fn(inner ?? { kind: 'object', entries: [] }));
    };
    if (n.name === 'VariableName') {
      const name = this.src(n);
      const owner = scope.owner(name);
      const nv = apply(owner?.vars.get(name));
      if (owner && nv) owner.vars.set(name, nv);
      return;
    }
    const dotted = this.dottedResolved(n, scope);
    if (dotted) {
      const nv = apply(this.attrs.get(dotted));
      if (nv) this.attrs.set(dotted, nv);
    }
  }

  private setClientAttr(c: ClientObj, path: string[], value: PyVal): void {
    if (path[0] === 'headers') {
      if (path.length === 1) {
        c.headers = pairsOf(value) ?? c.headers;
      } else if (path.length === 2) {
        const i = c.headers.findIndex(([k]) => k.toLowerCase() === path[1].toLowerCase());
        if (i >= 0) c.headers.splice(i, 1);
        c.headers.push([path[1], toWord(value)]);
      }
      return;
    }
    if (path.length === 1 && path[0] === 'auth' && value.kind === 'array' && value.items.length === 2) {
      c.basicAuth = concatWords(toWord(value.items[0]), litWord(':'), toWord(value.items[1]));
      return;
    }
    if (path.length === 1 && c.kind === 'sdk') c.opts.push([path[0], value]);
  }

  private execUpdate(n: SyntaxNode, scope: Scope): void {
    const k = this.kids(n);
    const target = k[0];
    const op = k.find((c) => c.name === 'UpdateOp');
    const valNodes = k.slice(k.indexOf(op!) + 1);
    const value = this.evSeq(valNodes, scope);
    if (!target || !op) return;
    const old = this.ev(target, scope);
    const o = this.src(op);
    let nv: PyVal = unknown('updated value');
    if (o === '+=') nv = this.binaryAdd(old, value);
    else if (o === '|=' && old.kind === 'object' && value.kind === 'object') nv = { kind: 'object', entries: [...old.entries.filter(([x]) => !value.entries.some(([y]) => y === x)), ...value.entries] };
    this.assignTarget(target, nv, scope);
  }

  private execImport(n: SyntaxNode, scope: Scope): void {
    const k = this.kids(n);
    const text = (c: SyntaxNode) => this.src(c);
    if (k[0]?.name === 'from') {
      const imp = k.findIndex((c) => c.name === 'import');
      const mod = k
        .slice(1, imp < 0 ? k.length : imp)
        .map(text)
        .join('')
        .replace(/^\.+/, '');
      if (imp < 0) return;
      const rest = k.slice(imp + 1).filter((c) => !['(', ')'].includes(c.name));
      for (let i = 0; i < rest.length; i++) {
        if (rest[i].name !== 'VariableName') continue;
        const name = text(rest[i]);
        let alias = name;
        if (rest[i + 1]?.name === 'as' && rest[i + 2]?.name === 'VariableName') {
          alias = text(rest[i + 2]);
          i += 2;
        }
        const full = mod ? `${mod}.${name}` : name;
        // A module constant the data knows (`from portkey_ai import PORTKEY_GATEWAY_URL`) is its value.
        const constant = sdkConstant('python', full);
        this.bind(scope, alias, constant !== undefined ? { kind: 'string', word: litWord(constant) } : { kind: 'ref', path: full });
      }
      return;
    }
    // import a.b.c [as d], e
    let parts: string[] = [];
    for (let i = 1; i <= k.length; i++) {
      const c = k[i];
      if (!c || c.name === ',') {
        if (parts.length) this.bind(scope, parts[0], { kind: 'ref', path: parts[0] });
        parts = [];
        continue;
      }
      if (c.name === 'VariableName') parts.push(text(c));
      else if (c.name === 'as' && k[i + 1]?.name === 'VariableName') {
        this.bind(scope, text(k[i + 1]), { kind: 'ref', path: parts.join('.') });
        parts = [];
        i++;
      }
    }
  }

  private execDef(n: SyntaxNode, scope: Scope): void {
    const name = n.getChild('VariableName');
    if (!name) return;
    const fn: FuncDef = { name: this.src(name), node: n, scope, state: 'new', isMethod: scope.kind === 'class' };
    this.funcs.push(fn);
    this.bind(scope, fn.name, { kind: 'func', fn });
  }

  private execClass(n: SyntaxNode, scope: Scope): void {
    const name = n.getChild('VariableName');
    const body = n.getChild('Body');
    const cls = new Scope(scope, 'class');
    if (body) this.exec(body, cls);
    if (!name) return;
    const cname = this.src(name);
    this.bind(scope, cname, { kind: 'ref', path: cname });
    this.classes.set(cname, cls);
    // `class Config: MODEL = "x"` then `Config.MODEL`.
    for (const [k, v] of cls.vars) if (isValue(v)) this.attrs.set(`${cname}.${k}`, v);
  }

  private execTry(n: SyntaxNode, scope: Scope): void {
    let inHandler = false;
    for (const c of this.kids(n)) {
      if (c.name === 'except') inHandler = true;
      else if (c.name === 'else' || c.name === 'finally' || c.name === 'try') inHandler = false;
      else if (c.name === 'Body') {
        if (inHandler) this.inExcept++;
        try {
          this.exec(c, scope);
        } finally {
          if (inHandler) this.inExcept--;
        }
      }
    }
  }

  private execWith(n: SyntaxNode, scope: Scope): void {
    const k = this.kids(n);
    let last: PyVal | null = null;
    for (let i = 0; i < k.length; i++) {
      const c = k[i];
      if (c.name === 'with' || c.name === 'async' || c.name === ',' || c.name === '(' || c.name === ')') continue;
      if (c.name === 'as') {
        const t = k[i + 1];
        if (t && last) this.assignTarget(t, last, scope);
        i++;
        continue;
      }
      if (c.name === 'Body') {
        this.exec(c, scope);
        continue;
      }
      last = this.ev(c, scope);
    }
  }

  private execFor(n: SyntaxNode, scope: Scope): void {
    const k = this.kids(n);
    const inAt = k.findIndex((c) => c.name === 'in');
    for (let i = inAt + 1; i < k.length; i++) if (k[i].name !== 'Body' && k[i].name !== ',') this.ev(k[i], scope);
    for (const t of k.slice(0, Math.max(inAt, 0))) if (t.name === 'VariableName') this.bind(scope, this.src(t), unknown(describe(this.src(t))));
    const body = k.find((c) => c.name === 'Body');
    if (body) this.exec(body, scope);
  }

  // ------------------------------------------------------------ functions

  /** Runs a function body once (memoised): its calls are recorded, its return value kept. */
  private invoke(fn: FuncDef, args: CallArgs | null): PyVal {
    if (fn.state === 'done') return fn.ret ?? unknown(describe(fn.name) + '()');
    if (fn.state === 'running' || this.funcDepth >= MAX_FUNC_DEPTH) return unknown(describe(fn.name) + '()');
    fn.state = 'running';
    this.funcDepth++;
    const saved = this.returns;
    const savedExcept = this.inExcept;
    this.returns = [];
    this.inExcept = 0;
    try {
      const scope = new Scope(fn.scope as Scope, 'function');
      this.bindParams(fn, scope, args);
      const body = fn.node.getChild('Body');
      if (body) this.exec(body, scope);
      const rets = this.returns;
      fn.ret = rets.find((r) => r.kind === 'client') ?? rets.find((r) => r.kind !== 'unknown' && r.kind !== 'null') ?? rets[0] ?? NONE;
    } finally {
      this.returns = saved;
      this.inExcept = savedExcept;
      this.funcDepth--;
      fn.state = 'done';
    }
    return fn.ret ?? NONE;
  }

  private bindParams(fn: FuncDef, scope: Scope, args: CallArgs | null): void {
    const list = fn.node.getChild('ParamList');
    if (!list) return;
    const k = this.kids(list);
    let pos = 0;
    let star = '';
    for (let i = 0; i < k.length; i++) {
      const c = k[i];
      if (c.name === '*' || c.name === '**') {
        star = c.name;
        continue;
      }
      if (c.name !== 'VariableName') continue;
      const name = this.src(c);
      if (star) {
        scope.vars.set(name, star === '**' ? { kind: 'object', entries: [] } : { kind: 'array', items: [] });
        star = '';
        continue;
      }
      let j = i + 1;
      if (k[j]?.name === 'TypeDef') j++;
      const dflt = k[j]?.name === 'AssignOp' ? k[j + 1] : undefined;
      let v: PyVal | undefined;
      if (fn.isMethod && pos === 0 && (name === 'self' || name === 'cls')) v = { kind: 'ref', path: 'self' };
      else if (args) {
        const kw = args.kwargs.find(([x]) => x === name);
        const argIndex = fn.isMethod ? pos - 1 : pos;
        v = kw ? kw[1] : args.positional[argIndex];
      }
      if (v === undefined && dflt) v = this.ev(dflt, fn.scope as Scope);
      scope.vars.set(name, v ?? unknown(describe(name)));
      pos++;
    }
  }

  // ------------------------------------------------------------ expressions

  ev(n: SyntaxNode, scope: Scope): PyVal {
    if (!this.tick() || this.depth > MAX_DEPTH) return unknown('expression');
    this.depth++;
    try {
      const v = this.evInner(n, scope);
      if (v.kind === 'string') this.chargeText(v.word);
      return v;
    } finally {
      this.depth--;
    }
  }

  private evInner(n: SyntaxNode, scope: Scope): PyVal {
    switch (n.name) {
      case 'String':
      case 'FormatString':
      case 'ContinuedString':
        return { kind: 'string', word: this.stringWord(n, scope) };
      case 'Number':
        return this.number(this.src(n));
      case 'Boolean':
        return { kind: 'bool', value: this.src(n) === 'True' };
      case 'None':
        return NONE;
      case 'Ellipsis':
        return unknown('...');
      case 'VariableName':
        return this.lookup(this.src(n), scope);
      case 'ParenthesizedExpression': {
        const inner = this.kids(n).filter((c) => c.name !== '(' && c.name !== ')');
        return inner.length ? this.evSeq(inner, scope) : { kind: 'array', items: [] };
      }
      case 'TupleExpression':
      case 'ArrayExpression':
      case 'SetExpression':
        return this.sequence(n, scope);
      case 'DictionaryExpression':
        return this.dict(n, scope);
      case 'MemberExpression':
        return this.member(n, scope);
      case 'CallExpression':
        return this.call(n, scope);
      case 'BinaryExpression':
        return this.binary(n, scope);
      case 'UnaryExpression': {
        const k = this.kids(n);
        const v = k[1] ? this.ev(k[1], scope) : unknown('expression');
        if (this.src(k[0]) === '-' && v.kind === 'number') return { kind: 'number', value: -v.value };
        if (this.src(k[0]) === '+' && v.kind === 'number') return v;
        if (this.src(k[0]) === 'not') {
          const t = truthy(v);
          return t === undefined ? unknown('not expression') : { kind: 'bool', value: !t };
        }
        return unknown('expression');
      }
      case 'ConditionalExpression': {
        const k = this.kids(n).filter((c) => c.name !== 'if' && c.name !== 'else');
        const [a, cond, b] = k.map((c) => this.ev(c, scope));
        const t = cond ? truthy(cond) : undefined;
        if (t === true) return a ?? unknown('expression');
        if (t === false) return b ?? unknown('expression');
        // Unknown condition: an env read wins (it names the variable); otherwise the value is unknown.
        if (a && a.kind === 'string' && a.word.parts.some((p) => p.kind === 'env')) return a;
        if (a && b && JSON.stringify(a) === JSON.stringify(b)) return a;
        return unknown('conditional expression');
      }
      case 'AwaitExpression': {
        const inner = this.kids(n).filter((c) => c.name !== 'await');
        return inner[0] ? this.ev(inner[0], scope) : unknown('await');
      }
      case 'NamedExpression': {
        const k = this.kids(n);
        const v = k[2] ? this.ev(k[2], scope) : unknown('expression');
        if (k[0]?.name === 'VariableName') this.bind(scope, this.src(k[0]), v);
        return v;
      }
      case 'LambdaExpression':
        this.scanCalls(n, scope);
        return unknown('lambda');
      case 'ArrayComprehensionExpression':
      case 'DictionaryComprehensionExpression':
      case 'SetComprehensionExpression':
      case 'ComprehensionExpression':
        this.scanCalls(n, scope);
        return unknown('comprehension');
      default:
        if (n.type.isError || n.name === '⚠') return unknown('unparsable text');
        this.scanCalls(n, scope);
        return unknown('expression');
    }
  }

  private lookup(name: string, scope: Scope): PyVal {
    const v = scope.lookup(name);
    if (v !== undefined) return v;
    // A notebook's cells pasted out of order: a module constant assigned further down.
    const f = this.forward.get(name);
    if (f) return f;
    return { kind: 'ref', path: name };
  }

  /** Module-level `NAME = "literal"` / number constants, for names used before the line that binds them. */
  private readonly forward = new Map<string, Value>();
  private collectForward(): void {
    const seen = new Set<string>();
    for (const st of this.kids(this.tree.topNode)) {
      if (st.name !== 'AssignStatement') continue;
      const k = this.kids(st);
      if (k.length !== 3 || k[0].name !== 'VariableName' || k[1].name !== 'AssignOp') continue;
      if (k[2].name !== 'String' && k[2].name !== 'Number' && k[2].name !== 'ContinuedString') continue;
      const name = this.src(k[0]);
      if (seen.has(name)) {
        this.forward.delete(name);
        continue;
      }
      seen.add(name);
      const v = this.ev(k[2], this.root);
      if (isValue(v)) this.forward.set(name, v);
    }
  }

  private number(t: string): Value {
    const s = t.replace(/_/g, '');
    if (/[jJ]$/.test(s)) return unknown('complex number');
    const v = /^0[oO]/.test(s) ? parseInt(s.slice(2), 8) : Number(s.replace(/^0+(?=\d)/, ''));
    return Number.isFinite(v) ? { kind: 'number', value: v } : unknown('number');
  }

  private stringWord(n: SyntaxNode, scope: Scope): Word {
    if (n.name === 'ContinuedString') return capWord(concatWords(...this.kids(n).map((c) => this.stringWord(c, scope))));
    const tok = this.src(n);
    const t = splitStringToken(tok);
    if (!t) return { parts: [{ kind: 'unknown', text: 'string' }] };
    if (n.name !== 'FormatString' || !t.format) return litWord(decodeBody(tok.slice(t.bodyStart, t.bodyEnd), t.raw, t.bytes));
    const words: Word[] = [];
    let at = n.from + t.bodyStart;
    const end = n.from + t.bodyEnd;
    for (const c of this.kids(n)) {
      if (c.name !== 'FormatReplacement') continue;
      if (c.from > at) words.push(litWord(decodeBody(this.text.slice(at, Math.min(c.from, end)), t.raw, false, true)));
      words.push(this.replacement(c, scope));
      at = c.to;
    }
    if (end > at) words.push(litWord(decodeBody(this.text.slice(at, end), t.raw, false, true)));
    return capWord(concatWords(...words));
  }

  /** `{expr!r:spec}`: the expression's value; conversion and spec are ignored (`{x=}` keeps its text). */
  private replacement(n: SyntaxNode, scope: Scope): Word {
    const k = this.kids(n).filter((c) => !['{', '}', 'FormatConversion', 'FormatSpec'].includes(c.name));
    const exprs = k.filter((c) => c.name !== '=' && c.name !== ',');
    if (!exprs.length) return litWord('');
    const v = exprs.length === 1 ? this.ev(exprs[0], scope) : this.evSeq(k, scope);
    const w = toWord(v);
    return k.some((c) => c.name === '=') ? concatWords(litWord(this.src(exprs[0]) + '='), w) : w;
  }

  private sequence(n: SyntaxNode, scope: Scope): Value {
    const items: Value[] = [];
    const k = this.kids(n);
    for (let i = 0; i < k.length; i++) {
      const c = k[i];
      if (['(', ')', '[', ']', '{', '}', ','].includes(c.name)) continue;
      if (c.name === 'for' || c.name === 'async') return unknown('comprehension');
      if (c.name === '*') {
        const v = k[i + 1] ? this.ev(k[++i], scope) : unknown('expression');
        this.cost(sizeOf(v));
        if (v.kind === 'array') items.push(...v.items.slice(0, MAX_ITEMS));
        else items.push(unknown('unpacked items'));
        continue;
      }
      items.push(toValue(this.ev(c, scope)));
      if (items.length > MAX_ITEMS) break;
    }
    return { kind: 'array', items: items.slice(0, MAX_ITEMS) };
  }

  private dict(n: SyntaxNode, scope: Scope): Value {
    // By key, in insertion order (a later key replaces an earlier one in place): a `**` of
    // thousands of entries is linear, not a search per entry.
    const entries = new Map<string, Value>();
    const put = (k: string, v: Value) => entries.set(k, v);
    const k = this.kids(n).filter((c) => c.name !== '{' && c.name !== '}');
    let seg: SyntaxNode[] = [];
    const flush = () => {
      if (!seg.length) return;
      if (seg[0].name === '**') {
        const v = seg[1] ? this.ev(seg[1], scope) : unknown('expression');
        this.cost(sizeOf(v) * 4);
        if (v.kind === 'object') for (const [a, b] of v.entries.slice(0, MAX_ITEMS)) put(a, b);
        else put('**', unknown('unpacked entries'));
      } else {
        const colon = seg.findIndex((c) => c.name === ':');
        if (colon > 0) {
          const key = toWord(this.ev(seg[0], scope));
          const v = seg[colon + 1] ? toValue(this.ev(seg[colon + 1], scope)) : unknown('missing value');
          const kt = literalText(key);
          put(kt ?? renderKey(key), v);
        } else if (seg.some((c) => c.name === 'for')) put('<comprehension>', unknown('comprehension'));
        else for (const c of seg) this.ev(c, scope);
      }
      seg = [];
    };
    for (const c of k) {
      if (c.name === ',') flush();
      else seg.push(c);
      if (entries.size > MAX_ITEMS) break;
    }
    flush();
    return { kind: 'object', entries: [...entries] };
  }

  private subscriptKey(k: SyntaxNode[], scope: Scope): string | null {
    const inner = k.slice(2).filter((c) => c.name !== ']');
    if (inner.length !== 1) return null;
    const v = this.ev(inner[0], scope);
    if (v.kind === 'number') return String(v.value);
    return literalText(toWord(v));
  }

  private member(n: SyntaxNode, scope: Scope): PyVal {
    const k = this.kids(n);
    if (!k[0]) return unknown('expression');
    if (k[1]?.name === '.' && k[2]) {
      const prop = this.src(k[2]);
      const b = this.ev(k[0], scope);
      return this.attribute(b, prop);
    }
    if (k[1]?.name === '[') {
      const b = this.ev(k[0], scope);
      const inner = k.slice(2).filter((c) => c.name !== ']');
      if (inner.length !== 1) return unknown('subscript');
      const idx = this.ev(inner[0], scope);
      if (b.kind === 'ref' && ENV_MAPS.includes(b.path)) {
        const name = literalText(toWord(idx));
        return envRead(name);
      }
      if (b.kind === 'object') {
        const key = literalText(toWord(idx));
        const found = key === null ? undefined : [...b.entries].reverse().find(([x]) => x === key);
        return found ? found[1] : unknown('missing key');
      }
      if (b.kind === 'array' && idx.kind === 'number') return b.items.at(idx.value) ?? unknown('missing item');
      return unknown('subscript');
    }
    return unknown('expression');
  }

  private attribute(b: PyVal, prop: string): PyVal {
    if (b.kind === 'ref') {
      const path = `${b.path}.${prop}`;
      const constant = sdkConstant('python', path);
      return this.attrs.get(path) ?? (constant !== undefined ? { kind: 'string', word: litWord(constant) } : { kind: 'ref', path });
    }
    if (b.kind === 'client') return { kind: 'clientattr', client: b.client, path: [prop] };
    if (b.kind === 'clientattr') return { kind: 'clientattr', client: b.client, path: [...b.path, prop] };
    if (b.kind === 'unknown') return unknown(describe(`${/^[A-Za-z_][\w.]*$/.test(b.text) ? b.text : 'expression'}.${prop}`));
    return unknown('attribute');
  }

  private dotted(n: SyntaxNode): string | null {
    const t = this.src(n);
    return /^[A-Za-z_]\w*(\.[A-Za-z_]\w*)*$/.test(t) ? t : null;
  }
  /** `self.config` with its base resolved through imports. */
  private dottedResolved(n: SyntaxNode, scope: Scope): string | null {
    if (n.name !== 'MemberExpression') return null;
    const k = this.kids(n);
    if (k[1]?.name !== '.' || !k[2]) return null;
    const b = this.ev(k[0], scope);
    return b.kind === 'ref' ? `${b.path}.${this.src(k[2])}` : null;
  }

  private binaryAdd(a: PyVal, b: PyVal): PyVal {
    if (a.kind === 'number' && b.kind === 'number') return { kind: 'number', value: a.value + b.value };
    this.cost(sizeOf(a) + sizeOf(b));
    if (a.kind === 'array' && b.kind === 'array') return { kind: 'array', items: [...a.items, ...b.items].slice(0, MAX_ITEMS) };
    if ((a.kind === 'string' || b.kind === 'string') && a.kind !== 'array' && b.kind !== 'array' && a.kind !== 'object' && b.kind !== 'object')
      return { kind: 'string', word: capWord(concatWords(toWord(a), toWord(b))) };
    return unknown('sum');
  }

  private binary(n: SyntaxNode, scope: Scope): PyVal {
    const k = this.kids(n);
    if (k.length < 3) {
      for (const c of k) this.ev(c, scope);
      return unknown('expression');
    }
    const op = this.src(k[1]);
    const a = this.ev(k[0], scope);
    if (op === 'or' || op === 'and') {
      const b = this.ev(k[2], scope);
      const ta = truthy(a);
      if (op === 'and') return ta === false ? a : ta === true ? b : unknown('and expression');
      if (ta === true) return a;
      if (ta === false) return b;
      // os.environ.get("X") or "default": the variable, with the text's default.
      if (a.kind === 'string' && a.word.parts.length === 1 && a.word.parts[0].kind === 'env' && !a.word.parts[0].fallback && b.kind === 'string') {
        const fb = literalText(b.word);
        if (fb !== null) return { kind: 'string', word: { parts: [{ ...a.word.parts[0], fallback: fb }] } };
      }
      if (a.kind === 'string' && a.word.parts.some((p) => p.kind === 'env')) return a;
      if (b.kind === 'client') return b;
      return unknown('or expression');
    }
    const b = this.ev(k[2], scope);
    switch (op) {
      case '+':
        return this.binaryAdd(a, b);
      case '-':
      case '*':
      case '/':
      case '//':
        if (a.kind === 'number' && b.kind === 'number') {
          const v = op === '-' ? a.value - b.value : op === '*' ? a.value * b.value : op === '/' ? a.value / b.value : Math.floor(a.value / b.value);
          return Number.isFinite(v) ? { kind: 'number', value: v } : unknown('number');
        }
        return unknown('arithmetic');
      case '%':
        if (a.kind === 'string') return { kind: 'string', word: percentFormat(a.word, b) };
        return unknown('arithmetic');
      case '|':
        if (a.kind === 'object' && b.kind === 'object') return { kind: 'object', entries: [...a.entries.filter(([x]) => !b.entries.some(([y]) => y === x)), ...b.entries] };
        if (b.kind === 'client') return unknown('chain');
        return unknown('expression');
      default:
        return unknown('comparison');
    }
  }

  // ------------------------------------------------------------ calls

  private callArgs(list: SyntaxNode | null, scope: Scope): CallArgs {
    const out: CallArgs = { positional: [], kwargs: [], unknownSplat: false };
    if (!list) return out;
    const k = this.kids(list).filter((c) => c.name !== '(' && c.name !== ')');
    let seg: SyntaxNode[] = [];
    const flush = () => {
      if (!seg.length) return;
      const s = seg;
      seg = [];
      if (s[0].name === '**') {
        const v = s[1] ? this.ev(s[1], scope) : unknown('expression');
        if (v.kind === 'object') for (const [a, b] of v.entries) out.kwargs.push([a, b]);
        else out.unknownSplat = true;
        return;
      }
      if (s[0].name === '*') {
        const v = s[1] ? this.ev(s[1], scope) : unknown('expression');
        if (v.kind === 'array') out.positional.push(...v.items);
        else out.unknownSplat = true;
        return;
      }
      if (s[0].name === 'VariableName' && s[1]?.name === 'AssignOp') {
        const valueNodes = s.slice(2);
        out.kwargs.push([this.src(s[0]), this.argValue(valueNodes, scope)]);
        return;
      }
      if (s.some((c) => c.name === 'for')) {
        out.positional.push(unknown('generator'));
        return;
      }
      out.positional.push(this.argValue(s, scope));
    };
    for (const c of k) {
      if (c.name === ',') flush();
      else seg.push(c);
    }
    flush();
    return out;
  }

  /**
   * An argument's value. When the tolerant parse broke it (`api_key=<YOUR_KEY>`,
   * an unquoted token), the raw text stands as a literal if it is a single
   * placeholder-like token; anything else is unknown.
   */
  private argValue(nodes: SyntaxNode[], scope: Scope): PyVal {
    const broken = nodes.length !== 1 || nodes.some((c) => c.type.isError || hasError(c));
    if (!broken) return this.ev(nodes[0], scope);
    for (const c of nodes) if (!c.type.isError) this.scanCalls(c, scope);
    if (!nodes.length) return unknown('missing value');
    const raw = this.text.slice(nodes[0].from, nodes[nodes.length - 1].to).trim();
    if (/^<[^<>\n]{1,200}>$/.test(raw) || /^[\w.$\-{}]{1,200}$/.test(raw)) {
      this.warn('guessed_syntax', 'An argument is not valid Python (an unquoted placeholder?); its text was read as a literal.', this.lineOf(nodes[0].from));
      return { kind: 'string', word: litWord(raw) };
    }
    return unknown('unparsable argument');
  }

  private call(n: SyntaxNode, scope: Scope): PyVal {
    const k = this.kids(n);
    const callee = k[0];
    const list = n.getChild('ArgList');
    if (!callee) return unknown('call');
    const line = this.lineOf(n.from);
    // Method call: evaluate the receiver, then dispatch on what it is.
    if (callee.name === 'MemberExpression') {
      const ck = this.kids(callee);
      if (ck[1]?.name === '.' && ck[2]) {
        const method = this.src(ck[2]);
        const recv = this.ev(ck[0], scope);
        const args = this.callArgs(list, scope);
        return this.callMethod(recv, method, args, n, ck[0], scope, line);
      }
    }
    const f = this.ev(callee, scope);
    const args = this.callArgs(list, scope);
    if (f.kind === 'ref') return this.callRef(f.path, args, n, line);
    if (f.kind === 'func') return this.invoke(f.fn, args);
    return unknown('call result');
  }

  private callMethod(recv: PyVal, method: string, args: CallArgs, node: SyntaxNode, recvNode: SyntaxNode, scope: Scope, line: number): PyVal {
    switch (recv.kind) {
      case 'ref':
        return this.callRef(`${recv.path}.${method}`, args, node, line);
      case 'client':
        return this.clientMethod(recv.client, [method], args, node, line);
      case 'clientattr':
        return this.clientMethod(recv.client, [...recv.path, method], args, node, line);
      case 'func':
        return unknown('call result');
      case 'string':
        return stringMethod(recv.word, method, args);
      case 'jsontext':
        return method === 'encode' ? recv : unknown('string method');
      case 'object':
      case 'array':
        return this.containerMethod(recv, method, args, recvNode, scope);
      case 'unknown': {
        // A client the snippet builds elsewhere (`client = make_client()` or a fragment).
        const frag = fragmentSdkOf('python', ['?', ...recv.text.split('.'), method]);
        if (frag) return this.fragmentCall(frag.sdk, frag.method, args, node, line);
        return unknown(describe(`${/^[A-Za-z_][\w.]*$/.test(recv.text) ? recv.text : 'expression'}.${method}`) + '()');
      }
      default:
        return unknown('call result');
    }
  }

  private containerMethod(recv: Value, method: string, args: CallArgs, recvNode: SyntaxNode, scope: Scope): PyVal {
    if (recv.kind === 'object') {
      if (method === 'get') {
        const key = args.positional[0] ? literalText(toWord(args.positional[0])) : null;
        const hit = key === null ? undefined : recv.entries.find(([x]) => x === key);
        return hit ? hit[1] : (args.positional[1] ?? NONE);
      }
      if (method === 'copy') return recv;
      if (method === 'update' || method === 'setdefault') {
        const add: Array<[string, Value]> = [];
        if (method === 'update') {
          const p = args.positional[0];
          if (p?.kind === 'object') add.push(...p.entries);
          for (const [a, b] of args.kwargs) add.push([a, toValue(b)]);
        } else {
          const key = args.positional[0] ? literalText(toWord(args.positional[0])) : null;
          if (key !== null && !recv.entries.some(([x]) => x === key)) add.push([key, toValue(args.positional[1] ?? NONE)]);
        }
        this.mutate(recvNode, scope, (old) =>
          old.kind === 'object' ? { kind: 'object', entries: [...old.entries.filter(([x]) => !add.some(([y]) => y === x)), ...add] } : old,
        );
        return NONE;
      }
    }
    if (recv.kind === 'array' && (method === 'append' || method === 'extend')) {
      const add = method === 'append' ? [toValue(args.positional[0] ?? NONE)] : args.positional[0]?.kind === 'array' ? args.positional[0].items : [];
      this.mutate(recvNode, scope, (old) => (old.kind === 'array' && old.items.length < MAX_ITEMS ? { kind: 'array', items: [...old.items, ...add] } : old));
      return NONE;
    }
    return unknown('method result');
  }

  private callRef(path: string, args: CallArgs, node: SyntaxNode, line: number): PyVal {
    const pos = node.from;
    // A class of the snippet: its __init__ sees the constructor's arguments (instances share `self.`).
    const cls = this.classes.get(path);
    if (cls) {
      const init = cls.vars.get('__init__');
      if (init?.kind === 'func') this.invoke(init.fn, args);
      return { kind: 'ref', path: 'self' };
    }
    // `bot.chat("hi")` / `self.helper(x)` on an instance: the method of a snippet class.
    const method = /^self\.(\w+)$/.exec(path);
    if (method) {
      for (const c of this.classes.values()) {
        const m = c.vars.get(method[1]);
        if (m?.kind === 'func') return this.invoke(m.fn, args);
      }
    }
    // Builtins.
    if (path === 'dict') {
      const base = args.positional[0];
      const entries: Array<[string, Value]> = base?.kind === 'object' ? [...base.entries] : [];
      for (const [a, b] of args.kwargs) entries.push([a, toValue(b)]);
      return { kind: 'object', entries };
    }
    if (path === 'list' || path === 'tuple') return args.positional[0]?.kind === 'array' ? args.positional[0] : unknown('list');
    if (path === 'str') return args.positional[0] ? { kind: 'string', word: toWord(args.positional[0]) } : { kind: 'string', word: litWord('') };
    if ((path === 'int' || path === 'float') && args.positional[0]) {
      const v = args.positional[0];
      if (v.kind === 'number') return v;
      const t = v.kind === 'string' ? literalText(v.word) : null;
      const num = t === null ? NaN : Number(t.trim());
      return t !== null && t.trim() !== '' && Number.isFinite(num) ? { kind: 'number', value: num } : unknown(path + '()');
    }
    // Environment and secrets.
    if (ENV_GET.includes(path) || path === 'getenv' || path === 'environ.get') {
      const name = args.positional[0] ? literalText(toWord(args.positional[0])) : null;
      const dflt = args.positional[1] ?? kwarg(args.kwargs, ['default']);
      const fb = dflt && dflt.kind === 'string' ? literalText(dflt.word) : null;
      if (path.endsWith('setdefault') && name && isEnvName(name) && dflt && !this.pasteEnv.has(name)) this.pasteEnv.set(name, toWord(dflt));
      return envRead(name, fb ?? undefined);
    }
    if (path === 'os.environ.update') {
      const o = args.positional[0];
      if (o?.kind === 'object') for (const [a, b] of o.entries) if (isEnvName(a)) this.pasteEnv.set(a, toWord(b));
      return NONE;
    }
    if (path === 'json.dumps') return args.positional[0] ? { kind: 'jsontext', value: toValue(args.positional[0]) } : unknown('json.dumps()');
    if (path === 'json.loads') {
      const t = args.positional[0] ? literalText(toWord(args.positional[0])) : null;
      if (t !== null) {
        try {
          return valueFromJson(JSON.parse(t));
        } catch {
          /* not JSON */
        }
      }
      return unknown('json.loads()');
    }
    // SecretStr(x), AzureKeyCredential(x) (grammar/sdks/_shared.yaml key_wrappers) wrap a key without changing where it comes from.
    if (args.positional[0] && isKeyWrapper('python', path)) return args.positional[0];
    if (nameMatches(path, 'langchain.chat_models.init_chat_model') || path === 'init_chat_model') return this.initChatModel(args, node, line);
    if (path.startsWith('google.genai.types.') || path.startsWith('genai.types.')) {
      return { kind: 'object', entries: args.kwargs.map(([a, b]) => [a, toValue(b)]) };
    }
    // `createHeaders(api_key=..., provider=...)` (grammar/sdks/ header_builders): the headers object it builds.
    const header = headerBuilder('python', path);
    if (header) return { kind: 'object', entries: args.kwargs.map(([k, v]) => [header(k), toValue(v)]) };
    // SDK constructors, SDK functions, module-level SDK calls.
    const ctor = sdkByNameOf('python', path, ['client', 'model', 'provider']);
    if (ctor) return this.construct(ctor, args, node, line);
    const fn = sdkByNameOf('python', path, ['function']);
    if (fn) {
      const method = path.split('.').pop()!;
      const ep = endpointOf(fn, method) ?? endpointOf(fn, normaliseMethod(path.split('.').slice(-2)));
      const name = endpointOf(fn, method) ? method : normaliseMethod(path.split('.').slice(-2));
      if (ep) this.recordSdk(pos, this.sdkCallOf(fn, [], name, args, line, true));
      return unknown('response');
    }
    const mod = moduleSdk(path);
    if (mod) {
      this.recordSdk(pos, this.sdkCallOf(mod.sdk, [], mod.method, args, line, true));
      return unknown('response');
    }
    // Raw HTTP.
    const http = this.rawHttp(path, args, node, line);
    if (http) return http;
    const what = unsupportedLabel('python', path);
    if (what) {
      this.warn('unsupported_client', `Requests made through ${what} are not supported; they are skipped.`, line);
      return unknown('unsupported client');
    }
    // `instructor.from_openai(client)`, `wrap_openai(client)`: a wrapper returns the client it wraps.
    const wrapped = args.positional.find((a) => a.kind === 'client');
    if (wrapped) return wrapped;
    // A call on a client the snippet never builds: `client.chat.completions.create(...)` in a fragment.
    const segs = path.split('.');
    if (segs.length >= 3 && !BUILTINS.has(segs[0])) {
      const frag = fragmentSdkOf('python', segs);
      if (frag) return this.fragmentCall(frag.sdk, frag.method, args, node, line);
    }
    // An SDK this parser does not know, given a base URL (`SambaNova(base_url=..., api_key=...)`):
    // vendor SDKs are mostly clones of the OpenAI SDK, so it is read as an OpenAI-compatible client.
    const last = segs[segs.length - 1];
    const compat = fallbackSdk('python');
    if (compat && /^[A-Z]/.test(last) && kwarg(args.kwargs, compat.args.base_url)) {
      this.warn('unsupported_client', `${describe(last)} is not a known SDK; it is read as an OpenAI-compatible client at the base URL it is given.`, line);
      return this.construct(compat, args, node, line);
    }
    return unknown(describe(path) + '()');
  }

  /**
   * LangChain's `init_chat_model("provider:model")` / `(model, model_provider=...)`:
   * the chat model class of that provider, built with the same keywords. With
   * no provider, LangChain infers it from the model name (its
   * `_attempt_infer_model_provider`); the same prefixes are used here.
   */
  private initChatModel(args: CallArgs, node: SyntaxNode, line: number): PyVal {
    const modelV = kwarg(args.kwargs, ['model']) ?? args.positional[0];
    let model = modelV ? literalText(toWord(modelV)) : null;
    const pv = kwarg(args.kwargs, ['model_provider']);
    let provider = pv ? literalText(toWord(pv)) : null;
    if (!provider && model && /^[a-z_]+:/.test(model)) {
      provider = model.slice(0, model.indexOf(':'));
      model = model.slice(model.indexOf(':') + 1);
    }
    if (!provider && model) provider = inferLangchainProvider(model);
    const sdk = provider ? langchainModel(provider) : undefined;
    if (!sdk) {
      this.warn('unsupported_client', 'init_chat_model names a provider this parser does not know; the request is skipped.', line);
      return unknown('chat model');
    }
    const kwargs: Array<[string, PyVal]> = args.kwargs.filter(([k]) => k !== 'model' && k !== 'model_provider' && k !== 'configurable_fields' && k !== 'config_prefix');
    if (modelV) kwargs.unshift(['model', model !== null ? { kind: 'string', word: litWord(model) } : modelV]);
    return this.construct(sdk, { positional: [], kwargs, unknownSplat: args.unknownSplat }, node, line);
  }

  private fragmentCall(sdk: SdkEntry, method: string, args: CallArgs, node: SyntaxNode, line: number): PyVal {
    this.recordSdk(node.from, { ...this.sdkCallOf(sdk, [], method, args, line), ctor: null });
    return unknown('response');
  }

  private construct(sdk: SdkEntry, args: CallArgs, node: SyntaxNode, line: number): PyVal {
    const c: ClientObj = { id: this.clients.length, kind: 'sdk', sdk, opts: [...args.kwargs], headers: [], params: [], line, pos: node.from };
    // Positional constructor arguments, by the keyword names the data gives them (`cohere.ClientV2("key")`, `Agent("openai:gpt-4o")`).
    sdk.positional.forEach((name, i) => {
      const v = args.positional[i];
      if (v && !c.opts.some(([k]) => k === name)) c.opts.unshift([name, v]);
    });
    this.clients.push(c);
    // A model given another SDK model object (`Agent(OpenAIChatModel(...))`) sends through it: that object's construction is the call.
    const given = c.opts.find(([k]) => sdk.args.model?.includes(k))?.[1];
    const wraps = given?.kind === 'client' && given.client.sdk?.kind === 'model';
    if (sdk.kind === 'model' && !wraps) this.recordSdk(node.from, this.sdkCallOf(sdk, c.opts, null, NO_ARGS, line));
    return { kind: 'client', client: c };
  }

  private clientMethod(c: ClientObj, path: string[], args: CallArgs, node: SyntaxNode, line: number): PyVal {
    const last = path[path.length - 1];
    if (c.kind === 'http') return this.httpMethod(c, path, args, node, line) ?? unknown('response');
    const sdk = c.sdk!;
    if (last === 'with_options' || last === 'copy') {
      const nc: ClientObj = { ...c, id: this.clients.length, opts: [...c.opts, ...args.kwargs] };
      return { kind: 'client', client: nc };
    }
    if (sdk.kind === 'model') {
      if (last === 'bind' || last === 'bind_tools' || last === 'with_structured_output' || last === 'with_config' || last === 'with_retry' || last === 'with_fallbacks') {
        if (last === 'bind' && args.kwargs.length) {
          c.opts.push(...args.kwargs);
          this.recordSdk(c.pos, this.sdkCallOf(sdk, c.opts, null, NO_ARGS, c.line), true);
        }
        return { kind: 'client', client: c };
      }
      return unknown('response');
    }
    if (path.length === 1 && path[0] === 'headers') return unknown('headers');
    const method = normaliseMethod(path);
    const ep = endpointOf(sdk, method);
    if (!ep) {
      // An attribute chain not yet a method (`client.chat`), or a method we do not model.
      return unknown('response');
    }
    this.usedClients.add(c);
    this.recordSdk(node.from, this.sdkCallOf(sdk, c.opts, method, args, line));
    return unknown('response');
  }

  // ------------------------------------------------------------ raw HTTP libraries

  private rawHttp(path: string, args: CallArgs, node: SyntaxNode, line: number): PyVal | null {
    const m = /^(requests|httpx|aiohttp)\.(\w+)$/.exec(path);
    if (m) {
      const lib = m[1] as 'requests' | 'httpx' | 'aiohttp';
      const fn = m[2];
      if (['Session', 'session', 'Client', 'AsyncClient', 'ClientSession'].includes(fn)) return this.httpSession(lib, args, node, line);
      if (HTTP_VERBS[fn]) {
        this.record(node.from, httpCall({ lib, method: HTTP_VERBS[fn], url: args.positional[0] ?? kwarg(args.kwargs, ['url']), args, line }, this));
        return unknown('response');
      }
      if (fn === 'request' || fn === 'stream') {
        const method = literalText(toWord(args.positional[0] ?? kwarg(args.kwargs, ['method']) ?? NONE)) ?? 'POST';
        this.record(node.from, httpCall({ lib, method: method.toUpperCase(), url: args.positional[1] ?? kwarg(args.kwargs, ['url']), args, line }, this));
        return unknown('response');
      }
      return null;
    }
    if (path === 'urllib.request.Request' || path === 'request.Request' || path === 'Request') {
      const data = args.positional[1] ?? kwarg(args.kwargs, ['data']);
      const mv = kwarg(args.kwargs, ['method']);
      const method = (mv ? literalText(toWord(mv)) : null) ?? (data ? 'POST' : 'GET');
      const headersArg = args.positional[2];
      const a: CallArgs = headersArg ? { ...args, kwargs: [...args.kwargs, ['headers', headersArg]] } : args;
      this.record(node.from, httpCall({ lib: 'urllib', method: method.toUpperCase(), url: args.positional[0] ?? kwarg(args.kwargs, ['url']), args: a, line, bodyValue: data }, this));
      return unknown('request');
    }
    if (/^http\.client\.HTTPS?Connection$|^HTTPS?Connection$/.test(path)) {
      const host = args.positional[0] ?? kwarg(args.kwargs, ['host']);
      const scheme = /HTTPSConnection$/.test(path) ? 'https://' : 'http://';
      const c: ClientObj = { id: this.clients.length, kind: 'http', http: 'http.client', opts: [], headers: [], params: [], line, pos: node.from };
      if (host) c.baseUrl = concatWords(litWord(scheme), toWord(host));
      this.clients.push(c);
      return { kind: 'client', client: c };
    }
    return null;
  }

  private httpSession(lib: 'requests' | 'httpx' | 'aiohttp', args: CallArgs, node: SyntaxNode, line: number): PyVal {
    const c: ClientObj = { id: this.clients.length, kind: 'http', http: lib, opts: [...args.kwargs], headers: [], params: [], line, pos: node.from };
    const base = kwarg(args.kwargs, ['base_url']) ?? (lib === 'aiohttp' ? args.positional[0] : undefined);
    if (base) c.baseUrl = toWord(base);
    c.headers = pairsOf(kwarg(args.kwargs, ['headers'])) ?? [];
    c.params = pairsOf(kwarg(args.kwargs, ['params'])) ?? [];
    const auth = kwarg(args.kwargs, ['auth']);
    if (auth?.kind === 'array' && auth.items.length === 2) c.basicAuth = concatWords(toWord(auth.items[0]), litWord(':'), toWord(auth.items[1]));
    this.clients.push(c);
    return { kind: 'client', client: c };
  }

  private httpMethod(c: ClientObj, path: string[], args: CallArgs, node: SyntaxNode, line: number): PyVal | null {
    const last = path[path.length - 1];
    const lib = c.http ?? 'requests';
    if (path[0] === 'headers' && path.length === 2 && last === 'update') {
      for (const [k, v] of pairsOf(args.positional[0]) ?? []) {
        const i = c.headers.findIndex(([x]) => x.toLowerCase() === k.toLowerCase());
        if (i >= 0) c.headers.splice(i, 1);
        c.headers.push([k, v]);
      }
      for (const [k, v] of args.kwargs) c.headers.push([k, toWord(v)]);
      return NONE;
    }
    if (path.length !== 1) return null;
    if (lib === 'http.client' && last === 'request') {
      const method = literalText(toWord(args.positional[0] ?? NONE)) ?? 'POST';
      const body = args.positional[2] ?? kwarg(args.kwargs, ['body']);
      const hdr = args.positional[3];
      const a: CallArgs = hdr ? { ...args, kwargs: [...args.kwargs, ['headers', hdr]] } : args;
      this.record(node.from, httpCall({ lib, method: method.toUpperCase(), url: args.positional[1], args: a, session: c, line, bodyValue: body }, this));
      return unknown('response');
    }
    if (HTTP_VERBS[last]) {
      this.record(node.from, httpCall({ lib, method: HTTP_VERBS[last], url: args.positional[0] ?? kwarg(args.kwargs, ['url']), args, session: c, line }, this));
      return unknown('response');
    }
    if (last === 'request' || last === 'stream' || last === 'build_request') {
      const method = literalText(toWord(args.positional[0] ?? kwarg(args.kwargs, ['method']) ?? NONE)) ?? 'POST';
      this.record(node.from, httpCall({ lib, method: method.toUpperCase(), url: args.positional[1] ?? kwarg(args.kwargs, ['url']), args, session: c, line }, this));
      return unknown('response');
    }
    return null;
  }

  /** The SdkCall a constructor's keywords and a call's arguments make; module calls carry the module's settings. */
  private sdkCallOf(sdk: SdkEntry, ctor: Array<[string, PyVal]>, method: string | null, args: CallArgs, line: number, moduleCall = false): SdkCall {
    const call: SdkCall = {
      kind: 'sdk',
      sdk: sdk.id,
      ctor: ctor.map(([k, v]) => [k, toValue(v)]),
      method,
      kwargs: args.kwargs.map(([k, v]) => [k, toValue(v)]),
      positional: args.positional.map(toValue),
      unknownSplat: args.unknownSplat,
      line,
    };
    // Keywords holding another SDK object (a pydantic-ai provider, the client it is given): its own constructor entries.
    const nested = ctor.filter(([, v]) => v.kind === 'client' && v.client.kind === 'sdk' && (v.client.sdk?.kind === 'provider' || v.client.sdk?.kind === 'client'));
    if (nested.length) call.nested = nested.map(([k, v]) => [k, this.sdkCallOf((v as { client: ClientObj }).client.sdk!, (v as { client: ClientObj }).client.opts, null, NO_ARGS, line)]);
    const m = sdk.module?.name;
    if (moduleCall && m) call.module = [...this.attrs.entries()].filter(([k]) => k.startsWith(m + '.')).map(([k, v]) => [k.slice(m.length + 1), toValue(v)]);
    return call;
  }


}

// ------------------------------------------------------------ module helpers

/** A rough size for cost accounting: characters / 64 of text, items of containers. */
function sizeOf(v: PyVal): number {
  if (v.kind === 'string') return v.word.parts.reduce((n, p) => n + (p.kind === 'lit' ? p.text.length : 8), 0) / 64;
  if (v.kind === 'array') return v.items.length;
  if (v.kind === 'object') return v.entries.length;
  return 1;
}

function hasError(n: SyntaxNode): boolean {
  let found = false;
  const c = n.cursor();
  do {
    if (c.type.isError) {
      found = true;
      break;
    }
  } while (c.next() && c.from < n.to);
  return found;
}



function renderKey(w: Word): string {
  return w.parts.map((p) => (p.kind === 'lit' ? p.text : p.kind === 'env' ? '${' + p.name + '}' : '<?>')).join('');
}
