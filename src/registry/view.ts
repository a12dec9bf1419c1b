// How list and get show a registered entry, and the secure-input request for
// a key that is not set yet. Loads no zod and no yaml: `list` and `get` on a
// cached registry run without them (README, "Speed and linear time").
import { vendorById } from '../vendors/load.js';
import type { KeyLookup } from './env.js';
import type { Entry } from './schema.js';

export interface KeyPrompt {
  need_env_input: { env_vars: { key: string; label: string; required: true }[]; reason: string };
  next_action: string;
}

/**
 * The secure-input request while a key is not set (null when it is, or none
 * is needed). `who` says what reads the key; `then` what to run afterwards.
 * `headerVars` are the variables `${NAME}` header values refer to (a gateway's
 * second credential): each missing one is listed too (DESIGN.md registry).
 */
export function keyPrompt(keyEnv: string | null, label: string, who: string, then: string, keys: KeyLookup, headerVars: string[] = []): KeyPrompt | null {
  const missingHeaders = headerVars.filter((v) => v !== keyEnv && !keys.isSet(v));
  const keyMissing = !!keyEnv && !keys.isSet(keyEnv);
  if (!keyMissing && !missingHeaders.length) return null;
  const vars = [...(keyMissing ? [keyEnv!] : []), ...missingHeaders];
  const list = vars.join(', ');
  return {
    need_env_input: {
      env_vars: [
        ...(keyMissing ? [{ key: keyEnv!, label: `${label} API Key`, required: true as const }] : []),
        ...missingHeaders.map((v) => ({ key: v, label: `${label} header credential ${v}`, required: true as const })),
      ],
      reason: `${who} reads ${vars.length > 1 ? 'credentials' : 'its key'} from ${list}, set neither in the environment nor in ${keys.workspace}/.env.`,
    },
    next_action: `Call your secure-input tool with need_env_input so the user enters ${list} into ${keys.workspace}/.env; never ask for the key in chat (byok does not read keys from chat and never writes .env). Then ${then}`,
  };
}

/** The variables `${NAME}` references in header values name (a gateway's own credential). */
export function headerEnvVars(headers: Record<string, string> | undefined): string[] {
  const out: string[] = [];
  for (const v of Object.values(headers ?? {})) for (const m of String(v).matchAll(/\$\{([A-Za-z_]\w*)\}/g)) if (!out.includes(m[1])) out.push(m[1]);
  return out;
}

/** keyPrompt for a registered entry; `getCommand` spells the call that shows it (default `byok get ID`). */
export function entryKeyPrompt(e: Pick<Entry, 'id' | 'name' | 'vendor' | 'api_key_env' | 'headers'>, keys: KeyLookup, getCommand = `\`byok get ${e.id}\``): KeyPrompt | null {
  return keyPrompt(e.api_key_env, keyLabel(e), `${e.name} (${e.id})`, `run ${getCommand} to confirm api_key_set is true.`, keys, headerEnvVars(e.headers));
}

/** An entry as list/get show it: the stored fields plus model_id and api_key_set. */
export function entryView(e: Entry, keys: KeyLookup): Entry & { model_id: string; api_key_set: boolean | null } {
  return { model_id: e.id, ...e, api_key_set: e.api_key_env ? keys.isSet(e.api_key_env) : null };
}

/** The label of a key in need_env_input: the template's vendor label, else the entry name. */
function keyLabel(e: { vendor?: string | null; name: string }): string {
  const v = e.vendor ? vendorById(e.vendor) : undefined;
  return v?.label ?? e.name;
}
