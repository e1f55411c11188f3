/**
 * What an operator sees of a Redis outage: one warning when a connection is lost (or cannot be
 * made at start), one info line when it is back. ioredis retries every second or two and emits an
 * error each time; logging those would repeat the same line for as long as the outage lasts.
 *
 * Typed structurally (no ioredis import) so that processes without a queue package (the gateway)
 * use it too.
 */
import type { Logger } from './logging';

interface ConnectionEvents {
  on(event: 'error', listener: (error: Error) => void): unknown;
  on(event: 'reconnecting' | 'ready' | 'end', listener: () => void): unknown;
}

/**
 * Connections that are down, by logger and by name: a process with several connections of one
 * role (a consumer per queue) says once that the role lost Redis, and once that all are back.
 */
const down = new WeakMap<Logger, Map<string, Set<ConnectionEvents>>>();

const downOf = (log: Logger, name: string): Set<ConnectionEvents> => {
  let byName = down.get(log);
  if (!byName) down.set(log, (byName = new Map()));
  let set = byName.get(name);
  if (!set) byName.set(name, (set = new Set()));
  return set;
};

export const logRedisOutages = (connection: ConnectionEvents, name: string, log: Logger): void => {
  let lastError: string | undefined;
  const group = downOf(log, name);
  connection.on('error', (error) => {
    lastError = error.message;
  });
  // 'reconnecting' comes once per failed attempt and never after a deliberate disconnect, unlike
  // 'close' and 'error'.
  connection.on('reconnecting', () => {
    if (group.has(connection)) return;
    if (group.size === 0) log.warn({ redis: name, err: lastError }, 'Redis unreachable; retrying quietly until it is back');
    group.add(connection);
  });
  connection.on('ready', () => {
    if (!group.delete(connection)) return;
    if (group.size === 0) log.info({ redis: name }, 'Redis reachable again');
  });
  connection.on('end', () => {
    group.delete(connection);
  });
};
