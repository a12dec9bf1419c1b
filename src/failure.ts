// Failures as data, without zod: the CLI and the example parser load this on
// every call, so it must stay cheap to import (zod alone costs ~50 ms of
// start-up). src/result.ts builds the zod schemas from the same list.

/** Every machine code a failure may carry; a closed set, documented in the README. */
export const ERROR_CODES = [
  'empty_input',
  'not_an_api_example',
  'input_too_large',
  'binary_input',
  'no_request_found',
  'no_model',
  'unresolved_base_url',
  'unsupported_protocol',
  'parse_error',
  'usage',
  'io_error',
  'not_found',
  'invalid_entry',
  'invalid_registry',
  'registry_locked',
  'unknown_vendor',
  'model_not_in_catalog',
  'discovery_failed',
  'no_discovery',
  'key_not_set',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export type Failure = {
  ok: false;
  error: string;
  code: ErrorCode;
  warnings?: Array<{ code: string; message: string; line?: number }>;
};

export function fail(code: ErrorCode, error: string, warnings?: Failure['warnings']): Failure {
  return warnings && warnings.length ? { ok: false, error, code, warnings } : { ok: false, error, code };
}
