// STUB: the registry verbs (issue 4 replaces this file).
import type { Failure } from '../result.js';

export interface VerbContext {
  workspace: string;
  /** Reads FILE or `-` (stdin) as text; returns a Failure on error. */
  readInput(arg: string | undefined): Promise<{ text: string } | Failure>;
}

export type VerbResult = { ok: boolean; [k: string]: unknown };

/** CLI verbs this module provides: name -> handler(positional args, flags). */
export const registryVerbs: Record<
  string,
  (args: string[], flags: Record<string, string | boolean>, ctx: VerbContext) => Promise<VerbResult>
> = {};
