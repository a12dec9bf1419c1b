// Hosts: the one place that decides whether a host is local (a server on this
// machine or a private network, which usually takes no key and may use plain
// http) and what a host's key variable is called. Used by the extractor, the
// registry and the vendor templates alike, so a draft and the entry made from
// it always agree.
//
// Decision: the key variable drops the port. `https://api.example.com:8443/v1`
// and `https://api.example.com/v1` share CUSTOM_KEY_API_EXAMPLE_COM: one key
// per host, the registry's rule since its first version, and the rule the
// "key sent to another host" check compares against.

/** The hostname of `host`, `host:port`, `[v6]:port` or a bare IPv6 address, lower-cased, without brackets or port. */
export function hostnameOf(host: string): string {
  const h = host.trim().toLowerCase();
  if (h.startsWith('[')) {
    const end = h.indexOf(']');
    return end < 0 ? h.slice(1) : h.slice(1, end);
  }
  // One colon: host:port. Several: a bare IPv6 address, kept whole.
  const first = h.indexOf(':');
  if (first >= 0 && h.indexOf(':', first + 1) < 0) return h.slice(0, first);
  return h;
}

/** The hostname of an absolute URL, or '' when it is not one. */
export function hostOfUrl(url: string): string {
  try {
    return new URL(url).hostname.toLowerCase().replace(/^\[|\]$/g, '');
  } catch {
    return '';
  }
}

/**
 * Loopback, private, link-local (169.254/16), CGNAT (100.64/10, Tailscale),
 * unique-local IPv6, `localhost`, `*.localhost`, `*.local`, `*.lan`,
 * `*.internal`, `*.home.arpa`, and single-label names (a Docker Compose
 * service such as `ollama`, which only resolves on a private network).
 * Accepts a hostname, `host:port` or `[v6]:port`.
 */
export function isLocalHost(host: string): boolean {
  const n = hostnameOf(host);
  const h = n.endsWith('.') ? n.slice(0, -1) : n;
  if (!h) return false;
  if (h === 'localhost' || h.endsWith('.localhost')) return true;
  if (/\.(local|internal|lan|home\.arpa)$/.test(h)) return true;
  // (Only a name that starts with a digit can be one: most are not, and skip compiling the pattern.)
  const c0 = h.charCodeAt(0);
  const v4 = c0 >= 48 && c0 <= 57 ? /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(h) : null;
  if (v4) {
    const [a, b] = [Number(v4[1]), Number(v4[2])];
    return (
      a === 127 || a === 10 || a === 0 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) ||
      (a === 169 && b === 254) || (a === 100 && b >= 64 && b <= 127)
    );
  }
  if (h.includes(':')) {
    return h === '::1' || h === '::' || /^f[cd][0-9a-f]{2}:/.test(h) || /^fe[89ab][0-9a-f]:/.test(h) || /^::ffff:(127|10|192\.168)\./.test(h);
  }
  // A single-label name only resolves on a private network (or is a typo).
  return !h.includes('.');
}

/** `CUSTOM_KEY_` + the hostname upper-cased, every non-alphanumeric as `_` (the port is dropped). */
export function keyEnvForHost(host: string): string {
  return 'CUSTOM_KEY_' + hostnameOf(host).toUpperCase().replace(/[^A-Z0-9]/g, '_');
}

/** The key variable for a base URL, or null when it has no host. */
export function keyEnvForUrl(url: string): string | null {
  const h = hostOfUrl(url);
  return h ? keyEnvForHost(h) : null;
}

/** What readUrl takes from a parsed URL. */
export interface UrlParts {
  protocol: string;
  host: string;
  hostname: string;
  pathname: string;
  search: string;
}

/**
 * A plain absolute http(s) URL: a host name of ASCII letters, digits and `-`
 * (labels of 1-63, at most 253 in all), an optional port, and a path of
 * unreserved characters; no credentials, query or fragment.
 */
const PLAIN_URL = /^(https?):\/\/([A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63})*\.?)(?::(\d{1,5}))?((?:\/[A-Za-z0-9._~-]*)*)$/i;

/**
 * The parts `new URL(text)` gives a plain absolute http(s) URL (PLAIN_URL), read
 * by one pattern and string calls; null for any other text, and for the plain
 * ones the URL parser rewrites: a host whose last label is a number (IPv4, in
 * any of its forms), an IDNA (`xn--`) label, a path with a `.` or `..`
 * segment, a port past 65535. The URL class is a deep path of Node's code a
 * parse would otherwise take for the one URL of most pastes. Held equal to
 * `new URL` by a property test (test/fast-paths.test.ts).
 */
export function plainUrl(text: string): UrlParts | null {
  if (text.length > 2048) return null;
  const m = PLAIN_URL.exec(text);
  if (!m) return null;
  const hostname = m[2].toLowerCase();
  if (hostname.length > 253 || hostname.includes('xn--')) return null;
  const bare = hostname.endsWith('.') ? hostname.slice(0, -1) : hostname;
  const last = bare.slice(bare.lastIndexOf('.') + 1);
  if (/^(?:\d+|0x[0-9a-f]*)$/.test(last)) return null;
  const path = m[4];
  if (path && /\/\.\.?(?:\/|$)/.test(path)) return null;
  const protocol = m[1].toLowerCase() + ':';
  let host = hostname;
  if (m[3] !== undefined) {
    const port = Number(m[3]);
    if (port > 65535) return null;
    if (port !== (protocol === 'https:' ? 443 : 80)) host += ':' + port;
  }
  return { protocol, host, hostname, pathname: path || '/', search: '' };
}
