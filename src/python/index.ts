// The Python front-end: a pasted Python example -> the requests it would send,
// in the common call model (src/call/model.ts). Reads requests, httpx,
// aiohttp, urllib and http.client calls, the OpenAI (incl. Azure and the
// legacy module API), Anthropic and vendor SDKs, LangChain chat models and
// LiteLLM, with SDK knowledge from grammar/sdks/.
// Guarantees: never throws (a disaster is `{calls: [], warnings: [...]}`);
// runs in bounded time on any input; warnings never quote a literal from the
// input (it may be a key).
import { parser } from '@lezer/python';
import type { Tree } from '@lezer/common';
import { type FrontEndResult, type Warning, type Word } from '../call/model.js';
import { Walker } from './walker.js';
import { shellValueWord } from './shell-lines.js';

export function parsePython(text: string): FrontEndResult {
  try {
    return parse(String(text ?? ''));
  } catch (e) {
    return {
      calls: [],
      warnings: [{ code: 'guessed_syntax', message: `The Python code could not be read (internal ${(e as Error)?.name ?? 'error'}).` }],
    };
  }
}

/**
 * The most syntax errors the parser recovers from. Recovering costs it up to
 * ~0.1 ms an error (it tries tokens to insert and delete), so 256 KiB of
 * garbage (`)]}` repeated) took 8 s; real examples recover from a few. Past
 * the bound the parse stops where it is, and the code after is not read.
 */
const MAX_RECOVERIES = 1000;

/** The syntax tree, parsed up to where MAX_RECOVERIES ran out (`cut`, else null). */
function parseTree(code: string): { tree: Tree; cut: number | null } {
  const p = parser.startParse(code);
  let episodes = 0;
  let was = 0;
  let cut: number | null = null;
  for (;;) {
    const tree = p.advance();
    if (tree) return { tree, cut };
    // `recovering` is the parser's own count-down while it recovers from an error (not in its types).
    const rec = (p as unknown as { recovering?: number }).recovering ?? 0;
    if (rec && !was && ++episodes > MAX_RECOVERIES && cut === null) {
      cut = p.parsedPos;
      p.stopAt(cut);
    }
    was = rec;
  }
}

function parse(text: string): FrontEndResult {
  const { code, env, notes } = preprocess(text);
  const { tree, cut } = parseTree(code);
  const warnings: Warning[] = [...notes];
  let firstError = -1;
  let errors = 0;
  tree.iterate({
    enter(n) {
      if (n.type.isError) {
        errors++;
        if (firstError < 0) firstError = n.from;
      }
    },
  });
  const walker = new Walker(code, tree);
  for (const [k, w] of env) walker.pasteEnv.set(k, w);
  const result = walker.run();
  if (cut !== null) {
    const line = walker.lineOf(cut);
    warnings.push({ code: 'guessed_syntax', message: `The Python code has too many syntax errors to read; it was read up to line ${line}.`, line });
  } else if (errors) {
    const line = walker.lineOf(firstError);
    warnings.push({ code: 'guessed_syntax', message: `The Python code has syntax errors (the first on line ${line}); the parser read around them.`, line });
  }
  return { calls: result.calls, warnings: [...warnings, ...result.warnings], assignments: result.assignments };
}

/**
 * Lines that are not Python but often travel with it in a paste: markdown
 * fences, `export X=...` from the shell block above the code (the SDK reads
 * those variables), notebook `!pip` / `%pip` lines. They are blanked (line
 * numbers stay) and the exported values kept.
 */
function preprocess(text: string): { code: string; env: Map<string, Word>; notes: Warning[] } {
  const env = new Map<string, Word>();
  const notes: Warning[] = [];
  const lines = stripGluedLineNumbers(text.split('\n'), notes);
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    if (!l) continue;
    if (/^\s*(```|~~~)/.test(l)) {
      lines[i] = '';
      continue;
    }
    const m = /^\s*(?:export\s+|set\s+|\$env:|%env\s+)([A-Za-z_]\w*)\s*(?:=|\s)\s*(.*)$/.exec(l);
    if (m && (/^\s*(export|set)\s+\w+=/.test(l) || /^\s*\$env:\w+\s*=/.test(l) || /^\s*%env\s/.test(l))) {
      env.set(m[1], shellValueWord(m[2]));
      lines[i] = '';
      continue;
    }
    // Other notebook magics and shell escapes (`!pip install`, `%%time`, `%matplotlib`).
    if (/^\s*(!|%%?[A-Za-z])/.test(l)) lines[i] = '';
  }
  return { code: lines.join('\n'), env, notes };
}

/**
 * A copy from a code viewer with the line numbers glued to the code
 * (`1from openai import OpenAI`, `2`, `3client = ...`): every line starts
 * with the next number. Intake strips separated gutters; this catches the
 * glued kind, and is a no-op on text intake already cleaned.
 */
function stripGluedLineNumbers(lines: string[], notes: Warning[]): string[] {
  const body = lines[lines.length - 1] === '' ? lines.slice(0, -1) : lines;
  if (body.length < 3) return lines;
  const first = /^\d+/.exec(body[0]);
  if (!first) return lines;
  const start = Number(first[0]);
  for (let i = 0; i < body.length; i++) if (!body[i].startsWith(String(start + i))) return lines;
  notes.push({ code: 'guessed_syntax', message: 'Line numbers glued to the code (a copy from a code viewer) were removed.' });
  return lines.map((l, i) => (i < body.length ? l.slice(String(start + i).length) : l));
}
