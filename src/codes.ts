// Every machine code byok emits, as two closed lists: the `code` of a failure
// (`{ ok: false, error, code }`) and the `code` of a warning. A code not listed
// here does not type-check, so the README's tables and the CLI cannot drift
// from the code. To add one: append it to the right list, with a comment
// saying when it is emitted, and document it in the README.
// Cheap to import (no zod): the CLI loads it on every call.

/** Failure codes, documented in the README. */
export const ERROR_CODES = [
  'empty_input',
  'not_an_api_example',
  'input_too_large',
  /** Nested deeper than MAX_DEPTH (src/intake/limits.ts): a walker would overflow the stack. */
  'input_too_complex',
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
  /** `probe` reached a diagnosis other than ok (the result's `diagnosis` says which). */
  'probe_failed',
  /** A bug in byok itself (an exception the CLI caught); never caused by input. */
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** Warning codes, in the order of the stage that emits them. */
export const WARNING_CODES = [
  // intake
  'intake',
  // curl / shell front-end
  'syntax',
  'other_commands',
  'no_url',
  'multiple_urls',
  'unknown_option',
  'ambiguous_option',
  'bad_header',
  'body_repaired',
  'escaped_quotes',
  'config_file',
  'cookie_file',
  'header_file',
  'file_data',
  'form_field',
  'stdin_data',
  'upload_file',
  // code front-ends (Python, JS/TS) and the SDK stage
  'guessed_syntax',
  'unknown_value',
  'unsupported_client',
  'option_spelling',
  'env_base_url',
  'missing_argument',
  'multiple_calls',
  'no_call',
  // extractor
  'multiple_requests',
  'secret_redacted',
  'placeholder_key',
  'placeholder_header',
  /** A second credential header (a gateway's key) kept as a ${NAME} reference. */
  'credential_header',
  'key_from_code',
  'key_host_mismatch',
  'auth_missing',
  'base_url_default',
  'base_url_missing',
  'unknown_endpoint',
  'mapped_protocol',
  'model_default',
  'model_from_variable',
  'model_missing',
  'model_placeholder',
  'body_not_json',
  'prompt_thinking_switch',
  'thinking_always_on',
  'unknown_thinking_capability',
  // registry
  'model_not_curated',
  'near_non_tee_model',
  // live catalogs
  'empty_catalog',
  'no_chat_models',
  /** add repaired base_url: the endpoint was cut off, or /v1 from an anthropic-wire root. */
  'base_url_repaired',
  /** add or add-template replaced fields of an entry registered before (says which). */
  'entry_replaced',
  /** The vendor's documented key variable is set, the entry's own one is not. */
  'vendor_key_available',
  /** The model id was too long for a name; the default name is shortened. */
  'name_shortened',
] as const;
export type WarningCode = (typeof WARNING_CODES)[number];

/** One warning: a closed code, one sentence, and the input line when there is one. */
export interface Warning {
  code: WarningCode;
  message: string;
  line?: number;
}

/** Authorization header schemes kept as written (`Authorization: Token ...` is not rewritten to Bearer). */
export const AUTH_SCHEMES = ['Bearer', 'Basic', 'Token', 'Key', 'Api-Key'] as const;
export type AuthScheme = (typeof AUTH_SCHEMES)[number];
