// The JSON results of the registry functions as zod schemas, so each function
// returns a named, exported union a caller narrows on `ok`
// (`const r = await add(x); if (r.ok) r.model_id`), and `byok schema NAME`
// prints their JSON Schemas. Failures may carry extra fields (while a
// missing key asks for secure input). list-vendor-models and probe live in
// src/vendors/results.ts.
import { z } from 'zod';
import { Auth, Failure, ThinkingMode, WarningSchema, Wire } from '../result.js';
import { Entry } from './schema.js';

const jsonRecord = z.record(z.string(), z.unknown());

/** While a key is not set: what to ask the host's secure-input tool for, and what to do after. */
export const KeyPrompt = z.object({
  need_env_input: z
    .object({
      env_vars: z.array(z.object({ key: z.string(), label: z.string(), required: z.literal(true) })),
      reason: z.string(),
    })
    .optional()
    .describe('Present while a key is not set: pass it to the host\'s secure-input tool; never ask for the key in chat'),
  next_action: z.string().optional().describe('What to do next, with commands that run as written'),
});

export const TemplatesOk = z.object({
  ok: z.literal(true),
  count: z.number().int(),
  templates: z.array(
    z.object({
      vendor: z.string(),
      label: z.string(),
      homepage: z.string(),
      base_url: z.string(),
      wire: Wire,
      default_model: z.string(),
      models: z.array(
        z.object({
          id: z.string(),
          label: z.string(),
          thinking_capability: z.string(),
          thinking_mode: ThinkingMode.optional(),
          capabilities: z.record(z.string(), z.boolean()),
          tee: z.boolean().optional(),
          note: z.string().optional(),
        }),
      ),
      supports_dynamic_models: z.boolean(),
      thinking_capability: z.string(),
      api_key_env: z.string(),
      api_key_set: z.boolean(),
      note: z.string().optional(),
    }),
  ),
  note: z.string(),
});
export type TemplatesOk = z.infer<typeof TemplatesOk>;
export type TemplatesResult = TemplatesOk | Failure;

/** `add` and `add-template`: the entry as stored, its key state, and every warning (the draft's first). */
export const AddOk = z.object({
  ok: z.literal(true),
  status: z.literal('registered'),
  created: z.boolean().describe('false when the same base_url + upstream_model was registered before (updated or unchanged)'),
  model_id: z.string(),
  name: z.string(),
  vendor: z.string().nullable(),
  upstream_model: z.string(),
  base_url: z.string(),
  wire: Wire,
  api_key_env: z.string().nullable(),
  api_key_set: z.boolean().nullable(),
  auth: Auth,
  headers: z.record(z.string(), z.string()),
  query: z.record(z.string(), z.string()),
  thinking_mode: ThinkingMode,
  thinking_capability: z.string(),
  thinking_params: jsonRecord,
  request_params: jsonRecord,
  capabilities: z.record(z.string(), z.boolean()),
  max_tokens: z.number().nullable(),
  param_policy: z.looseObject({ drop_params: z.array(z.string()) }),
  warnings: z.array(WarningSchema).describe("The draft's warnings (from parse-example), then the registry's"),
  registry: z.string().describe('Absolute path of the registry file written'),
  note: z.string(),
  ...KeyPrompt.shape,
});
export type AddOk = z.infer<typeof AddOk>;
export type AddResult = AddOk | Failure;

/** An entry as list and get show it: the stored fields plus model_id and api_key_set. */
export const EntryView = z.intersection(Entry, z.object({ model_id: z.string(), api_key_set: z.boolean().nullable() }));
export type EntryView = z.infer<typeof EntryView>;

export const ListModelsOk = z.object({ ok: z.literal(true), count: z.number().int(), models: z.array(EntryView) });
export type ListModelsOk = z.infer<typeof ListModelsOk>;
export type ListModelsResult = ListModelsOk | Failure;

export const GetOk = z.intersection(z.intersection(z.object({ ok: z.literal(true) }), EntryView), KeyPrompt);
export type GetOk = z.infer<typeof GetOk>;
export type GetResult = GetOk | Failure;

export const RemoveOk = z.object({ ok: z.literal(true), status: z.literal('removed'), model_id: z.string(), registry: z.string(), note: z.string() });
export type RemoveOk = z.infer<typeof RemoveOk>;
export type RemoveResult = RemoveOk | Failure;

/** `update` and `rename`: the entry as it now is, and which fields changed. */
export const UpdateOk = z.intersection(
  z.intersection(
    z.object({
      ok: z.literal(true),
      status: z.enum(['updated', 'unchanged']),
      changed: z.array(z.string()).describe('The fields whose value changed (empty when unchanged)'),
      warnings: z.array(WarningSchema),
      registry: z.string().describe('Absolute path of the registry file'),
      note: z.string(),
    }),
    EntryView,
  ),
  KeyPrompt,
);
export type UpdateOk = z.infer<typeof UpdateOk>;
export type UpdateResult = UpdateOk | Failure;
