// The value of an `export X=...` line pasted above Python code, as a Word:
// quotes removed, `$Y` / `${Y}` kept as references. Only what such lines hold
// in docs; the curl front-end owns real shell parsing.
// Guarantee: total, linear.
import { env, lit, mergeLits, type Part, type Word } from '../call/model.js';

export function shellValueWord(raw: string): Word {
  const s = raw.trim();
  const parts: Part[] = [];
  let i = 0;
  const expand = (t: string): void => {
    const re = /\$\{([A-Za-z_]\w*)(?:[:-][^}]*)?\}|\$([A-Za-z_]\w*)/g;
    let last = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(t))) {
      if (m.index > last) parts.push(lit(t.slice(last, m.index)));
      parts.push(env(m[1] ?? m[2]));
      last = m.index + m[0].length;
    }
    if (last < t.length) parts.push(lit(t.slice(last)));
  };
  while (i < s.length) {
    const c = s[i];
    if (c === "'") {
      const end = s.indexOf("'", i + 1);
      parts.push(lit(s.slice(i + 1, end < 0 ? s.length : end)));
      i = end < 0 ? s.length : end + 1;
    } else if (c === '"') {
      let end = i + 1;
      while (end < s.length && s[end] !== '"') end += s[end] === '\\' ? 2 : 1;
      expand(s.slice(i + 1, Math.min(end, s.length)).replace(/\\(["\\$`])/g, '$1'));
      i = end + 1;
    } else if (/\s/.test(c)) {
      break; // the value ends; what follows is a comment or another command
    } else {
      let end = i;
      while (end < s.length && !/[\s'"]/.test(s[end])) end++;
      expand(s.slice(i, end));
      i = end;
    }
  }
  return { parts: mergeLits(parts) };
}
