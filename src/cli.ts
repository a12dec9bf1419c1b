// The `byok` command: parses argv against the verb table (src/cli/verbs.ts),
// runs one verb, prints its JSON result through the one output boundary
// (src/cli/emit.ts) and returns the exit code (0 ok, 1 ok:false, 2 usage).
// Guarantee: whatever the input, the process prints one JSON object (or the
// help text it was asked for) and never a stack trace; front-ends, the
// registry, zod and the MCP SDK load only for the verb that needs them.
import { allowOneShot } from './one-shot.js';
import { resolve } from 'node:path';
import { fail, type Failure } from './failure.js';
import { parseArgs, safeName, unknownFlag } from './cli/args.js';
import { emit, setOutputFilter, writeFailure } from './cli/emit.js';
import { argumentWarnings, rememberArguments, rememberEnvironment, scrubText, type ArgumentSecret } from './secrets/boundary.js';
import { rememberWorkspaceEnv } from './secrets/dotenv.js';
import { lazyInvocation } from './cli/invocation.js';
import { mainHelp, verbHelp, version } from './cli/help.js';
import { verbByName, type Result } from './cli/verbs.js';

export { parseArgs } from './cli/args.js';

/** What to print: a JSON result, or text (help, version). */
export type Output = { result: Result | Failure; compact?: boolean } | { text: string };

export async function run(argv: string[]): Promise<Output> {
  const p = parseArgs(argv);
  if ('ok' in p) return { result: p };
  const { verb, spec, flags } = p;
  if (verb === 'help' && !flags.version) {
    const topic = p.positional[0];
    if (topic === undefined) return { text: mainHelp() };
    const v = verbByName(topic);
    if (!v) return { result: fail('usage', `No verb ${safeName(topic) ? JSON.stringify(topic) : 'by that name'}; \`byok --help\` lists them.`) };
    return { text: verbHelp(v) };
  }
  if (flags.version) return { text: `byok ${version()}\n` };
  if (verb === undefined && p.unknown.length) return { result: unknownFlag(p) };
  if (verb === undefined) return flags.help ? { text: mainHelp() } : { result: fail('usage', 'Give a verb: `byok --help` lists them.') };
  if (!spec) return { result: fail('usage', `Unknown verb ${safeName(verb) ? JSON.stringify(verb) : '(not shown)'}; \`byok --help\` lists the verbs.`) };
  if (flags.help) return { text: verbHelp(spec) };
  if (p.unknown.length) return { result: unknownFlag(p) };
  if (flags.compact && flags.pretty) return { result: fail('usage', '--compact and --pretty are opposites; give one.') };
  const workspace = resolve(String(flags.workspace ?? process.env.BYOK_WORKSPACE ?? process.cwd()));
  const result = await spec.run({ positional: p.positional, flags, workspace, invocation: lazyInvocation(flags.workspace !== undefined || Boolean(process.env.BYOK_WORKSPACE)) });
  return result === undefined ? { text: '' } : { result, compact: flags.compact === true };
}

/** The `--workspace DIR` (or `--workspace=DIR`) of an argument list, if any: whose `.env` the boundary reads first. */
function workspaceArgument(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--workspace' && typeof argv[i + 1] === 'string') return argv[i + 1];
    if (typeof argv[i] === 'string' && argv[i].startsWith('--workspace=')) return argv[i].slice('--workspace='.length);
  }
  return undefined;
}

export async function main(argv: string[]): Promise<number> {
  let out: Output;
  let argSecrets: ArgumentSecret[] = [];
  try {
    // The output boundary (src/secrets/boundary.ts): every secret this process may meet is remembered
    // before anything runs, and every byte printed passes the scrubber.
    setOutputFilter(scrubText);
    // A command that ends when its work is done: one-shot work may run without TurboFan (src/one-shot.ts).
    allowOneShot();
    argSecrets = rememberArguments(argv);
    rememberEnvironment();
    rememberWorkspaceEnv(workspaceArgument(argv));
    out = await run(argv);
  } catch (e) {
    // A programmer error: report it as data, never as a stack trace.
    out = { result: { ok: false, error: `Internal error (${(e as Error)?.name ?? 'Error'}); please report it.`, code: 'internal' } };
  }
  if ('text' in out) {
    if (out.text) emit(out.text);
    return writeFailure()?.code ?? 0;
  }
  // Keys passed on the command line are reported on every result, failed ones too.
  if (argSecrets.length) {
    const r = out.result as Result & { warnings?: unknown };
    out = { ...out, result: { ...r, warnings: [...(Array.isArray(r.warnings) ? r.warnings : []), ...argumentWarnings(argSecrets)] } as Result };
  }
  emit(out.result, { compact: out.compact });
  // A reader that went away (EPIPE) changes nothing; any other write failure is exit 1.
  if (writeFailure()?.code === 1) return 1;
  if (out.result.ok) return 0;
  return out.result.code === 'usage' ? 2 : 1;
}
