// String helpers that run in linear time on any input. The regex forms they
// replace (`s.replace(/[ \t]+$/, '')`, `/\/+$/`) are quadratic on a long run
// of those characters that is not at the end: the engine retries the run from
// each of its positions.

/** `s` without trailing characters from `chars`. */
export function trimEndOf(s: string, chars: string): string {
  let end = s.length;
  while (end > 0 && chars.includes(s[end - 1])) end--;
  return end === s.length ? s : s.slice(0, end);
}

/** `s` without leading characters from `chars`. */
export function trimStartOf(s: string, chars: string): string {
  let start = 0;
  while (start < s.length && chars.includes(s[start])) start++;
  return start === 0 ? s : s.slice(start);
}

/**
 * A pattern the caller matches only against lower-cased text: compiled without
 * the `i` flag when it holds no upper-case letter (then it matches the same
 * lower-case texts). Compiling a case-insensitive pattern costs about twice as
 * much, and every process pays it at the pattern's first use (a long
 * alternation of the data's host or model patterns: ~0.4 ms).
 */
export function lowerCaseRegExp(source: string): RegExp {
  return new RegExp(source, /[A-Z]/.test(source) ? 'i' : '');
}

/** Whether a pattern refers to a group by number or name (`\\1`, `\\k<x>`) or names one (`(?<x>`): joined into an alternation, it would change. */
export function refersToGroups(source: string): boolean {
  for (let i = 0; i < source.length; i++) {
    const c = source.charCodeAt(i);
    if (c === 92) {
      const d = source.charCodeAt(i + 1);
      if ((d >= 49 && d <= 57) || (d === 107 && source[i + 2] === '<')) return true;
      i++;
    } else if (c === 40 && source[i + 1] === '?' && source[i + 2] === '<' && source[i + 3] !== '=' && source[i + 3] !== '!') return true;
  }
  return false;
}

/** Whether `s` is an UPPER_CASE name: `^[A-Z][A-Z0-9_]*$`, without a pattern (this runs on every variable of a parse). */
export function isUpperName(s: string): boolean {
  const c0 = s.charCodeAt(0);
  if (!(c0 >= 65 && c0 <= 90)) return false;
  for (let i = 1; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (!((c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95)) return false;
  }
  return true;
}

/** Whether `s` starts with a URL scheme and `://` (`^[a-z][a-z0-9+.-]*:\/\//i`), without a pattern. */
export function hasScheme(s: string): boolean {
  const c0 = s.charCodeAt(0) | 32;
  if (!(c0 >= 97 && c0 <= 122)) return false;
  let i = 1;
  for (; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const l = c | 32;
    if (!((l >= 97 && l <= 122) || (c >= 48 && c <= 57) || c === 43 || c === 46 || c === 45)) break;
  }
  return s.startsWith('://', i);
}
