// The library API for examples: parseExample (-> draft) and inspect (-> the
// HTTP calls found). Wires the stages together: intake -> one front-end
// (loaded on demand, so a curl paste never loads the Python parser) ->
// extractor. Guarantee: never throws on input; every failure is a Failure
// object, and nothing returned contains a secret from the input.
import { fail, type Failure } from './failure.js';
import type { InspectResult, ParseExampleResult } from './result.js';
import { decodeInput, intake, type Intake } from './intake/index.js';
import { checkNesting, checkPythonChains, checkTokens, isTooComplex, tooComplexMessage } from './intake/limits.js';
import { credentialLiterals, expandWord, extract } from './extract/index.js';
import { classifyCredential, scanText, scrub } from './secrets/index.js';
import { valueToJson, type FrontEndResult, type HttpCall, type Word } from './call/model.js';

export interface ParseOptions {
  /** The file name the example came from: its extension is a language hint. */
  filename?: string;
}

// Each front-end module is imported on first use and kept: an `import()` per call goes
// through the module loader again (~30 us a parse, a third of a curl sample's own work).
// Once a front-end is loaded, a parse runs through to its result without a promise
// (`...Now` below): each `await` on the way cost a short parse a few per cent before the
// JIT optimises the code, and a library caller's first hundred parses are such parses.
let curlFront: Promise<typeof import('./curl/index.js')> | undefined;
let pythonFront: Promise<typeof import('./python/index.js')> | undefined;
let jsFront: Promise<typeof import('./js/index.js')> | undefined;
let curlMod: typeof import('./curl/index.js') | undefined;
let pythonMod: typeof import('./python/index.js') | undefined;
let jsMod: typeof import('./js/index.js') | undefined;

/** A value now, or a promise of it when a module must load first. */
export type Maybe<T> = T | Promise<T>;
export const isPromiseLike = (x: unknown): x is Promise<unknown> => typeof (x as { then?: unknown } | null)?.then === 'function';

function frontEnd(input: Intake): Maybe<FrontEndResult> {
  switch (input.language) {
    case 'shell':
    case 'cmd':
    case 'powershell': {
      const language = input.language;
      if (curlMod) return curlMod.parseShell(input.text, language);
      return (curlFront ??= import('./curl/index.js')).then((m) => (curlMod = m).parseShell(input.text, language));
    }
    case 'python': {
      checkNesting(input.text);
      checkPythonChains(input.text);
      checkTokens(input.text, 'python');
      if (pythonMod) return pythonMod.parsePython(input.text);
      return (pythonFront ??= import('./python/index.js')).then((m) => (pythonMod = m).parsePython(input.text));
    }
    case 'javascript':
    case 'typescript': {
      checkNesting(input.text);
      checkTokens(input.text, 'javascript');
      const ts = input.language === 'typescript';
      if (jsMod) return jsMod.parseJavaScript(input.text, ts);
      return (jsFront ??= import('./js/index.js')).then((m) => (jsMod = m).parseJavaScript(input.text, ts));
    }
  }
}

/** What a throw inside a parse becomes: too complex, or an internal error (scrubbed of key-shaped text). */
function failureOf(e: unknown, text: string): Failure {
  if (isTooComplex(e)) return fail('input_too_complex', tooComplexMessage(e));
  // A bug, not bad input: report it as data. The message is scrubbed of any key-shaped text.
  const secrets = scanText(text).map((f) => f.value);
  return scrub(fail('parse_error', `The example could not be read because of an internal error (${(e as Error)?.name ?? 'Error'}); please report it.`), secrets);
}

function guard<T>(fn: () => Maybe<T>, text: string): Maybe<T | Failure> {
  let r: Maybe<T>;
  try {
    r = fn();
  } catch (e) {
    return failureOf(e, text);
  }
  return isPromiseLike(r) ? r.then(undefined, (e: unknown) => failureOf(e, text)) : r;
}

/** parseExample, with its result now when the front-end it needs is loaded. */
export function parseExampleNow(text: string, opts: ParseOptions = {}): Maybe<ParseExampleResult> {
  return guard((): Maybe<ParseExampleResult> => {
    if (typeof text !== 'string') return fail('empty_input', 'The input must be text.');
    const input = intake(text, opts.filename);
    if ('ok' in input) return input;
    const fe = frontEnd(input);
    const ctx = { language: input.language, text: input.text, notes: input.notes };
    return isPromiseLike(fe) ? fe.then((r) => extract(r, ctx)) : extract(fe, ctx);
  }, String(text));
}

export function parseExample(text: string, opts: ParseOptions = {}): Promise<ParseExampleResult> {
  return Promise.resolve(parseExampleNow(text, opts));
}

export function parseExampleBytesNow(bytes: Uint8Array, opts: ParseOptions = {}): Maybe<ParseExampleResult> {
  const d = decodeInput(bytes);
  if ('ok' in d) return d;
  return parseExampleNow(d.text, opts);
}

export function parseExampleBytes(bytes: Uint8Array, opts: ParseOptions = {}): Promise<ParseExampleResult> {
  return Promise.resolve(parseExampleBytesNow(bytes, opts));
}

/** Renders a word for inspect: assigned values expanded, references as ${NAME}, literal keys redacted. */
function shownWord(w: Word, secrets: string[]): string {
  const s = expandWord(w);
  return scrub(s, secrets);
}

export function inspectNow(text: string, opts: ParseOptions = {}): Maybe<InspectResult> {
  return guard((): Maybe<InspectResult> => {
    const input = intake(text, opts.filename);
    if ('ok' in input) return input;
    const fe = frontEnd(input);
    return isPromiseLike(fe) ? fe.then((r) => inspectCalls(input, r)) : inspectCalls(input, fe);
  }, String(text));
}

export function inspect(text: string, opts: ParseOptions = {}): Promise<InspectResult> {
  return Promise.resolve(inspectNow(text, opts));
}

/** The calls a front-end found, shown for inspect (literal keys redacted). */
function inspectCalls(input: Exclude<Intake, Failure>, fe: FrontEndResult): InspectResult {
  const secrets = scanText(input.text).map((f) => f.value);
  // Literal credentials at credential sites are secrets even when no shape matches.
  for (const c of fe.calls) for (const cl of credentialLiterals(c)) if (classifyCredential(cl.value).kind === 'secret') secrets.push(cl.value);
  const calls = fe.calls.map((c: HttpCall) => {
    const headers: Record<string, string> = {};
    for (const h of c.headers) headers[h.name] = shownWord(h.value, secrets);
    let body: unknown = null;
    if (c.body?.type === 'json') body = valueToJson(c.body.value);
    else if (c.body?.type === 'text') body = shownWord(c.body.text, secrets);
    else if (c.body?.type === 'form') body = Object.fromEntries(c.body.fields.map((f) => [f.name, shownWord(f.value, secrets)]));
    // -u credentials: only the user name is shown; the password may be a key.
    const basic = c.basic_auth ? { basic_auth_user: shownWord(c.basic_auth, secrets).split(':')[0] } : {};
    return { client: c.client, method: c.method, url: shownWord(c.url, secrets), headers, body, ...basic };
  });
  if (!calls.length) return fail('no_request_found', 'No HTTP request or SDK call was found in the example.', fe.warnings);
  return scrub({ ok: true as const, language: input.language, calls, warnings: [...input.notes.map((n) => ({ code: 'intake' as const, message: n })), ...fe.warnings] }, secrets);
}

export function inspectBytesNow(bytes: Uint8Array, opts: ParseOptions = {}): Maybe<InspectResult> {
  const d = decodeInput(bytes);
  if ('ok' in d) return d;
  return inspectNow(d.text, opts);
}

export function inspectBytes(bytes: Uint8Array, opts: ParseOptions = {}): Promise<InspectResult> {
  return Promise.resolve(inspectBytesNow(bytes, opts));
}
