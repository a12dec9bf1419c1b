// Walks an ESTree program (acorn, acorn-typescript or acorn-loose) as a tiny,
// side-effect-free interpreter: it binds names (imports, `require`, const/let/
// var with destructuring, `headers["X"] = ...` mutations, `this.client = ...`),
// evaluates the expressions that matter (strings, templates, `+`, objects with
// spread, `??` / `||` defaults, `JSON.stringify`, env reads from `process.env`,
// `import.meta.env`, `Deno.env.get`, `Bun.env` and Workers' `env`), and records
// every request the code would send (build.ts assembles each one). TypeScript
// syntax (`as`, `!`, `satisfies`, annotations, generics) is transparent.
// Guarantees: nothing is executed; evaluation is bounded (recursion depth, a
// step budget, capped strings and containers, each function body evaluated at
// most once), so any input finishes in time linear in its size; an expression
// it cannot evaluate becomes an explicit `unknown` value; warnings never quote
// a literal from the input.
import { concatWords, lit, litWord, literalText, valueFromJson, type Word } from '../call/model.js';
import { axiosCall, fetchCall, opt, pairsOf, type BuildEnv } from './build.js';
import { Evaluator, MAX_FUNC_DEPTH, MAX_ITEMS, Scope as ScopeOf, type WalkResult } from '../eval/evaluator.js';
import { capWord, describe, envRead, isEnvName, str, unknown } from '../eval/values.js';
import type { SdkCall, Value } from '../call/model.js';
import { safeEncode } from '../call/url.js';
import { endpointOf, fallbackSdk, useSdks, fragmentSdk as fragmentSdkOf, headerBuilder, instanceSdk, isKeyWrapper, normaliseMethod, sdkById, sdkByName as sdkByNameOf, sdkConstant, unsupportedLabel, type Sdk as SdkEntry } from '../sdk/data.js';
import javascriptSdks from '../generated/sdks-javascript.js';
import {
  isAbsent,
  NULL,
  setPath,
  toValue,
  toWord,
  truthy,
  UNDEF,
  type AiModelVal,
  type ClientObj,
  type FuncDef,
  type JsObject,
  type JsVal,
} from './values.js';

// This language's SDK bindings (src/sdk/data.ts): loaded with its front-end only.
useSdks('javascript', javascriptSdks);

/** An ESTree node as the three parsers produce it. */
type N = { type: string; start: number; end: number; [k: string]: any };

const MAX_DEPTH = 160;

class Scope extends ScopeOf<JsVal> {}

const FETCH_NAMES = new Set(['fetch', 'globalThis.fetch', 'window.fetch', 'self.fetch', 'node-fetch:default', 'node-fetch:*', 'cross-fetch:default', 'cross-fetch:*', 'undici:fetch', 'isomorphic-unfetch:default', 'ky:default']);
const HTTP_VERBS: Record<string, string> = { post: 'POST', get: 'GET', put: 'PUT', patch: 'PATCH', delete: 'DELETE', head: 'HEAD', options: 'OPTIONS' };
/** `ref` paths whose members are environment variables. */
const ENV_OBJECTS = new Set(['process.env', 'import.meta.env', 'Bun.env', 'env', 'globalThis.process.env', 'node:process:default.env', 'node:process:env', 'process:default.env', 'process:env']);


export class Walker extends Evaluator implements BuildEnv {
  /** `this.x = ...` and other assignments to names the snippet does not bind, keyed by dotted path. */
  private readonly attrs = new Map<string, JsVal>();
  private readonly clients: ClientObj[] = [];
  private readonly models: AiModelVal[] = [];
  private readonly usedModels = new Set<AiModelVal>();
  private readonly funcs: FuncDef[] = [];
  private readonly funcByNode = new Map<unknown, FuncDef>();
  private readonly classes = new Map<string, { ctor: FuncDef | null }>();
  private readonly instances = new Map<string, JsVal>();
  private readonly root = new Scope(null);
  private returns: JsVal[] | null = null;

  constructor(text: string) {
    super(text);
  }


  // ------------------------------------------------------------ entry

  run(program: N): WalkResult {
    this.execBlock(program.body ?? [], this.root);
    // Functions nobody called (an `async function main()` never invoked, route handlers, Worker `fetch` methods) still show the calls they make.
    for (let i = 0; i < this.funcs.length && i < 5_000; i++) {
      const f = this.funcs[i];
      if (f.state === 'new') this.invoke(f, []);
    }
    const model = this.models.find((m) => !this.usedModels.has(m));
    const built = this.clients.filter((c) => c.kind === 'sdk' && c.sdk?.kind === 'client');
    const unsent = model
      ? { call: this.modelCallOf(model, this.lineOf(model.pos)), pos: model.pos, what: 'model' as const, count: 1 }
      : built.length
        ? { call: this.sdkCallOf(built[0], null, [], built[0].line), pos: built[0].pos, what: 'client' as const, count: built.length }
        : null;
    return this.result(unsent, this.root.vars, /^[A-Za-z_$][\w$]*$/);
  }


  // ------------------------------------------------------------ helpers



  /**
   * The SdkCall of a client method: the parameters object's entries are the
   * request's fields, the second argument its request options.
   */
  private sdkCallOf(c: ClientObj, method: string | null, args: JsVal[], line: number): SdkCall {
    const [params, options] = args;
    if (params && params.kind !== 'object' && !isAbsent(params)) this.warn('unknown_value', 'The request parameters could not be evaluated; model and fields are unknown.', line);
    return {
      kind: 'sdk',
      sdk: c.sdk!.id,
      ctor: entriesOf(c.opts),
      method,
      kwargs: params?.kind === 'object' ? entriesOf(params.entries) : [],
      positional: [],
      options: options ? toValue(options) : undefined,
      line,
    };
  }

  /** A Vercel AI SDK model (`provider.chat("id")`): its provider, the method that made it, the model id. */
  private modelCallOf(m: AiModelVal, line: number): SdkCall {
    return { ...this.sdkCallOf(m.client, m.method, [], line), positional: [m.model] };
  }





  // ------------------------------------------------------------ statements

  private execBlock(stmts: N[], scope: Scope): void {
    if (!Array.isArray(stmts)) return;
    // Function declarations are hoisted: bind them before the statements run.
    for (const s of stmts) {
      const d = s?.type === 'ExportNamedDeclaration' || s?.type === 'ExportDefaultDeclaration' ? s.declaration : s;
      if (d?.type === 'FunctionDeclaration' && d.id?.name) scope.vars.set(d.id.name, this.funcValue(d, scope, d.id.name));
    }
    for (const s of stmts) this.exec(s, scope);
  }

  private exec(n: N | null | undefined, scope: Scope): void {
    if (!n || typeof n !== 'object') return;
    if (!this.tick() || this.depth > MAX_DEPTH) {
      if (this.depth > MAX_DEPTH) this.exhausted = true;
      return;
    }
    this.depth++;
    try {
      this.execInner(n, scope);
    } finally {
      this.depth--;
    }
  }

  private execInner(n: N, scope: Scope): void {
    switch (n.type) {
      case 'Program':
      case 'StaticBlock':
        return this.execBlock(n.body, scope);
      case 'BlockStatement':
        return this.execBlock(n.body, new Scope(scope));
      case 'VariableDeclaration':
        for (const d of n.declarations ?? []) {
          const v = d.init ? this.ev(d.init, scope) : UNDEF;
          this.assignPattern(d.id, v, scope, true);
        }
        return;
      case 'ExpressionStatement':
        this.ev(n.expression, scope);
        return;
      case 'FunctionDeclaration':
        // Hoisted already when named; an anonymous `export default function (req) {...}` still runs at the end.
        if (n.id?.name) {
          if (!scope.vars.has(n.id.name)) scope.vars.set(n.id.name, this.funcValue(n, scope, n.id.name));
        } else this.funcValue(n, scope, 'default');
        return;
      case 'ClassDeclaration':
        this.execClass(n, scope);
        return;
      case 'ReturnStatement': {
        const v = n.argument ? this.ev(n.argument, scope) : UNDEF;
        this.returns?.push(v);
        return;
      }
      case 'IfStatement':
        this.ev(n.test, scope);
        this.exec(n.consequent, scope);
        this.exec(n.alternate, scope);
        return;
      case 'ForStatement': {
        const s = new Scope(scope);
        if (n.init) n.init.type === 'VariableDeclaration' ? this.exec(n.init, s) : this.ev(n.init, s);
        if (n.test) this.ev(n.test, s);
        this.exec(n.body, s);
        return;
      }
      case 'ForInStatement':
      case 'ForOfStatement': {
        const s = new Scope(scope);
        this.ev(n.right, s);
        const left = n.left?.type === 'VariableDeclaration' ? n.left.declarations?.[0]?.id : n.left;
        if (left) this.assignPattern(left, unknown('loop item'), s, true);
        this.exec(n.body, s);
        return;
      }
      case 'WhileStatement':
      case 'DoWhileStatement':
        this.ev(n.test, scope);
        this.exec(n.body, scope);
        return;
      case 'TryStatement': {
        this.exec(n.block, scope);
        if (n.handler) {
          const s = new Scope(scope);
          if (n.handler.param) this.assignPattern(n.handler.param, unknown('error'), s, true);
          this.exec(n.handler.body, s);
        }
        this.exec(n.finalizer, scope);
        return;
      }
      case 'SwitchStatement':
        this.ev(n.discriminant, scope);
        for (const c of n.cases ?? []) {
          if (c.test) this.ev(c.test, scope);
          this.execBlock(c.consequent, scope);
        }
        return;
      case 'LabeledStatement':
      case 'WithStatement':
        this.exec(n.body, scope);
        return;
      case 'ThrowStatement':
        this.ev(n.argument, scope);
        return;
      case 'ImportDeclaration':
        return this.execImport(n, scope);
      case 'ExportNamedDeclaration':
        if (n.declaration) this.exec(n.declaration, scope);
        return;
      case 'ExportDefaultDeclaration': {
        const d = n.declaration;
        if (!d) return;
        if (d.type === 'FunctionDeclaration' || d.type === 'ClassDeclaration') this.exec(d, scope);
        else this.ev(d, scope);
        return;
      }
      case 'TSImportEqualsDeclaration': {
        // `import OpenAI = require("openai")`
        const ref = n.moduleReference;
        const mod = ref?.expression?.value;
        if (n.id?.name && typeof mod === 'string') scope.vars.set(n.id.name, { kind: 'ref', path: `${mod}:*` });
        return;
      }
      case 'TSExportAssignment':
        this.ev(n.expression, scope);
        return;
      case 'TSModuleDeclaration':
        if (n.body?.type === 'TSModuleBlock') this.execBlock(n.body.body, new Scope(scope));
        return;
      default:
        // Type declarations, empty statements, `debugger`, what the tolerant parse left: nothing runs.
        return;
    }
  }

  private execImport(n: N, scope: Scope): void {
    const mod = n.source?.value;
    if (typeof mod !== 'string') return;
    if (n.importKind === 'type') return;
    for (const s of n.specifiers ?? []) {
      const local = s.local?.name;
      if (!local || s.importKind === 'type') continue;
      let path: string;
      if (s.type === 'ImportDefaultSpecifier') path = `${mod}:default`;
      else if (s.type === 'ImportNamespaceSpecifier') path = `${mod}:*`;
      else path = `${mod}:${s.imported?.name ?? s.imported?.value ?? local}`;
      scope.vars.set(local, this.refValue(path, n.start));
    }
  }

  /** An imported name; a ready-made SDK instance (`import { openai } from "@ai-sdk/openai"`) is a client built with no options. */
  private refValue(path: string, pos: number): JsVal {
    // A module constant the data knows (`import { PORTKEY_GATEWAY_URL } from "portkey-ai"`) is its value.
    const constant = sdkConstant('javascript', path);
    if (constant !== undefined) return str(constant);
    const inst = instanceSdk(path);
    if (!inst) return { kind: 'ref', path };
    let v = this.instances.get(path);
    if (!v) {
      v = this.construct(inst, UNDEF, pos);
      this.instances.set(path, v);
    }
    return v;
  }

  private execClass(n: N, scope: Scope): JsVal {
    const name: string = n.id?.name ?? 'class';
    let ctor: FuncDef | null = null;
    for (const m of n.body?.body ?? []) {
      if (m.type === 'MethodDefinition' && m.value) {
        const f = this.funcValue(m.value, scope, m.key?.name ?? 'method');
        if (m.kind === 'constructor') ctor = f.fn;
      } else if ((m.type === 'PropertyDefinition' || m.type === 'ClassProperty') && m.value && m.key?.type === 'Identifier') {
        const v = this.ev(m.value, scope);
        this.attrs.set(`this.${m.key.name}`, v);
      } else if (m.type === 'StaticBlock') this.exec(m, scope);
    }
    // Constructor parameter properties: `constructor(private client: OpenAI)` keep `this.client` unknown.
    this.classes.set(name, { ctor });
    const v: JsVal = { kind: 'ref', path: name };
    if (n.id?.name) scope.vars.set(n.id.name, v);
    return v;
  }

  // ------------------------------------------------------------ binding

  private bind(scope: Scope, name: string, v: JsVal, declare: boolean): void {
    if (declare) {
      scope.vars.set(name, v);
      return;
    }
    const owner = scope.owner(name) ?? this.root;
    owner.vars.set(name, v);
  }

  private assignPattern(p: N | null | undefined, v: JsVal, scope: Scope, declare: boolean): void {
    if (!p || this.depth > MAX_DEPTH) return;
    this.depth++;
    try {
      switch (p.type) {
        case 'Identifier':
          if (p.name !== '✖') this.bind(scope, p.name, v, declare);
          return;
        case 'AssignmentPattern': {
          const d = isAbsent(v) ? this.ev(p.right, scope) : v;
          return this.assignPattern(p.left, d, scope, declare);
        }
        case 'ObjectPattern':
          for (const prop of p.properties ?? []) {
            if (prop.type === 'RestElement') {
              this.assignPattern(prop.argument, unknown('rest of object'), scope, declare);
              continue;
            }
            const key = this.propKey(prop, scope);
            let target = prop.value;
            let fallback: N | undefined;
            if (target?.type === 'AssignmentPattern') {
              fallback = target.right;
              target = target.left;
            }
            let item: JsVal = key === null ? unknown('destructured value') : this.memberOf(v, key);
            if (fallback && key !== null && item.kind === 'string' && item.word.parts.length === 1 && item.word.parts[0].kind === 'env') {
              // `const { KEY = "default" } = process.env`: the variable, with the text's default.
              const fb = this.ev(fallback, scope);
              const t = fb.kind === 'string' ? literalText(fb.word) : null;
              if (t !== null) item = { kind: 'string', word: { parts: [{ ...item.word.parts[0], fallback: t }] } };
            } else if (fallback && isAbsent(item)) item = this.ev(fallback, scope);
            this.assignPattern(target, item, scope, declare);
          }
          return;
        case 'ArrayPattern':
          (p.elements ?? []).forEach((el: N | null, i: number) => {
            if (!el) return;
            if (el.type === 'RestElement') return this.assignPattern(el.argument, unknown('rest of array'), scope, declare);
            const item = v.kind === 'array' ? (v.items[i] ?? UNDEF) : unknown('unpacked value');
            this.assignPattern(el, item, scope, declare);
          });
          return;
        case 'RestElement':
          return this.assignPattern(p.argument, unknown('rest'), scope, declare);
        case 'MemberExpression':
          return this.assignMember(p, v, scope);
        case 'TSParameterProperty':
          return this.assignPattern(p.parameter, v, scope, declare);
        case 'TSAsExpression':
        case 'TSNonNullExpression':
        case 'TSSatisfiesExpression':
        case 'TSTypeAssertion':
        case 'ParenthesizedExpression':
          return this.assignPattern(p.expression, v, scope, declare);
        default:
          return;
      }
    } finally {
      this.depth--;
    }
  }

  /** `a.b = v`, `a["b"] = v`, `process.env.X = v`, `this.client = v`, `api.defaults.headers.common["Authorization"] = v`. */
  private assignMember(t: N, v: JsVal, scope: Scope): void {
    const key = this.memberKey(t, scope);
    if (key === null) return;
    const base = this.ev(t.object, scope);
    if (base.kind === 'ref') {
      if (ENV_OBJECTS.has(base.path)) {
        if (isEnvName(key)) this.pasteEnv.set(key, toWord(v));
        return;
      }
      this.attrs.set(`${base.path}.${key}`, v);
      return;
    }
    if (base.kind === 'client') return this.setClientAttr(base.client, [key], v);
    if (base.kind === 'clientattr') return this.setClientAttr(base.client, [...base.path, key], v);
    this.mutate(t.object, scope, (old) => setPath(old, [key], v));
  }

  /** Rebinds the variable (or `this.x` attribute) a member chain starts from, with `fn` applied at the chain's path. */
  private mutate(target: N, scope: Scope, fn: (old: JsVal) => JsVal): void {
    const path: string[] = [];
    let n: N | null = target;
    while (n && n.type === 'MemberExpression') {
      const key = this.memberKey(n, scope);
      if (key === null) return;
      path.unshift(key);
      n = n.object;
      if (path.length > 32) return;
    }
    while (n && /^TS(As|NonNull|Satisfies)Expression$|^ParenthesizedExpression$/.test(n.type)) n = n.expression;
    if (!n) return;
    const apply = (old: JsVal | undefined): JsVal | undefined => {
      if (!old || (old.kind !== 'object' && old.kind !== 'array')) return undefined;
      if (!path.length) return fn(old);
      let inner: JsVal | undefined = old;
      for (const p of path) inner = inner ? this.memberOf(inner, p) : undefined;
      return setPath(old, path, fn(inner && inner.kind !== 'undef' ? inner : { kind: 'object', entries: [] }));
    };
    if (n.type === 'Identifier') {
      const owner = scope.owner(n.name);
      const nv = apply(owner?.vars.get(n.name));
      if (owner && nv) owner.vars.set(n.name, nv);
      return;
    }
    if (n.type === 'ThisExpression' && path.length) {
      const k = `this.${path.shift()}`;
      const nv = apply(this.attrs.get(k));
      if (nv) this.attrs.set(k, nv);
    }
  }

  private setClientAttr(c: ClientObj, path: string[], v: JsVal): void {
    // axios instance defaults: `api.defaults.headers.common["Authorization"] = ...`, `api.defaults.baseURL = ...`.
    if (c.kind === 'http' && path[0] === 'defaults') {
      const rest = path.slice(1);
      if (rest[0] === 'baseURL' && rest.length === 1) c.baseUrl = toWord(v);
      else if (rest[0] === 'headers') {
        const hp = rest.slice(1).filter((x) => !['common', 'post', 'get', 'put', 'patch'].includes(x));
        if (hp.length === 1) {
          const i = c.headers.findIndex(([k]) => k.toLowerCase() === hp[0].toLowerCase());
          if (i >= 0) c.headers.splice(i, 1);
          c.headers.push([hp[0], toWord(v)]);
        } else if (hp.length === 0) for (const [k, w] of pairsOf(v) ?? []) c.headers.push([k, w]);
      }
      return;
    }
    if (path.length === 1 && c.kind === 'sdk') c.opts.push([path[0], v]);
  }

  // ------------------------------------------------------------ functions

  private funcValue(node: N, scope: Scope, name: string): JsVal & { kind: 'func' } {
    const known = this.funcByNode.get(node);
    if (known) return { kind: 'func', fn: known };
    const fn: FuncDef = { name, node, scope, state: 'new' };
    this.funcs.push(fn);
    this.funcByNode.set(node, fn);
    return { kind: 'func', fn };
  }

  /** Runs a function body once (memoised): its calls are recorded, its return value kept. */
  private invoke(fn: FuncDef, args: JsVal[]): JsVal {
    if (fn.state === 'done') return fn.ret ?? unknown(describe(fn.name) + '()');
    if (fn.state === 'running' || this.funcDepth >= MAX_FUNC_DEPTH) return unknown(describe(fn.name) + '()');
    fn.state = 'running';
    this.funcDepth++;
    const saved = this.returns;
    this.returns = [];
    try {
      const node = fn.node as N;
      const scope = new Scope(fn.scope as Scope);
      (node.params ?? []).forEach((p: N, i: number) => {
        if (p?.type === 'RestElement') return this.assignPattern(p.argument, { kind: 'array', items: args.slice(i) }, scope, true);
        const a = args[i];
        this.assignPattern(p, a ?? (p?.type === 'AssignmentPattern' ? UNDEF : unknown(describe(paramName(p)))), scope, true);
      });
      if (node.body?.type === 'BlockStatement') this.execBlock(node.body.body, scope);
      else if (node.body) this.returns.push(this.ev(node.body, scope));
      const rets = this.returns;
      fn.ret =
        rets.find((r) => r.kind === 'client' || r.kind === 'aimodel') ?? rets.find((r) => r.kind !== 'unknown' && r.kind !== 'undef' && r.kind !== 'null') ?? rets[0] ?? UNDEF;
    } finally {
      this.returns = saved;
      this.funcDepth--;
      fn.state = 'done';
    }
    return fn.ret ?? UNDEF;
  }

  // ------------------------------------------------------------ expressions

  ev(n: N | null | undefined, scope: Scope): JsVal {
    if (!n || typeof n !== 'object') return UNDEF;
    if (!this.tick() || this.depth > MAX_DEPTH) {
      if (this.depth > MAX_DEPTH) this.exhausted = true;
      return unknown('expression');
    }
    this.depth++;
    try {
      const v = this.evInner(n, scope);
      if (v.kind === 'string') this.chargeText(v.word);
      return v;
    } finally {
      this.depth--;
    }
  }

  private evInner(n: N, scope: Scope): JsVal {
    switch (n.type) {
      case 'Literal':
        return literal(n);
      case 'TemplateLiteral':
        return { kind: 'string', word: this.template(n, scope) };
      case 'TaggedTemplateExpression':
        this.ev(n.tag, scope);
        this.template(n.quasi, scope);
        return unknown('tagged template');
      case 'Identifier':
        return this.lookup(n.name, scope);
      case 'ThisExpression':
        return { kind: 'ref', path: 'this' };
      case 'MetaProperty':
        return { kind: 'ref', path: `${n.meta?.name ?? 'meta'}.${n.property?.name ?? 'property'}` };
      case 'ArrayExpression':
        return this.array(n, scope);
      case 'ObjectExpression':
        return this.object(n, scope);
      case 'FunctionExpression':
      case 'ArrowFunctionExpression':
        return this.funcValue(n, scope, n.id?.name ?? 'function');
      case 'ClassExpression':
        return this.execClass(n, scope);
      case 'UnaryExpression': {
        const v = this.ev(n.argument, scope);
        if (n.operator === '-' && v.kind === 'number') return { kind: 'number', value: -v.value };
        if (n.operator === '+' && v.kind === 'number') return v;
        if (n.operator === '!') {
          const t = truthy(v);
          return t === undefined ? unknown('not expression') : { kind: 'bool', value: !t };
        }
        if (n.operator === 'void') return UNDEF;
        return unknown('expression');
      }
      case 'UpdateExpression':
        this.ev(n.argument, scope);
        return unknown('update');
      case 'BinaryExpression':
        return this.binary(n, scope);
      case 'LogicalExpression':
        return this.logical(n, scope);
      case 'AssignmentExpression':
        return this.assignment(n, scope);
      case 'ConditionalExpression': {
        const cond = this.ev(n.test, scope);
        const t = truthy(cond);
        const a = this.ev(n.consequent, scope);
        const b = this.ev(n.alternate, scope);
        if (t === true) return a;
        if (t === false) return b;
        // Unknown condition: an env read wins (it names the variable); otherwise the value is unknown.
        if (a.kind === 'string' && a.word.parts.some((p) => p.kind === 'env')) return a;
        if (JSON.stringify(a) === JSON.stringify(b)) return a;
        if (a.kind === 'client' || a.kind === 'aimodel') return a;
        if (b.kind === 'client' || b.kind === 'aimodel') return b;
        // `...(key ? { Authorization: ... } : {})`: the branch that sets something.
        if (a.kind === 'object' && isEmptyish(b)) return a;
        if (b.kind === 'object' && isEmptyish(a)) return b;
        return unknown('conditional expression');
      }
      case 'CallExpression':
        return this.call(n, scope);
      case 'NewExpression':
        return this.newExpr(n, scope);
      case 'MemberExpression':
        return this.member(n, scope);
      case 'ChainExpression':
      case 'ParenthesizedExpression':
      case 'TSAsExpression':
      case 'TSSatisfiesExpression':
      case 'TSNonNullExpression':
      case 'TSTypeAssertion':
      case 'TSInstantiationExpression':
        return this.ev(n.expression, scope);
      case 'AwaitExpression':
        return this.ev(n.argument, scope);
      case 'SequenceExpression': {
        let last: JsVal = UNDEF;
        for (const e of n.expressions ?? []) last = this.ev(e, scope);
        return last;
      }
      case 'YieldExpression':
        this.ev(n.argument, scope);
        return unknown('yield');
      case 'ImportExpression': {
        const src = this.ev(n.source, scope);
        const t = src.kind === 'string' ? literalText(src.word) : null;
        return t ? { kind: 'ref', path: `${t}:*` } : unknown('import()');
      }
      case 'SpreadElement':
        return this.ev(n.argument, scope);
      default:
        return unknown('expression');
    }
  }

  private lookup(name: string, scope: Scope): JsVal {
    if (name === 'undefined') return UNDEF;
    if (name === '✖') return unknown('unparsable text');
    const v = scope.lookup(name);
    if (v !== undefined) return v;
    if (name === 'NaN') return { kind: 'number', value: NaN };
    return { kind: 'ref', path: name };
  }

  private template(n: N, scope: Scope): Word {
    const words: Word[] = [];
    const quasis: N[] = n.quasis ?? [];
    const exprs: N[] = n.expressions ?? [];
    quasis.forEach((q, i) => {
      const cooked = q.value?.cooked ?? q.value?.raw ?? '';
      words.push(litWord(String(cooked)));
      if (i < exprs.length) words.push(toWord(this.ev(exprs[i], scope)));
    });
    return capWord(concatWords(...words));
  }

  private array(n: N, scope: Scope): JsVal {
    const items: JsVal[] = [];
    for (const el of n.elements ?? []) {
      if (!el) {
        items.push(UNDEF);
        continue;
      }
      if (el.type === 'SpreadElement') {
        const v = this.ev(el.argument, scope);
        if (v.kind === 'array') {
          this.cost(v.items.length);
          items.push(...v.items.slice(0, MAX_ITEMS));
        } else items.push(unknown('spread items'));
      } else items.push(this.ev(el, scope));
      if (items.length > MAX_ITEMS) break;
    }
    return { kind: 'array', items: items.slice(0, MAX_ITEMS) };
  }

  private object(n: N, scope: Scope): JsObject {
    // By key, in insertion order (a later key replaces an earlier one in place): a spread of
    // thousands of entries is linear, not a search per entry.
    const entries = new Map<string, JsVal>();
    for (const p of n.properties ?? []) {
      if (entries.size > MAX_ITEMS) break;
      if (p.type === 'SpreadElement') {
        const v = this.ev(p.argument, scope);
        if (v.kind === 'object') {
          this.cost(v.entries.length);
          for (const [k, x] of v.entries.slice(0, MAX_ITEMS)) entries.set(k, x);
        } else if (!isAbsent(v)) this.warn('unknown_value', 'Part of an object comes from a spread (...) that could not be evaluated; those fields are missing.', this.lineOf(p.start));
        continue;
      }
      if (p.type !== 'Property') continue;
      const key = this.propKey(p, scope);
      if (p.kind === 'get' || p.kind === 'set') continue;
      const v = p.method ? this.funcValue(p.value, scope, key ?? 'method') : this.ev(p.value, scope);
      if (key === null) continue;
      if (v.kind === 'undef') {
        entries.delete(key);
        continue;
      }
      entries.set(key, v);
    }
    return { kind: 'object', entries: [...entries] };
  }

  /** A property's key as text: `a`, `"a"`, `1`, `[expr]` when it evaluates to a literal. */
  private propKey(p: N, scope: Scope): string | null {
    const k = p.key;
    if (!k) return null;
    if (!p.computed) {
      if (k.type === 'Identifier') return k.name;
      if (k.type === 'Literal') return String(k.value);
      if (k.type === 'PrivateIdentifier') return '#' + k.name;
      return null;
    }
    const v = this.ev(k, scope);
    if (v.kind === 'number') return String(v.value);
    return v.kind === 'string' ? literalText(v.word) : null;
  }

  /** The key of `a.b` / `a["b"]` / `a[0]`, or null when computed from something unknown. */
  private memberKey(n: N, scope: Scope): string | null {
    const p = n.property;
    if (!p) return null;
    if (!n.computed) return p.type === 'Identifier' || p.type === 'PrivateIdentifier' ? p.name : null;
    const v = this.ev(p, scope);
    if (v.kind === 'number') return String(v.value);
    return v.kind === 'string' ? literalText(v.word) : null;
  }

  private member(n: N, scope: Scope): JsVal {
    const base = this.ev(n.object, scope);
    const key = this.memberKey(n, scope);
    if (key === null) {
      if (base.kind === 'ref' && ENV_OBJECTS.has(base.path)) return unknown('environment variable');
      return unknown('member');
    }
    return this.memberOf(base, key);
  }

  /** `base[key]` for an evaluated base. */
  private memberOf(base: JsVal, key: string): JsVal {
    switch (base.kind) {
      case 'ref': {
        if (ENV_OBJECTS.has(base.path)) return envRead(key);
        const path = refMember(base.path, key);
        const a = this.attrs.get(path);
        if (a) return a;
        return this.refValue(path, 0);
      }
      case 'object': {
        for (let i = base.entries.length - 1; i >= 0; i--) if (base.entries[i][0] === key) return base.entries[i][1];
        return UNDEF;
      }
      case 'array':
        if (key === 'length') return { kind: 'number', value: base.items.length };
        if (/^\d+$/.test(key)) return base.items[Number(key)] ?? UNDEF;
        return unknown('array member');
      case 'string':
        if (key === 'length') {
          const t = literalText(base.word);
          return t === null ? unknown('length') : { kind: 'number', value: t.length };
        }
        return unknown('string member');
      case 'client':
        return { kind: 'clientattr', client: base.client, path: [key] };
      case 'clientattr':
        if (base.path.length > 16) return unknown('member');
        return { kind: 'clientattr', client: base.client, path: [...base.path, key] };
      case 'unknown':
        // A Workers / Hono / Pages binding: `env.KEY` where `env` is a handler parameter, `c.env.KEY`, `context.env.KEY`.
        if (base.text === 'env' || base.text.endsWith('.env')) return envRead(key);
        return unknown(describe(`${/^[A-Za-z_$][\w$.]*$/.test(base.text) ? base.text : 'expression'}.${key}`));
      default:
        return unknown('member');
    }
  }

  private binaryAdd(a: JsVal, b: JsVal): JsVal {
    if (a.kind === 'number' && b.kind === 'number') return { kind: 'number', value: a.value + b.value };
    const sizeOf = (v: JsVal) => (v.kind === 'string' ? v.word.parts.reduce((s, p) => s + (p.kind === 'lit' ? p.text.length : 8), 0) / 64 : 1);
    this.cost(sizeOf(a) + sizeOf(b));
    if (a.kind === 'string' || b.kind === 'string' || a.kind === 'jsontext' || b.kind === 'jsontext') return { kind: 'string', word: capWord(concatWords(toWord(a), toWord(b))) };
    return unknown('sum');
  }

  private binary(n: N, scope: Scope): JsVal {
    const a = this.ev(n.left, scope);
    const b = this.ev(n.right, scope);
    switch (n.operator) {
      case '+':
        return this.binaryAdd(a, b);
      case '-':
      case '*':
      case '/':
      case '%':
        if (a.kind === 'number' && b.kind === 'number') {
          const v = n.operator === '-' ? a.value - b.value : n.operator === '*' ? a.value * b.value : n.operator === '/' ? a.value / b.value : a.value % b.value;
          return Number.isFinite(v) ? { kind: 'number', value: v } : unknown('number');
        }
        return unknown('arithmetic');
      default:
        return unknown('comparison');
    }
  }

  private logical(n: N, scope: Scope): JsVal {
    const a = this.ev(n.left, scope);
    const b = this.ev(n.right, scope);
    const op: string = n.operator;
    if (op === '&&') {
      const t = truthy(a);
      if (t === false) return a;
      if (t === true) return b;
      // `...(key && { Authorization: ... })`: the object it adds when the condition holds.
      return b.kind === 'object' ? b : unknown('and expression');
    }
    // `??` takes the right side only for undefined/null; `||` for any falsy value.
    const known = op === '??' ? (isAbsent(a) ? false : a.kind === 'unknown' || a.kind === 'ref' || hasEnvPart(a) ? undefined : true) : truthy(a);
    if (known === true) return a;
    if (known === false) return b;
    // process.env.X ?? "default": the variable, with the text's default.
    if (a.kind === 'string' && a.word.parts.length === 1 && a.word.parts[0].kind === 'env' && !a.word.parts[0].fallback && b.kind === 'string') {
      const fb = literalText(b.word);
      if (fb !== null) return { kind: 'string', word: { parts: [{ ...a.word.parts[0], fallback: fb }] } };
    }
    if (a.kind === 'string' && a.word.parts.some((p) => p.kind === 'env')) return a;
    if (b.kind === 'client' || b.kind === 'aimodel') return b;
    if (a.kind === 'ref' && (b.kind === 'string' || b.kind === 'number')) return b;
    return unknown(`${op === '??' ? '??' : 'or'} expression`);
  }

  private assignment(n: N, scope: Scope): JsVal {
    const op: string = n.operator;
    let v = this.ev(n.right, scope);
    if (op === '+=') v = this.binaryAdd(this.ev(n.left, scope), v);
    else if (op === '??=' || op === '||=') {
      const old = this.ev(n.left, scope);
      const keep = op === '??=' ? !isAbsent(old) : truthy(old) === true;
      if (keep) return old;
    } else if (op !== '=') v = unknown('updated value');
    this.assignPattern(n.left, v, scope, false);
    return v;
  }

  // ------------------------------------------------------------ calls

  private args(list: N[] | undefined, scope: Scope): JsVal[] {
    const out: JsVal[] = [];
    for (const a of list ?? []) {
      if (a?.type === 'SpreadElement') {
        const v = this.ev(a.argument, scope);
        if (v.kind === 'array') out.push(...v.items.slice(0, 64));
        else out.push(unknown('spread arguments'));
      } else out.push(this.ev(a, scope));
      if (out.length > 64) break;
    }
    return out;
  }

  private call(n: N, scope: Scope): JsVal {
    let callee: N = n.callee;
    while (callee && /^TS(As|NonNull|Satisfies|Instantiation)Expression$|^ParenthesizedExpression$|^ChainExpression$/.test(callee.type)) callee = callee.expression;
    if (!callee) return unknown('call');
    const line = this.lineOf(n.start);
    if (callee.type === 'MemberExpression') {
      const recv = this.ev(callee.object, scope);
      const method = this.memberKey(callee, scope);
      const args = this.args(n.arguments, scope);
      if (method === null) return unknown('call result');
      return this.callMethod(recv, method, args, n, callee.object, scope, line);
    }
    const f = this.ev(callee, scope);
    const args = this.args(n.arguments, scope);
    return this.callValue(f, args, n, line);
  }

  private callValue(f: JsVal, args: JsVal[], n: N, line: number): JsVal {
    switch (f.kind) {
      case 'ref':
        return this.callRef(f.path, args, n, line);
      case 'func':
        return this.invoke(f.fn, args);
      case 'client':
        return this.callClient(f.client, args, n, line);
      case 'clientattr':
        return this.clientMethod(f.client, f.path, args, n, line);
      default:
        return unknown('call result');
    }
  }

  private callMethod(recv: JsVal, method: string, args: JsVal[], node: N, recvNode: N, scope: Scope, line: number): JsVal {
    switch (recv.kind) {
      case 'ref':
        return this.callRef(refMember(recv.path, method), args, node, line);
      case 'client':
        return this.clientMethod(recv.client, [method], args, node, line);
      case 'clientattr':
        return this.clientMethod(recv.client, [...recv.path, method], args, node, line);
      case 'string':
        if (['trim', 'trimEnd', 'trimStart', 'toString', 'valueOf', 'normalize'].includes(method)) return recv;
        if (method === 'concat') return { kind: 'string', word: capWord(concatWords(recv.word, ...args.map(toWord))) };
        return unknown('string method');
      case 'jsontext':
        return method === 'toString' ? recv : unknown('string method');
      case 'object':
      case 'array':
        return this.containerMethod(recv, method, args, recvNode, scope);
      case 'func':
        if ((method === 'call' || method === 'apply') && recv.fn.state === 'new') return this.invoke(recv.fn, method === 'call' ? args.slice(1) : []);
        return unknown('call result');
      case 'unknown': {
        // A client the snippet builds elsewhere (`client = makeClient()`), or a fragment.
        const frag = fragmentSdkOf('javascript', ['?', ...recv.text.split('.'), method]);
        if (frag) return this.fragmentCall(frag.sdk, frag.method, args, node, line);
        return unknown(describe(`${/^[A-Za-z_$][\w$.]*$/.test(recv.text) ? recv.text : 'expression'}.${method}`) + '()');
      }
      default:
        return unknown('call result');
    }
  }

  private containerMethod(recv: JsVal & { kind: 'object' | 'array' }, method: string, args: JsVal[], recvNode: N, scope: Scope): JsVal {
    if (recv.kind === 'object') {
      // A `Headers` object (or a plain one used the same way).
      if ((method === 'set' || method === 'append') && args.length >= 2) {
        const k = literalText(toWord(args[0]));
        if (k !== null) this.mutate(recvNode, scope, (old) => (old.kind === 'object' ? setHeaderEntry(old, k, args[1]) : old));
        return UNDEF;
      }
      if (method === 'get') {
        const k = args[0] ? literalText(toWord(args[0])) : null;
        return k === null ? unknown('get()') : this.memberOf(recv, k);
      }
      return unknown('object method');
    }
    if (method === 'push' || method === 'unshift') {
      this.mutate(recvNode, scope, (old) =>
        old.kind === 'array' ? { kind: 'array', items: (method === 'push' ? [...old.items, ...args] : [...args, ...old.items]).slice(0, MAX_ITEMS) } : old,
      );
      return { kind: 'number', value: recv.items.length + args.length };
    }
    if (method === 'join') {
      const sep = args[0] ? toWord(args[0]) : litWord(',');
      const words: Word[] = [];
      recv.items.slice(0, 256).forEach((x, i) => {
        if (i) words.push(sep);
        words.push(toWord(x));
      });
      return { kind: 'string', word: capWord(concatWords(...words)) };
    }
    if (method === 'concat') return { kind: 'array', items: [...recv.items, ...args.flatMap((a) => (a.kind === 'array' ? a.items : [a]))].slice(0, MAX_ITEMS) };
    return unknown('array method');
  }

  private callRef(path: string, args: JsVal[], node: N, line: number): JsVal {
    const pos = node.start;
    if (FETCH_NAMES.has(path)) {
      this.record(pos, fetchCall('fetch', args[0], args[1], this, line));
      return unknown('response');
    }
    // axios: the default export, the CommonJS module (`require("axios")` is `axios:*`, its members `axios:post`), a global.
    const ax = /^axios(?::default|:\*)?(?:\.(\w+))?$/.exec(path) ?? /^axios:(?!default$)(\w+)$/.exec(path);
    if (ax) return this.axios(ax[1] ?? null, args, pos, line, undefined);
    switch (path) {
      case 'JSON.stringify':
        return { kind: 'jsontext', value: toValue(args[0] ?? NULL) };
      case 'JSON.parse': {
        const t = args[0]?.kind === 'string' ? literalText(args[0].word) : null;
        if (t !== null) {
          try {
            return valueFromJson(JSON.parse(t));
          } catch {
            /* not JSON */
          }
        }
        return args[0]?.kind === 'jsontext' ? args[0].value : unknown('JSON.parse()');
      }
      case 'Deno.env.get':
        return envRead(args[0] ? literalText(toWord(args[0])) : null);
      case 'String':
        return args[0] ? { kind: 'string', word: toWord(args[0]) } : str('');
      case 'encodeURIComponent':
      case 'encodeURI': {
        const w = args[0] ? toWord(args[0]) : litWord('');
        return { kind: 'string', word: { parts: w.parts.map((p) => (p.kind === 'lit' ? lit(safeEncode(p.text, path === 'encodeURI' ? encodeURI : encodeURIComponent)) : p)) } };
      }
      case 'Object.assign': {
        const objs = args.filter((a) => a.kind === 'object') as JsObject[];
        const entries = new Map<string, JsVal>();
        for (const o of objs) for (const [k, v] of o.entries) entries.set(k, v);
        return { kind: 'object', entries: [...entries] };
      }
      case 'structuredClone':
        return args[0] ?? UNDEF;
      case 'require':
      case 'module.require': {
        const t = args[0]?.kind === 'string' ? literalText(args[0].word) : null;
        return t ? this.refValue(`${t}:*`, pos) : unknown('require()');
      }
      case 'wrapLanguageModel':
      case 'ai:wrapLanguageModel': {
        const m = args[0]?.kind === 'object' ? this.memberOf(args[0], 'model') : undefined;
        return m && m.kind === 'aimodel' ? m : unknown('model');
      }
    }
    // SDK functions (the AI SDK's generateText/streamText) and constructors called without `new` (createOpenAI).
    // `createHeaders({ apiKey, provider })` (grammar/sdks/ header_builders): the headers object it builds.
    const header = headerBuilder('javascript', path);
    if (header) return { kind: 'object', entries: args[0]?.kind === 'object' ? args[0].entries.map(([k, v]): [string, JsVal] => [header(k), v]) : [] };
    const fn = sdkByNameOf('javascript', path, ['function']);
    if (fn) return this.aiSdkFunction(fn, path, args, node, line);
    const ctor = sdkByNameOf('javascript', path, ['client', 'model', 'provider']);
    if (ctor) return this.construct(ctor, args[ctor.positional.length] ?? UNDEF, pos, line, args.slice(0, ctor.positional.length));
    if (args[0] && isKeyWrapper('javascript', path)) return args[0];
    const what = unsupportedLabel('javascript', path);
    if (what) {
      this.warn('unsupported_client', `Requests made through ${what} are not supported; they are skipped.`, line);
      return unknown('unsupported client');
    }
    // A wrapper returns the client it wraps (`observeOpenAI(client)`, `wrapOpenAI(new OpenAI())`).
    const wrapped = args.find((a) => a.kind === 'client');
    if (wrapped) return wrapped;
    // A call on a client the snippet never builds: `client.chat.completions.create(...)` in a fragment.
    const segs = path.split('.');
    if (segs.length >= 3 && !/:/.test(segs[0])) {
      const frag = fragmentSdkOf('javascript', segs);
      if (frag) return this.fragmentCall(frag.sdk, frag.method, args, node, line);
    }
    if (path.startsWith('this.')) {
      // `this.client.chat.completions.create(...)` in a class whose client is set elsewhere.
      const frag = fragmentSdkOf('javascript', segs);
      if (frag) return this.fragmentCall(frag.sdk, frag.method, args, node, line);
    }
    const cls = this.classes.get(path);
    if (cls?.ctor) this.invoke(cls.ctor, args);
    return unknown(describe(path.replace(/[:*@/-]/g, '.').replace(/\.+/g, '.').replace(/^\.|\.$/g, '')) + '()');
  }

  private newExpr(n: N, scope: Scope): JsVal {
    let callee: N = n.callee;
    while (callee && /^TS(As|NonNull|Instantiation)Expression$|^ParenthesizedExpression$/.test(callee.type)) callee = callee.expression;
    const f = this.ev(callee, scope);
    const args = this.args(n.arguments, scope);
    const line = this.lineOf(n.start);
    if (f.kind !== 'ref') return f.kind === 'func' ? (this.invoke(f.fn, args), { kind: 'ref', path: 'this' }) : unknown('object');
    const path = f.path;
    if (path === 'Headers' || path === 'globalThis.Headers' || path === 'node-fetch:Headers' || path === 'undici:Headers') {
      const pairs = pairsOf(args[0]);
      return { kind: 'object', entries: (pairs ?? []).map(([k, w]) => [k, { kind: 'string', word: w }]) };
    }
    if (path === 'URL' || path === 'globalThis.URL') return this.newUrl(args);
    if (path === 'Request' || path === 'node-fetch:Request' || path === 'undici:Request') return { kind: 'request', url: args[0] ?? UNDEF, init: args[1] };
    const ctor = sdkByNameOf('javascript', path, ['client', 'model', 'provider']);
    if (ctor) return this.construct(ctor, args[ctor.positional.length] ?? UNDEF, n.start, line, args.slice(0, ctor.positional.length));
    // `new AzureKeyCredential(key)` (grammar/sdks/_shared.yaml key_wrappers): the key it wraps.
    if (args[0] && isKeyWrapper('javascript', path)) return args[0];
    const what = unsupportedLabel('javascript', path);
    if (what) {
      this.warn('unsupported_client', `Requests made through ${what} are not supported; they are skipped.`, line);
      return unknown('unsupported client');
    }
    const cls = this.classes.get(path);
    if (cls) {
      if (cls.ctor) this.invoke(cls.ctor, args);
      return { kind: 'ref', path: 'this' };
    }
    // An SDK this parser does not know, given a base URL (`new SambaNova({ baseURL, apiKey })`):
    // vendor SDKs are mostly clones of the OpenAI SDK, so it is read as an OpenAI-compatible client.
    const last = path.split(/[.:]/).pop() ?? '';
    const o = args[0];
    const compat = fallbackSdk('javascript');
    if (compat && /^[A-Z]/.test(last) && o?.kind === 'object' && opt(o.entries, compat.args.base_url)) {
      this.warn('unsupported_client', `${describe(last)} is not a known SDK; it is read as an OpenAI-compatible client at the base URL it is given.`, line);
      return this.construct(compat, o, n.start, line);
    }
    return unknown(describe(last) + ' object');
  }

  private newUrl(args: JsVal[]): JsVal {
    const a = args[0] ? toWord(args[0]) : litWord('');
    if (!args[1]) return { kind: 'string', word: a };
    const b = toWord(args[1]);
    const at = literalText(a);
    const bt = literalText(b);
    if (at !== null && bt !== null) {
      try {
        return str(new URL(at, bt).toString());
      } catch {
        return unknown('URL');
      }
    }
    return { kind: 'string', word: concatWords(b, a) };
  }

  private construct(sdk: SdkEntry, options: JsVal, pos: number, line?: number, positional: JsVal[] = []): JsVal {
    const c: ClientObj = { id: this.clients.length, kind: 'sdk', sdk, opts: [], headers: [], params: [], line: line ?? this.lineOf(pos), pos };
    if (options.kind === 'object') c.opts = [...options.entries];
    else if (!isAbsent(options) && options.kind !== 'string') this.warn('unknown_value', 'The client options could not be evaluated; the SDK defaults are assumed.', c.line);
    // Positional arguments the data names (`ModelClient(endpoint, credential)`); otherwise
    // `new Mistral("key")`-style positional keys are not the SDKs' JS signature and are ignored.
    sdk.positional.forEach((name, i) => {
      const v = positional[i];
      if (v && !isAbsent(v) && !c.opts.some(([k]) => k === name)) c.opts.unshift([name, v]);
    });
    this.clients.push(c);
    // A model class (LangChain.js ChatOpenAI, Mastra's Agent): constructing it is the call, unless
    // the model it is given is an SDK model object (`model: anthropic("...")`), which sends by itself.
    if (sdk.kind === 'model') {
      const given = c.opts.find(([k]) => sdk.args.model?.includes(k))?.[1];
      if (!given || (given.kind !== 'aimodel' && given.kind !== 'client')) this.recordSdk(pos, this.sdkCallOf(c, null, [], c.line));
    }
    return { kind: 'client', client: c };
  }

  private callClient(c: ClientObj, args: JsVal[], n: N, line: number): JsVal {
    if (c.kind === 'http') return this.axios(null, args, n.start, line, c);
    const sdk = c.sdk!;
    const method = aiModelMethod(sdk, null);
    if (method) return this.aiModel(c, method, args[0], n.start);
    return unknown('call result');
  }

  private aiModel(c: ClientObj, method: string, id: JsVal | undefined, pos: number): AiModelVal {
    const m: AiModelVal = { kind: 'aimodel', client: c, method, model: id ? toValue(id) : unknown('model'), pos };
    this.models.push(m);
    return m;
  }

  private clientMethod(c: ClientObj, path: string[], args: JsVal[], node: N, line: number): JsVal {
    const last = path[path.length - 1];
    if (c.kind === 'http') {
      if (path.length === 1 && (HTTP_VERBS[last] || last === 'request')) return this.axios(last, args, node.start, line, c);
      return unknown('response');
    }
    const sdk = c.sdk!;
    if (path.length === 1 && last === 'withOptions') {
      const o = args[0];
      const nc: ClientObj = { ...c, id: this.clients.length, opts: [...c.opts, ...(o?.kind === 'object' ? o.entries : [])] };
      this.clients.push(nc);
      return { kind: 'client', client: nc };
    }
    if (sdk.strategy === 'ai-sdk') {
      const m = path.length === 1 ? aiModelMethod(sdk, last) : undefined;
      return m ? this.aiModel(c, m, args[0], node.start) : unknown('provider member');
    }
    // REST-level clients (`client.path("/chat/completions").post({ body, headers, queryParameters })`).
    if (sdk.rest && path.length === 1) {
      if (last === sdk.rest.method && args[0]) return { kind: 'client', client: { ...c, restPath: toWord(args[0]) } };
      const p = c.restPath ? literalText(c.restPath) : null;
      if (p !== null && HTTP_VERBS[last]) {
        const o = args[0];
        const member = (k: string) => (o?.kind === 'object' ? this.memberOf(o, k) : undefined);
        const body = member(sdk.rest.body);
        const options: Array<[string, JsVal]> = [];
        const h = member(sdk.rest.headers);
        const q = member(sdk.rest.query);
        if (h && !isAbsent(h)) options.push(['headers', h]);
        if (q && !isAbsent(q)) options.push(['query', q]);
        this.recordSdk(node.start, { ...this.sdkCallOf(c, last, [body ?? UNDEF, { kind: 'object', entries: options }], line), path: p });
        return unknown('response');
      }
    }
    const method = normaliseMethod(path);
    const ep = endpointOf(sdk, method);
    if (!ep) return unknown('response');
    this.recordSdk(node.start, this.sdkCallOf(c, method, args, line));
    return unknown('response');
  }

  private fragmentCall(sdk: SdkEntry, method: string, args: JsVal[], node: N, line: number): JsVal {
    const c: ClientObj = { id: -1, kind: 'sdk', sdk, opts: [], headers: [], params: [], line, pos: node.start };
    this.recordSdk(node.start, { ...this.sdkCallOf(c, method, args, line), ctor: null });
    return unknown('response');
  }

  private aiSdkFunction(sdk: SdkEntry, path: string, args: JsVal[], node: N, line: number): JsVal {
    const name = path.slice(path.lastIndexOf(':') + 1);
    const ep = endpointOf(sdk, name);
    const o = args[0];
    const model = o?.kind === 'object' ? this.memberOf(o, 'model') : undefined;
    if (!ep || !o) return unknown('result');
    if (model?.kind === 'aimodel') {
      this.usedModels.add(model);
      const call = this.modelCallOf(model, line);
      call.generate = { kwargs: o.kind === 'object' ? o.entries.filter(([, v]) => v.kind !== 'undef').map(([k, v]): [string, Value] => [k, toValue(v)]) : [], stream: ep.stream };
      this.recordSdk(node.start, call);
    } else if (model?.kind === 'string' && sdk.string_model && sdkById(sdk.string_model)) {
      // A plain model string (`model: "openai/gpt-5"`) is a model of the binding the data names (the AI Gateway).
      const gw = sdkById(sdk.string_model)!;
      const c: ClientObj = { id: this.clients.length, kind: 'sdk', sdk: gw, opts: [], headers: [], params: [], line, pos: node.start };
      this.clients.push(c);
      const m = this.aiModel(c, aiModelMethod(gw, null) ?? 'languageModel', model, node.start);
      this.usedModels.add(m);
      const call = this.modelCallOf(m, line);
      call.generate = { kwargs: o.kind === 'object' ? o.entries.filter(([, v]) => v.kind !== 'undef').map(([k, v]): [string, Value] => [k, toValue(v)]) : [], stream: ep.stream };
      this.recordSdk(node.start, call);
    } else if (model?.kind === 'string') {
      this.warn('unsupported_client', 'A model given as a plain string goes through the Vercel AI Gateway, which is not supported; build the model with a provider (createOpenAI, createOpenAICompatible...).', line);
    } else {
      this.warn('unknown_value', 'The model passed to the AI SDK could not be evaluated; its provider and endpoint are unknown.', line);
    }
    return unknown('result');
  }

  /** axios: `axios(config)`, `axios(url, config)`, `axios.post(url, data, config)`, `axios.create(config)`, an instance's methods. */
  private axios(method: string | null, args: JsVal[], pos: number, line: number, instance: ClientObj | undefined): JsVal {
    if (method === 'create' && !instance) {
      const cfg = args[0];
      const c: ClientObj = { id: this.clients.length, kind: 'http', opts: [], headers: [], params: [], line, pos };
      if (cfg?.kind === 'object') {
        const base = opt(cfg.entries, ['baseURL']);
        if (base) c.baseUrl = toWord(base);
        c.headers = pairsOf(opt(cfg.entries, ['headers'])) ?? [];
        c.params = pairsOf(opt(cfg.entries, ['params'])) ?? [];
        const auth = opt(cfg.entries, ['auth']);
        if (auth?.kind === 'object') {
          const u = this.memberOf(auth, 'username');
          const p = this.memberOf(auth, 'password');
          c.basicAuth = concatWords(isAbsent(u) ? litWord('') : toWord(u), litWord(':'), isAbsent(p) ? litWord('') : toWord(p));
        }
      }
      this.clients.push(c);
      return { kind: 'client', client: c };
    }
    if (method === null || method === 'request') {
      // axios(config) or axios(url, config)
      const [a, b] = args;
      const config = a?.kind === 'object' ? a : b;
      const url = a?.kind === 'object' ? undefined : a;
      this.record(pos, axiosCall({ method: null, url, data: undefined, config, instance, line }, this));
      return unknown('response');
    }
    const verb = HTTP_VERBS[method];
    if (!verb) return unknown('axios result');
    const withData = verb === 'POST' || verb === 'PUT' || verb === 'PATCH';
    this.record(pos, axiosCall({ method: verb, url: args[0], data: withData ? args[1] : undefined, config: withData ? args[2] : args[1], instance, line }, this));
    return unknown('response');
  }
}

// ------------------------------------------------------------ module helpers

function literal(n: N): JsVal {
  const v = n.value;
  if (typeof v === 'string') return str(v);
  if (typeof v === 'number') return { kind: 'number', value: v };
  if (typeof v === 'boolean') return { kind: 'bool', value: v };
  if (v === null && !n.regex && n.bigint === undefined) return NULL;
  if (typeof v === 'bigint' || n.bigint !== undefined) return { kind: 'number', value: Number(n.bigint ?? v) };
  return unknown('regular expression');
}

function paramName(p: N | undefined): string {
  if (!p) return 'parameter';
  if (p.type === 'Identifier') return p.name;
  if (p.type === 'AssignmentPattern') return paramName(p.left);
  if (p.type === 'TSParameterProperty') return paramName(p.parameter);
  return 'parameter';
}

/** `openai:*` + `OpenAI` -> `openai:OpenAI`; `process` + `env` -> `process.env`. */
function refMember(path: string, key: string): string {
  return path.endsWith(':*') ? path.slice(0, -1) + key : `${path}.${key}`;
}

/** `{}`, `undefined`, `null`, `false`: a branch that adds nothing to an object spread. */
function isEmptyish(v: JsVal): boolean {
  return isAbsent(v) || (v.kind === 'object' && v.entries.length === 0) || (v.kind === 'bool' && !v.value);
}

function hasEnvPart(v: JsVal): boolean {
  return v.kind === 'string' && v.word.parts.some((p) => p.kind === 'env');
}

function setHeaderEntry(o: JsObject, k: string, v: JsVal): JsObject {
  const entries = o.entries.filter(([x]) => x.toLowerCase() !== k.toLowerCase());
  entries.push([k, v]);
  return { kind: 'object', entries };
}



/** An object's members as call-model entries (`undefined` and functions dropped, as JSON.stringify does). */
function entriesOf(entries: Array<[string, JsVal]>): Array<[string, Value]> {
  return entries.filter(([, v]) => v.kind !== 'undef' && v.kind !== 'func').map(([k, v]) => [k, toValue(v)]);
}

/** The provider method that makes a Vercel AI SDK model (`languageModel` for calling the provider itself), if the binding has it. */
function aiModelMethod(sdk: SdkEntry, method: string | null): string | undefined {
  const m = method ?? 'languageModel';
  return sdk.strategy === 'ai-sdk' && endpointOf(sdk, m) ? m : undefined;
}
