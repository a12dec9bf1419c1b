// What `add` accepts, as a zod schema (AddFields), and the schema check of a
// candidate entry; the rules themselves (defaults, repairs, refusals,
// warnings) are in ./candidate.ts, which loads no zod. Pure: no file access.
import { z } from 'zod';
import { Draft, fail as failRaw, type Failure, ErrorCode } from '../result.js';
import { hostOf, vendorById, vendorServesHost } from '../vendors/load.js';
import { redactKeys } from '../secrets/index.js';
import { Entry } from './schema.js';
import { checkPlainJson } from './validate.js';
import { checkRules } from './candidate.js';

/** Every failure here may quote user input: key-shaped tokens in it are redacted. */
const fail = (code: ErrorCode, error: string): Failure => failRaw(code, redactKeys(error));

export type { Warning } from '../codes.js';

/** What `add` accepts: any subset of a draft's fields, plus `vendor` and `param_policy`. */
export const AddFields = Draft.partial().extend({
  vendor: z.string().nullable().optional(),
  param_policy: z.object({ drop_params: z.array(z.string()).optional() }).optional(),
});
export type AddFields = z.infer<typeof AddFields>;

const describe = (issue: z.core.$ZodIssue) => `${issue.path.length ? issue.path.join('.') + ': ' : ''}${issue.message}`;

/**
 * Accepts a full parse-example result (`{ok, draft, detected, ...}`), a bare
 * draft, or a field set; refuses a failed parse-example result with its error.
 */
export function fieldsFromInput(input: unknown): AddFields | Failure {
  if (!input || typeof input !== 'object' || Array.isArray(input)) return fail('invalid_entry', 'The draft must be a JSON object (a parse-example result or its draft).');
  const o = input as Record<string, unknown>;
  if (o.ok === false) {
    const code = ErrorCode.safeParse(o.code);
    const why = typeof o.error === 'string' ? o.error : 'it failed';
    return fail(code.success ? code.data : 'invalid_entry', `The parse-example result is not a draft: ${why.replace(/\.$/, '')}.`);
  }
  let draft: unknown = o;
  let vendor: string | null = null;
  if ('draft' in o) {
    draft = o.draft;
    const detected = o.detected as { vendor?: unknown } | undefined;
    const suggestion = o.suggestion as { vendor?: unknown } | undefined;
    const v = (typeof suggestion?.vendor === 'string' && suggestion.vendor) || (typeof detected?.vendor === 'string' && detected.vendor) || null;
    vendor = v && vendorById(v) ? v : null;
  }
  // Before zod, which would silently drop a `__proto__` key instead of refusing it.
  const unsafe = checkPlainJson(draft, 'draft');
  if (unsafe) return fail('invalid_entry', unsafe);
  const r = AddFields.safeParse(draft);
  if (!r.success) return fail('invalid_entry', `The draft does not have the expected shape: ${describe(r.error.issues[0])}.`);
  // A detected vendor is kept only when its template serves the draft's host (not for a proxy or gateway).
  const tpl = vendor ? vendorById(vendor) : undefined;
  const served = tpl && typeof r.data.base_url === 'string' && vendorServesHost(tpl, hostOf(r.data.base_url));
  return served && r.data.vendor === undefined ? { ...r.data, vendor } : r.data;
}

/** The first problem with a candidate entry as one failure sentence, or null when it is sound. */
export function checkCandidate(candidate: Record<string, unknown>): Failure | null {
  const bad = checkRules(candidate);
  if (bad) return bad;
  const r = Entry.safeParse({ id: 'custom/x-0000', ...candidate });
  if (!r.success) return fail('invalid_entry', `The entry is invalid: ${describe(r.error.issues[0])}.`);
  return null;
}

export { completeEntry, defaultName, entryWarnings, refusal, repairBaseUrl, thinkingOnParam } from './candidate.js';
export { keyPrompt, headerEnvVars, entryKeyPrompt, entryView, type KeyPrompt } from './view.js';
