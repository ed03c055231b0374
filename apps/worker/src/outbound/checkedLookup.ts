import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import type { LookupFunction } from 'node:net';
import { isPublicAddress } from './addressPolicy';
import { OutboundRefused } from './outboundRefused';

/**
 * A `lookup` for http(s).request that resolves the host, refuses it when any of its addresses is not public (a
 * host with one private address could be steered to it), and hands the socket exactly the addresses it checked:
 * no second resolution between the check and the connect (DNS rebinding).
 */
export function checkedLookup(allowed: boolean): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { all: true, family: options.family, hints: options.hints }, (error, addresses: LookupAddress[]) => {
      if (error) {
        callback(error, '', 4);
        return;
      }
      const refused = addresses.find((entry) => !isPublicAddress(entry.address));
      if (refused && !allowed) {
        callback(new OutboundRefused('address_refused', `${hostname} resolves to ${refused.address}, which is not a public address (an admin can allow the host)`), '', 4);
        return;
      }
      if (options.all) (callback as unknown as (error: null, addresses: LookupAddress[]) => void)(null, addresses);
      else callback(null, addresses[0]?.address ?? '', addresses[0]?.family ?? 4);
    });
  };
}
