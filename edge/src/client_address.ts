/** The client's address as rate limits count it: CF-Connecting-IP, with an IPv6 address
 * cut to its /64 (one subscriber usually holds a whole /64, so counting single IPv6
 * addresses would give each of them 2^64 fresh starts). */

/** "unknown" when the header is absent (only off Cloudflare: tests, some local runs), so
 * such requests share one bucket rather than escaping the limit. */
export function clientAddress(req: Request): string {
  const raw = (req.headers.get("cf-connecting-ip") ?? "").trim().toLowerCase();
  if (!raw) return "unknown";
  if (!raw.includes(":")) return raw;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(raw);
  if (mapped) return mapped[1]!;
  return `${ipv6Prefix64(raw)}::/64`;
}

/** The first four groups of an IPv6 address, each without leading zeros. */
function ipv6Prefix64(addr: string): string {
  const [head = "", tail] = addr.split("::", 2);
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const groups = tail === undefined ? left : [...left, ...Array(Math.max(0, 8 - left.length - right.length)).fill("0"), ...right];
  return groups
    .slice(0, 4)
    .map((g) => (g.replace(/^0+(?=.)/, "") || "0"))
    .join(":");
}
