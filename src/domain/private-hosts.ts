/**
 * Whether a URL's host is one a link must not point at: loopback, private, link-local, unspecified,
 * multicast or reserved addresses, and names that only resolve inside a network. The host is the
 * WHATWG-parsed one (`new URL(...).hostname`), so decimal, hex and octal IPv4 forms (`2130706433`,
 * `0x7f000001`, `0177.0.0.1`) already read `127.0.0.1`, and IPv6 is bracketed hex.
 */
export function isNonPublicHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/\.+$/, "");
  if (host.startsWith("[")) {
    const words = ipv6Words(host.slice(1, -1));
    return words === undefined || isNonPublicIpv6(words);
  }
  const v4 = ipv4Of(host);
  if (v4 !== undefined) return isNonPublicIpv4(v4);
  // A single-label name (`intranet`, `metadata`) resolves through the local search domains.
  if (!host.includes(".")) return true;
  return LOCAL_SUFFIXES.some((suffix) => host === suffix || host.endsWith(`.${suffix}`));
}

/** Names reserved for one machine or one network (RFC 6761, RFC 6762, ICANN's `.internal`). */
const LOCAL_SUFFIXES = ["localhost", "local", "localdomain", "internal", "home.arpa"];

/** [network, prefix length] of every IPv4 range that is not publicly routable (RFC 6890). */
const NON_PUBLIC_V4: readonly [string, number][] = [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["127.0.0.0", 8],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.0.2.0", 24],
  ["192.88.99.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["198.51.100.0", 24],
  ["203.0.113.0", 24],
  ["224.0.0.0", 4],
  ["240.0.0.0", 4],
];

function ipv4Of(host: string): number | undefined {
  const parts = host.split(".");
  if (parts.length !== 4 || !parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255)) return undefined;
  return parts.reduce((acc, p) => acc * 256 + Number(p), 0);
}

function isNonPublicIpv4(address: number): boolean {
  return NON_PUBLIC_V4.some(([network, bits]) => {
    const size = 2 ** (32 - bits);
    return Math.floor(address / size) === Math.floor((ipv4Of(network) as number) / size);
  });
}

/** `::ffff:7f00:1` -> eight 16-bit words; undefined when it is not IPv6 hex (URL prints only hex). */
function ipv6Words(text: string): number[] | undefined {
  const halves = text.split("::");
  if (halves.length > 2) return undefined;
  const parse = (part: string | undefined) => (part ? part.split(":").map((w) => Number.parseInt(w, 16)) : []);
  const head = parse(halves[0]);
  const tail = parse(halves[1]);
  const gap = 8 - head.length - tail.length;
  const words = halves.length === 2 ? [...head, ...Array<number>(gap).fill(0), ...tail] : head;
  return words.length === 8 && words.every((w) => Number.isInteger(w) && w >= 0 && w <= 0xffff) ? words : undefined;
}

/**
 * Only global unicast (2000::/3) is public, less the special ranges inside it: 2001::/23 (Teredo,
 * benchmarking, ORCHID and other IANA assignments), 2001:db8::/32 and 3fff::/20 (documentation),
 * and 6to4 (2002::/16) around a non-public IPv4 address. Everything outside 2000::/3 (IPv4-mapped
 * and -translated forms, NAT64, discard, unique local, link-local, multicast) is refused.
 */
function isNonPublicIpv6(w: number[]): boolean {
  const [w0 = 0, w1 = 0, w2 = 0] = w;
  if ((w0 & 0xe000) !== 0x2000) return true;
  if (w0 === 0x2001 && (w1 < 0x0200 || w1 === 0x0db8)) return true;
  if ((w0 & 0xfff0) === 0x3ff0) return true;
  if (w0 === 0x2002) return isNonPublicIpv4(w1 * 65536 + w2);
  return false;
}
