// The JavaScript / TypeScript front-end: a pasted JS or TS example -> the
// requests it would send, in the common call model (src/call/model.ts). Reads
// fetch and axios calls, the OpenAI (incl. Azure), Anthropic and vendor Node
// SDKs, and the Vercel AI SDK, with SDK knowledge from grammar/sdks/.
// Guarantees: never throws (a disaster is `{calls: [], warnings: [...]}`);
// runs in bounded time on any input; warnings never quote a literal from the
// input (it may be a key).
import { litWord, type FrontEndResult, type Warning, type Word } from '../call/model.js';
import { parseProgram } from './parse.js';
import { Walker } from './walker.js';

export function parseJavaScript(text: string, typescript: boolean): FrontEndResult {
  try {
    return parse(String(text ?? ''), typescript === true);
  } catch (e) {
    return {
      calls: [],
      warnings: [{ code: 'guessed_syntax', message: `The ${typescript ? 'TypeScript' : 'JavaScript'} code could not be read (internal ${(e as Error)?.name ?? 'error'}).` }],
    };
  }
}

function parse(text: string, typescript: boolean): FrontEndResult {
  const { code, env, notes } = preprocess(text);
  const parsed = parseProgram(code, typescript);
  const warnings: Warning[] = [...notes, ...parsed.warnings];
  if (!parsed.program) return { calls: [], warnings };
  const walker = new Walker(parsed.text);
  for (const [k, w] of env) walker.pasteEnv.set(k, w);
  const result = walker.run(parsed.program as unknown as Parameters<Walker['run']>[0]);
  return { calls: result.calls, warnings: [...warnings, ...result.warnings], assignments: result.assignments };
}

/**
 * Lines that are not JavaScript but often travel with it in a paste: markdown
 * fences, `export X=...` shell lines or `.env` lines (`OPENAI_BASE_URL=...`)
 * from the block above the code (the SDK reads those variables), install
 * commands. They are blanked (line numbers stay) and the assigned values kept.
 */
function preprocess(text: string): { code: string; env: Map<string, Word>; notes: Warning[] } {
  const env = new Map<string, Word>();
  const notes: Warning[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    if (/^\s*(```|~~~)/.test(l)) {
      lines[i] = '';
      continue;
    }
    const m = /^\s*(?:export\s+|set\s+)?([A-Z][A-Z0-9_]*)=("([^"\n]*)"|'([^'\n]*)'|([^\s"'`;]*))\s*$/.exec(l);
    if (m && (/^\s*(export|set)\s/.test(l) || !/^\s*[A-Z][A-Z0-9_]*=\s*['"]?[\w$]+\(/.test(l))) {
      env.set(m[1], litWord(m[3] ?? m[4] ?? m[5] ?? ''));
      lines[i] = '';
      continue;
    }
    if (/^\s*(npm|npx|yarn|pnpm|bun|deno|node)\s+(i|install|add|run|x|dlx)?\b/.test(l) && !/[=(]/.test(l.replace(/--\w+=/g, ''))) lines[i] = '';
  }
  return { code: lines.join('\n'), env, notes };
}
