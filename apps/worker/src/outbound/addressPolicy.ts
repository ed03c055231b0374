import ipaddr from 'ipaddr.js';

/**
 * Whether an IP address is a public unicast one an outbound call may reach. Everything else is refused: loopback,
 * private, link-local (cloud metadata at 169.254.169.254), unique-local, carrier-grade NAT, multicast, reserved,
 * unspecified, and IPv6 forms that carry an IPv4 address (mapped `::ffff:127.0.0.1`, NAT64, 6to4, Teredo) unless the
 * carried IPv4 address is public itself.
 */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  let parsed = ipaddr.parse(address);
  if (parsed.kind() === 'ipv6') {
    const v6 = parsed as ipaddr.IPv6;
    // The mapped form is the same host as its IPv4 address; judge that address.
    if (v6.isIPv4MappedAddress()) parsed = v6.toIPv4Address();
  }
  return parsed.range() === 'unicast';
}

/** A bracketed IPv6 literal from a URL (`[::1]`) as the bare address. */
export function bareHost(hostname: string): string {
  return hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname;
}
