import { DomainError } from '@azukari/common';
import { decodeCursor, encodeCursor, toPage, type PageArgs } from './connection';

describe('Relay connections', () => {
  const id = '01936b2e-7c1a-7000-8000-000000000001';

  it('gives opaque cursors that decode to the id', () => {
    const cursor = encodeCursor(id);
    expect(cursor).not.toContain(id);
    expect(decodeCursor(cursor)).toBe(id);
  });

  it('refuses a cursor it did not give out', () => {
    expect(() => decodeCursor('not-a-cursor')).toThrow(DomainError);
    expect(() => decodeCursor(Buffer.from(`v1:${'x'.repeat(36)}`).toString('base64url'))).toThrow(/cursor/);
  });

  it('turns first + 1 rows into a page that says whether more follow', () => {
    const rows = [1, 2, 3].map((n) => ({ id: id.replace(/1$/, String(n)) }));
    const args = { first: 2, after: null } as PageArgs;
    const page = toPage(rows, args, (r) => r.id);
    expect(page.edges.map((e) => e.node)).toEqual([rows[0]!.id, rows[1]!.id]);
    expect(page.pageInfo).toEqual({
      hasNextPage: true,
      hasPreviousPage: false,
      startCursor: encodeCursor(rows[0]!.id),
      endCursor: encodeCursor(rows[1]!.id),
    });
    expect(toPage(rows.slice(0, 2), args, (r) => r.id).pageInfo.hasNextPage).toBe(false);
  });
});
