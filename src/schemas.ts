// `byok schema NAME`: the JSON Schema of every result shape and of the
// registry file, generated from the zod schemas that type and validate them
// (z.toJSONSchema), so a schema can never drift from the code.
import { z } from 'zod';
import { Draft, Failure, InspectOk, ParseExampleOk } from './result.js';
import { AddOk, GetOk, ListModelsOk, RemoveOk, TemplatesOk, UpdateOk } from './registry/results.js';
import { ListVendorModelsOk, ProbeFailed, ProbeOk } from './vendors/results.js';
import { Entry, registryJsonSchema } from './registry/schema.js';

/** Result shapes by CLI verb; each verb's result is this or a failure. */
const RESULTS: Record<string, z.ZodType> = {
  'parse-example': ParseExampleOk,
  inspect: InspectOk,
  templates: TemplatesOk,
  add: AddOk,
  'add-template': AddOk,
  list: ListModelsOk,
  get: GetOk,
  remove: RemoveOk,
  update: UpdateOk,
  rename: UpdateOk,
  'list-vendor-models': ListVendorModelsOk,
  probe: z.union([ProbeOk, ProbeFailed]),
};

/** Failures may carry more than error and code (a failed catalog's url, need_env_input): the schema allows it. */
const FailureJson = Failure.loose();

const json = (schema: z.ZodType, title: string, io: 'input' | 'output' = 'output') => ({
  ...z.toJSONSchema(schema, { io, target: 'draft-2020-12', unrepresentable: 'any' }),
  title,
});

/** The names `byok schema` takes, with what each describes. */
export const SCHEMA_NAMES: Record<string, string> = {
  draft: 'the draft parse-example returns and add --from-draft reads',
  entry: 'one entry of the registry file',
  registry: 'the registry file, config/custom_models.yaml',
  failure: 'every { ok: false, error, code } result',
  result: 'every result: one of the verb results below, or a failure',
  ...Object.fromEntries(Object.keys(RESULTS).map((k) => [k, k === 'probe' ? 'the result of `byok probe`: ok, or the diagnosis of a model that did not answer' : `the ok result of \`byok ${k}\``])),
};

export function schemaFor(name: string): Record<string, unknown> | null {
  switch (name) {
    case 'draft':
      return json(Draft, 'byok draft');
    case 'entry':
      return json(Entry, 'byok registry entry', 'input');
    case 'registry':
      return registryJsonSchema();
    case 'failure':
      return json(FailureJson, 'byok failure');
    case 'result':
      return {
        $schema: 'https://json-schema.org/draft/2020-12/schema',
        title: 'byok result',
        $defs: Object.fromEntries([...Object.entries(RESULTS), ['failure', FailureJson] as const].map(([k, s]) => [k, json(s, `byok ${k} result`)])),
        anyOf: [...Object.keys(RESULTS), 'failure'].map((k) => ({ $ref: `#/$defs/${k}` })),
      };
  }
  const s = RESULTS[name];
  return s ? json(s, `byok ${name} result`) : null;
}
