import { v7, validate, version } from 'uuid';

/** Ids are UUIDv7: time-ordered, so that primary-key inserts append and cursors sort by age. */
export const newId = (): string => v7();

export const isUuid = (value: string): boolean => validate(value);

export const isUuidV7 = (value: string): boolean => validate(value) && version(value) === 7;

/** Rows in the order of `ids`, null where none came back: the answer a DataLoader batch owes. */
export const inIdOrder = <T extends { id: string }>(ids: readonly string[], rows: readonly T[]): (T | null)[] => {
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ids.map((id) => byId.get(id) ?? null);
};
