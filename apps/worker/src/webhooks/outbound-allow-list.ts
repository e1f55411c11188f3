/**
 * Which private addresses an outgoing webhook may reach anyway: by configuration, for tests and
 * development only. An entry is an address or CIDR block with a port or port range, e.g.
 * `127.0.0.1:32768-60999` (the loopback's ephemeral ports, where a test's receiver listens) — so
 * that allowing a local receiver never allows the database on the same host. The address check
 * itself, after DNS resolution, is request-filtering-agent's.
 */
export interface AllowedTarget {
  /** An address or CIDR block, as request-filtering-agent's allowIPAddressList takes it. */
  address: string;
  fromPort: number;
  toPort: number;
}

const ENTRY = /^(?<address>\[[0-9a-fA-F:.]+\](?:\/\d{1,3})?|[0-9.]+(?:\/\d{1,2})?):(?<from>\d{1,5})(?:-(?<to>\d{1,5}))?$/;

export const parseAllowList = (value: string): AllowedTarget[] =>
  value
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry.length > 0)
    .map((entry) => {
      const match = ENTRY.exec(entry);
      if (!match?.groups) throw new Error(`"${entry}" is not an address[/bits]:port[-port] entry`);
      const fromPort = Number(match.groups.from);
      const toPort = Number(match.groups.to ?? match.groups.from);
      if (fromPort < 1 || toPort > 65_535 || fromPort > toPort) throw new Error(`"${entry}" has no valid port range`);
      return { address: match.groups.address!.replace(/^\[|\](?=\/|$)/g, ''), fromPort, toPort };
    });

export const portOf = (url: URL): number => (url.port ? Number(url.port) : url.protocol === 'https:' ? 443 : 80);

/** The addresses a request to `url` may reach although private: those allowed on its port. */
export const allowedAddressesFor = (allowList: readonly AllowedTarget[], url: URL): string[] => {
  const port = portOf(url);
  return allowList.filter((t) => port >= t.fromPort && port <= t.toPort).map((t) => t.address);
};
