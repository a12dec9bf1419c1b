// What every code front-end's walker shares, whatever its syntax: the scope
// chain, the step budget, line numbers, warnings (each said once), the calls
// recorded by source position (SdkCalls lowered through src/sdk/lower.ts),
// and the end of a walk (a client built but never called, several calls, a
// walk cut short). A walker extends Evaluator and adds only its language.
// Guarantee: bounded work (`tick` refuses past the budget and marks the walk
// exhausted); never throws on input.
import type { HttpCall, SdkCall, Value, Warning, Word } from '../call/model.js';
import { MAX_NODES, valueNodes } from './values.js';
import type { WarningCode } from '../codes.js';
import { lower } from '../sdk/lower.js';

export const MAX_STEPS = 400_000;
export const MAX_ITEMS = 2_000;
export const MAX_FUNC_DEPTH = 12;

/** A scope of bindings; a class body's names are not visible from the methods inside it (Python). */
export class Scope<V> {
  readonly vars = new Map<string, V>();
  constructor(
    readonly parent: Scope<V> | null,
    readonly kind: 'module' | 'function' | 'class' = 'module',
  ) {}
  lookup(name: string): V | undefined {
    for (let s: Scope<V> | null = this; s; s = s.parent) {
      if (s.kind === 'class' && s !== this) continue;
      const v = s.vars.get(name);
      if (v !== undefined) return v;
    }
    return undefined;
  }
  owner(name: string): Scope<V> | null {
    for (let s: Scope<V> | null = this; s; s = s.parent) if (s.vars.has(name)) return s;
    return null;
  }
}

export interface WalkResult {
  calls: HttpCall[];
  warnings: Warning[];
  assignments: Record<string, Word>;
}

/** Something built that sent no request: its SdkCall and where it was built. */
export interface Unsent {
  call: SdkCall;
  pos: number;
  what: 'client' | 'model';
  /** How many such things the snippet builds. */
  count: number;
}

export abstract class Evaluator {
  /** Variables the paste itself sets (`export X=...`, `os.environ["X"] = ...`, `process.env.X = ...`). */
  readonly pasteEnv = new Map<string, Word>();
  protected readonly calls = new Map<number, HttpCall>();
  protected readonly warnings: Warning[] = [];
  private readonly warned = new Set<string>();
  private readonly lineStarts: number[] = [0];
  protected steps = 0;
  protected depth = 0;
  protected funcDepth = 0;
  protected exhausted = false;

  constructor(text: string) {
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) this.lineStarts.push(i + 1);
  }

  /** Records a warning once (same code and message). */
  warn(code: WarningCode, message: string, line?: number): void {
    const k = code + '|' + message;
    if (this.warned.has(k)) return;
    this.warned.add(k);
    this.warnings.push(line ? { code, message, line } : { code, message });
  }

  lineOf(pos: number): number {
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid] <= pos) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  }

  /** One step of work; false (and the walk marked exhausted) past the budget. */
  protected tick(): boolean {
    if (++this.steps > MAX_STEPS) {
      this.exhausted = true;
      return false;
    }
    return true;
  }

  /**
   * Charges a string value by its size (a part counts 8 characters, 64
   * characters a step): building one costs a copy, and code can build
   * thousands of strings near the text cap from each other (`m2 = f"{m1}{m1}"`
   * line after line: seconds before this charge ended the walk).
   */
  protected chargeText(w: Word): void {
    if (w.parts.length === 1 && w.parts[0].kind === 'lit' && w.parts[0].text.length < 256) return;
    let n = 0;
    for (const p of w.parts) n += p.kind === 'lit' ? p.text.length : 8;
    if (n >= 256) this.cost(n / 64);
  }

  /** Charges work proportional to a value's size (copies made by `+`, spreads...). */
  protected cost(units: number): void {
    this.steps += Math.floor(units);
  }

  protected spanned(pos: number, call: HttpCall): HttpCall {
    const line = this.lineOf(pos);
    call.span = { line, column: pos - this.lineStarts[line - 1] + 1 };
    return call;
  }

  /**
   * A value a request carries, charged to the step budget by its tree size
   * (lowering and extraction walk it whole, shared parts each time they
   * occur); a tree past MAX_NODES is `unknown` (jsonValue bounds what it
   * converts; this bounds the rest).
   */
  private bounded(v: Value): Value {
    const n = valueNodes(v);
    this.cost(n);
    return n > MAX_NODES ? { kind: 'unknown', text: 'too large to follow' } : v;
  }

  private boundedEntries(entries: Array<[string, Value]>): Array<[string, Value]> {
    return entries.map(([k, v]) => [k, this.bounded(v)]);
  }

  private boundedSdk(call: SdkCall): SdkCall {
    return {
      ...call,
      ctor: call.ctor && this.boundedEntries(call.ctor),
      kwargs: this.boundedEntries(call.kwargs),
      positional: call.positional.map((v) => this.bounded(v)),
      ...(call.options && { options: this.bounded(call.options) }),
      ...(call.module && { module: this.boundedEntries(call.module) }),
      ...(call.generate && { generate: { ...call.generate, kwargs: this.boundedEntries(call.generate.kwargs) } }),
      ...(call.nested && { nested: call.nested.map(([k, c]): [string, SdkCall] => [k, this.boundedSdk(c)]) }),
    };
  }

  /** Records the request made at `pos` (the first one wins unless `replace`). */
  protected record(pos: number, call: HttpCall, replace = false): void {
    if (this.calls.has(pos) && !replace) return;
    if (call.body?.type === 'json') call = { ...call, body: { type: 'json', value: this.bounded(call.body.value) } };
    this.calls.set(pos, this.spanned(pos, call));
  }

  /** Lowers an SDK call to its request (src/sdk/lower.ts) and records it. */
  protected recordSdk(pos: number, call: SdkCall, replace = false): void {
    const http = lower(this.boundedSdk(call), this);
    if (http) this.record(pos, http, replace);
  }

  /**
   * The calls in source order. With none, the first thing built that sent no
   * request stands for one (its chat endpoint), with a `no_call` warning.
   */
  protected result(unsent: Unsent | null, rootVars: Map<string, { kind: string; word?: Word }>, nameRe: RegExp): WalkResult {
    const calls = [...this.calls.entries()].sort((a, b) => a[0] - b[0]).map(([, c]) => c);
    if (!calls.length && unsent) {
      const call = lower(this.boundedSdk(unsent.call), this);
      if (call) {
        calls.push(this.spanned(unsent.pos, call));
        const line = this.lineOf(unsent.pos);
        if (unsent.what === 'model') this.warn('no_call', 'The snippet builds a model but sends no request with it; its endpoint is assumed.', line);
        else
          this.warn(
            'no_call',
            unsent.count > 1
              ? `The snippet builds ${unsent.count} clients but makes no request; the first client's chat endpoint is assumed.`
              : 'The snippet builds a client but makes no request; the chat endpoint is assumed.',
            line,
          );
      }
    } else if (calls.length > 1) {
      this.warn('multiple_calls', `The snippet makes ${calls.length} requests; they are listed in source order.`, calls[1].span?.line);
    }
    if (this.exhausted) this.warn('unknown_value', 'The snippet is too large or too deeply nested to follow completely; some values are unknown.');
    return { calls, warnings: this.warnings, assignments: this.assignments(rootVars, nameRe) };
  }

  /** Variables the paste assigns literal or env-read strings to (name -> value), for the extractor. */
  private assignments(rootVars: Map<string, { kind: string; word?: Word }>, nameRe: RegExp): Record<string, Word> {
    const out: Record<string, Word> = {};
    for (const [k, w] of this.pasteEnv) out[k] = w;
    for (const [k, v] of rootVars) {
      if (v.kind !== 'string' || !v.word || !nameRe.test(k)) continue;
      if (v.word.parts.length && v.word.parts.every((p) => p.kind === 'lit' || p.kind === 'env')) out[k] = v.word;
    }
    return out;
  }
}
