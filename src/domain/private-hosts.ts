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
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
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

function isNonPublicIpv6(w: number[]): boolean {
  const [w0 = 0, w1 = 0, w2 = 0, w3 = 0, w4 = 0, w5 = 0, w6 = 0, w7 = 0] = w;
  const embedded = w6 * 65536 + w7;
  // ::/96 (unspecified, loopback, IPv4-compatible) and ::ffff:0:0/96 (IPv4-mapped) carry an IPv4 address.
  if (w0 === 0 && w1 === 0 && w2 === 0 && w3 === 0 && w4 === 0 && (w5 === 0 || w5 === 0xffff))
    return isNonPublicIpv4(embedded);
  // 64:ff9b::/96, NAT64 to an IPv4 address.
  if (w0 === 0x64 && w1 === 0xff9b && w2 === 0 && w3 === 0 && w4 === 0 && w5 === 0) return isNonPublicIpv4(embedded);
  // 2002::/16, 6to4 around an IPv4 address.
  if (w0 === 0x2002) return isNonPublicIpv4(w1 * 65536 + w2);
  return (
    (w0 & 0xfe00) === 0xfc00 || // fc00::/7 unique local
    (w0 & 0xffc0) === 0xfe80 || // fe80::/10 link-local
    (w0 & 0xffc0) === 0xfec0 || // fec0::/10 site-local (deprecated, still routed inside networks)
    (w0 & 0xff00) === 0xff00 // ff00::/8 multicast
  );
}
