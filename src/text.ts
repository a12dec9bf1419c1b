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
