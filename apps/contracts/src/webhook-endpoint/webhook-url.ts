/**
 * What a webhook URL must be when it is registered: https, or http for localhost alone. Where it may
 * reach when delivered (no private, loopback or metadata address, after DNS and across redirects)
 * is the worker's check at send time, since a name can resolve elsewhere later.
 */
import { DomainError, ErrorCode } from '@azukari/common';

const isLocalhost = (url: URL): boolean => ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);

export const webhookUrl = (raw: string): string => {
  const url = new URL(raw);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLocalhost(url))) {
    throw new DomainError(ErrorCode.BAD_USER_INPUT, 'A webhook URL must use https (http is accepted for localhost only).');
  }
  if (url.username || url.password) {
    throw new DomainError(ErrorCode.BAD_USER_INPUT, 'A webhook URL must not carry credentials: its requests are signed.');
  }
  return url.toString();
};
