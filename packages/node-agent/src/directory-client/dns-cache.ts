// The DNS Client service's cache: a positive answer is kept for its TTL (at most MaxCacheTtl, one
// day), so a name looked up before the DNS server went down still resolves until its record's TTL
// runs out, and Resolve-DnsName shows the TTL that is left. The lab does not cache negative answers
// (the lab's rule: a name registered a moment ago resolves at once everywhere).
// Clear-DnsClientCache empties it.
import { directoryClientDefaults } from './config.js';
import { directoryClientLimits } from './limits.js';

export interface CachedName {
  fqdn: string;
  addresses: string[];
  expiresAtMs: number;
}

/** Answers by fully qualified name, lower case. */
export type DnsCache = Record<string, CachedName>;

/**
 * The name the client asks for: a single-label name gets the primary DNS suffix (the domain), as
 * the DNS client's suffix search does; a dotted name is taken as given. Lower case, no final dot.
 */
export function qualifiedName(name: string, domain: string): string {
  const trimmed = name.trim().toLowerCase().replace(/\.$/, '');
  return trimmed.includes('.') ? trimmed : `${trimmed}.${domain.toLowerCase()}`;
}

/** The cached answer for `fqdn` still alive at `nowMs`, with the TTL left in whole seconds. */
export function cachedAnswer(cache: DnsCache, fqdn: string, nowMs: number): { entry: CachedName; ttlSeconds: number } | undefined {
  const entry = cache[fqdn];
  if (entry === undefined || entry.expiresAtMs <= nowMs) return undefined;
  return { entry, ttlSeconds: Math.ceil((entry.expiresAtMs - nowMs) / 1000) };
}

/** Keeps an answer; a full cache first drops expired entries, then the one that expires first. */
export function cacheAnswer(cache: DnsCache, answer: { fqdn: string; addresses: string[]; ttlSeconds: number; nowMs: number }): void {
  const ttlSeconds = Math.min(answer.ttlSeconds, directoryClientDefaults.dnsCacheTtlSecondsMax);
  const key = answer.fqdn.toLowerCase();
  if (ttlSeconds <= 0 || answer.addresses.length === 0) {
    delete cache[key];
    return;
  }
  for (const [name, entry] of Object.entries(cache)) if (entry.expiresAtMs <= answer.nowMs) delete cache[name];
  if (cache[key] === undefined && Object.keys(cache).length >= directoryClientLimits.cachedNamesMax) {
    const [soonest] = Object.entries(cache).sort(([, a], [, b]) => a.expiresAtMs - b.expiresAtMs)[0] ?? [];
    if (soonest !== undefined) delete cache[soonest];
  }
  cache[key] = { fqdn: key, addresses: [...answer.addresses], expiresAtMs: answer.nowMs + ttlSeconds * 1000 };
}

/** Clear-DnsClientCache. */
export function clearDnsCache(cache: DnsCache): void {
  for (const key of Object.keys(cache)) delete cache[key];
}
