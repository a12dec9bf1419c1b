// argv -> verb, positional arguments and flags, checked against the verb
// table: an unknown flag, a missing value, a value on a switch or a flag given
// twice is a usage failure that names the flag (exit 2).
// Guarantee: never echoes an argument that could be a pasted key — a flag or
// verb is named only when it looks like a word (see safeName).
import { fail, type Failure } from '../failure.js';
import { repeatsSecret } from '../secrets/boundary.js';
import { GLOBAL_FLAGS, verbByName, type FlagSpec, type Flags, type VerbSpec } from './verbs.js';

export interface ParsedArgs {
  /** The verb as typed (may be unknown), or undefined when none was given. */
  verb: string | undefined;
  spec: VerbSpec | undefined;
  positional: string[];
  flags: Flags;
  /** Flags the verb does not take, in order; reported unless --help is given. */
  unknown: string[];
}

/** A verb or flag name shown in an error only when it is a plain word (no digits, short): never a key. */
export function safeName(s: string): string | null {
  // Verbs and flags are lower-case kebab words: a mixed-case run of letters, a long unbroken one or a
  // remembered secret may be a key fragment, and is not repeated.
  return /^[a-z][a-z-]{0,29}$/.test(s) && s.split('-').every((w) => w.length <= 12) && !repeatsSecret(s) ? s : null;
}

const isFlag = (a: string) => a.startsWith('-') && a !== '-';

function flagName(a: string): string {
  if (a === '-h') return 'help';
  const body = a.replace(/^--?/, '');
  const eq = body.indexOf('=');
  return eq >= 0 ? body.slice(0, eq) : body;
}

/** The first argument that is not a flag or a global flag's value. */
function findVerb(argv: string[]): number {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') return i + 1 < argv.length ? i + 1 : -1;
    if (!isFlag(a)) return i;
    const g = GLOBAL_FLAGS.find((f) => f.name === flagName(a));
    if (g?.value && !a.includes('=')) i++;
  }
  return -1;
}

export function parseArgs(argv: string[]): ParsedArgs | Failure {
  const vi = findVerb(argv);
  const verb = vi >= 0 ? argv[vi] : undefined;
  const spec = verb === undefined ? undefined : verbByName(verb);
  const known: FlagSpec[] = [...GLOBAL_FLAGS, ...(spec?.flags ?? [])];
  const positional: string[] = [];
  const flags: Flags = {};
  const unknown: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    if (i === vi) continue;
    const a = argv[i];
    if (a === '--') {
      positional.push(...argv.slice(i + 1).filter((_, j) => i + 1 + j !== vi));
      break;
    }
    if (!isFlag(a)) {
      positional.push(a);
      continue;
    }
    const name = flagName(a);
    const f = a.startsWith('--') || a === '-h' ? known.find((k) => k.name === name) : undefined;
    if (!f) {
      unknown.push(a.startsWith('--') ? `--${name}` : a);
      continue;
    }
    const shown = `--${f.name}`;
    if (flags[f.name] !== undefined) return fail('usage', `${shown} is given twice.`);
    const eq = a.indexOf('=');
    if (!f.value) {
      if (eq >= 0) return fail('usage', `${shown} takes no value.`);
      flags[f.name] = true;
    } else if (eq >= 0) flags[f.name] = a.slice(eq + 1);
    else if (i + 1 < argv.length && i + 1 !== vi) flags[f.name] = argv[++i];
    else return fail('usage', `${shown} needs a value (${shown} ${f.value}).`);
  }
  return { verb, spec, positional, flags, unknown };
}

/** The usage failure for the first unknown flag, naming it when it is safe to. */
export function unknownFlag(p: ParsedArgs): Failure {
  const raw = p.unknown[0];
  const dashes = raw.startsWith('--') ? '--' : '-';
  const name = safeName(raw.slice(dashes.length));
  const where = p.spec ? `byok ${p.spec.name}` : 'byok';
  const options = p.spec?.flags.length ? `its options are ${p.spec.flags.map((f) => `--${f.name}`).join(', ')} (and the global ones; see \`${where} --help\`)` : `see \`${where} --help\``;
  return fail('usage', `${where} does not take ${name ? `the option ${dashes}${name}` : 'one of the options given (its name is not shown, in case it is a key)'}; ${options}.`);
}
