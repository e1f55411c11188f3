import { API_TOKEN_PATTERN, DEV_ADMIN_TOKEN, displayPrefixOf, generateApiToken, isWellFormedApiToken } from './api-token';

describe('API token format', () => {
  it('makes tokens with the fixed prefix, 46 characters and a valid checksum', () => {
    const tokens = Array.from({ length: 200 }, generateApiToken);
    for (const token of tokens) {
      expect(token).toMatch(API_TOKEN_PATTERN);
      expect(token).toHaveLength(46);
      expect(isWellFormedApiToken(token)).toBe(true);
    }
    expect(new Set(tokens).size).toBe(tokens.length);
  });

  it('catches a single mistyped or dropped character', () => {
    const token = generateApiToken();
    for (let i = 4; i < token.length; i += 1) {
      const swapped = token.slice(0, i) + (token[i] === 'a' ? 'b' : 'a') + token.slice(i + 1);
      expect(isWellFormedApiToken(swapped)).toBe(false);
    }
    expect(isWellFormedApiToken(token.slice(0, -1))).toBe(false);
    expect(isWellFormedApiToken(token.replace('azk_', 'azx_'))).toBe(false);
  });

  it('keeps the development admin token well-formed, so a new install works at once', () => {
    expect(isWellFormedApiToken(DEV_ADMIN_TOKEN)).toBe(true);
  });

  it('shows only a short prefix', () => {
    expect(displayPrefixOf('azk_ABCDEFGHIJ')).toBe('azk_ABCDEF');
  });
});
