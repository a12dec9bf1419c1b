// Generates grammar/curl-options.yaml: every curl command-line option (long
// name, short letter, takes-an-argument, boolean) and what byok does with it.
// Guarantees: the output depends only on its inputs (no clock, no network),
// options are sorted by long name, long names and short letters are unique,
// and every fact is cross-checked where two sources state it.
//
// Inputs, merged in this order:
//   1. `curl --help all` of the curl on the PATH (an argument shows as <...>
//      or [...]); when curl is missing or fails, or with --offline, the
//      committed snapshot grammar/sources/curl-7.88.1-help-all.txt;
//   2. grammar/sources/curl-options-after-7.88.yaml: options added after
//      7.88 (8.1.0 .. 8.17.0), renames, hidden aliases, and the argument-less
//      options that are not boolean, each with the curl doc it came from;
//   3. SEMANTICS below: byok's own reading of the options that shape an HTTP
//      request.
//
// Usage: node scripts/gen-curl-options.mjs            (write the YAML)
//        node scripts/gen-curl-options.mjs --offline  (ignore the live curl)
//        node scripts/gen-curl-options.mjs --check    (exit 1 when stale)
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import { parse } from 'yaml';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = 'grammar/curl-options.yaml';
const SNAPSHOT = 'grammar/sources/curl-7.88.1-help-all.txt';
const SNAPSHOT_VERSION = '7.88.1';
const FACTS = 'grammar/sources/curl-options-after-7.88.yaml';

/**
 * What an option means for the request (the CurlSemantic enum of
 * src/data/schemas.ts). Every option not named here is `ignore`.
 * --proxy-header is deliberately absent: it goes to the proxy, not the API.
 */
export const SEMANTICS = {
  url: 'url',
  request: 'request',
  header: 'header',
  data: 'data',
  'data-ascii': 'data',
  'data-raw': 'data-raw',
  'data-binary': 'data-binary',
  'data-urlencode': 'data-urlencode',
  json: 'json',
  form: 'form',
  'form-string': 'form-string',
  get: 'get',
  head: 'head',
  user: 'user',
  'oauth2-bearer': 'oauth2-bearer',
  'user-agent': 'user-agent',
  referer: 'referer',
  cookie: 'cookie',
  'url-query': 'url-query',
  'upload-file': 'upload-file',
  next: 'next',
  config: 'config',
};

const OPTION_LINE = /^\s*(?:-(\S), )?--([a-z0-9][a-z0-9.-]*)(?:\s+(\S.*))?$/;

/** Parses `curl --help all` output into { long, short?, arg } in listing order. */
export function parseHelp(text) {
  const options = [];
  for (const line of text.split('\n')) {
    if (!/^\s*-/.test(line)) continue; // "Usage: ...", category headers, blank lines
    const m = OPTION_LINE.exec(line);
    if (!m) throw new Error(`unrecognised curl --help line: ${JSON.stringify(line)}`);
    const [, short, long, rest = ''] = m;
    // The argument placeholder follows the name: `<data>`, or `[protocol://]host[:port]`
    // for --proxy and --preproxy. Descriptions start with a word.
    const arg = rest.startsWith('<') || rest.startsWith('[');
    options.push(short ? { long, short, arg } : { long, arg });
  }
  if (options.length === 0) throw new Error('no options found in the curl --help output');
  return options;
}

/** The help text and the curl version it describes: live curl unless offline or unavailable. */
function readHelp(offline) {
  if (!offline) {
    const help = spawnSync('curl', ['--help', 'all'], { encoding: 'utf8' });
    const ver = spawnSync('curl', ['--version'], { encoding: 'utf8' });
    const version = !ver.error && ver.status === 0 ? /^curl (\S+)/.exec(ver.stdout)?.[1] : undefined;
    if (!help.error && help.status === 0 && version) {
      const snapshot = readFileSync(join(root, SNAPSHOT), 'utf8');
      if (version === SNAPSHOT_VERSION && help.stdout !== snapshot) {
        console.error(`note: live curl ${version} --help all differs from ${SNAPSHOT}`);
      }
      return { text: help.stdout, version };
    }
  }
  return { text: readFileSync(join(root, SNAPSHOT), 'utf8'), version: SNAPSHOT_VERSION };
}

/** Builds the option table: [{ long, short?, arg, boolean?, semantic?, comment? }] sorted by long. */
export function buildOptions(help, facts) {
  const byLong = new Map();
  const negated = new Map(facts.negated.map((n) => [n.documented, n.long]));
  const notBoolean = new Set(facts.not_boolean);
  const isBoolean = (o) => !o.arg && !notBoolean.has(o.long);

  const add = (o) => {
    if (byLong.has(o.long)) throw new Error(`option --${o.long} listed twice`);
    byLong.set(o.long, o);
  };
  const agree = (o, fact, where) => {
    if (o.arg !== fact.arg) throw new Error(`--${o.long}: ${where} says arg ${fact.arg}, curl --help says ${o.arg}`);
  };

  let fromHelp = 0;
  for (const h of help) {
    const long = negated.get(h.long) ?? h.long;
    const o = { long, arg: h.arg };
    if (h.short) o.short = h.short;
    if (long !== h.long) o.comment = `documented as ${h.short ? `-${h.short}, ` : ''}--${h.long}`;
    add(o);
    fromHelp++;
  }
  // A newer curl's help lists some of these itself; then the two must agree.
  let fromFacts = 0;
  for (const a of facts.added) {
    const known = byLong.get(a.long);
    if (known) {
      agree(known, a, FACTS);
      known.comment = `added in ${a.added}`;
      continue;
    }
    add({ long: a.long, arg: a.arg, ...(a.short ? { short: a.short } : {}), comment: `added in ${a.added}` });
    fromFacts++;
  }
  for (const r of facts.renamed) {
    let old = byLong.get(r.was);
    if (!old) {
      old = { long: r.was, arg: r.arg };
      add(old);
      fromFacts++;
    }
    delete old.short;
    old.comment = `old name of --${r.long}, still accepted`;
    let now = byLong.get(r.long);
    if (!now) {
      now = { long: r.long, arg: r.arg };
      add(now);
      fromFacts++;
    }
    agree(now, r, FACTS);
    now.short = r.short;
    now.comment = `name of -${r.short} since ${r.added} (was --${r.was})`;
  }
  for (const h of facts.hidden) {
    const known = byLong.get(h.long);
    if (known) {
      agree(known, h, FACTS);
      continue;
    }
    add({ long: h.long, arg: h.arg, comment: `not in --help: ${h.note}` });
    fromFacts++;
  }
  for (const n of facts.negated) {
    if (!byLong.has(n.long)) throw new Error(`--${n.documented} is in ${FACTS} but not in curl --help`);
  }

  const shorts = new Map();
  for (const o of byLong.values()) {
    if (o.arg) delete o.boolean;
    else o.boolean = isBoolean(o);
    if (o.short) {
      if (shorts.has(o.short)) throw new Error(`-${o.short} is both --${shorts.get(o.short)} and --${o.long}`);
      shorts.set(o.short, o.long);
    }
  }
  for (const f of [...facts.added, ...facts.renamed, ...facts.hidden]) {
    if (f.boolean !== undefined && f.boolean !== byLong.get(f.long).boolean) {
      throw new Error(`--${f.long}: ${FACTS} says boolean ${f.boolean}, the not_boolean rule says otherwise`);
    }
  }
  for (const name of notBoolean) {
    const o = byLong.get(name);
    if (!o || o.arg) throw new Error(`not_boolean lists --${name}, which is unknown or takes an argument`);
  }
  for (const [long, semantic] of Object.entries(SEMANTICS)) {
    const o = byLong.get(long);
    if (!o) throw new Error(`SEMANTICS names --${long}, which curl does not have`);
    o.semantic = semantic;
  }

  const options = [...byLong.values()].sort((a, b) => (a.long < b.long ? -1 : a.long > b.long ? 1 : 0));
  return { options, fromHelp, fromFacts };
}

function quote(s) {
  return `'${String(s).replace(/'/g, "''")}'`;
}

/** One flow mapping per line, so a diff shows one option per changed line. */
function optionLine(o) {
  const parts = [`long: ${o.long}`];
  if (o.short) parts.push(`short: ${quote(o.short)}`);
  parts.push(`arg: ${o.arg}`);
  if (o.boolean !== undefined) parts.push(`boolean: ${o.boolean}`);
  if (o.semantic) parts.push(`semantic: ${o.semantic}`);
  return `  - { ${parts.join(', ')} }${o.comment ? `  # ${o.comment}` : ''}`;
}

/** Renders the YAML document text. */
export function render({ options, fromHelp, fromFacts }, helpVersion, newest) {
  const source =
    `${options.length} options. ${fromHelp} from curl ${helpVersion}'s \`curl --help all\` ` +
    `(an argument shows as <...> or [...]; offline copy: ${SNAPSHOT}); ` +
    `${fromFacts} from ${FACTS}: options added in curl 8.1.0 .. ${newest} ` +
    `(versions: https://curl.se/docs/optionswhen.html; names and arity: ` +
    `https://github.com/curl/curl docs/cmdline-opts/NAME.md front matter and src/tool_getparam.c aliases[]), ` +
    `the --show-headers rename, and aliases curl accepts without listing them. ` +
    `boolean (accepts --no-NAME): curl's option table (src/tool_getparam.c, ARG_BOOL vs ARG_NONE) — ` +
    `every option without an argument is boolean except the not_boolean list in ${FACTS}. ` +
    `semantic: byok's reading (SEMANTICS in scripts/gen-curl-options.mjs).`;
  const lines = [
    `# curl's command-line options as data: every option of curl ${newest} (and of`,
    `# curl ${helpVersion}), its short letter, whether it takes an argument, whether`,
    `# it is boolean, and what it means for an HTTP request.`,
    '#',
    '# GENERATED by scripts/gen-curl-options.mjs; do not edit by hand. To change a',
    `# fact edit ${FACTS} (or SEMANTICS in the script),`,
    '# then run `npm run grammar:curl` and `npm run build`. Without curl on the',
    `# PATH the script reads ${SNAPSHOT} instead.`,
    '#',
    '# How to read it:',
    '# - boolean: true means curl also accepts --no-NAME, which turns it off.',
    '#   These twins are not listed. curl documents seven options by their twin',
    '#   (-N, --no-buffer; --no-keepalive; --no-sessionid; --no-alpn; --no-npn;',
    '#   --no-progress-meter; --no-clobber): they are listed under the positive',
    '#   name, so -N sits on `buffer` but means --no-buffer.',
    '# - curl also accepts an unambiguous prefix of a long name (--sil is',
    '#   --silent) and, since 8.3.0, an --expand- prefix on any option; neither',
    '#   is listed.',
    '# - semantic is what byok does with the option; absent means ignore: the',
    '#   option is skipped together with its argument, if it takes one.',
    `source: ${JSON.stringify(source)}`,
    'regenerate: npm run grammar:curl',
    'options:',
    ...options.map(optionLine),
    '',
  ];
  return lines.join('\n');
}

/** The YAML text the inputs produce now. */
export function generate({ offline = false } = {}) {
  const { text, version } = readHelp(offline);
  const facts = parse(readFileSync(join(root, FACTS), 'utf8'));
  const built = buildOptions(parseHelp(text), facts);
  const yamlText = render(built, version, facts.newest_version);

  // The hand-written YAML must read back as exactly the table that was built.
  const expected = built.options.map(({ comment, ...o }) => o);
  const back = parse(yamlText);
  if (!isDeepStrictEqual(back.options, expected)) throw new Error('rendered YAML does not read back as the option table');
  return { yamlText, count: built.options.length, fromHelp: built.fromHelp, fromFacts: built.fromFacts, version };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const offline = process.argv.includes('--offline');
  const check = process.argv.includes('--check');
  const { yamlText, count, fromHelp, fromFacts, version } = generate({ offline });
  const out = join(root, OUT);
  const old = existsSync(out) ? readFileSync(out, 'utf8') : null;
  if (check) {
    if (old !== yamlText) {
      console.error(`${OUT} is stale: run npm run grammar:curl`);
      process.exit(1);
    }
  } else if (old !== yamlText) {
    writeFileSync(out, yamlText);
  }
  console.error(`${OUT}: ${count} options (${fromHelp} from curl ${version} --help all, ${fromFacts} from ${FACTS})`);
}
