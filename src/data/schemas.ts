// Zod schemas for every data file under grammar/ and vendors/. The build
// (scripts/compile-data.mjs) turns each YAML file into a typed module under
// src/generated/, typed with these schemas, so tsc rejects data of the wrong
// shape and test/data.test.ts validates every value (regexes included).
import { z } from 'zod';

// ---------- auth schemes (used by several files below) ----------
/**
 * Authorization schemes a key is sent with, kept as the vendor writes them
 * (`Authorization: Token ...` is not `Bearer`): Bearer (RFC 6750), Basic
 * (RFC 7617), Token (Deepgram, Django REST), Key (fal.ai), Api-Key (Baseten).
 */
import { AUTH_SCHEMES } from '../codes.js';
export { AUTH_SCHEMES };
export const AuthScheme = z.enum(AUTH_SCHEMES);
export type AuthScheme = z.infer<typeof AuthScheme>;

// ---------- grammar/curl-options.yaml ----------
/** What an option means for the request; everything else is `ignore` (skipped with its argument). */
export const CurlSemantic = z.enum([
  'ignore',
  'url',
  'request', // -X
  'header', // -H
  'data', // -d, --data-ascii: strips newlines when reading @file, a body text
  'data-raw', // no @file interpretation
  'data-binary',
  'data-urlencode',
  'json', // --json: body + content-type/accept
  'form', // -F
  'form-string',
  'get', // -G
  'head', // -I
  'user', // -u
  'oauth2-bearer',
  'user-agent', // -A
  'referer', // -e
  'cookie', // -b
  'url-query',
  'upload-file', // -T
  'next', // -: / --next
  'config', // -K: reads options from a file (warned)
]);
export type CurlSemantic = z.infer<typeof CurlSemantic>;

export const CurlOption = z.object({
  long: z.string().regex(/^[a-z0-9][a-z0-9.-]*$/),
  short: z.string().length(1).optional(),
  /** Takes an argument (`<data>` in curl's help). */
  arg: z.boolean(),
  /** Boolean options accept a `--no-` form. */
  boolean: z.boolean().optional(),
  semantic: CurlSemantic.default('ignore'),
});
export const CurlGrammar = z.object({
  source: z.string(),
  regenerate: z.string(),
  options: z.array(CurlOption),
});
export type CurlGrammar = z.input<typeof CurlGrammar>;

// ---------- grammar/key-shapes.yaml ----------
export const Charset = z.enum(['alnum', 'hex', 'lowerhex', 'base64url', 'lower-alnum', 'word']);
export const KeyPart = z.union([
  z.object({ lit: z.string().min(1) }),
  z.object({
    charset: Charset,
    /** Allowed lengths, or a [min, max] range with `range`. */
    len: z.array(z.number().int().positive()).optional(),
    range: z.tuple([z.number().int().positive(), z.number().int().positive()]).optional(),
  }),
]);
export const KeyShape = z.object({
  id: z.string(),
  vendor: z.string().nullable(),
  /** The key, in order: literal pieces and random bodies. The anchored regex and the test generator both derive from it. */
  parts: z.array(KeyPart).min(1),
  /** Minimum Shannon entropy (bits/char) of the random parts: below it a match is a filler, not a key. */
  min_entropy: z.number().default(2.5),
  source: z.string().optional(),
});
export const KeyShapes = z.object({
  /** Each charset as a regex class body (`A-Za-z0-9_-`): ranges and single characters only. */
  charsets: z.record(Charset, z.string().regex(/^(?:[A-Za-z0-9]-[A-Za-z0-9]|[A-Za-z0-9_]|-$)+$/)),
  shapes: z.array(KeyShape),
  /** A generic literal at a credential site is a secret when it is this long, mixes letters and digits, and reaches this entropy. */
  generic: z.object({ min_length: z.number().int(), min_entropy: z.number(), min_entropy_hex: z.number() }),
});
export type KeyShapes = z.input<typeof KeyShapes>;

// ---------- grammar/placeholders.yaml ----------
export const Placeholders = z.object({
  /** Regexes (case-insensitive) that mark a value as a placeholder, not a secret. */
  patterns: z.array(z.string()),
  /** For a value with a key's exact shape: the only signs that still make it a placeholder. */
  strong_patterns: z.array(z.string()),
  /** An environment variable name written as a literal; matched case-sensitively. */
  env_name: z.string(),
  /** Dummy keys local servers accept; with a local host they mean `auth: none`. */
  dummy_keys: z.array(z.string()),
  /** Names (header, query, cookie, body field, flag) whose value is a credential whatever its shape. */
  credential_names: z.object({
    /** A regex (case-insensitive) over the name, for every position. */
    any: z.string(),
    /** A regex over query and fragment parameter names only (`code`, `sig`). */
    query: z.string(),
    /** A regex over query and fragment parameter names that carry a signature of one URL (`sig`): a secret, never the auth. */
    signature: z.string(),
    /** Names the patterns catch that documentedly carry no secret (lower case). */
    not_secret: z.array(z.string()),
  }),
  /** Regexes (case-insensitive) over a URL's host that mark it as a placeholder (`unresolved_base_url`). */
  url_host_patterns: z.array(z.string()).default([]),
});
export type Placeholders = z.input<typeof Placeholders>;

// ---------- grammar/endpoints.yaml ----------
export const Protocol = z.enum([
  'openai-chat',
  'openai-completions',
  'openai-responses',
  'anthropic-messages',
  'gemini-native',
  /** Gemini generateContent on Vertex AI (`.../projects/{p}/locations/{l}/publishers/google/models/{m}:generateContent`). */
  'vertex-gemini',
  'ollama-native',
  'dashscope-native',
  'cohere-native',
  /** A vendor's own chat endpoint taking a Chat-Completions body at another path (Writer's and Reka's /v1/chat). */
  'chat-native',
  /** A non-chat inference task of a multi-task client (Hugging Face text_to_image, feature_extraction...): refused. */
  'inference-task',
  'models-list',
  'embeddings',
  'other',
]);
export type Protocol = z.infer<typeof Protocol>;
export const Endpoint = z.object({
  /** Regex matched against the URL path (anchored at the end by the loader); group `base` is the API root. */
  path: z.string(),
  protocol: Protocol,
  /** Named group that holds the model id, when the model is in the path. */
  model_group: z.string().optional(),
  /** What a mapped_protocol warning calls this endpoint, when it differs from its protocol's label (one protocol, several endpoints). */
  label: z.string().optional(),
  note: z.string().optional(),
});
/** How a sample in a protocol that is not a wire of its own becomes a draft. */
export const ProtocolMapping = z.object({
  protocol: Protocol,
  /** What the warning calls the sample's protocol. */
  label: z.string(),
  wire: z.enum(['openai', 'anthropic']),
  /** same: the sample's API root; host_openai_base: the host's documented OpenAI-compatible root (grammar/hosts.yaml); append: the root plus `append`. */
  base: z.enum(['same', 'host_openai_base', 'append']),
  append: z.string().optional(),
  /** The auth the target endpoint takes, when it differs from the sample's. */
  auth: z.object({ name: z.string(), scheme: AuthScheme.nullable() }).optional(),
  /** How the target names the model: this prefix before the sample's id (Vertex's OpenAI-compatible endpoint: `google/`). */
  model_prefix: z.string().optional(),
  /** Thinking controls rewritten for the target: a path, or per-value rules. */
  translate: z
    .array(
      z.object({
        from: z.string(),
        /** null: the target has no such control; the field is dropped and the warning says so. */
        to: z.string().nullable(),
        /** Per-value rules; `to: null` omits the field and only sets the thinking mode. */
        values: z.array(z.object({ equals: z.unknown(), to: z.unknown(), mode: z.enum(['enabled', 'disabled']).optional() })).optional(),
      }),
    )
    .default([]),
  note: z.string().optional(),
});
export const Endpoints = z.object({ endpoints: z.array(Endpoint), mappings: z.array(ProtocolMapping) });
export type Endpoints = z.input<typeof Endpoints>;

// ---------- grammar/request-fields.yaml ----------

export const RequestFields = z.object({
  /** Standard top-level body fields per protocol. */
  standard: z.record(z.string(), z.array(z.string())),
  /** Fields that carry per-call content (never request_params). */
  per_call: z.array(z.string()),
  /** Headers the client sets itself: never copied into a draft. */
  client_headers: z.array(z.string()),
  /** Header names that carry a key. */
  auth_headers: z.array(z.object({ name: z.string(), scheme: AuthScheme.nullable() })),
  /** Query parameter names that carry a key. */
  auth_query: z.array(z.string()),
  /**
   * A gateway's own credential, sent beside the provider's key (Helicone-Auth,
   * cf-aig-authorization, x-portkey-api-key): kept in `headers` as a `${NAME}`
   * reference; the auth itself only when the call sends no other key.
   */
  gateway_auth_headers: z.array(z.object({ name: z.string(), scheme: AuthScheme.nullable(), source: z.string() })).default([]),
});
export type RequestFields = z.input<typeof RequestFields>;

// ---------- grammar/thinking.yaml ----------
export const ThinkingRule = z.object({
  id: z.string(),
  wire: z.enum(['openai', 'anthropic', 'any']),
  /** Host regexes this rule applies to (empty: decided by model or field). */
  hosts: z.array(z.string()).default([]),
  /** Model-id regexes; with hosts, both must match when both are given. */
  models: z.array(z.string()).default([]),
  /** Dotted body paths that are thinking controls under this rule. */
  fields: z.array(z.string()).default([]),
  /** Value patterns: which field values mean off / on. */
  off: z.array(z.object({ path: z.string(), equals: z.unknown() })).default([]),
  on: z.array(z.object({ path: z.string(), equals: z.unknown().optional() })).default([]),
  /** Values that leave the choice to the model (thinking_mode stays auto though a control is sent). */
  auto: z.array(z.object({ path: z.string(), equals: z.unknown() })).default([]),
  always_on: z.boolean().default(false),
  /**
   * A rank makes the rule a fallback for hosts we know nothing about: the
   * fallback matching most of the sample's thinking fields wins, ties go to
   * the lower rank.
   */
  fallback: z.number().int().optional(),
  note: z.string().optional(),
});
export const Thinking = z.object({
  rules: z.array(ThinkingRule),
  /** Paths that are thinking controls whatever the host (the field index of thinking-protocols.md §3). */
  fields: z.array(z.string()),
  /** Model ids that always reason (§3 "Model-id signals"). */
  always_on_models: z.array(z.string()),
  /** For rules that list no `off` pattern: values that switch thinking off on any host. */
  generic_off: z.array(z.object({ path: z.string(), equals: z.unknown() })).default([]),
});
export type Thinking = z.input<typeof Thinking>;

// ---------- grammar/hosts.yaml ----------
export const HostInfo = z.object({
  vendor: z.string(),
  label: z.string(),
  /** Host regex (full match, lower-case host). */
  host: z.string(),
  /** For local servers: the port that identifies the server (Ollama 11434...). */
  port: z.number().int().optional(),
  /** The variable the vendor's docs read the key from. */
  key_env: z.string().nullable().optional(),
  /** Key shape ids (grammar/key-shapes.yaml) this vendor issues. */
  key_shapes: z.array(z.string()).default([]),
  /** Thinking rule id for this host (grammar/thinking.yaml). */
  thinking: z.string().nullable().optional(),
  /** Documented OpenAI-compatible root, used when mapping a native sample. */
  openai_base_url: z.string().optional(),
  anthropic_base_url: z.string().optional(),
  source: z.string().optional(),
});
export const Hosts = z.object({ hosts: z.array(HostInfo) });
export type Hosts = z.input<typeof Hosts>;

// ---------- grammar/sdks/*.yaml (format: /work/notes/sdk-format.md, README "SDK data") ----------
/** The role each constructor (or call) keyword plays; a role lists the keyword names that carry it. */
export const SdkArgs = z.object({
  base_url: z.array(z.string()).optional(),
  api_key: z.array(z.string()).optional(),
  /** A bearer token used instead of the key (`auth_token=`, `azure_ad_token=`). */
  bearer_token: z.array(z.string()).optional(),
  /** The model given to the constructor (LangChain, Hugging Face). */
  model: z.array(z.string()).optional(),
  headers: z.array(z.string()).optional(),
  query: z.array(z.string()).optional(),
  /** Objects merged into the top level of the body (`extra_body`, `model_kwargs`). */
  merge_body: z.array(z.string()).optional(),
  /** Anthropic `betas=[...]`: sent as the comma-joined `anthropic-beta` header. */
  betas: z.array(z.string()).optional(),
  azure_endpoint: z.array(z.string()).optional(),
  azure_deployment: z.array(z.string()).optional(),
  api_version: z.array(z.string()).optional(),
  /** Hugging Face `provider=`: its value pins the router's provider as a `model:provider` suffix (`auto` adds none). */
  model_suffix: z.array(z.string()).optional(),
  /**
   * A provider object or name that fixes where a model class sends (pydantic-ai
   * `OpenAIChatModel(..., provider=OpenAIProvider(base_url=...))`): an object of a
   * `kind: provider` binding gives the base URL, key and their defaults; a string is
   * looked up as a route of the binding's router.
   */
  provider: z.array(z.string()).optional(),
  /** Keywords that configure the client and never reach the body. */
  drop: z.array(z.string()).optional(),
});
export type SdkArgs = z.infer<typeof SdkArgs>;

/** Where a method sends its request: a path relative to the base URL (`{model}` is filled from the `model` keyword). */
export const SdkEndpoint = z.union([
  z.string(),
  z.object({
    path: z.string(),
    method: z.enum(['GET', 'POST']).optional(),
    /** The method streams: the SDK adds `stream: true` to the body. */
    stream: z.boolean().optional(),
  }),
]);

export const SdkWire = z.enum(['openai', 'anthropic', 'gemini', 'ollama', 'dashscope', 'cohere']);
export const SdkAuth = z.object({ name: z.string(), scheme: AuthScheme.nullable().default(null) });

/**
 * How an SdkCall is lowered to the request it sends (src/sdk/strategies.ts):
 * plain: base URL + the method's path; azure: Azure OpenAI deployments;
 * router: a `provider/model` string picks a route (LiteLLM); genai: Google
 * Gen AI's config object; ai-sdk: a Vercel AI SDK provider (its methods make
 * models); ai-sdk-generate: generateText/streamText sending a model's request.
 */
export const SdkStrategy = z.enum(['plain', 'azure', 'router', 'genai', 'ai-sdk', 'ai-sdk-generate']);

/** The service facts of a family: every binding and route inherits them and may override any. */
export const SdkService = z.object({
  wire: SdkWire,
  /** Where requests go when the code passes no URL (null: the code must give one). */
  base_url: z.string().nullable().default(null),
  /** Variable the SDK reads the base URL from when none is passed. */
  base_url_env: z.string().nullable().default(null),
  /** Variable the SDK reads the key from when none is passed. */
  key_env: z.string().nullable().default(null),
  /** How the key is sent; null: no key (a local server). */
  auth: SdkAuth.nullable(),
  /** Method path -> endpoint, or the name of a set in _shared.yaml. */
  endpoints: z.union([z.string(), z.record(z.string(), SdkEndpoint)]).optional(),
  /** The endpoint assumed for a client built but never called (and for `model` kinds). */
  chat_endpoint: z.string(),
  source: z.string().optional(),
});

/** A router's configuration (LiteLLM `provider/model`, a framework's `provider:model`). */
export const SdkRouter = z.object({
  /** Routes are matched by `routes[].router` = this binding's id unless named here. */
  name: z.string().optional(),
  separator: z.string(),
  /** The route used when the model names none. */
  default: z.string(),
  /** Model-name regexes that pick a route when no prefix is given. */
  infer: z.array(z.object({ models: z.string(), prefix: z.string() })).default([]),
  /** Documented prefixes that are not lowered (named in the warning). */
  unsupported: z.array(z.string()).default([]),
  /** What the unsupported-provider warning calls the router ("LiteLLM", "Pydantic AI"); default: its name. */
  label: z.string().optional(),
  /** Every model string names its provider (Mastra, instructor): an unknown `x/...` prefix is an unsupported provider, not the default's model. */
  require_prefix: z.boolean().optional(),
  /** A call keyword that names the provider instead of the prefix (LiteLLM's `custom_llm_provider`). */
  provider_arg: z.string().optional(),
});

/** One SDK (or framework class/function) in one language, as written in a family file. */
export const SdkBindingIn = SdkService.partial().extend({
  id: z.string(),
  language: z.enum(['python', 'javascript']),
  /**
   * client: the constructor builds a client whose methods send requests;
   * function: the named function sends the request itself (litellm.completion);
   * model: constructing it is the call (LangChain chat models);
   * provider: an object that only configures another binding's base URL and key
   * (pydantic-ai providers; read through the `provider` arg role), never a call.
   */
  kind: z.enum(['client', 'function', 'model', 'provider']).default('client'),
  strategy: SdkStrategy.default('plain'),
  /** `HttpCall.client` of the calls it makes. */
  client: z.string(),
  /** Qualified names (`openai.OpenAI`, `openai:default`) and, where docs omit the import, bare ones. */
  names: z.array(z.string()),
  /** Copy the binding fields (args, call_drop, kind, strategy, client, endpoints, body_case...) of this binding id; own fields win. */
  like: z.string().optional(),
  /** The binding for an SDK class this parser does not know, given a base URL. */
  fallback: z.boolean().default(false),
  args: SdkArgs.extend({ drop: z.union([z.string(), z.array(z.string())]).optional() }).optional(),
  /** Per-call keywords that configure the request and never reach the body (or a set name). */
  call_drop: z.union([z.string(), z.array(z.string())]).optional(),
  /** LangChain `init_chat_model(..., model_provider=P)` / `"P:model"`: the provider name that builds this model. */
  langchain_provider: z.string().optional(),
  /** Model ids LangChain's `init_chat_model` infers this provider from, when none is named (a regex). */
  langchain_models: z.string().optional(),
  /** Keyword names of the constructor's positional arguments, in order (`[api_key]`: `cohere.ClientV2("key")`; `[model]`: `Agent("openai:gpt-4o")`). */
  positional: z.array(z.string()).default([]),
  /** How the SDK writes the request body's keys: as written, or camelCase sent as snake_case (Speakeasy SDKs). */
  body_case: z.enum(['as_written', 'snake']).default('as_written'),
  /** Vercel AI SDK providers: how their camelCase `providerOptions` reach the body. */
  provider_options_case: z.enum(['as_written', 'snake']).default('as_written'),
  /** Vercel AI SDK providers: their `providerOptions` key (default: the id without `ai-sdk-`). */
  provider_options_key: z.string().optional(),
  /** Module-level configuration (`openai.api_base = ...`): module name and attribute -> role. */
  module: z.object({ name: z.string(), config: z.record(z.string(), z.string()) }).optional(),
  router: SdkRouter.optional(),
  /**
   * Which call arguments are not body fields (default: Python `extra_body`
   * merged, `extra_headers`, `extra_query`; `betas` on the anthropic wire in
   * both languages; a router's `args.headers` are headers too).
   */
  call_args: z
    .object({ merge_body: z.array(z.string()), headers: z.array(z.string()), query: z.array(z.string()), betas: z.array(z.string()), model_suffix: z.array(z.string()) })
    .partial()
    .optional(),
  /** Azure: the paths routed through `/deployments/{deployment}` (default: every path; openai-node: the three it lists). */
  azure_deployment_paths: z.array(z.string()).nullable().optional(),
  /** Constructor keywords sent as headers: keyword -> header name (Portkey `virtual_key` -> `x-portkey-virtual-key`). */
  header_args: z.record(z.string(), z.string()).optional(),
  /**
   * Another binding that takes over when a constructor keyword has a value
   * (google-genai `vertexai=True` -> the Vertex binding): `equals` the value
   * (default true), or `env`, a variable the paste sets to "true".
   */
  modes: z.array(z.object({ arg: z.string(), equals: z.unknown().optional(), env: z.string().optional(), binding: z.string() })).optional(),
  /**
   * `{name}` holes in base_url filled from constructor keywords, else the
   * variable `env` (a reference: the URL is then unresolved), else `default`.
   * `rewrite` maps a filled base URL's prefix (Vertex `global-aiplatform` -> `aiplatform`).
   */
  url_params: z.record(z.string(), z.object({ args: z.array(z.string()), env: z.string().nullable().optional(), default: z.string().nullable().optional() })).optional(),
  url_rewrites: z.array(z.object({ from: z.string(), to: z.string() })).optional(),
  /**
   * REST-level clients (`@azure-rest/ai-inference`): `client.METHOD(path).post({ body, headers, queryParameters })`:
   * the method that takes the path, and the request object's member names.
   */
  rest: z.object({ method: z.string(), body: z.string(), headers: z.string(), query: z.string() }).optional(),
  /** A plain model string given to this function (the AI SDK's `model: "openai/gpt-5"`) is a model of this binding id. */
  string_model: z.string().optional(),
});

/** A `provider/model` prefix of a router (LiteLLM): where that provider's requests go. */
export const SdkRouteIn = z.object({
  router: z.string(),
  prefix: z.string(),
  strategy: z.enum(['plain', 'azure']).default('plain'),
  wire: SdkWire.optional(),
  base_url: z.string().nullable().optional(),
  base_url_env: z.string().nullable().optional(),
  key_env: z.string().nullable().optional(),
  /** Azure routes: the variable holding the api-version when the call gives none. */
  api_version_env: z.string().optional(),
  /** Path after the base URL (default: the family's chat_endpoint). */
  endpoint: z.string().optional(),
  auth: SdkAuth.nullable().optional(),
  source: z.string().optional(),
});

export const SdkUnsupported = z.object({
  language: z.enum(['python', 'javascript']),
  /** Regex over the qualified name (`boto3.client`, `@aws-sdk/client-bedrock-runtime:...`). */
  pattern: z.string(),
  /** Named in the warning: "Requests made through LABEL are not supported". */
  label: z.string(),
});

export const SdkConstant = z.object({ language: z.enum(['python', 'javascript']), name: z.string(), value: z.string() });
/** Each keyword `k` becomes the header `prefix` + k in kebab case (`virtual_key`, `virtualKey` -> `x-portkey-virtual-key`). */
export const SdkHeaderBuilder = z.object({ language: z.enum(['python', 'javascript']), name: z.string(), prefix: z.string() });

/** One file grammar/sdks/FAMILY.yaml. */
export const SdkFamily = z
  .object({
    family: z.string(),
    /** Lower first when several bindings could match a name or a fragment's method (default 100). */
    priority: z.number().int().default(100),
    service: SdkService,
    bindings: z.array(SdkBindingIn).default([]),
    routes: z.array(SdkRouteIn).default([]),
    unsupported: z.array(SdkUnsupported).default([]),
    /** Module constants the docs pass instead of a literal (`portkey_ai.PORTKEY_GATEWAY_URL`): qualified name -> value. */
    constants: z.array(SdkConstant).default([]),
    /** Functions that build a headers object from keywords (`portkey_ai.createHeaders(api_key=..., provider=...)`). */
    header_builders: z.array(SdkHeaderBuilder).default([]),
  })
  .strict();
export type SdkFamily = z.input<typeof SdkFamily>;

/** grammar/sdks/_shared.yaml: named sets the family files refer to. */
export const SdkShared = z
  .object({
    endpoint_sets: z.record(z.string(), z.record(z.string(), SdkEndpoint)),
    drop_sets: z.record(z.string(), z.array(z.string())),
    unsupported: z.array(SdkUnsupported).default([]),
    /** Constructors that wrap a key without changing where it comes from (`SecretStr(k)`, `AzureKeyCredential(k)`): their first argument is the value. */
    key_wrappers: z.array(z.object({ language: z.enum(['python', 'javascript']), name: z.string() })).default([]),
  })
  .strict();

// ---------- compiled: src/generated/sdks.ts (every default applied at build time) ----------
export const SdkEndpointOut = z.object({ path: z.string(), method: z.enum(['GET', 'POST']), stream: z.boolean() });
export type SdkEndpointOut = z.output<typeof SdkEndpointOut>;

/** One binding with its family's facts merged in: what src/sdk/ reads. */
export const Sdk = z.object({
  id: z.string(),
  family: z.string(),
  language: z.enum(['python', 'javascript']),
  kind: z.enum(['client', 'function', 'model', 'provider']),
  strategy: SdkStrategy,
  client: z.string(),
  names: z.array(z.string()),
  fallback: z.boolean(),
  wire: SdkWire,
  default_base_url: z.string().nullable(),
  default_key_env: z.string().nullable(),
  base_url_env: z.string().nullable(),
  auth: z.object({ name: z.string(), scheme: AuthScheme.nullable() }).nullable(),
  args: SdkArgs,
  endpoints: z.record(z.string(), SdkEndpointOut),
  chat_endpoint: z.string(),
  call_drop: z.array(z.string()),
  langchain_provider: z.string().nullable(),
  langchain_models: z.string().nullable(),
  positional: z.array(z.string()),
  body_case: z.enum(['as_written', 'snake']),
  provider_options_case: z.enum(['as_written', 'snake']),
  provider_options_key: z.string(),
  call_args: z.object({ merge_body: z.array(z.string()), headers: z.array(z.string()), query: z.array(z.string()), betas: z.array(z.string()), model_suffix: z.array(z.string()) }),
  azure_deployment_paths: z.array(z.string()).nullable(),
  module: z.object({ name: z.string(), config: z.record(z.string(), z.string()) }).nullable(),
  router: z
    .object({
      name: z.string(),
      separator: z.string(),
      default: z.string(),
      infer: z.array(z.object({ models: z.string(), prefix: z.string() })),
      unsupported: z.array(z.string()),
 
      provider_arg: z.string().nullable(),
      label: z.string(),
      require_prefix: z.boolean(),
    })
    .nullable(),
  header_args: z.record(z.string(), z.string()),
  modes: z.array(z.object({ arg: z.string(), equals: z.unknown(), env: z.string().nullable(), binding: z.string() })),
  url_params: z.record(z.string(), z.object({ args: z.array(z.string()), env: z.string().nullable(), default: z.string().nullable() })),
  url_rewrites: z.array(z.object({ from: z.string(), to: z.string() })),
  rest: z.object({ method: z.string(), body: z.string(), headers: z.string(), query: z.string() }).nullable(),
  string_model: z.string().nullable(),
  source: z.string().nullable(),
});
export type Sdk = z.output<typeof Sdk>;

export const Route = z.object({
  router: z.string(),
  prefix: z.string(),
  family: z.string(),
  strategy: z.enum(['plain', 'azure']),
  wire: SdkWire,
  base_url: z.string().nullable(),
  base_url_env: z.string().nullable(),
  key_env: z.string().nullable(),
  api_version_env: z.string().nullable(),
  endpoint: z.string(),
  auth: z.object({ name: z.string(), scheme: AuthScheme.nullable() }).nullable(),
  source: z.string().nullable(),
});
export type Route = z.output<typeof Route>;

export const Sdks = z.object({
  /** Bindings in lookup order: family priority, then file name, then file order. */
  sdks: z.array(Sdk),
  routes: z.array(Route),
  unsupported: z.array(SdkUnsupported),
  key_wrappers: z.array(z.object({ language: z.enum(['python', 'javascript']), name: z.string() })),
  constants: z.array(SdkConstant),
  header_builders: z.array(SdkHeaderBuilder),
});
export type Sdks = z.output<typeof Sdks>;

/** The compiled module src/generated/sdks.ts: Sdks without the bindings (src/generated/sdks-LANG.ts), plus each client's one wire. */
export const SdksShared = Sdks.omit({ sdks: true }).extend({
  /** A client name (`anthropic-sdk`) -> its wire, when every binding of that client speaks the same one. */
  client_wires: z.record(z.string(), SdkWire),
});
export type SdksShared = z.output<typeof SdksShared>;

/** What the lookups of src/sdk/data.ts read of every binding, before they pick one. */
export interface SdkIndexEntry {
  id: string;
  kind: Sdk['kind'];
  strategy: Sdk['strategy'];
  fallback: boolean;
  names: string[];
  /** `module.name`, or null. */
  module: string | null;
  /** The method names of `endpoints`. */
  methods: string[];
  langchain_provider: string | null;
  langchain_models: string | null;
}

/**
 * A compiled module src/generated/sdks-LANG.ts: one language's bindings, in
 * lookup order, as an index of what lookups read and the JSON text of each
 * binding (`text.slice(offsets[i], offsets[i + 1])`), parsed only when a
 * lookup picks it: a paste uses one or two of ~80 bindings, and parsing all
 * of them cost ~1.7 ms and ~400 KB of young heap at every start.
 */
export interface SdkTable {
  index: SdkIndexEntry[];
  offsets: number[];
  text: string;
}
