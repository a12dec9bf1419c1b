// Pathological input shapes, generated at any size: the bench measures each at
// growing sizes (the slope is the figure) and test/linear-time.test.ts runs each
// at the 256 KiB cap under a generous bound. Every generator returns a string of
// about `size` characters (never more than `size`), built from one repeated unit
// so a path that rescans the run is quadratic in it. Keys are generated at run
// time by the caller's `key()` (no key text is written here).

const URL = 'https://api.openai.com/v1/chat/completions';
const CURL = `curl ${URL} -H "Authorization: Bearer $OPENAI_API_KEY" -d '{"model":"gpt-4o","messages":[]}'`;
const PY_HEAD = 'from openai import OpenAI\nclient = OpenAI()\n';
const PY_CALL = 'client.chat.completions.create(model="gpt-4o", messages=[])\n';
const JS_HEAD = "import OpenAI from 'openai';\nconst client = new OpenAI();\n";
const JS_CALL = "await client.chat.completions.create({ model: 'gpt-4o', messages: [] });\n";

/** `line(i)` for i = 1, 2, ... after `before`, while the text stays under `size` minus `after(i)`'s room. */
function chain(size, before, line, after) {
  let s = before;
  let i = 1;
  for (let l = line(i); s.length + l.length + 200 < size; l = line(++i)) s += l;
  return s + after(i - 1);
}

/** `unit` repeated to fill `size` minus the fixed text around it. */
function fill(size, unit, before = '', after = '') {
  const room = Math.max(0, size - before.length - after.length);
  return before + unit.repeat(Math.floor(room / unit.length)) + after;
}

/** [name, (size, key) => text, filename?] — `key()` returns a fresh generated key. */
const INTAKE = [
  ['blank lines before curl', (n) => fill(n, '\n', '', CURL)],
  ['blank lines with spaces before curl', (n) => fill(n, '  \n', '', CURL)],
  ['CRLF blank lines before curl', (n) => fill(n, '\r\n', '', CURL)],
  ['spaces before curl', (n) => fill(n, ' ', '', CURL)],
  ['tabs and spaces lines', (n) => fill(n, '\t \t\n', '', CURL)],
  ['shell comments before curl', (n) => fill(n, '# a comment\n', '', CURL)],
  ['empty comments before curl', (n) => fill(n, '#\n', '', CURL)],
  ['python comments before call', (n) => fill(n, '# note\n', PY_HEAD, PY_CALL), 'x.py'],
  ['js comments before call', (n) => fill(n, '// note\n', JS_HEAD, JS_CALL), 'x.js'],
  ['blank lines in python', (n) => fill(n, '\n', PY_HEAD, PY_CALL)],
  ['blank lines in js', (n) => fill(n, '\n', JS_HEAD, JS_CALL)],
  ['bash fence lines', (n) => fill(n, '```bash\n', '', CURL)],
  ['fence pairs', (n) => fill(n, '```bash\n```\n', '', '```bash\n' + CURL + '\n```\n')],
  ['tilde fences', (n) => fill(n, '~~~\n', '', CURL)],
  ['prompt lines', (n) => fill(n, '$ \n', '', '$ ' + CURL)],
  ['REPL prompts', (n) => fill(n, '>>> \n', '>>> from openai import OpenAI\n', '>>> ' + PY_CALL)],
  ['numbered lines', (n) => Array.from({ length: Math.floor(n / 10) }, (_, i) => `${i + 1} x`).join('\n').slice(0, n - CURL.length - 1) + '\n' + CURL],
  ['diff lines', (n) => fill(n, '+ \n- \n', '', '+ ' + CURL)],
  ['plus signs', (n) => fill(n, '+', '', '\n' + CURL)],
  ['keyword-argument soup', (n) => fill(n, 'a=b,', 'f(', ')\n' + PY_CALL)],
  ['import soup', (n) => fill(n, 'import a ', '', '\n' + CURL)],
  ['percent signs', (n) => fill(n, '%a', '', '\n' + CURL)],
  ['carets at line ends', (n) => fill(n, ' ^\n', 'curl ' + URL, '')],
  ['backticks at line ends', (n) => fill(n, ' `\n', 'curl.exe ' + URL, '')],
  ['nothing but spaces', (n) => ' '.repeat(n)],
  ['prose', (n) => fill(n, 'the quick brown fox ', '', '')],
  // Found by hunting (each a distinct path; none slow once the fixes above were in).
  ['NBSP run before curl', (n) => fill(Math.floor((n * 2) / 3), '\u00a0 ', '', CURL)],
  ['many fenced blocks', (n) => fill(n, '```bash\n' + CURL + '\n```\n')],
  ['mixed-language fenced blocks', (n) => fill(n, '```bash\n' + CURL + '\n```\n```python\n' + PY_CALL + '```\n```js\n' + JS_CALL + '```\n')],
  ['IPython prompts', (n) => fill(n, 'In [1]: x\n', '', 'In [2]: !' + CURL)],
  ['notebook !curl lines', (n) => fill(n, '!' + CURL + '\n', 'M = "x"\n', '')],
  ['copy words inside a continued curl', (n) => fill(n, ' \\\nCopy\n -H "a: b"', 'curl ' + URL, '')],
  ['PowerShell prompts', (n) => fill(n, 'PS C:\\> x\n', '', 'PS C:\\> ' + CURL)],
  ['shell exports before a python fence', (n) => '```bash\n' + fill(n - 200, 'export A=b\n', '', '') + '```\n```python\n' + PY_HEAD + PY_CALL + '```\n'],
];
const CURL_SHAPES = [
  ['CR run after curl', (n) => fill(n, '\r', CURL, '')],
  ['CR run inside curl', (n) => fill(n, '\r', 'curl ' + URL, ' -d "{}"')],
  ['spaces between curl words', (n) => fill(n, ' ', 'curl', URL)],
  ['single quotes', (n) => fill(n, "'", 'curl ' + URL + ' -d ', '')],
  ['double quotes', (n) => fill(n, '"', 'curl ' + URL + ' -d ', '')],
  ['backslashes', (n) => fill(n, '\\', 'curl ' + URL + ' -d ', '')],
  ['backslash-space continuations', (n) => fill(n, '\\ ', 'curl ' + URL + ' ', '')],
  ['line continuations', (n) => fill(n, ' \\\n', 'curl ' + URL, '')],
  ['$( runs', (n) => fill(n, '$(', 'curl ' + URL + ' -d ', '')],
  ['${ in double quotes', (n) => fill(n, '${', 'curl ' + URL + ' -d "', '"')],
  ['${ unquoted', (n) => fill(n, '${', 'curl ' + URL + ' -d ', '')],
  ["$' runs", (n) => fill(n, "$'", 'curl ' + URL + ' -d ', '')],
  ['backtick runs', (n) => fill(n, '`', 'curl ' + URL + ' -d ', '')],
  ['cmd carets', (n) => fill(n, '^', 'curl ' + URL + ' -d ', ''), 'x.cmd'],
  ['cmd carets in quotes', (n) => fill(n, '^', 'curl ' + URL + ' -d "', '"'), 'x.cmd'],
  ['cmd percent', (n) => fill(n, '%', 'curl ' + URL + ' -d "', '"'), 'x.cmd'],
  ['PowerShell backticks', (n) => fill(n, '`', 'curl.exe ' + URL + ' -d ', ''), 'x.ps1'],
  ['PowerShell $( runs', (n) => fill(n, '$(', 'Invoke-RestMethod -Uri ' + URL + ' -Body ', ''), 'x.ps1'],
  ['PowerShell hashtable nesting', (n) => fill(n, '@{a=', '$b = ', '\nInvoke-RestMethod -Uri ' + URL + ' -Body $b'), 'x.ps1'],
  ['heredoc markers', (n) => fill(n, '<<A ', 'curl ' + URL + ' -d @- ', '')],
  ['semicolons', (n) => fill(n, ';', CURL, '')],
  ['pipes', (n) => fill(n, '|', CURL, '')],
  ['many -H options', (n) => fill(n, ' -H "X-A: b"', 'curl ' + URL, '')],
  ['many curl commands', (n) => fill(n, CURL + '\n', '', '')],
  ['JSON bracket nesting in -d', (n) => fill(n, '[', 'curl ' + URL + " -d '", "'")],
  ['balanced JSON nesting in -d', (n) => 'curl ' + URL + " -d '" + '['.repeat(Math.floor((n - 60) / 2)) + ']'.repeat(Math.floor((n - 60) / 2)) + "'"],
  ['JSON object nesting in -d', (n) => 'curl ' + URL + " -d '" + '{"a":'.repeat(Math.floor((n - 60) / 6)) + '1' + '}'.repeat(Math.floor((n - 60) / 6)) + "'"],
  ['JSON strings in -d', (n) => fill(n, '"a",', 'curl ' + URL + " -d '[", "1]'")],
  ['JSON backslashes in -d', (n) => fill(n, '\\\\', 'curl ' + URL + ` -d '{"model":"`, `"}'`)],
  ['one big body', (n) => fill(n, 'x', 'curl ' + URL + ` -d '{"model":"gpt-4o","messages":[{"role":"user","content":"`, `"}]}'`)],
  ['bearer spaces', (n) => fill(n, ' ', 'curl ' + URL + " -H 'Authorization: Bearer", "x'")],
  ['token word then spaces', (n) => fill(n, ' ', "curl " + URL + " -d 'token", "'")],
  ['many -u options', (n) => fill(n, ' -u a:b', 'curl ' + URL, '')],
  ['many -F options', (n) => fill(n, ' -F a=b', 'curl ' + URL, '')],
  ['env var doubling', (n) => chain(n, 'V0=ab\n', (i) => `V${i}="$V${i - 1}$V${i - 1}"\n`, (i) => `curl ${URL} -d "$V${i}"`)],
  ['many $VAR references', (n) => fill(n, '$A', 'A=x\ncurl ' + URL + ' -d ', '')],
  ['heredoc body lines', (n) => fill(n, 'line\n', 'curl ' + URL + ' -d @- <<EOF\n', 'EOF\n')],
  ['unterminated heredoc', (n) => fill(n, 'x\n', 'curl ' + URL + ' -d @- <<EOF\n', '')],
  ['cmd caret lines', (n) => fill(n, ' -H "a: b" ^\n', 'curl ' + URL + ' ^\n', '-d x'), 'x.cmd'],
  ['PowerShell here-string body', (n) => fill(n, 'line\n', "$b = @'\n", "'@\nInvoke-RestMethod -Uri " + URL + ' -Body $b'), 'x.ps1'],
  ['PowerShell variable chain', (n) => chain(n, '$v0 = "gpt-4o"\n', (i) => `$v${i} = $v${i - 1}\n`, (i) => `Invoke-RestMethod -Uri ${URL} -Body $v${i}`), 'x.ps1'],
  ['distinct JSON keys in -d', (n) => chain(n, 'curl ' + URL + ` -d '{"model":"gpt-4o"`, (i) => `,"a${i}":1`, () => "}'")],
  ['JSON unicode escapes in -d', (n) => fill(n, '\\u0041', 'curl ' + URL + ` -d '{"model":"`, `"}'`)],
  // Runs of one-character words and commands (1 to 2 s at the cap before the shell word budget of
  // src/intake/limits.ts; every bare word after curl is a URL, and each URL was a call with its own body).
  ['curl with many URLs', (n) => fill(n, ' a', CURL, '')],
  ['words before curl', (n) => fill(n, 'a ', '', '\n' + CURL)],
  ['commands on one line', (n) => fill(n, 'x;', '', '\n' + CURL)],
  ['word lines', (n) => fill(n, 'a\n', '', CURL)],
  ['assignment lines', (n) => fill(n, 'a=b\n', '', CURL)],
];
const KEYS = [
  ['many keys', (n, key) => { let s = 'curl ' + URL + ' -d \''; while (s.length < n - 200) s += key() + ' '; return s + "'"; }],
  ['many key assignments', (n, key) => { let s = ''; while (s.length < n - 200) s += `OPENAI_API_KEY=${key()}\n`; return s + CURL; }],
  ['many keys comma-separated', (n, key) => { let s = 'curl ' + URL + ' -d '; while (s.length < n - 200) s += key() + ','; return s; }],
  ['many keys in a JSON body', (n, key) => { let s = 'curl ' + URL + ` -d '{"model":"gpt-4o"`; let i = 0; while (s.length < n - 200) s += `,"k${i++}":"${key()}"`; return s + "}'"; }],
  ['dotenv lines', (n) => chain(n, '', (i) => `K${i}=abcdefghijklmnop1234\n`, () => CURL)],
];
const PYTHON = [
  ['python paren nesting', (n) => fill(n, '(', 'x = ', ''), 'x.py'],
  ['python balanced parens', (n) => 'x = ' + '('.repeat(Math.floor((n - 10) / 2)) + '1' + ')'.repeat(Math.floor((n - 10) / 2)) + '\n', 'x.py'],
  ['python list nesting', (n) => PY_HEAD + 'm = ' + '['.repeat(Math.floor((n - 200) / 2)) + ']'.repeat(Math.floor((n - 200) / 2)) + '\n' + PY_CALL, 'x.py'],
  ['python dict nesting', (n) => PY_HEAD + 'm = ' + '{"a":'.repeat(Math.floor((n - 200) / 6)) + '1' + '}'.repeat(Math.floor((n - 200) / 6)) + '\n' + PY_CALL, 'x.py'],
  ['python call nesting', (n) => PY_HEAD + 'm = ' + 'f('.repeat(Math.floor((n - 200) / 3)) + ')'.repeat(Math.floor((n - 200) / 3)) + '\n' + PY_CALL, 'x.py'],
  ['python binary chain', (n) => PY_HEAD + 'm = 1' + ' + 1'.repeat(Math.floor((n - 200) / 4)) + '\n' + PY_CALL, 'x.py'],
  ['python string concat chain', (n) => PY_HEAD + 'm = "a"' + ' + "a"'.repeat(Math.floor((n - 200) / 6)) + '\n' + PY_CALL.replace('"gpt-4o"', 'm'), 'x.py'],
  ['python attribute chain', (n) => PY_HEAD + 'm = a' + '.b'.repeat(Math.floor((n - 200) / 2)) + '\n' + PY_CALL, 'x.py'],
  ['python indentation nesting', (n) => { const lines = []; let len = 0; for (let i = 0; len < n - 4000; i++) { const l = ' '.repeat(Math.min(i, 2000)) + 'if x:\n'; if (len + l.length > n - 4000) break; lines.push(l); len += l.length; } return lines.join('') + ' '.repeat(Math.min(lines.length, 2000)) + 'pass\n'; }, 'x.py'],
  ['python lambda nesting', (n) => fill(n, 'lambda: ', 'x = ', '1\n'), 'x.py'],
  ['python f-string nesting', (n) => 'x = ' + 'f"{'.repeat(Math.floor((n - 10) / 5)) + '1' + '}"'.repeat(Math.floor((n - 10) / 5)) + '\n', 'x.py'],
  ['python unary chain', (n) => fill(n, '-', 'x = ', '1\n'), 'x.py'],
  ['python not chain', (n) => fill(n, 'not ', 'x = ', '1\n'), 'x.py'],
  ['python many calls', (n) => fill(n, PY_CALL, PY_HEAD, ''), 'x.py'],
  ['python kwargs', (n) => fill(n, 'a=1, ', PY_HEAD + 'client.chat.completions.create(model="gpt-4o", ', 'messages=[])\n'), 'x.py'],
  ['python json.dumps chain', (n) => chain(n, 'import json\n' + PY_HEAD + 'm0 = "ab"\n', (i) => `m${i} = json.dumps([m${i - 1}, m${i - 1}])\n`, (i) => PY_CALL.replace('messages=[]', `messages=[], extra_body={"m": m${i}}`)), 'x.py'],
  // Each a syntax error the parser recovers from, at up to 0.1 ms each (8 s at 256 KiB before recoveries were bounded).
  ['python unmatched closing brackets', (n) => fill(n, ')]}', PY_HEAD, '\n' + PY_CALL), 'x.py'],
  ['python stray operators', (n) => fill(n, '= = ', PY_HEAD, '\n' + PY_CALL), 'x.py'],
  ['python call chain',

 (n) => PY_HEAD + 'm = f' + '()'.repeat(Math.floor((n - 200) / 2)) + '\n' + PY_CALL, 'x.py'],
  ['python method chain across lines', (n) => PY_HEAD + 'm = (a' + '\n  .b()'.repeat(Math.floor((n - 200) / 7)) + ')\n' + PY_CALL, 'x.py'],
  ['python subscript chain', (n) => PY_HEAD + 'm = a' + '[0]'.repeat(Math.floor((n - 200) / 3)) + '\n' + PY_CALL, 'x.py'],
  ['python variable chain', (n) => { let s = PY_HEAD + 'm0 = "gpt-4o"\n'; let i = 1; while (s.length < n - 200) { s += `m${i} = m${i - 1}\n`; i++; } return s + PY_CALL.replace('"gpt-4o"', `m${i - 1}`); }, 'x.py'],
  // Each line shares the last value twice: the tree doubles per line (it ran out of memory at 400 bytes).
  ['python shared lists doubling', (n) => chain(n, PY_HEAD + 'm0 = ["ab"]\n', (i) => `m${i} = [m${i - 1}, m${i - 1}]\n`, (i) => PY_CALL.replace('messages=[]', `messages=m${i}`)), 'x.py'],
  ['python shared dicts doubling', (n) => chain(n, PY_HEAD + 'm0 = {"a": 1}\n', (i) => `m${i} = {"a": m${i - 1}, "b": m${i - 1}}\n`, (i) => PY_CALL.replace('messages=[]', `messages=[], extra_body=m${i}`)), 'x.py'],
  ['python shared dict spreads', (n) => chain(n, PY_HEAD + 'm0 = {"a": 1}\n', (i) => `m${i} = {**m${i - 1}, "k${i}": m${i - 1}}\n`, (i) => `client.chat.completions.create(**m${i})\n`), 'x.py'],
  // Each line builds a string near the text cap from the last one twice (seconds before strings were charged by size).
  ['python f-string doubling', (n) => chain(n, PY_HEAD + 'm0 = "ab"\n', (i) => `m${i} = f"{m${i - 1}}{m${i - 1}}"\n`, (i) => PY_CALL.replace('"gpt-4o"', `m${i}`)), 'x.py'],
  ['python join doubling', (n) => chain(n, PY_HEAD + 'm0 = "ab"\n', (i) => `m${i} = m${i - 1}.join([m${i - 1}, m${i - 1}])\n`, (i) => PY_CALL.replace('"gpt-4o"', `m${i}`)), 'x.py'],
  ['python distinct keyword arguments', (n) => chain(n, PY_HEAD + 'client.chat.completions.create(model="gpt-4o", messages=[]', (i) => `, a${i}=1`, () => ')\n'), 'x.py'],
  ['python dedent run', (n) => fill(n, 'if a:\n        x\n  y\n', PY_HEAD, PY_CALL), 'x.py'],
  ['python many requests calls', (n) => fill(n, `requests.post("${URL}", json={"model": "gpt-4o"})\n`, 'import requests\n', ''), 'x.py'],
  // Runs of one- or two-character tokens (1 to 4 s at the cap before the token budget of src/intake/limits.ts;
  // `f(),` looked each name up in every SDK name of the data).
  ['python top-level calls', (n) => fill(n, 'f(),', PY_HEAD, '\n' + PY_CALL), 'x.py'],
  ['python statements on one line', (n) => fill(n, 'x;', PY_HEAD, '\n' + PY_CALL), 'x.py'],
  ['python name lines', (n) => fill(n, 'a\n', PY_HEAD, PY_CALL), 'x.py'],
  ['python dict entries', (n) => fill(n, '"a": 1, ', PY_HEAD + 'm = {', '}\n' + PY_CALL), 'x.py'],
  ['python f-string lines', (n) => fill(n, 'f"{a}"\n', PY_HEAD, PY_CALL), 'x.py'],
  ['python f-string fields', (n) => fill(n, '{a}', PY_HEAD + 'm = f"', '"\n' + PY_CALL), 'x.py'],
  ['python implicit concatenation', (n) => fill(n, '"a" ', PY_HEAD + 'm = (', ')\n' + PY_CALL), 'x.py'],
];
const JS = [
  ['js paren nesting', (n) => fill(n, '(', 'const x = ', ''), 'x.js'],
  ['js balanced parens', (n) => 'const x = ' + '('.repeat(Math.floor((n - 20) / 2)) + '1' + ')'.repeat(Math.floor((n - 20) / 2)) + ';\n', 'x.js'],
  ['js array nesting', (n) => JS_HEAD + 'const m = ' + '['.repeat(Math.floor((n - 200) / 2)) + ']'.repeat(Math.floor((n - 200) / 2)) + ';\n' + JS_CALL, 'x.js'],
  ['js object nesting', (n) => JS_HEAD + 'const m = ' + '{a:'.repeat(Math.floor((n - 200) / 4)) + '1' + '}'.repeat(Math.floor((n - 200) / 4)) + ';\n' + JS_CALL, 'x.js'],
  ['js call nesting', (n) => JS_HEAD + 'const m = ' + 'f('.repeat(Math.floor((n - 200) / 3)) + ')'.repeat(Math.floor((n - 200) / 3)) + ';\n' + JS_CALL, 'x.js'],
  ['js binary chain', (n) => JS_HEAD + 'const m = 1' + ' + 1'.repeat(Math.floor((n - 200) / 4)) + ';\n' + JS_CALL, 'x.js'],
  ['js string concat chain', (n) => JS_HEAD + "const m = 'a'" + " + 'a'".repeat(Math.floor((n - 200) / 6)) + ';\n' + JS_CALL.replace("'gpt-4o'", 'm'), 'x.js'],
  ['js member chain', (n) => JS_HEAD + 'const m = a' + '.b'.repeat(Math.floor((n - 200) / 2)) + ';\n' + JS_CALL, 'x.js'],
  ['js block nesting', (n) => fill(n, '{', JS_HEAD, JS_CALL), 'x.js'],
  ['js arrow nesting', (n) => fill(n, '() => ', 'const x = ', '1;\n'), 'x.js'],
  ['js template nesting', (n) => 'const x = ' + '`${'.repeat(Math.floor((n - 20) / 6)) + '1' + '}`'.repeat(Math.floor((n - 20) / 6)) + ';\n', 'x.js'],
  ['js unary chain', (n) => fill(n, '!', 'const x = ', '1;\n'), 'x.js'],
  ['js ternary chain', (n) => fill(n, 'a ? b : ', 'const x = ', '1;\n'), 'x.js'],
  ['js many calls', (n) => fill(n, JS_CALL, JS_HEAD, ''), 'x.js'],
  ['js variable chain', (n) => { let s = JS_HEAD + "const m0 = 'gpt-4o';\n"; let i = 1; while (s.length < n - 200) { s += `const m${i} = m${i - 1};\n`; i++; } return s + JS_CALL.replace("'gpt-4o'", `m${i - 1}`); }, 'x.js'],
  ['ts generic nesting', (n) => fill(n, 'A<', 'let x: ', ''), 'x.ts'],
  ['ts type nesting', (n) => 'type T = ' + '{a:'.repeat(Math.floor((n - 20) / 4)) + 'string' + '}'.repeat(Math.floor((n - 20) / 4)) + ';\n', 'x.ts'],
  ['js template doubling', (n) => chain(n, JS_HEAD + "const m0 = 'ab';\n", (i) => `const m${i} = \`\${m${i - 1}}\${m${i - 1}}\`;\n`, (i) => JS_CALL.replace("'gpt-4o'", `m${i}`)), 'x.js'],
  // JSON-encoding JSON text escapes its quotes: the text doubles per level (9 s).
  ['js JSON.stringify nesting', (n) => fill(n, '\n', JS_HEAD + 'const m = ' + 'JSON.stringify('.repeat(150) + "'a'" + ')'.repeat(150) + ';\n', JS_CALL), 'x.js'],
  ['js shared arrays doubling',
 (n) => chain(n, JS_HEAD + "const m0 = ['ab'];\n", (i) => `const m${i} = [m${i - 1}, m${i - 1}];\n`, (i) => JS_CALL.replace('messages: []', `messages: m${i}`)), 'x.js'],
  ['js shared objects doubling', (n) => chain(n, JS_HEAD + 'const m0 = { a: 1 };\n', (i) => `const m${i} = { a: m${i - 1}, b: m${i - 1} };\n`, (i) => JS_CALL.replace('messages: []', `messages: [], extra: m${i}`)), 'x.js'],
  ['js shared spreads', (n) => chain(n, JS_HEAD + 'const m0 = { a: 1 };\n', (i) => `const m${i} = { ...m${i - 1}, k${i}: m${i - 1} };\n`, (i) => `await client.chat.completions.create(m${i});\n`), 'x.js'],
  // Each line a tokenizer error the tolerant parser recovers from (it rescanned the input from its start for each: quadratic).
  ['js unterminated string lines', (n) => fill(n, "'x\n", JS_HEAD, JS_CALL), 'x.js'],
  // A zero-width space is 3 bytes of UTF-8: 3 characters in 5 bytes, to stay under the cap in bytes.
  ['js zero-width spaces in code', (n) => fill(Math.floor((n * 3) / 5), 'a \u200b', JS_HEAD, '\n' + JS_CALL), 'x.js'],
  // After an unclosed backtick the tolerant parser rescanned the rest of the input for its end, line after line (33 s).
  ['js unterminated template', (n) => fill(n, 'x\n', JS_HEAD + 'const d = `', JS_CALL), 'x.js'],
  ['ts syntax error per line', (n) => fill(n, 'let x: = ;\n', JS_HEAD, JS_CALL), 'x.ts'],
  ['js regex-like slashes', (n) => fill(n, '/', 'const x = ', ''), 'x.js'],
  ['js distinct options', (n) => chain(n, JS_HEAD + "await client.chat.completions.create({ model: 'gpt-4o', messages: []", (i) => `, a${i}: 1`, () => ' });\n'), 'x.js'],
  ['ts many interfaces', (n) => fill(n, 'interface A { a: string; }\n', JS_HEAD, JS_CALL), 'x.ts'],
  ['js arrow with many parameters', (n) => JS_HEAD + 'const m = (' + 'a, '.repeat(Math.floor((n - 300) / 3)) + 'b) => 1;\n' + JS_CALL, 'x.js'],
  ['js else-if nesting', (n) => fill(n, 'if (a) x; else ', JS_HEAD, 'y;\n' + JS_CALL), 'x.js'],
  // A syntax error at the end and a diff marker: every parse of the cascade (strict JS, TypeScript, undiffed, tolerant) reads it all.
  ['js many calls, diff marker, error at the end', (n) => fill(n, JS_CALL, JS_HEAD + '+ const x = 1;\n', 'const = ;\n'), 'x.js'],
  // Tagged templates chained without a bracket (1.5 s at the cap before the token budget).
  ['js backtick runs in an array', (n) => fill(n, '`', JS_HEAD + 'const x = [', '];\n' + JS_CALL), 'x.js'],
  ['js template fields', (n) => fill(n, '${a}', JS_HEAD + 'const x = `', '`;\n' + JS_CALL), 'x.js'],
  ['js top-level calls', (n) => fill(n, 'f();', JS_HEAD, '\n' + JS_CALL), 'x.js'],
];

const group = (g, list) => list.map(([name, gen, filename]) => ({ group: g, name, gen, filename }));

/** Every shape: { group, name, gen(size, key) -> text, filename? }; `key()` returns a fresh generated key. */
export const SHAPES = [
  ...group('intake', INTAKE),
  ...group('curl', CURL_SHAPES),
  ...group('keys', KEYS),
  ...group('python', PYTHON),
  ...group('js', JS),
];

/** Sizes the bench grows each shape through. */
export const SIZES = [1024, 4096, 16384, 65536, 262144];
