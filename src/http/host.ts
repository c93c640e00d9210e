/** Host header validation exactly as Django's get_host / validate_host / split_domain_port. */

const HOST_PATTERN = /^([a-z0-9.-]+|\[[a-f0-9]*:[a-f0-9.:]+\])(?::([0-9]+))?$/;

/** (domain, port) of a lower-cased host; domain '' when the host does not parse. */
export function splitDomainPort(host: string): [string, string] {
  const match = HOST_PATTERN.exec(host.toLowerCase());
  if (!match) return ['', ''];
  const domain = match[1]!.endsWith('.') ? match[1]!.slice(0, -1) : match[1]!;
  return [domain, match[2] ?? ''];
}

/** Django's is_same_domain: `.example.com` matches the domain and its subdomains. */
export function isSameDomain(host: string, pattern: string): boolean {
  if (!pattern) return false;
  const p = pattern.toLowerCase();
  return (p.startsWith('.') && (host.endsWith(p) || host === p.slice(1))) || host === p;
}

export function validateHost(domain: string, allowedHosts: readonly string[]): boolean {
  return allowedHosts.some((pattern) => pattern === '*' || isSameDomain(domain, pattern));
}

/** Bound on the remembered verdicts: clients choose the Host header, so the memory must not grow. */
const MAX_VERDICTS = 256;

/**
 * validateHost for a fixed ALLOWED_HOSTS, remembering its verdict per raw Host header: every
 * request validates its host (CommonMiddleware), and a server sees very few distinct ones.
 */
export class HostValidator {
  readonly #allowedHosts: readonly string[];
  readonly #verdicts = new Map<string, boolean>();

  constructor(allowedHosts: readonly string[]) {
    this.#allowedHosts = allowedHosts;
  }

  /** True when the raw `host` (name and optional port) parses and its domain is allowed. */
  allows(host: string): boolean {
    let verdict = this.#verdicts.get(host);
    if (verdict === undefined) {
      const [domain] = splitDomainPort(host);
      verdict = domain !== '' && validateHost(domain, this.#allowedHosts);
      if (this.#verdicts.size >= MAX_VERDICTS) this.#verdicts.clear();
      this.#verdicts.set(host, verdict);
    }
    return verdict;
  }
}

/** ALLOWED_HOSTS as Django applies it: DEBUG with an empty list allows the loopback names. */
export function effectiveAllowedHosts(allowedHosts: readonly string[], debug: boolean): readonly string[] {
  return debug && allowedHosts.length === 0 ? ['.localhost', '127.0.0.1', '[::1]'] : allowedHosts;
}

/** The DisallowedHost message for `rawHost`, in Django's words. */
export function disallowedHostMessage(rawHost: string): string {
  const [domain] = splitDomainPort(rawHost);
  return domain
    ? `Invalid HTTP_HOST header: '${rawHost}'. You may need to add '${domain}' to ALLOWED_HOSTS.`
    : `Invalid HTTP_HOST header: '${rawHost}'. The domain name provided is not valid according to RFC 1034/1035.`;
}
