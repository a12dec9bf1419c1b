// Python string literals: every prefix (r, b, u, f and their pairs, any case)
// and quote style (', ", ''', """), escapes decoded as Python does. f-string
// text between replacement fields is decoded here too; the fields themselves
// are evaluated by the evaluator.
// Guarantee: total functions, linear in the token length; an unterminated
// literal (a half-pasted snippet) decodes up to the end of the token.

export interface StringToken {
  raw: boolean;
  bytes: boolean;
  format: boolean;
  /** Offsets of the body (between the quotes) within the token text. */
  bodyStart: number;
  bodyEnd: number;
}

/** Splits a string token (`rb'...'`, `f"""..."""`) into prefix flags and body offsets. */
export function splitStringToken(token: string): StringToken | null {
  const m = /^([rRbBuUfF]{0,2})('''|"""|'|")/.exec(token);
  if (!m) return null;
  const prefix = m[1].toLowerCase();
  const quote = m[2];
  const bodyStart = m[0].length;
  let bodyEnd = token.length;
  if (token.length >= bodyStart + quote.length && token.endsWith(quote) && token.length - quote.length >= bodyStart)
    bodyEnd = token.length - quote.length;
  return { raw: prefix.includes('r'), bytes: prefix.includes('b'), format: prefix.includes('f'), bodyStart, bodyEnd };
}

const SIMPLE: Record<string, string> = {
  n: '\n',
  t: '\t',
  r: '\r',
  '\\': '\\',
  "'": "'",
  '"': '"',
  a: '\u0007',
  b: '\b',
  f: '\f',
  v: '\v',
  '\n': '',
};

/** Decodes backslash escapes (nothing for raw strings) and, for f-string text, `{{` / `}}`. */
export function decodeBody(body: string, raw: boolean, bytes: boolean, fstringText = false): string {
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (fstringText && (c === '{' || c === '}') && body[i + 1] === c) {
      out += c;
      i++;
      continue;
    }
    if (c !== '\\' || raw || i + 1 >= body.length) {
      out += c;
      continue;
    }
    const n = body[i + 1];
    if (n in SIMPLE) {
      out += SIMPLE[n];
      i++;
      continue;
    }
    if (n >= '0' && n <= '7') {
      const m = /^[0-7]{1,3}/.exec(body.slice(i + 1, i + 4))!;
      out += String.fromCharCode(parseInt(m[0], 8));
      i += m[0].length;
      continue;
    }
    const hexLen = n === 'x' ? 2 : !bytes && n === 'u' ? 4 : !bytes && n === 'U' ? 8 : 0;
    if (hexLen) {
      const hex = body.slice(i + 2, i + 2 + hexLen);
      if (hex.length === hexLen && /^[0-9a-fA-F]+$/.test(hex)) {
        const cp = parseInt(hex, 16);
        out += cp <= 0x10ffff ? String.fromCodePoint(cp) : '\ufffd';
        i += 1 + hexLen;
        continue;
      }
    }
    // Unknown escape (`\N{...}`, `\d` in a non-raw regex): Python keeps the backslash.
    out += c;
  }
  return out;
}

/** The value of a plain (non-f) string token. */
export function decodeStringToken(token: string): string | null {
  const t = splitStringToken(token);
  if (!t) return null;
  return decodeBody(token.slice(t.bodyStart, t.bodyEnd), t.raw, t.bytes);
}
