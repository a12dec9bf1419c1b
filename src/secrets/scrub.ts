// Scrub: removes known secrets from strings and JSON values.
// Guarantee: `scrub` removes from any JSON value every 8-character window of
// every secret it is given, so not even a prefix or suffix of a key survives.

export const REDACTED = '<redacted>';
const WINDOW = 8;

/** Replaces, in one string, every stretch that shares an 8-char window with a secret. */
export function scrubString(s: string, secrets: readonly string[]): string {
  if (!secrets.length || s.length < WINDOW) return s;
  const cover = new Uint8Array(s.length);
  let any = false;
  for (const k of secrets) {
    if (k.length < WINDOW) {
      if (k.length >= 4) for (let i = s.indexOf(k); i >= 0; i = s.indexOf(k, i + 1)) {
        cover.fill(1, i, i + k.length);
        any = true;
      }
      continue;
    }
    for (let w = 0; w + WINDOW <= k.length; w++) {
      const win = k.slice(w, w + WINDOW);
      for (let i = s.indexOf(win); i >= 0; i = s.indexOf(win, i + 1)) {
        cover.fill(1, i, i + WINDOW);
        any = true;
      }
    }
  }
  if (!any) return s;
  let out = '';
  for (let i = 0; i < s.length; ) {
    if (cover[i]) {
      out += REDACTED;
      while (i < s.length && cover[i]) i++;
    } else out += s[i++];
  }
  return out;
}

/** Deep-scrubs a JSON value (keys included). */
export function scrub<T>(value: T, secrets: readonly string[]): T {
  if (!secrets.length) return value;
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return scrubString(v, secrets);
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object') {
      const o: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) o[scrubString(k, secrets)] = walk(x);
      return o;
    }
    return v;
  };
  return walk(value) as T;
}

