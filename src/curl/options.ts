// curl's option table (grammar/curl-options.yaml, compiled) as lookups:
// long names, short letters, `--no-` twins of boolean options, and
// unambiguous prefixes of long names (`--sil` = `--silent`), computed once.
import grammar from '../generated/curl-options.js';
import type { CurlSemantic } from '../data/schemas.js';

export interface OptionInfo {
  long: string;
  short?: string;
  arg: boolean;
  boolean: boolean;
  semantic: CurlSemantic;
}

const byLong = new Map<string, OptionInfo>();
const byShort = new Map<string, OptionInfo>();
const longNames: string[] = [];

for (const o of grammar.options) {
  const info: OptionInfo = { long: o.long, short: o.short, arg: o.arg, boolean: !!o.boolean, semantic: o.semantic ?? 'ignore' };
  byLong.set(o.long, info);
  longNames.push(o.long);
  if (o.short) byShort.set(o.short, info);
}
longNames.sort();

export type LongLookup =
  | { kind: 'option'; info: OptionInfo; negated: boolean }
  | { kind: 'ambiguous'; candidates: string[] }
  | { kind: 'unknown' };

/** Resolves `--name` (without the dashes): exact, `no-` twin, or unambiguous prefix. */
export function lookupLong(name: string): LongLookup {
  const exact = byLong.get(name);
  if (exact) return { kind: 'option', info: exact, negated: false };
  if (name.startsWith('no-')) {
    const twin = byLong.get(name.slice(3));
    if (twin && twin.boolean) return { kind: 'option', info: twin, negated: true };
  }
  const candidates = longNames.filter((n) => n.startsWith(name));
  if (candidates.length === 1) return { kind: 'option', info: byLong.get(candidates[0])!, negated: false };
  if (candidates.length > 1) return { kind: 'ambiguous', candidates };
  if (name.startsWith('no-')) {
    const twins = longNames.filter((n) => n.startsWith(name.slice(3)) && byLong.get(n)!.boolean);
    if (twins.length === 1) return { kind: 'option', info: byLong.get(twins[0])!, negated: true };
  }
  return { kind: 'unknown' };
}

export function lookupShort(letter: string): OptionInfo | undefined {
  return byShort.get(letter);
}
