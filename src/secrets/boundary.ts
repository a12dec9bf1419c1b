// The output boundary: one process-wide memory of every secret seen, and the
// one scrubber every output passes (CLI results, library results, the MCP
// server, error messages).
// What is remembered: literals found in a paste (the extractor calls
// rememberSecret), key-shaped arguments and flag values, credential-named
// values in flags and library inputs, values of key variables in the
// environment and in `.env`, and keys sent to a catalog or probe.
// Guarantees:
// - scrubResult(x) removes every 8-character stretch of every remembered
//   secret from every string and object key of x; before that it scans every
//   string for key shapes (a key a vendor echoed, a key listed as a model id,
//   a key in a registry file) and remembers what it finds, so a key-shaped
//   token never leaves even when nothing told the memory about it.
// - excerpt() scrubs before it cuts, so a cut never leaves a key's head.
// - Linear: one set lookup per output character, whatever the number of secrets.
// Memory is bounded (MAX_WINDOWS); past it the oldest half is forgotten.
import { SecretWindows, WINDOW } from './scrub.js';
import { scanShapes, scanText } from './scan.js';
import { SHAPES, entropy } from './shapes.js';

const PREFIXES = [...new Set(SHAPES.map((s) => s.prefix).filter((p) => p.length >= 2))].sort((a, b) => b.length - a.length);
import { classifyCredential, isCredentialName } from './classify.js';

const MAX_WINDOWS = 1_000_000;

let memory = new SecretWindows();
/** Bumped by forgetSecrets: caches of what was remembered (src/secrets/dotenv.ts) key on it (memoryGeneration). */
let generation = 0;
/** How many times the memory was forgotten (a function, not an exported `let`: the CLI bundle binds imports once). */
export function memoryGeneration(): number {
  return generation;
}
let recent: string[] = [];
/**
 * The values remembered as they were given (those of `recent`): the same key
 * met again (every call of a library caller that parses the same paste) is
 * answered by one lookup, not a check of each of its windows.
 */
let known = new Set<string>();

/** Remembers one secret (trimmed; shorter than 4 characters is ignored). Returns it. */
export function rememberSecret(value: string | null | undefined): void {
  if (typeof value !== 'string') return;
  const v = value.trim();
  if (v.length < 4 || known.has(v)) return;
  if (v.length >= WINDOW && repeatsWholly(v)) return;
  memory.add(v);
  recent.push(v);
  known.add(v);
  if (memory.size > MAX_WINDOWS) {
    recent = recent.slice(recent.length >> 1);
    memory = new SecretWindows();
    known = new Set(recent);
    for (const s of recent) memory.add(s);
  }
}

/** Whether every 8-character window of `v` is already remembered (then remembering it again changes nothing). */
function repeatsWholly(v: string): boolean {
  for (let i = 0; i + WINDOW <= v.length; i++) if (!memory.hasWindow(v, i)) return false;
  return true;
}

/** Scans a text for keys (shapes, the context rule, split keys) and remembers each, pieces included. Returns how many it found. */
export function rememberKeysIn(text: string | null | undefined): number {
  if (typeof text !== 'string' || text.length < 8) return 0;
  const found = scanText(text);
  for (const f of found) {
    rememberSecret(f.value);
    for (const p of f.pieces ?? []) rememberSecret(p);
  }
  return found.length;
}

/**
 * Random-looking stretches of a short argument (an id, a model, a file name):
 * a fragment of a key passed where a name goes has no shape to match, but a
 * stretch of 12+ characters mixing upper case, lower case and digits (or 16+
 * of hex, or 16+ of one case and digits alternating at random) is no word or
 * model id. Remembered so an error that quotes the argument cannot carry it,
 * and the registry refuses to store it (repeatsSecret). URLs and host names
 * are structure and are skipped.
 */
function rememberRandomStretches(arg: string): void {
  if (arg.length > 4096) return;
  // The head of a key: a shape's prefix and 8+ key characters (`xai-AbC...`, `csk-k3...`).
  for (const tok of arg.split(/[\s"'`=:,;]+/)) {
    const p = PREFIXES.find((x) => tok.startsWith(x));
    if (p && /^[A-Za-z0-9_-]{8,}$/.test(tok.slice(p.length)) && entropy(tok.slice(p.length)) >= 2.5) rememberSecret(tok);
  }
  for (const tok of arg.split(/[\s"'`=,;]+/)) {
    // A URL or a host name is structure: its labels and path segments are never taken for key fragments
    // (`https://lkhh3j0q6mvn5kxl.us-east-1.aws.endpoints.huggingface.cloud`); a key in one is found by shape.
    if (tok.includes('://') || HOST_LIKE.test(tok)) continue;
    for (const seg of tok.split(/[\-_.:/@+~\\]+/)) rememberIfRandom(seg);
    // A base64url stretch whose `-` and `_` cut it into short pieces (`proj-Ab3_xYz9-Qw1r...`): judged without them,
    // remembered whole, so no 8 characters across a cut survive. Mixed case only (`gpt-4o-mini-2024-07-18` is one
    // case), and cut rarely, as random base64url is (a cut in 32 characters): model ids cut between every word and
    // number (`Llama-2-70b-chat-hf`, `Qwen3-235B-A22B-Instruct-2507`).
    for (const run of tok.split(/[.:/@+~\\]+/)) {
      const bare = run.replace(/[-_]+/g, '');
      const cuts = run.match(/[-_]+/g)?.length ?? 0;
      if (run !== bare && bare.length >= 14 && cuts * 10 <= run.length && mixedRandom(bare)) rememberSecret(run);
    }
  }
}

/** 12+ characters mixing upper case, lower case and digits, not CamelCase words, with high entropy. */
function mixedRandom(seg: string): boolean {
  if (!/[0-9]/.test(seg)) return lettersRandom(seg);
  // CamelCase words (`CohereClientV2`, `DeepSeekV3Base`, `1405BInstructFP8`) are half words or more; random mixed case seldom.
  return seg.length >= 12 && /[0-9]/.test(seg) && /[A-Z]/.test(seg) && /[a-z]/.test(seg) && wordShare(seg) < 0.5 && entropy(seg) >= 3.0;
}

/** A host name with two or more dots (`api.deepseek.com`, `x.us-east-1.aws.endpoints.huggingface.cloud`), optionally a port and a path. */
const HOST_LIKE = /^[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+){1,}\.[A-Za-z]{2,24}(?::\d{1,5})?(?:\/|$)/;

function rememberIfRandom(seg: string): void {
  if (seg.length < 12) return;
  const mixed = mixedRandom(seg);
  const hex = seg.length >= 16 && /^[0-9a-f]+$/i.test(seg) && /[0-9]/.test(seg) && /[a-f]/i.test(seg) && entropy(seg) >= 2.7;
  if (mixed || hex || randomSingleCase(seg)) rememberSecret(seg);
}

/**
 * 16+ letters of both cases with no digit, looking random: the case changes
 * at a third of the positions or more (CamelCase names such as
 * `DeepSeekReasoner` change every 4-8 letters) and few words.
 */
function lettersRandom(seg: string): boolean {
  if (seg.length < 16 || !/^[A-Za-z]+$/.test(seg)) return false;
  let flips = 0;
  for (let i = 1; i < seg.length; i++) if ((seg.charCodeAt(i) < 97) !== (seg.charCodeAt(i - 1) < 97)) flips++;
  return flips * 3 >= seg.length && wordShare(seg) < 0.3 && entropy(seg) >= 3.3;
}

/**
 * The share of a string's characters that stand in words: runs of 4+ letters,
 * lower case or Capitalised (`Instruct`, `Deep`), a fifth of them vowels or
 * more (random letters are a fifth vowels by chance: `Vlbk` has none).
 */
function wordShare(seg: string): number {
  let inWords = 0;
  let run = 0;
  let vowels = 0;
  for (let i = 0; i <= seg.length; i++) {
    const c = seg.charCodeAt(i);
    if (c >= 97 && c <= 122) {
      run++;
      if (VOWELS.has(c)) vowels++;
    } else {
      const capital = run && i - run > 0 ? seg.charCodeAt(i - run - 1) : 0;
      const cap = capital >= 65 && capital <= 90 ? 1 : 0;
      if (cap && VOWELS.has(capital + 32)) vowels++;
      if (run + cap >= 4 && vowels * 5 >= run + cap) inWords += run + cap;
      run = 0;
      vowels = 0;
    }
  }
  return seg.length ? inWords / seg.length : 0;
}
const VOWELS = new Set([...'aeiou'].map((c) => c.charCodeAt(0)));

/**
 * One case of letters mixed with digits, 16+ characters, looking random (the
 * body of a `csk-` or `sk-` key in lower case, a fragment of one): at least 2
 * digits in at least 2 places (3+ letter/digit alternations), letters too, and
 * high entropy. Model ids glue words with separators; the false-alarm test runs
 * every model id of the data through this rule.
 */
function randomSingleCase(seg: string): boolean {
  if (seg.length < 16 || !(/^[a-z0-9]+$/.test(seg) || /^[A-Z0-9]+$/.test(seg))) return false;
  let digits = 0;
  let flips = 0;
  for (let i = 0; i < seg.length; i++) {
    const d = seg.charCodeAt(i) <= 57;
    if (d) digits++;
    if (i && d !== seg.charCodeAt(i - 1) <= 57) flips++;
  }
  return digits >= 2 && digits <= seg.length - 6 && flips >= 3 && entropy(seg) >= 3.3;
}

/** A value at a credential-named position: remembered when it is a secret (not a reference or placeholder). Returns whether it was. */
export function rememberCredential(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  if (classifyCredential(value).kind !== 'secret') return false;
  rememberSecret(value);
  rememberSecret(value.replace(/^\s*(Bearer|Basic|Token)\s+/i, ''));
  for (const piece of value.split(/[\s:]+/)) if (piece.length >= 8 && classifyCredential(piece).kind === 'secret') rememberSecret(piece);
  return true;
}

/** Names whose value is a variable's name or an auth kind, never a secret. */
const REFERENCE_NAME = /^(api[_-]key[_-]env|key[_-]env|key[_-]env[_-]used|auth)$/;

/**
 * Remembers the secrets in a library input or parsed flag value: key-shaped
 * text anywhere, and credential-named fields whatever their shape. Returns how
 * many secrets it found (key-shaped text and credential-named values; random
 * stretches of short strings are remembered but not counted). The names only
 * query strings use for credentials (`code`, `sig`) count only inside a
 * `query` / `params` object: elsewhere `code` is a result's or warning's code
 * (`placeholder_header`), and remembering it would redact that word from the
 * very message that explains it.
 */
export function rememberInput(value: unknown, depth = 0, position: 'any' | 'query' = 'any'): number {
  if (depth > 64) return 0;
  let found = 0;
  if (typeof value === 'string') {
    found += rememberKeysIn(value);
    if (value.length <= 256 && !/\s/.test(value)) rememberRandomStretches(value);
  } else if (ArrayBuffer.isView(value)) found += rememberKeysIn(new TextDecoder().decode(value as Uint8Array));
  else if (Array.isArray(value)) for (let i = 0; i < value.length; i++) found += rememberInput(value[i], depth + 1, position);
  else if (value && typeof value === 'object') {
    // Object.keys and index loops (the order of Object.entries): no entry arrays or iterators.
    const keys = Object.keys(value);
    for (let i = 0; i < keys.length; i++) {
      const k = keys[i];
      const v = (value as Record<string, unknown>)[k];
      // parseExample's `filename` option is read for its extension only and never echoed: nothing
      // of it can reach an output (its random-stretch check was a fifth of a short parse's cost).
      if (depth === 0 && k === 'filename' && typeof v === 'string') continue;
      found += rememberKeysIn(k);
      if (isCredentialName(k, position) && !REFERENCE_NAME.test(k) && rememberCredential(v)) found++;
      found += rememberInput(v, depth + 1, /^(query|params|query_params)$/.test(k) ? 'query' : 'any');
    }
  }
  return found;
}

/**
 * The arguments of one library parse (src/index.ts boundedNow): the environment's key
 * variables (once per process), the input, and the options object. A parse's options
 * usually hold only `filename`, which rememberInput skips (read for its extension, never
 * echoed): such an object is not walked.
 */
export function rememberCallInput(input: unknown, opts: unknown): void {
  if (!envDone) rememberEnvironment();
  rememberInput(input);
  if (opts !== undefined && !onlyFilename(opts)) rememberInput(opts);
}

function onlyFilename(o: unknown): boolean {
  if (!o || typeof o !== 'object' || Array.isArray(o) || ArrayBuffer.isView(o)) return false;
  const keys = Object.keys(o);
  return keys.length === 1 && keys[0] === 'filename' && typeof (o as { filename?: unknown }).filename === 'string';
}

/** A `.env` line or environment variable: key variables by name, and key-shaped values whatever the name. */
export function rememberVariable(name: string, value: string | undefined): void {
  if (!value) return;
  rememberKeysIn(value);
  rememberByName(name, value);
}

/** The name half of rememberVariable: a key variable's value, whatever its shape (paths and URLs aside). */
function rememberByName(name: string, value: string): void {
  if (!isCredentialName(name) || /^[/~.]|^[A-Za-z]:\\|:\/\//.test(value.trim())) return;
  rememberCredential(value);
}

let envDone = false;
/**
 * The process environment's key variables (once per process, unless `force`).
 * The values are scanned as one text joined by NUL, which finds what a scan of
 * each finds (test/secrets-joined-scan.test.ts): one scan, not one per variable.
 */
export function rememberEnvironment(env: NodeJS.ProcessEnv = process.env, force = false): void {
  if (envDone && !force && env === process.env) return;
  if (env === process.env) envDone = true;
  const values: string[] = [];
  for (const [k, v] of Object.entries(env)) {
    if (!v) continue;
    if (v.length >= 8) values.push(v);
    rememberByName(k, v);
  }
  rememberKeysIn(values.join('\0'));
}

/**
 * Command-line arguments: key-shaped text in any of them, credential-named
 * flags (`--api-key X`, `--header "Authorization: Bearer X"`) and the fields
 * of JSON flag values (`--request-params '{"api_key": ...}'`).
 */
export function rememberArguments(argv: readonly string[]): ArgumentSecret[] {
  const out: ArgumentSecret[] = [];
  let flag: string | null = null;
  for (let n = 0; n < argv.length; n++) {
    const a = argv[n];
    if (typeof a !== 'string') continue;
    const hits = a.length >= 8 ? scanText(a) : [];
    for (const f of hits) {
      rememberSecret(f.value);
      for (const p of f.pieces ?? []) rememberSecret(p);
    }
    rememberRandomStretches(a);
    const before = out.length;
    if (hits.length) out.push({ position: n + 1, flag: a.startsWith('--') ? a.slice(2).split('=')[0] : flag, shape: hits[0].shape });
    let value: string | null = a;
    let name = flag;
    flag = null;
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      if (eq < 0) {
        flag = a.slice(2);
        continue;
      }
      name = a.slice(2, eq);
      value = a.slice(eq + 1);
    }
    if (!value) continue;
    // Each argument that held a secret gets one warning naming its flag (found by shape above, else by position here).
    const flagged = () => {
      if (out.length === before) out.push({ position: n + 1, flag: name, shape: 'generic' });
    };
    if (name && isCredentialName(name) && !REFERENCE_NAME.test(name) && rememberCredential(value)) flagged();
    const t = value.trim();
    if (t.startsWith('{') || t.startsWith('[')) {
      try {
        // `--query '{"sig": ...}'`: its members are query parameters.
        if (rememberInput(JSON.parse(t), 0, name === 'query' ? 'query' : 'any')) flagged();
      } catch {
        /* not JSON: scanned as text above */
      }
    }
    // `--header "X-Session: value"`, `--query "sig=value"`: a credential-named header or parameter given as text.
    const sep = name === 'header' ? t.indexOf(':') : name === 'query' ? t.indexOf('=') : -1;
    if (sep > 0 && isCredentialName(t.slice(0, sep), 'query') && rememberCredential(t.slice(sep + 1))) flagged();
  }
  return out;
}

/** A command-line argument that held a key: where (1-based position, the flag it belongs to) and which shape. */
export interface ArgumentSecret {
  position: number;
  flag: string | null;
  shape: string;
}

/** The `secret_redacted` warnings for keys passed on the command line (on ok and failed results alike). */
export function argumentWarnings(found: ArgumentSecret[]): { code: string; message: string }[] {
  return found.map((f) => ({
    code: 'secret_redacted',
    message: `${f.flag ? `The value of --${f.flag} (argument ${f.position})` : `Argument ${f.position}`} holds what looks like an API key${f.shape !== 'generic' ? ` (${f.shape} shape)` : ''}; it was not copied anywhere, but it is now in your shell history: revoke it, and store a new key through the secure input.`,
  }));
}

/**
 * Whether a string shares an 8-character stretch with a remembered secret
 * (short secrets not counted): what the registry refuses to store, so that a
 * value the output boundary would hide never lands in a file.
 */
export function repeatsSecret(s: string): boolean {
  if (typeof s !== 'string') return false;
  for (let i = 0; i + WINDOW <= s.length; i++) if (memory.hasWindow(s, i)) return true;
  return false;
}

/**
 * An argument as an error message may repeat it: quoted when it is a plain
 * word (`deepsek`) or an entry id (`custom/llama-3-3-70b-1a2b`) holding no
 * remembered secret, else named without its text ("the id given, 24
 * characters"): an error never echoes a key fragment passed where a name goes.
 */
export function quoteArgument(value: unknown, what: string): string {
  const s = String(value ?? '');
  const plain = /^[A-Za-z][A-Za-z._-]{0,39}$/.test(s) || /^(?:custom\/)?[a-z0-9][a-z0-9-]{0,63}-[0-9a-f]{4}$/.test(s);
  if (plain && !repeatsSecret(s) && !scanShapes(s).length) return JSON.stringify(s);
  return `(the ${what} given, ${s.length} character${s.length === 1 ? '' : 's'}, not repeated here)`;
}

/** Whether a string shares an 8-character stretch with a remembered secret (or holds a short one). */
export function holdsSecret(s: string): boolean {
  return memory.scrubString(s) !== s;
}

/**
 * Every string and object key of `value` of 8 characters or more and not known
 * to be key-free (KEY_FREE), joined by NUL: one scan of the whole output rather
 * than one per string (a result has dozens; each scan has a fixed cost). NUL
 * is no key character, no split-key gap and ends a URL's look-back, so the
 * joined text yields exactly the keys of its strings scanned one by one (a
 * differential test holds them equal).
 */
function collectStrings(value: unknown, depth: number, out: string[]): void {
  if (typeof value === 'string') {
    if (value.length >= 8 && !KEY_FREE.has(value)) out.push(value);
    return;
  }
  if (depth > 200 || !value || typeof value !== 'object') return;
  if (Array.isArray(value)) for (let i = 0; i < value.length; i++) collectStrings(value[i], depth + 1, out);
  else {
    const keys = Object.keys(value);
    for (let i = 0; i < keys.length; i++) {
      const k = keys[i];
      if (k.length >= 8 && !KEY_FREE.has(k)) out.push(k);
      collectStrings((value as Record<string, unknown>)[k], depth + 1, out);
    }
  }
}

/**
 * Output strings a scan found no key shape in (field names, warning and note
 * texts, base URLs: most of a result, the same from call to call). A scan is a
 * pure function of the text, so such a string is not scanned again; bounded.
 */
const KEY_FREE = new Set<string>();
const KEY_FREE_MAX = 8192;
const KEY_FREE_LONGEST = 2048;

/** Remembers every key-shaped stretch of the strings of `value` (the output safety net). */
function scanStrings(value: unknown): void {
  const strings: string[] = [];
  collectStrings(value, 0, strings);
  if (!strings.length) return;
  const found = scanShapes(strings.length === 1 ? strings[0] : strings.join('\0'));
  for (const f of found) {
    rememberSecret(f.value);
    for (const p of f.pieces ?? []) rememberSecret(p);
  }
  // Joined, the scan finds what one scan per string finds (test/secrets-joined-scan.test.ts): with no
  // finding, none of the strings holds a key shape.
  if (found.length) return;
  if (KEY_FREE.size + strings.length > KEY_FREE_MAX) KEY_FREE.clear();
  for (let i = 0; i < strings.length; i++) if (strings[i].length <= KEY_FREE_LONGEST) KEY_FREE.add(strings[i]);
}

/** The one output scrubber: every string and object key of `value`, freed of every secret this process has seen. */
export function scrubResult<T>(value: T): T {
  scanStrings(value);
  return memory.scrub(value);
}

/** One string through the same scrubber. */
export function scrubText(s: string): string {
  return scrubResult(s);
}

/** A vendor's error body or other foreign text: scrubbed first, then whitespace collapsed and cut to `max` characters. */
export function excerpt(text: string, max = 160): string {
  const t = scrubText(String(text ?? '')).replace(/\s+/g, ' ').trim();
  return t.length > max ? t.slice(0, max).replace(/<[a-z]*$/, '') + '…' : t;
}

/** Forgets every remembered secret: for tests that need a clean process. */
export function forgetSecrets(): void {
  generation++;
  memory = new SecretWindows();
  recent = [];
  known = new Set();
  envDone = false;
}
