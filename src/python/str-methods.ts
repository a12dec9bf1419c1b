// Python's string formatting and the str methods snippets use on URLs, keys
// and headers (`"Bearer %s" % key`, `"{}/v1".format(host)`, `.strip()`,
// `.join()`), over Words so env references and unknown holes survive.
// Guarantee: total; a hole it cannot fill is an `unknown` part, never a guess.
import { concatWords, litWord, literalText, type Word } from '../call/model.js';
import type { CallArgs } from './build.js';
import { toWord, type PyVal } from './values.js';
import { capWord, describe, unknown } from '../eval/values.js';

/** `"Bearer %s" % key`, `"%s/%s" % (a, b)`, `"%(k)s" % {...}`. */
export function percentFormat(fmt: Word, arg: PyVal): Word {
  const text = literalText(fmt);
  if (text === null) return { parts: [{ kind: 'unknown', text: '% formatting' }] };
  const items = arg.kind === 'array' ? arg.items : [arg];
  const words: Word[] = [];
  let i = 0;
  let last = 0;
  const re = /%(\([^)]*\))?[-+ #0]*\d*(?:\.\d+)?([sdrifx%])/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    words.push(litWord(text.slice(last, m.index)));
    if (m[2] === '%') words.push(litWord('%'));
    else if (m[1] && arg.kind === 'object') {
      const key = m[1].slice(1, -1);
      const hit = arg.entries.find(([k]) => k === key);
      words.push(hit ? toWord(hit[1]) : { parts: [{ kind: 'unknown', text: 'format field' }] });
    } else words.push(items[i] !== undefined ? toWord(items[i++]) : { parts: [{ kind: 'unknown', text: 'format field' }] });
    last = m.index + m[0].length;
  }
  words.push(litWord(text.slice(last)));
  return capWord(concatWords(...words));
}

/** str methods that keep the value: `.format(...)`, `.strip()`, `.encode()`... */
export function stringMethod(w: Word, method: string, args: CallArgs): PyVal {
  switch (method) {
    case 'format':
      return { kind: 'string', word: braceFormat(w, args) };
    case 'strip':
    case 'rstrip':
    case 'lstrip': {
      const t = literalText(w);
      const chars = args.positional[0] ? literalText(toWord(args.positional[0])) : null;
      if (t === null) return { kind: 'string', word: w };
      const set = chars ?? ' \t\n\r';
      let a = 0;
      let b = t.length;
      if (method !== 'rstrip') while (a < b && set.includes(t[a])) a++;
      if (method !== 'lstrip') while (b > a && set.includes(t[b - 1])) b--;
      return { kind: 'string', word: litWord(t.slice(a, b)) };
    }
    case 'encode':
    case 'decode':
      return { kind: 'string', word: w };
    case 'lower':
    case 'upper': {
      const t = literalText(w);
      return t === null ? unknown('string') : { kind: 'string', word: litWord(method === 'lower' ? t.toLowerCase() : t.toUpperCase()) };
    }
    case 'replace': {
      const t = literalText(w);
      const a = args.positional[0] ? literalText(toWord(args.positional[0])) : null;
      const b = args.positional[1] ? literalText(toWord(args.positional[1])) : null;
      return t !== null && a !== null && b !== null && a !== '' ? { kind: 'string', word: litWord(t.split(a).join(b)) } : unknown('string');
    }
    case 'join': {
      const arr = args.positional[0];
      if (arr?.kind !== 'array') return unknown('string');
      const words: Word[] = [];
      arr.items.forEach((x, i) => {
        if (i) words.push(w);
        words.push(toWord(x));
      });
      return { kind: 'string', word: capWord(concatWords(...words)) };
    }
    default:
      return unknown('string method');
  }
}

/** `"{}/{name}".format(a, name=b)`: holes filled from the arguments, unknown ones kept as unknown parts. */
function braceFormat(fmt: Word, args: CallArgs): Word {
  const words: Word[] = [];
  let auto = 0;
  for (const p of fmt.parts) {
    if (p.kind !== 'lit') {
      words.push({ parts: [p] });
      continue;
    }
    const t = p.text;
    let i = 0;
    let buf = '';
    while (i < t.length) {
      const c = t[i];
      if ((c === '{' || c === '}') && t[i + 1] === c) {
        buf += c;
        i += 2;
        continue;
      }
      if (c === '{') {
        const end = t.indexOf('}', i);
        if (end < 0) {
          buf += t.slice(i);
          break;
        }
        words.push(litWord(buf));
        buf = '';
        const field = t.slice(i + 1, end).split(/[!:]/)[0].trim();
        let v: PyVal | undefined;
        if (field === '') v = args.positional[auto++];
        else if (/^\d+$/.test(field)) v = args.positional[Number(field)];
        else v = args.kwargs.find(([k]) => k === field.split(/[.[]/)[0])?.[1];
        words.push(v ? toWord(v) : { parts: [{ kind: 'unknown', text: field ? describe(field) : 'format field' }] });
        i = end + 1;
        continue;
      }
      buf += c;
      i++;
    }
    words.push(litWord(buf));
  }
  return capWord(concatWords(...words));
}

