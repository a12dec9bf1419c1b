// Failures as data, without zod: the CLI and the example parser load this on
// every call, so it must stay cheap to import (zod alone costs ~50 ms of
// start-up). src/result.ts builds the zod schemas from the same list.

import { ERROR_CODES, type ErrorCode, type Warning } from './codes.js';

export { ERROR_CODES, type ErrorCode };

export type Failure = {
  ok: false;
  error: string;
  code: ErrorCode;
  warnings?: Warning[];
};

export function fail(code: ErrorCode, error: string, warnings?: Failure['warnings']): Failure {
  return warnings && warnings.length ? { ok: false, error, code, warnings } : { ok: false, error, code };
}
