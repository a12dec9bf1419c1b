// The JSON results of the live-call functions, list-vendor-models
// (listVendorModels) and probe, as zod schemas: their types are z.infer of
// these (a caller narrows on `ok`), and `byok schema list-vendor-models` /
// `byok schema probe` print them. Loaded only for types by the functions
// themselves (the schemas are for `byok schema`, tests and library users).
// Guarantee: every field either function returns is declared here; the JSON
// Schemas forbid undeclared fields, so a test that validates a real result
// against the printed schema catches any drift.
import { z } from 'zod';
import { Failure, WarningSchema } from '../result.js';
import { KeyPrompt } from '../registry/results.js';

const nullableBool = z.boolean().nullable();

/** One model of a catalog, normalised (unknown facts are null, never guessed). */
export const CatalogModelSchema = z.object({
  upstream_model: z.string(),
  name: z.string().nullable(),
  context_tokens: z.number().nullable(),
  max_output_tokens: z.number().nullable(),
  capabilities: z.object({ vision: nullableBool, function_calling: nullableBool, reasoning: nullableBool, web_search: nullableBool }),
  pricing: z.object({ input_usd: z.number().nullable(), output_usd: z.number().nullable() }).describe('USD per 1M tokens'),
  privacy: z.object({ tee: nullableBool, e2ee: nullableBool, data_retention: z.string().nullable() }),
  in_curated_template: z.boolean().describe('A curated template of byok lists this model'),
  warnings: z.array(z.string()).optional().describe('Warning codes about this model (e.g. near_non_tee_model)'),
});

export const ListVendorModelsOk = z.object({
  ok: z.literal(true),
  vendor: z.string().nullable().describe('The vendor id, or null for a bare base URL'),
  url: z.string().describe('The catalog URL read (without any key)'),
  format: z.string().nullable().describe('The catalog format it was read as (grammar/catalog-formats.yaml)'),
  count: z.number().int(),
  models: z.array(CatalogModelSchema),
  filters: z.object({ capability: z.string().optional(), max_input_usd: z.number().optional() }).optional(),
  total: z.number().int().optional().describe('With filters: how many models the catalog had before filtering'),
  curated_models: z.array(z.string()).optional(),
  key_env_used: z.string().nullable().describe('The variable whose key was sent, or null'),
  warnings: z.array(WarningSchema),
  note: z.string(),
});
export type ListVendorModelsOk = z.infer<typeof ListVendorModelsOk>;

/** A catalog that could not be read: the URL called and why. */
export const ListVendorModelsFailure = Failure.extend({
  url: z.string().optional(),
  status: z.number().int().nullable().optional(),
  reason: z.string().optional().describe('http_error, not_json, not_a_catalog, timeout, ...'),
  curated_models: z.array(z.string()).optional(),
  ...KeyPrompt.shape,
});
export type ListVendorModelsResult = ListVendorModelsOk | z.infer<typeof ListVendorModelsFailure>;

export const Diagnosis = z.enum([
  'ok',
  'auth',
  'not_found',
  'model_not_found',
  'bad_param',
  'rate_limited',
  'payment_required',
  'server_error',
  'timeout',
  'tls',
  'unreachable',
  'redirect',
  'bad_response',
  'empty_content',
  'key_not_set',
  'key_host_mismatch',
]);
export type Diagnosis = z.infer<typeof Diagnosis>;

/** What a probe found, whether or not the model works. */
const ProbeReport = z.object({
  model_id: z.string(),
  url: z.string().nullable().describe('The URL called (null when nothing was sent)'),
  status: z.number().int().nullable(),
  latency_ms: z.number().nullable(),
  diagnosis: Diagnosis,
  hint: z.string().describe('What to do, with commands that run as written'),
  excerpt: z.string().optional().describe("The reply's text or error message, scrubbed of keys"),
  param: z.string().optional().describe('bad_param: the request field the endpoint refused'),
  suggested_param_policy: z.object({ drop_params: z.array(z.string()) }).optional(),
  suggested_base_url: z.string().optional(),
  suggested_url: z.string().optional(),
  suggested_thinking: z.object({ thinking_mode: z.literal('disabled'), thinking_params: z.record(z.string(), z.unknown()) }).optional(),
  checks: z.array(z.record(z.string(), z.unknown())).optional().describe('Every call made, in order'),
  ...KeyPrompt.shape,
});

export const ProbeOk = ProbeReport.extend({ ok: z.literal(true), diagnosis: z.literal('ok') });
export type ProbeOk = z.infer<typeof ProbeOk>;

/** The model did not work (or nothing could be sent): the diagnosis and the fix. */
export const ProbeFailed = ProbeReport.extend({ ok: z.literal(false), error: z.string(), code: z.enum(['probe_failed', 'key_not_set']) });
export type ProbeFailed = z.infer<typeof ProbeFailed>;

export type ProbeResult = ProbeOk | ProbeFailed | Failure;
