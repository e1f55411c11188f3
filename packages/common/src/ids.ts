import { v7, validate, version } from 'uuid';

/** Ids are UUIDv7: time-ordered, so that primary-key inserts append and cursors sort by age. */
export const newId = (): string => v7();

export const isUuid = (value: string): boolean => validate(value);

export const isUuidV7 = (value: string): boolean => validate(value) && version(value) === 7;
