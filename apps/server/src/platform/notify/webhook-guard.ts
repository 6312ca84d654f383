import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';

/**
 * Where a webhook may be sent (issue 7 item 7, SSRF). The server posts notification data to a URL a
 * city administrator typed in; without this guard that URL could reach the server's own loopback
 * services, a cloud metadata endpoint (169.254.169.254) or any host of the internal network.
 *
 * The rule: http(s) only, no credentials, and every address the host stands for must be a public
 * unicast address — checked when the URL is saved (literal addresses and local names) and again at
 * delivery, after name resolution, on the very address the socket then connects to. Redirects are
 * never followed. An administrator may allow named intranet receivers with XINHUO_WEBHOOK_ALLOW_HOSTS.
 */

/** Why a URL or an address is refused (kept short: it goes into the outbox's last_error and the audit). */
export type RefusalReason =
  | 'scheme'
  | 'credentials'
  | 'too_long'
  | 'unparsable'
  | 'local_name'
  | 'unspecified'
  | 'loopback'
  | 'private'
  | 'link_local'
  | 'shared'
  | 'multicast'
  | 'reserved'
  | 'unresolvable';

export interface WebhookPolicy {
  /**
   * Receivers the administrator allows although they are not public: exact host names
   * (`oa.zzb.example`), addresses (`10.2.3.4`, `fd00::5`) or ranges (`10.20.0.0/16`).
   * From XINHUO_WEBHOOK_ALLOW_HOSTS.
   */
  allowHosts?: readonly string[];
  /**
   * Tests only: let loopback receivers (127.0.0.0/8, ::1) through so the suite can run a receiver
   * on 127.0.0.1. Set by the test environment through compose(); no configuration variable reaches it.
   */
  allowLoopbackForTests?: boolean;
  /** Name resolution (every address of a name); tests substitute one so no test asks a real DNS server. */
  resolve?: (host: string) => Promise<string[]>;
}

export type Checked<T> = { ok: true; value: T } | { ok: false; reason: RefusalReason };

const MAX_URL_LENGTH = 500;

// ---- addresses ------------------------------------------------------------------------------

/** Dotted-decimal IPv4 (the only spelling left after WHATWG URL parsing or DNS) as 4 bytes. */
function ipv4Bytes(s: string): number[] | null {
  const parts = s.split('.');
  if (parts.length !== 4 || !parts.every((p) => /^\d{1,3}$/.test(p))) return null;
  const b = parts.map(Number);
  return b.every((n) => n <= 255) ? b : null;
}

/** An IPv6 address (with or without an embedded IPv4 tail) as 16 bytes. */
function ipv6Bytes(raw: string): number[] | null {
  let s = raw.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  if (isIP(s) !== 6) return null;
  const tail = /(\d+\.\d+\.\d+\.\d+)$/.exec(s);
  if (tail) {
    const v4 = ipv4Bytes(tail[1]!);
    if (!v4) return null;
    const hi = ((v4[0]! << 8) | v4[1]!).toString(16);
    const lo = ((v4[2]! << 8) | v4[3]!).toString(16);
    s = s.slice(0, -tail[1]!.length) + `${hi}:${lo}`;
  }
  const [head, rest] = s.includes('::') ? s.split('::') : [s, undefined];
  const h = head ? head.split(':') : [];
  const r = rest === undefined ? [] : rest ? rest.split(':') : [];
  const groups = rest === undefined ? h : [...h, ...Array(8 - h.length - r.length).fill('0'), ...r];
  if (groups.length !== 8) return null;
  return groups.flatMap((g) => {
    const n = parseInt(g, 16);
    return [n >> 8, n & 0xff];
  });
}

const inPrefix = (bytes: readonly number[], prefix: readonly number[], bits: number) => {
  for (let i = 0; i < bits; i++) {
    const bit = (b: readonly number[]) => (b[i >> 3]! >> (7 - (i & 7))) & 1;
    if (bit(bytes) !== bit(prefix)) return false;
  }
  return true;
};

/** IPv4 ranges that are not the public internet, most specific reasons first. */
const V4_RANGES: readonly [number[], number, RefusalReason][] = [
  [[0, 0, 0, 0], 8, 'unspecified'], // "this network", 0.0.0.0 reaches the local host
  [[127, 0, 0, 0], 8, 'loopback'],
  [[10, 0, 0, 0], 8, 'private'],
  [[172, 16, 0, 0], 12, 'private'],
  [[192, 168, 0, 0], 16, 'private'],
  [[100, 64, 0, 0], 10, 'shared'], // carrier-grade NAT
  [[169, 254, 0, 0], 16, 'link_local'], // incl. 169.254.169.254, cloud metadata
  [[192, 0, 0, 0], 24, 'reserved'],
  [[192, 0, 2, 0], 24, 'reserved'],
  [[192, 88, 99, 0], 24, 'reserved'],
  [[198, 18, 0, 0], 15, 'reserved'],
  [[198, 51, 100, 0], 24, 'reserved'],
  [[203, 0, 113, 0], 24, 'reserved'],
  [[224, 0, 0, 0], 4, 'multicast'],
  [[240, 0, 0, 0], 4, 'reserved'], // incl. 255.255.255.255
];

function classifyV4(b: readonly number[]): RefusalReason | null {
  for (const [prefix, bits, reason] of V4_RANGES) if (inPrefix(b, prefix, bits)) return reason;
  return null;
}

const zeros = (n: number) => Array<number>(n).fill(0);

function classifyV6(b: readonly number[]): RefusalReason | null {
  const v4At = (i: number) => classifyV4(b.slice(i, i + 4)) ?? null;
  if (b.every((x) => x === 0)) return 'unspecified';
  if (inPrefix(b, [...zeros(15), 1], 128)) return 'loopback';
  // Forms that carry an IPv4 address and reach it: mapped (::ffff:a.b.c.d), compatible (::a.b.c.d),
  // NAT64 (64:ff9b::a.b.c.d) and 6to4 (2002:aabb:ccdd::). They are judged by the IPv4 inside.
  if (inPrefix(b, [...zeros(10), 0xff, 0xff], 96)) return v4At(12);
  if (inPrefix(b, zeros(12), 96)) return v4At(12) ?? 'reserved';
  if (inPrefix(b, [0, 0x64, 0xff, 0x9b, ...zeros(8)], 96)) return v4At(12) ?? 'reserved';
  if (inPrefix(b, [0, 0x64, 0xff, 0x9b, 0, 1], 48)) return 'private';
  if (inPrefix(b, [0x20, 0x02], 16)) return v4At(2) ?? null;
  if (inPrefix(b, [0xff], 8)) return 'multicast';
  if (inPrefix(b, [0xfe, 0x80], 10)) return 'link_local';
  if (inPrefix(b, [0xfe, 0xc0], 10)) return 'private'; // deprecated site-local
  if (inPrefix(b, [0xfc], 7)) return 'private'; // unique local
  if (inPrefix(b, [0x20, 0x01, 0, 0], 32)) return 'reserved'; // Teredo tunnels to an IPv4 host
  if (inPrefix(b, [0x20, 0x01, 0x0d, 0xb8], 32)) return 'reserved'; // documentation
  if (!inPrefix(b, [0x20], 3)) return 'reserved'; // only 2000::/3 is global unicast
  return null;
}

/** Why an address is not a public unicast address, or null when it is one. Non-addresses are 'unparsable'. */
export function classifyAddress(address: string): RefusalReason | null {
  const v4 = ipv4Bytes(address);
  if (v4) return classifyV4(v4);
  const v6 = ipv6Bytes(address);
  if (v6) return classifyV6(v6);
  return 'unparsable';
}

// ---- host names -----------------------------------------------------------------------------

const LOCAL_NAMES = new Set(['localhost', 'localhost.localdomain', 'ip6-localhost', 'ip6-loopback']);
const LOCAL_SUFFIXES = [
  '.localhost',
  '.localdomain',
  '.local',
  '.internal',
  '.home.arpa',
  '.lan',
  '.intranet',
];

/** Names that stand for this machine or only mean something inside a network (a single label is resolved by search domains). */
function isLocalName(host: string): boolean {
  return LOCAL_NAMES.has(host) || LOCAL_SUFFIXES.some((s) => host.endsWith(s)) || !host.includes('.');
}

// ---- the administrator's allow-list -------------------------------------------------------

interface AllowList {
  names: Set<string>;
  ranges: { bytes: number[]; bits: number; v6: boolean }[];
}

/** Parses XINHUO_WEBHOOK_ALLOW_HOSTS entries; throws on an entry it cannot read (boot fails loudly). */
export function parseAllowHosts(entries: readonly string[]): AllowList {
  const list: AllowList = { names: new Set(), ranges: [] };
  for (const raw of entries) {
    const e = raw.trim().toLowerCase();
    if (!e) continue;
    const [addr, bitsText] = e.split('/');
    const v4 = ipv4Bytes(addr!);
    const v6 = v4 ? null : ipv6Bytes(addr!);
    if (v4 || v6) {
      const max = v4 ? 32 : 128;
      const bits = bitsText === undefined ? max : Number(bitsText);
      if (!Number.isInteger(bits) || bits < 0 || bits > max || !/^\d*$/.test(bitsText ?? ''))
        throw new Error(`XINHUO_WEBHOOK_ALLOW_HOSTS: bad range ${raw}`);
      list.ranges.push({ bytes: (v4 ?? v6)!, bits, v6: !v4 });
    } else if (/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*\.?$/.test(e)) {
      list.names.add(e.replace(/\.$/, ''));
    } else {
      throw new Error(`XINHUO_WEBHOOK_ALLOW_HOSTS: not a host name, address or range: ${raw}`);
    }
  }
  return list;
}

function allowsAddress(list: AllowList, address: string): boolean {
  const v4 = ipv4Bytes(address);
  const bytes = v4 ?? ipv6Bytes(address);
  if (!bytes) return false;
  return list.ranges.some((r) => r.v6 === !v4 && inPrefix(bytes, r.bytes, r.bits));
}

// ---- the guard ------------------------------------------------------------------------------

const defaultResolve = async (host: string) =>
  (await lookup(host, { all: true, verbatim: true })).map((a) => a.address);

export type WebhookGuard = ReturnType<typeof createWebhookGuard>;

/** The decisions of one policy: a URL when it is saved, and the address to connect to when it is delivered. */
export function createWebhookGuard(policy: WebhookPolicy = {}) {
  const allow = parseAllowHosts(policy.allowHosts ?? []);
  const resolve = policy.resolve ?? defaultResolve;

  /** The address may be connected to: public, allow-listed, or (tests only) loopback. */
  function checkAddress(address: string): RefusalReason | null {
    const reason = classifyAddress(address);
    if (!reason || reason === 'unparsable') return reason;
    if (allowsAddress(allow, address)) return null;
    if (reason === 'loopback' && policy.allowLoopbackForTests) return null;
    return reason;
  }

  /** The host of a parsed URL: lower case, no brackets, no trailing dot. */
  const hostOf = (u: URL) =>
    u.hostname
      .replace(/^\[|\]$/g, '')
      .replace(/\.$/, '')
      .toLowerCase();

  /**
   * Everything that can be decided without the network: scheme, credentials, length, and the host
   * when it is an address (the WHATWG parser has already turned 2130706433, 0x7f.1 and 017700000001
   * into 127.0.0.1) or a local name.
   */
  function checkUrl(url: string): Checked<URL> {
    if (url.length > MAX_URL_LENGTH) return { ok: false, reason: 'too_long' };
    let u: URL;
    try {
      u = new URL(url);
    } catch {
      return { ok: false, reason: 'unparsable' };
    }
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return { ok: false, reason: 'scheme' };
    if (u.username || u.password) return { ok: false, reason: 'credentials' };
    const host = hostOf(u);
    if (!host) return { ok: false, reason: 'unparsable' };
    if (isIP(host)) {
      const reason = checkAddress(host);
      return reason ? { ok: false, reason } : { ok: true, value: u };
    }
    if (allow.names.has(host)) return { ok: true, value: u };
    if (isLocalName(host)) return { ok: false, reason: 'local_name' };
    return { ok: true, value: u };
  }

  /**
   * The one address a delivery connects to: the URL is checked again, the name resolved once and
   * EVERY address it resolves to checked (one bad address refuses the whole delivery, so round-robin
   * or rebinding answers cannot slip a private address in). The caller connects to exactly this
   * address; nothing resolves the name a second time.
   */
  async function addressFor(url: string): Promise<Checked<{ url: URL; address: string; family: 4 | 6 }>> {
    const checked = checkUrl(url);
    if (!checked.ok) return checked;
    const u = checked.value;
    const host = hostOf(u);
    const family = (a: string) => (isIP(a) === 6 ? 6 : 4);
    if (isIP(host)) return { ok: true, value: { url: u, address: host, family: family(host) } };
    let addresses: string[];
    try {
      addresses = await resolve(host);
    } catch {
      return { ok: false, reason: 'unresolvable' };
    }
    if (addresses.length === 0) return { ok: false, reason: 'unresolvable' };
    if (!allow.names.has(host)) {
      for (const a of addresses) {
        const reason = checkAddress(a);
        if (reason) return { ok: false, reason };
      }
    }
    const address = addresses[0]!;
    return { ok: true, value: { url: u, address, family: family(address) } };
  }

  return { checkUrl, checkAddress, addressFor };
}
