// How a note or next_action spells a follow-up call, so an agent can run it
// as written: on the CLI, the same command it used (`byok`, or `node
// /abs/bin/byok.js` when byok is not on PATH) with its --workspace kept; over
// MCP, the tool and its arguments.
import { shellWord } from '../shell-word.js';

export interface Invocation {
  /** `cli` (default) or `mcp`. */
  style?: 'cli' | 'mcp';
  /** The command that runs byok (default `byok`). */
  command?: string;
  /** Add `--workspace DIR` to commands (default: when a workspace was given or $BYOK_WORKSPACE is set). */
  workspace?: boolean;
}

/** CLI verb -> MCP tool, and the names of its positional arguments. */
const TOOLS: Record<string, [string, string[]]> = {
  get: ['get', ['model_id']],
  remove: ['remove', ['model_id']],
  list: ['list_models', []],
  templates: ['templates', []],
  'list-vendor-models': ['list_vendor_models', ['vendor']],
  'add-template': ['add_template', ['vendor']],
  add: ['add', []],
  probe: ['probe', ['model_id']],
  update: ['update', ['model_id']],
  rename: ['rename', ['model_id', 'name']],
};

export type Commands = (verb: string, args?: string[], flags?: Record<string, string>) => string;

/** A function that spells `verb args --flag value` for the caller, in backquotes. */
export function commandsFor(inv: Invocation | undefined, workspace: string, workspaceGiven: boolean): Commands {
  const style = inv?.style ?? 'cli';
  const command = inv?.command ?? 'byok';
  const keepWs = inv?.workspace ?? (workspaceGiven || Boolean(process.env.BYOK_WORKSPACE));
  return (verb, args = [], flags = {}) => {
    if (style === 'mcp') {
      const [tool, names] = TOOLS[verb] ?? [verb.replace(/-/g, '_'), []];
      const input: Record<string, string> = {};
      args.forEach((a, i) => (input[names[i] ?? `arg${i}`] = a));
      for (const [k, v] of Object.entries(flags)) input[k.replace(/-/g, '_')] = v;
      return `the \`${tool}\` tool with ${JSON.stringify(input)}`;
    }
    const parts = [command, verb, ...args.map((a) => (/^[A-Z][A-Z_]*$/.test(a) ? a : shellWord(a)))];
    for (const [k, v] of Object.entries(flags)) parts.push(`--${k}`, /^[A-Z][A-Z_]*$/.test(v) ? v : shellWord(v));
    if (keepWs) parts.push('--workspace', shellWord(workspace));
    return `\`${parts.join(' ')}\``;
  };
}
