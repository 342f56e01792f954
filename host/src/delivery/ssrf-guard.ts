/**
 * The SSRF guard of webhook URLs (spec webhooks §5): which schemes, host names and IP addresses may receive
 * deliveries. Used at registration and again, after a fresh resolution, before every delivery.
 */
import { BlockList, isIP } from 'node:net';
import { WebhookUrlRejectedError } from '../engine/errors.js';

/** One resolved address. */
export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/** Resolves a host name to every A and AAAA address; injectable so tests can play any DNS answer. */
export type HostResolver = (hostname: string) => Promise<ResolvedAddress[]>;

/** Settings of {@link SsrfGuard}. */
export interface SsrfGuardOptions {
  resolve: HostResolver;
  /**
   * Lets `http://` URLs and loopback addresses (`127.0.0.0/8`, `::1`, `localhost`) through, for local
   * development and tests. Private, link-local and metadata addresses stay refused. Never in production.
   */
  allowLoopback?: boolean;
}

/** A URL that passed the guard, with the addresses that were checked (connect to one of these only). */
export interface VettedUrl {
  url: URL;
  addresses: ResolvedAddress[];
}

const REFUSED_NAMES = new Set(['metadata', 'metadata.google.internal']);

function blockList(ranges: Array<[string, number, 'ipv4' | 'ipv6']>): BlockList {
  const list = new BlockList();
  for (const [network, prefix, type] of ranges) list.addSubnet(network, prefix, type);
  return list;
}

/** Address classes refused as delivery targets, by the name used in error messages. */
const REFUSED_CLASSES: Array<[string, BlockList]> = [
  [
    'loopback',
    blockList([
      ['127.0.0.0', 8, 'ipv4'],
      ['::1', 128, 'ipv6'],
    ]),
  ],
  [
    'private',
    blockList([
      ['10.0.0.0', 8, 'ipv4'],
      ['172.16.0.0', 12, 'ipv4'],
      ['192.168.0.0', 16, 'ipv4'],
      ['100.64.0.0', 10, 'ipv4'],
      ['fc00::', 7, 'ipv6'],
    ]),
  ],
  [
    'link-local',
    blockList([
      ['169.254.0.0', 16, 'ipv4'],
      ['fe80::', 10, 'ipv6'],
    ]),
  ],
  [
    'unroutable',
    blockList([
      ['0.0.0.0', 8, 'ipv4'],
      ['224.0.0.0', 4, 'ipv4'],
      ['240.0.0.0', 4, 'ipv4'],
      ['::', 128, 'ipv6'],
      ['ff00::', 8, 'ipv6'],
    ]),
  ],
];

/** The refused class of `address` (`loopback`, `private`, `link-local`, `unroutable`), or `undefined`. */
export function classifyAddress(address: string): string | undefined {
  const family = isIP(address);
  if (family === 0) return 'unroutable';
  // IPv4-mapped and IPv4-compatible IPv6 addresses reach the IPv4 address they embed.
  const embedded = family === 6 ? embeddedIpv4(address) : undefined;
  const [checked, type] = embedded === undefined ? [address, family === 4 ? 'ipv4' : 'ipv6'] : [embedded, 'ipv4'];
  if (checked === '169.254.169.254') return 'metadata';
  for (const [name, list] of REFUSED_CLASSES) {
    if (list.check(checked, type as 'ipv4' | 'ipv6')) return name;
  }
  return undefined;
}

function embeddedIpv4(address: string): string | undefined {
  const match =
    /^(?:0{0,4}:){0,5}(?:ffff:)?(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(address) ??
    /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(address);
  if (match) return match[1];
  const hex = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i.exec(address);
  if (!hex) return undefined;
  const high = Number.parseInt(hex[1] as string, 16);
  const low = Number.parseInt(hex[2] as string, 16);
  return `${high >> 8}.${high & 255}.${low >> 8}.${low & 255}`;
}

/** Vets webhook URLs: scheme, host name, and every address the name resolves to. */
export class SsrfGuard {
  readonly #resolve: HostResolver;
  readonly #allowLoopback: boolean;

  constructor(options: SsrfGuardOptions) {
    this.#resolve = options.resolve;
    this.#allowLoopback = options.allowLoopback ?? false;
  }

  /** Resolves and checks `rawUrl`. @throws WebhookUrlRejectedError */
  async vet(rawUrl: string): Promise<VettedUrl> {
    let url: URL;
    try {
      url = new URL(rawUrl);
    } catch {
      throw new WebhookUrlRejectedError(rawUrl, 'not an absolute URL');
    }
    if (url.protocol !== 'https:' && !(url.protocol === 'http:' && this.#allowLoopback)) {
      throw new WebhookUrlRejectedError(rawUrl, `scheme "${url.protocol.slice(0, -1)}" (only https)`);
    }
    if (url.username !== '' || url.password !== '') {
      throw new WebhookUrlRejectedError(rawUrl, 'credentials in the URL');
    }
    const hostname = url.hostname
      .toLowerCase()
      .replace(/^\[(.*)\]$/, '$1')
      .replace(/\.$/, '');
    if (REFUSED_NAMES.has(hostname)) throw new WebhookUrlRejectedError(rawUrl, `metadata host name "${hostname}"`);
    const isLocalName = hostname === 'localhost' || hostname.endsWith('.localhost');
    if (isLocalName && !this.#allowLoopback) {
      throw new WebhookUrlRejectedError(rawUrl, `loopback host name "${hostname}"`);
    }
    let addresses: ResolvedAddress[];
    const literal = isIP(hostname);
    if (literal !== 0) {
      addresses = [{ address: hostname, family: literal as 4 | 6 }];
    } else {
      try {
        addresses = await this.#resolve(hostname);
      } catch (error) {
        throw new WebhookUrlRejectedError(
          rawUrl,
          `host name "${hostname}" does not resolve (${error instanceof Error ? error.message : String(error)})`,
        );
      }
      if (addresses.length === 0) throw new WebhookUrlRejectedError(rawUrl, `host name "${hostname}" has no address`);
    }
    for (const { address } of addresses) {
      const refused = classifyAddress(address);
      if (refused === undefined) continue;
      if (refused === 'loopback' && this.#allowLoopback) continue;
      throw new WebhookUrlRejectedError(rawUrl, `${refused} address ${address}`);
    }
    // A local name must not resolve anywhere else: it would make the loopback allowance reach other hosts.
    if (isLocalName && addresses.some(({ address }) => classifyAddress(address) !== 'loopback')) {
      throw new WebhookUrlRejectedError(rawUrl, `host name "${hostname}" resolves beyond loopback`);
    }
    return { url, addresses };
  }
}
