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
