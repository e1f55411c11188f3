/**
 * The API token format, final from the first release: `azk_` + 36 base62 random characters +
 * a 6-character base62 CRC32 of everything before it. The fixed prefix and the checksum let
 * secret scanners recognise a leaked token without a database, and let the gateway turn away a
 * mistyped one without asking contracts.
 */
import { randomBytes } from 'node:crypto';
import { crc32 } from 'node:zlib';

export const API_TOKEN_PREFIX = 'azk_';
const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const RANDOM_LENGTH = 36;
const CHECKSUM_LENGTH = 6;
export const API_TOKEN_PATTERN = /^azk_[0-9A-Za-z]{42}$/;

const base62 = (value: number, width: number): string => {
  let out = '';
  let rest = value;
  for (let i = 0; i < width; i += 1) {
    out = BASE62[rest % 62] + out;
    rest = Math.floor(rest / 62);
  }
  return out;
};

const checksumOf = (body: string): string => base62(crc32(body) >>> 0, CHECKSUM_LENGTH);

const randomBase62 = (length: number): string => {
  let out = '';
  while (out.length < length) {
    for (const byte of randomBytes(length * 2)) {
      // 248 = 62 * 4: rejecting the rest keeps every character equally likely.
      if (byte < 248 && out.length < length) out += BASE62[byte % 62];
    }
  }
  return out;
};

export const generateApiToken = (): string => {
  const body = API_TOKEN_PREFIX + randomBase62(RANDOM_LENGTH);
  return body + checksumOf(body);
};

/** Has the token the right shape and a matching checksum? Says nothing of whether it exists. */
export const isWellFormedApiToken = (token: string): boolean => {
  if (!API_TOKEN_PATTERN.test(token)) return false;
  const body = token.slice(0, -CHECKSUM_LENGTH);
  return checksumOf(body) === token.slice(-CHECKSUM_LENGTH);
};

/** What may be shown of a token after creation: its prefix and first characters. */
export const displayPrefixOf = (token: string): string => token.slice(0, API_TOKEN_PREFIX.length + 6);

/**
 * The development admin token of `.env.example`: well-formed so that a new install works at once,
 * and refused when NODE_ENV=production.
 */
export const DEV_ADMIN_TOKEN = 'azk_DevelopmentOnlyAdminToken000000000002zeLFE';

/** The Redis pub/sub channel on which contracts tells every gateway that a token was revoked. */
export const revocationChannel = (prefix: string): string => `${prefix}:token-revocations`;
