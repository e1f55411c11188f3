import { DomainError, ErrorCode } from './errors';

/**
 * Text as it is stored: trimmed and NFC-normalised, its length counted again in code points, as
 * MariaDB and MySQL count utf8mb4 characters. class-validator's length skips variation selectors,
 * so a value it accepts could still be too long for its column and fail as an internal error.
 */
export const cleanText = (field: string, value: string, max: number): string => {
  const text = value.trim().normalize('NFC');
  if (!text) throw new DomainError(ErrorCode.BAD_USER_INPUT, `${field} must not be blank.`);
  if ([...text].length > max) throw new DomainError(ErrorCode.BAD_USER_INPUT, `${field} must be at most ${max} characters.`);
  return text;
};
