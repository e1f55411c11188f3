import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ALL_SCOPES, SCOPE_ALLOWS } from './principal';

/** The README's table of scopes, as SCOPE_ALLOWS renders it: printed whole when it differs, to paste. */
const table = (): string =>
  ['| scope | allows (its own client only) |', '|---|---|', ...ALL_SCOPES.map((scope) => `| \`${scope}\` | ${SCOPE_ALLOWS[scope]} |`)].join(
    '\n',
  );

describe('the scopes, listed once', () => {
  it('each scope says what it allows', () => {
    for (const scope of ALL_SCOPES) expect(SCOPE_ALLOWS[scope].length).toBeGreaterThan(20);
  });

  it('the README shows the same table', () => {
    const readme = readFileSync(join(__dirname, '../../../README.md'), 'utf8');
    const shown = /<!-- scopes:start -->\n([\s\S]*?)\n<!-- scopes:end -->/.exec(readme)?.[1];
    expect(shown).toBe(table());
  });
});
