// The CLI's verb table: the one place that lists every verb with its
// arguments, flags, help text and example, and how to run it. The argument
// parser, `--help`, `byok help VERB` and the README's flags reference all read
// this table; adding a verb is adding one entry here.
// Guarantee: the table imports nothing heavy — each `run` loads its module
// (front-ends, registry, zod, the MCP SDK) only when that verb runs.
import { allowOneShot } from '../one-shot.js';
import type { Failure } from '../failure.js';

export interface FlagSpec {
  name: string;
  /** The value's placeholder (`DIR`, `M`); absent for a flag that takes no value. */
  value?: string;
  help: string;
}

/** Flags as parsed: a value flag holds its string, a switch holds true. */
export type Flags = Record<string, string | boolean>;

export type Result = { ok: boolean; [k: string]: unknown };

export interface VerbInput {
  positional: string[];
  flags: Flags;
  /** The absolute workspace folder (--workspace, else $BYOK_WORKSPACE, else the current directory). */
  workspace: string;
  /** How notes spell a call of byok: the command that ran it, and whether to keep --workspace. */
  invocation: { command: string; workspace: boolean };
}

export interface VerbSpec {
  name: string;
  /** Positional arguments as shown in the usage line, e.g. `VENDOR` or `[FILE|-]`. */
  args: string;
  /** One line for the verb list. */
  summary: string;
  /** A few more sentences for `byok help VERB` (optional). */
  details?: string;
  flags: FlagSpec[];
  /** One command that runs as written from a clone of byok. */
  example: string;
  /** What stdout holds; defaults to one JSON result. */
  stdout?: string;
  /** Resolves to the result to print, or undefined when the verb wrote its own output (mcp). */
  run(input: VerbInput): Promise<Result | Failure | undefined>;
}

/** Flags every verb takes. */
export const GLOBAL_FLAGS: FlagSpec[] = [
  { name: 'workspace', value: 'DIR', help: 'workspace folder: registry in DIR/config/custom_models.yaml, keys in DIR/.env (default: $BYOK_WORKSPACE, else the current folder)' },
  { name: 'compact', help: 'print the JSON result on one line' },
  { name: 'pretty', help: 'print the JSON result indented (the default)' },
  { name: 'help', help: 'show help' },
  { name: 'version', help: 'print the version of byok' },
];

const registryVerb = (name: string) => async (i: VerbInput) => {
  const { registryVerbs } = await import('../registry/verbs.js');
  const { readInputText } = await import('./input.js');
  return registryVerbs[name](i.positional, i.flags, { workspace: i.workspace, invocation: i.invocation, readInput: readInputText });
};

const exampleVerb = (name: 'parse-example' | 'inspect') => async (i: VerbInput) => {
  const { readExample } = await import('./input.js');
  const input = await readExample(name, i.positional, i.flags);
  if ('ok' in input) return input;
  const api = await import('../api.js');
  return name === 'inspect' ? api.inspectBytes(input.bytes, input.opts) : api.parseExampleBytes(input.bytes, input.opts);
};

const TEXT_FLAGS: FlagSpec[] = [{ name: 'text', value: 'STRING', help: 'the example itself, instead of FILE or -' }];

const ADD_FLAGS: FlagSpec[] = [
  { name: 'from-draft', value: 'FILE|-', help: 'a parse-example result (or its draft) to register; - reads standard input. Other flags override its fields' },
  { name: 'upstream-model', value: 'M', help: 'the model id the endpoint expects' },
  { name: 'base-url', value: 'U', help: 'the API root, e.g. https://api.example.com/v1' },
  { name: 'wire', value: 'openai|anthropic', help: 'the request protocol (default openai)' },
  { name: 'name', value: 'N', help: 'display name (default: the model id)' },
  { name: 'api-key-env', value: 'VAR', help: 'the variable holding the key (default: CUSTOM_KEY_<HOST>)' },
  { name: 'auth', value: 'KIND', help: 'bearer, x-api-key, none, header:NAME[:Bearer|Basic] or query:NAME (default: bearer for openai, x-api-key for anthropic)' },
  { name: 'header', value: '"Name: value"', help: 'one non-auth header sent on every call' },
  { name: 'headers', value: 'JSON', help: 'non-auth headers as a JSON object' },
  { name: 'query', value: 'JSON', help: 'query parameters sent on every call, as a JSON object' },
  { name: 'thinking-capability', value: 'RULE', help: 'thinking rule id (grammar/thinking.yaml)' },
  { name: 'thinking-mode', value: 'enabled|disabled|auto', help: 'thinking mode (default auto)' },
  { name: 'thinking-params', value: 'JSON', help: 'thinking controls to send, as a JSON object of dotted body paths' },
  { name: 'request-params', value: 'JSON', help: 'extra top-level body fields sent on every call, as a JSON object' },
  { name: 'capabilities', value: 'JSON', help: 'capabilities as a JSON object of booleans, e.g. {"vision": true}' },
  { name: 'max-tokens', value: 'N', help: 'default max_tokens' },
  { name: 'drop-params', value: 'JSON', help: 'request fields the endpoint rejects, as a JSON list (param_policy.drop_params)' },
  { name: 'vendor', value: 'VENDOR', help: 'the curated template this entry belongs to' },
];

/** The fields `update` changes: add's, without the endpoint (base_url, wire, auth) and the draft. */
const UPDATE_FLAGS: FlagSpec[] = ADD_FLAGS.filter((f) => !['from-draft', 'base-url', 'wire', 'auth', 'vendor'].includes(f.name));

export const VERBS: VerbSpec[] = [
  {
    name: 'parse-example',
    args: '[FILE|-]',
    summary: 'API example (curl, Python, JS/TS) -> safe registration draft',
    details: 'Reads an API example pasted from vendor docs and prints a draft for `byok add --from-draft -`. Any key in the example is redacted and named in a secret_redacted warning.',
    flags: TEXT_FLAGS,
    example: 'byok parse-example fixtures/deepseek/chat-thinking-export.sh',
    run: exampleVerb('parse-example'),
  },
  {
    name: 'inspect',
    args: '[FILE|-]',
    summary: 'the HTTP calls found in an example (secrets redacted)',
    flags: TEXT_FLAGS,
    example: 'byok inspect --text \'curl https://api.example.com/v1/chat/completions -d "{\\"model\\": \\"m1\\"}"\'',
    run: exampleVerb('inspect'),
  },
  {
    name: 'templates',
    args: '',
    summary: 'curated vendor presets (use these first)',
    flags: [],
    example: 'byok templates --compact',
    run: registryVerb('templates'),
  },
  {
    name: 'list-vendor-models',
    args: '[VENDOR]',
    summary: 'a live /models catalog, normalised (a vendor, a registered entry, or any base URL)',
    details:
      'Each model: upstream_model, name, context_tokens, max_output_tokens, capabilities {vision, function_calling, reasoning, web_search}, pricing {input_usd, output_usd} per 1M tokens, privacy {tee, e2ee, data_retention}, in_curated_template; unknowns are null. VENDOR is a curated template or a catalog-only vendor (groq, mistral, together, openrouter, fireworks); --model-id reads {base_url}/models of a registered entry with its auth; --base-url reads any endpoint with its key variable. A key is only ever sent to its own host.',
    flags: [
      { name: 'model-id', value: 'ID', help: 'a registered entry: read {its base_url}/models with its auth' },
      { name: 'base-url', value: 'URL', help: "any endpoint: read {URL}/models; with VENDOR, read the vendor's catalog from this root (loopback or the vendor's own host only)" },
      { name: 'api-key-env', value: 'VAR', help: 'with --base-url: the variable holding its key (default: CUSTOM_KEY_<HOST>)' },
      { name: 'auth', value: 'KIND', help: 'with --base-url: bearer, x-api-key, none, header:NAME[:Bearer|Basic] or query:NAME (default bearer)' },
      { name: 'capability', value: 'C', help: 'keep models known to have C: vision, function_calling, reasoning or web_search' },
      { name: 'max-input-usd', value: 'N', help: 'keep models whose input price is known and at most N USD per 1M tokens' },
      { name: 'timeout-ms', value: 'MS', help: 'give up on the catalog after MS milliseconds' },
    ],
    example: 'byok list-vendor-models openrouter --capability reasoning --max-input-usd 1',
    run: registryVerb('list-vendor-models'),
  },
  {
    name: 'add-template',
    args: 'VENDOR',
    summary: "register a curated vendor's model in one step",
    flags: [
      { name: 'upstream-model', value: 'M', help: "the model (default: the template's default model)" },
      { name: 'name', value: 'N', help: 'display name' },
      { name: 'api-key-env', value: 'VAR', help: "the variable holding the key, e.g. the vendor's documented one (default: CUSTOM_KEY_<HOST>)" },
    ],
    example: 'byok add-template deepseek --workspace /tmp/byok-demo',
    run: registryVerb('add-template'),
  },
  {
    name: 'add',
    args: '',
    summary: 'register a custom model from flags or from a parse-example result',
    details: 'Either --upstream-model and --base-url (plus any field flags), or --from-draft with a parse-example result; flags given with --from-draft override the draft. Registering the same base_url + upstream_model again updates the one entry.',
    flags: ADD_FLAGS,
    example: 'byok parse-example fixtures/deepseek/chat-thinking-export.sh | byok add --from-draft - --workspace /tmp/byok-demo',
    run: registryVerb('add'),
  },
  {
    name: 'update',
    args: 'ID',
    summary: 'change fields of a registered model (name, model, params, policy) in place',
    details: 'Keeps the id, created_at, comments and unknown fields; the result is checked by the same rules as add. To change the endpoint (base_url, wire, auth), register it with add.',
    flags: UPDATE_FLAGS,
    example: 'byok update custom/deepseek-chat-1a2b --thinking-mode disabled --workspace /tmp/byok-demo',
    run: registryVerb('update'),
  },
  {
    name: 'rename',
    args: 'ID NEW_NAME',
    summary: 'give a registered model a new display name (its id stays)',
    flags: [],
    example: 'byok rename custom/deepseek-chat-1a2b "DeepSeek (work)" --workspace /tmp/byok-demo',
    run: registryVerb('rename'),
  },
  {
    name: 'list',
    args: '',
    summary: 'the registered models',
    flags: [],
    example: 'byok list --workspace /tmp/byok-demo',
    run: registryVerb('list'),
  },
  {
    name: 'get',
    args: 'ID',
    summary: 'one registered model, and whether its key is set',
    flags: [],
    example: 'byok get custom/deepseek-chat-1a2b --workspace /tmp/byok-demo',
    run: registryVerb('get'),
  },
  {
    name: 'remove',
    args: 'ID',
    summary: 'unregister a model (its key in .env is left alone)',
    flags: [],
    example: 'byok remove custom/deepseek-chat-1a2b --workspace /tmp/byok-demo',
    run: registryVerb('remove'),
  },
  {
    name: 'probe',
    args: 'ID',
    summary: 'one minimal live call that proves an entry works, with a diagnosis',
    details:
      'Sends a one-token chat call on the entry\'s wire with its auth, params and stored thinking params (and, where the thinking rule allows, one with thinking off). Diagnoses: ok, auth, not_found (with the base URL that answers), model_not_found, bad_param (with the param_policy that drops it), rate_limited, timeout, tls, empty_content (the hidden-thinking trap), and more. Shows nothing of the reply beyond a short scrubbed excerpt.',
    flags: [{ name: 'timeout-ms', value: 'MS', help: 'give up on each call after MS milliseconds (default 30000)' }],
    example: 'byok probe custom/deepseek-chat-1a2b --workspace /tmp/byok-demo',
    run: registryVerb('probe'),
  },
  {
    name: 'mcp',
    args: '',
    summary: 'serve the functions as MCP tools over stdio (for agents)',
    details:
      'A Model Context Protocol server on standard input/output with the tools templates, list_vendor_models, add_template, parse_example, add, update, rename, list_models, get, remove and probe. The workspace is --workspace, else $BYOK_WORKSPACE, else the folder the client starts byok in. Configure your MCP client to run it; see the README\'s agents section.',
    flags: [],
    example: 'byok mcp --workspace /tmp/byok-demo',
    stdout: 'MCP protocol messages (JSON-RPC) until the client closes standard input',
    run: async (i) => {
      const [{ serveMcp }, { version }] = await Promise.all([import('../mcp/server.js'), import('./help.js')]);
      // A long-running server: V8's flags stay as node started them (src/one-shot.ts).
      allowOneShot(false);
      await serveMcp({ workspace: i.workspace, version: version() });
      return undefined;
    },
  },
  {
    name: 'schema',
    args: '[NAME]',
    summary: 'the JSON Schema of a result shape, the draft, an entry or the registry file',
    details:
      'NAME is draft, entry, registry, failure, result (every result), or a verb (parse-example, inspect, templates, list-vendor-models, add, add-template, update, rename, list, get, remove, probe) for its result. Without NAME, lists the names. Generated from the zod schemas the code validates with.',
    flags: [],
    example: 'byok schema registry',
    stdout: 'the JSON Schema itself (exit 0); without NAME, { ok, schemas } listing the names; an unknown NAME is a usage failure (exit 2)',
    run: async (i) => {
      const { fail } = await import('../failure.js');
      if (i.positional.length > 1) return fail('usage', `schema takes one NAME; got ${i.positional.length} arguments.`);
      const { SCHEMA_NAMES, schemaFor } = await import('../schemas.js');
      const name = i.positional[0];
      if (name === undefined) return { ok: true, schemas: SCHEMA_NAMES, note: 'Print one with `byok schema NAME`.' };
      const s = schemaFor(name);
      if (!s) return fail('usage', `No schema by that name; the names are: ${Object.keys(SCHEMA_NAMES).join(', ')}.`);
      // The schema itself, not wrapped in a result, so `byok schema registry > x.json` is a schema file.
      const { emit } = await import('./emit.js');
      emit(s, { compact: i.flags.compact === true });
      return undefined;
    },
  },
];

export function verbByName(name: string): VerbSpec | undefined {
  return VERBS.find((v) => v.name === name);
}
