// The JSON contract of every byok function (DESIGN.md): `{ ok: true, ... }`
// or `{ ok: false, error, code }`. Types come from the zod schemas here, so a
// result can be validated in tests and the CLI with the same definition.
import { z } from 'zod';
import { ERROR_CODES, fail } from './failure.js';
import { WARNING_CODES } from './codes.js';
import { AuthScheme } from './data/schemas.js';

export { fail };

/** Every machine code a failure may carry (the list lives in failure.ts, which the CLI loads without zod). */
export const ErrorCode = z.enum(ERROR_CODES);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const Failure = z.object({
  ok: z.literal(false),
  error: z.string(),
  code: ErrorCode,
  warnings: z.array(z.object({ code: z.enum(WARNING_CODES), message: z.string(), line: z.number().optional() })).optional(),
});
export type Failure = z.infer<typeof Failure>;

export const WarningSchema = z.object({
  code: z.enum(WARNING_CODES),
  message: z.string(),
  line: z.number().int().optional(),
});

export const Auth = z.discriminatedUnion('in', [
  z.object({ in: z.literal('header'), name: z.string(), scheme: AuthScheme.nullable() }),
  z.object({ in: z.literal('query'), name: z.string() }),
  z.object({ in: z.literal('none') }),
]);
export type Auth = z.infer<typeof Auth>;

export const Wire = z.enum(['openai', 'anthropic']);
export type Wire = z.infer<typeof Wire>;

export const ThinkingMode = z.enum(['enabled', 'disabled', 'auto']);

export const Draft = z.object({
  upstream_model: z.string().nullable(),
  base_url: z.string().nullable(),
  wire: Wire,
  name: z.string().nullable(),
  api_key_env: z.string().nullable(),
  auth: Auth,
  headers: z.record(z.string(), z.string()),
  query: z.record(z.string(), z.string()),
  thinking_capability: z.string(),
  thinking_mode: ThinkingMode,
  thinking_params: z.record(z.string(), z.unknown()),
  request_params: z.record(z.string(), z.unknown()),
  capabilities: z.record(z.string(), z.boolean()),
  max_tokens: z.number().nullable(),
});
export type Draft = z.infer<typeof Draft>;

export const Detected = z.object({
  language: z.string(),
  client: z.string(),
  method: z.string(),
  endpoint: z.string().nullable(),
  key_env: z.string().nullable(),
  vendor: z.string().nullable(),
  protocol: z.string(),
});

export const ParseExampleOk = z.object({
  ok: z.literal(true),
  draft: Draft,
  detected: Detected,
  warnings: z.array(WarningSchema),
  suggestion: z.object({ action: z.string(), vendor: z.string() }).nullable(),
  note: z.string(),
});
export type ParseExampleOk = z.infer<typeof ParseExampleOk>;
export type ParseExampleResult = ParseExampleOk | Failure;

export const InspectOk = z.object({
  ok: z.literal(true),
  language: z.string(),
  calls: z.array(
    z.object({
      client: z.string(),
      method: z.string(),
      url: z.string(),
      headers: z.record(z.string(), z.string()),
      body: z.unknown(),
    }),
  ),
  warnings: z.array(WarningSchema),
});
export type InspectOk = z.infer<typeof InspectOk>;
export type InspectResult = InspectOk | Failure;
