// The schema of a curated vendor template (vendors/*.yaml). The build compiles
// every template into src/generated/vendors.ts typed with `VendorFile` (the
// input shape), and the loader (./load.ts) parses each one with this schema,
// so a template of the wrong shape fails tsc, the loader and a test.
// Guarantee: every URL and model in a template carries a doc source
// (`sources`, or a model's own `source`), checked by test/vendors.test.ts.
import { z } from 'zod';
import { Auth, ThinkingMode, Wire } from '../result.js';

const Url = z.string().url().refine((u) => u.startsWith('https://'), 'must be an https:// URL');

/** Dotted body path -> value, as in a draft's thinking_params. */
const ParamMap = z.record(z.string(), z.unknown());

export const VendorModel = z
  .object({
    /** The upstream model id sent in requests. */
    id: z.string().min(1),
    label: z.string().optional(),
    /** Thinking rule for this model when it differs from the vendor's (grammar/thinking.yaml ids). */
    thinking_capability: z.string().optional(),
    /** What a registered entry asks for: `auto` sends nothing and leaves the model's default. */
    thinking_mode: ThinkingMode.default('auto'),
    thinking_params: ParamMap.default({}),
    capabilities: z.record(z.string(), z.boolean()).default({}),
    max_tokens: z.number().int().positive().nullable().default(null),
    /** NEAR AI: served inside a TEE (the curated NEAR list holds only these). */
    tee: z.boolean().optional(),
    /** Doc page naming this model, when it is not `sources.models`. */
    source: Url.optional(),
    note: z.string().optional(),
  })
  .strict();
export type VendorModel = z.infer<typeof VendorModel>;

export const ModelDiscovery = z
  .object({
    /** The live catalog (GET). */
    url: Url,
    /** Whether the catalog answers only with the key. */
    auth_required: z.boolean(),
    /** Where the key goes for the catalog call, when it differs from the template's `auth`. */
    auth: Auth.optional(),
    /** Extra request headers the catalog needs (Anthropic's `anthropic-version`). */
    headers: z.record(z.string(), z.string()).default({}),
    /** Response format: a key of grammar/catalog-formats.yaml (openai, openrouter, venice, near, gemini, anthropic, together, groq, fireworks, mistral...), or `auto` to sniff. */
    format: z.string().regex(/^[a-z][a-z0-9_]*$/).default('auto'),
    /** Keep only ids matching this regex (the Gemini catalog lists Gemma too). */
    filter: z.string().optional(),
  })
  .strict();
export type ModelDiscovery = z.infer<typeof ModelDiscovery>;

export const VendorFile = z
  .object({
    /** Template id, also the file name: `vendors/<vendor>.yaml`. */
    vendor: z.string().regex(/^[a-z][a-z0-9-]*$/),
    label: z.string().min(1),
    /** The page where a user creates the API key. */
    homepage: Url,
    base_url: Url,
    wire: Wire,
    /** Where the key goes on chat calls. */
    auth: Auth,
    /** The variable the vendor's own docs read the key from (informational; discovery also tries it). */
    key_env: z.string().regex(/^[A-Z_][A-Z0-9_]*$/).nullable(),
    /** Other hosts of this vendor (its key may go there without a warning); a leading dot matches any subdomain. */
    hosts: z.array(z.string()).default([]),
    /** Default thinking rule (grammar/thinking.yaml id). */
    thinking: z.string(),
    default_model: z.string(),
    /** Capabilities every model of the vendor has; a model's own map wins. */
    capabilities: z.record(z.string(), z.boolean()).default({}),
    headers: z.record(z.string(), z.string()).default({}),
    request_params: ParamMap.default({}),
    models: z.array(VendorModel).min(1),
    model_discovery: ModelDiscovery.nullable(),
    /** `tee`: a model outside the curated (TEE) list gets a warning (NEAR AI). */
    model_policy: z.enum(['open', 'tee']).default('open'),
    /** Doc pages the facts above come from. */
    sources: z
      .object({
        base_url: Url,
        homepage: Url,
        models: Url,
        model_discovery: Url.optional(),
        thinking: Url.optional(),
      })
      .strict(),
    note: z.string().optional(),
  })
  .strict();
/** The shape written in vendors/*.yaml (defaults not yet applied). */
export type VendorFile = z.input<typeof VendorFile>;
/** A parsed template, defaults applied. */
export type Vendor = z.infer<typeof VendorFile>;

// ---------- catalog-only vendors (vendors/catalogs/*.yaml) ----------

/**
 * A vendor byok has no curated template for but whose live catalog
 * `list-vendor-models VENDOR` can read (groq, mistral, together...): where the
 * catalog is, its format, and the key it takes. The key variable is
 * CUSTOM_KEY_<HOST of base_url> (as for any entry), `key_env` the vendor's
 * documented one, tried second.
 */
export const CatalogVendorFile = z
  .object({
    vendor: z.string().regex(/^[a-z][a-z0-9-]*$/),
    label: z.string().min(1),
    base_url: Url,
    wire: Wire.default('openai'),
    auth: Auth,
    key_env: z.string().regex(/^[A-Z_][A-Z0-9_]*$/).nullable(),
    hosts: z.array(z.string()).default([]),
    model_discovery: ModelDiscovery,
    sources: z.object({ base_url: Url, model_discovery: Url }).strict(),
    note: z.string().optional(),
  })
  .strict();
export type CatalogVendorFile = z.input<typeof CatalogVendorFile>;
export type CatalogVendor = z.infer<typeof CatalogVendorFile>;

// ---------- grammar/catalog-formats.yaml ----------

const Getter = z.union([
  z.string(),
  z
    .object({
      path: z.string(),
      has: z.string().optional(),
      equals: z.unknown().optional(),
      map: z.record(z.string(), z.unknown()).optional(),
      per_tokens: z.number().positive().optional(),
      scaled: z.literal(true).optional(),
      strip_prefix: z.string().optional(),
    })
    .strict(),
]);
export type Getter = z.infer<typeof Getter>;

const Getters = z.array(Getter);

export const CatalogFormat = z
  .object({
    /** The doc page showing this shape. */
    source: Url,
    /** Dotted path of the model array; '' when the body is the array. */
    list: z.string(),
    /** For `auto`: a field the first model must have for this format to be picked. */
    detect: z.string().optional(),
    /** Next page: the query parameter `param` takes the body's `next_from` value (while `when` is true, if given). */
    paging: z.object({ next_from: z.string(), param: z.string(), when: z.string().optional() }).strict().optional(),
    /** Models kept: every getter that yields a value must yield true (chat models only). */
    keep: z.array(Getter).default([]),
    fields: z
      .object({
        upstream_model: Getters,
        name: Getters,
        context_tokens: Getters,
        max_output_tokens: Getters,
        vision: Getters,
        function_calling: Getters,
        reasoning: Getters,
        web_search: Getters,
        input_usd: Getters,
        output_usd: Getters,
        tee: Getters.default([]),
        e2ee: Getters.default([]),
        data_retention: Getters.default([]),
      })
      .strict(),
  })
  .strict();
export type CatalogFormat = z.infer<typeof CatalogFormat>;

export const CatalogFormats = z
  .object({
    /** `auto`: the formats tried, in order, on the first page. */
    sniff: z.array(z.string()),
    formats: z.record(z.string(), CatalogFormat),
  })
  .strict();
export type CatalogFormats = z.input<typeof CatalogFormats>;
