// One registry entry as YAML text, the way byok writes entries: a block
// mapping, small maps of scalars in flow style on one line (`auth: { in:
// header, name: Authorization, scheme: Bearer }`), timestamps double-quoted
// so that YAML 1.1 readers keep them strings. Used to append a new entry to a
// big registry as text (./write.ts), without loading the yaml library.
// Guarantees:
// - A string is written plain only when it reads back as that same string
//   (not null, a boolean or a number; no indicator, `: `, ` #`, quote or
//   character outside printable text); otherwise double-quoted, with JSON's
//   escapes plus \uXXXX for the characters YAML does not allow raw.
// - Throws on what it does not write (a list in a list, nesting past
//   MAX_DEPTH, a value that is not JSON): the caller then uses yaml.
// - The caller reads the text back with ./fast-yaml.ts and writes it only when
//   it equals the entry; test/registry-emit-yaml.test.ts checks it against the
//   yaml library too.

import { readsAsString } from './fast-yaml.js';

const MAX_DEPTH = 32;
const FLOW_MAX = 6;

const NULL = /^(?:~|[Nn]ull|NULL)$/;
const BOOL = /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/;
const ODD_CHAR = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff\ud800-\udfff]/;
const INDICATOR_START = /^[-?:,[\]{}#&*!|>'"%@`\s]/;
const PLAIN_KEY = /^[A-Za-z_][A-Za-z0-9_./-]*$/;

function plainOk(s: string, flow: boolean): boolean {
  return (
    s.length > 0 &&
    s.length <= 1024 &&
    readsAsString(s) &&
    !INDICATOR_START.test(s) &&
    !ODD_CHAR.test(s) &&
    !/\s$/.test(s) &&
    !s.includes(': ') &&
    !s.includes(' #') &&
    !s.endsWith(':') &&
    !/["'\\]/.test(s) &&
    !(flow && /[,[\]{}]/.test(s))
  );
}

/** A double-quoted YAML scalar: JSON's escapes, plus \uXXXX for what YAML does not allow raw. */
function quote(s: string): string {
  return JSON.stringify(s).replace(/[\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function scalar(v: unknown, flow: boolean): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'boolean') return String(v);
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new Error('not JSON');
    return String(v);
  }
  if (typeof v !== 'string') throw new Error('not a scalar');
  return plainOk(v, flow) ? v : quote(v);
}

function key(k: string): string {
  return PLAIN_KEY.test(k) && !NULL.test(k) && !BOOL.test(k) ? k : quote(k);
}

const isScalar = (v: unknown) => v === null || typeof v !== 'object';
const isEmpty = (v: unknown) => !!v && typeof v === 'object' && (Array.isArray(v) ? v.length === 0 : Object.keys(v).length === 0);

/** A map of a few scalars or empty collections: written on one line. */
function flowable(v: unknown): v is Record<string, unknown> {
  if (!v || typeof v !== 'object' || Array.isArray(v)) return false;
  const vals = Object.values(v);
  return vals.length <= FLOW_MAX && vals.every((x) => isScalar(x) || isEmpty(x));
}

function flowValue(v: unknown): string {
  if (isEmpty(v)) return Array.isArray(v) ? '[]' : '{}';
  return scalar(v, true);
}

/** `value` after `key:` at `indent` columns: the rest of the line, and the lines below it. */
function block(v: unknown, indent: number, depth: number, compact: boolean): string {
  if (depth > MAX_DEPTH) throw new Error('too deep');
  if (isScalar(v)) return ` ${scalar(v, false)}\n`;
  if (isEmpty(v)) return Array.isArray(v) ? ' []\n' : ' {}\n';
  if (compact && flowable(v)) return ` { ${Object.entries(v).map(([k, x]) => `${key(k)}: ${flowValue(x)}`).join(', ')} }\n`;
  const pad = ' '.repeat(indent + 2);
  if (Array.isArray(v)) return '\n' + v.map((x) => `${pad}-${item(x, indent + 4, depth + 1)}`).join('');
  return '\n' + Object.entries(v as Record<string, unknown>).map(([k, x]) => `${pad}${key(k)}:${block(x, indent + 2, depth + 1, false)}`).join('');
}

/** A sequence item's content after its `-`, its keys at column `indent`. A list in a list is left to yaml. */
function item(v: unknown, indent: number, depth: number): string {
  if (depth > MAX_DEPTH) throw new Error('too deep');
  if (isScalar(v) || isEmpty(v)) return ` ${flowValue(v)}\n`;
  if (Array.isArray(v)) throw new Error('a list in a list');
  const pad = ' '.repeat(indent);
  return Object.entries(v as Record<string, unknown>)
    .map(([k, x], i) => `${i ? pad : ' '}${key(k)}:${block(x, indent, depth + 1, false)}`)
    .join('');
}

/**
 * The entry as the items of a block list whose `-` stand at `indent`
 * (`  - id: ...\n    name: ...\n`). Small maps go on one line; `created_at`
 * and `updated_at` are double-quoted.
 */
export function entryYaml(entry: Record<string, unknown>, indent: number): string {
  const pad = ' '.repeat(indent + 2);
  return Object.entries(entry)
    .map(([k, v], i) => {
      const head = i ? pad : `${' '.repeat(indent)}- `;
      const value = (k === 'created_at' || k === 'updated_at') && typeof v === 'string' ? ` ${quote(v)}\n` : block(v, indent + 2, 1, true);
      return `${head}${key(k)}:${value}`;
    })
    .join('');
}
