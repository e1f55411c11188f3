/**
 * Column conventions, one place for all services. They are spelled so that a migration generated
 * on MariaDB applies unchanged on MySQL 8 and back:
 * - ids are UUIDv7 in char(36): TypeORM would map `uuid` to MariaDB's native UUID type but to
 *   varchar on MySQL, and the two migrations would disagree;
 * - instants are DATETIME(3) in UTC (the connection runs with timezone Z);
 * - legal dates are DATE, read back as 'YYYY-MM-DD' strings (they are dates in Asia/Tokyo, not
 *   instants, and must not drift through a time zone);
 * - text is utf8mb4 with utf8mb4_bin, chosen on purpose: utf8mb4_unicode_ci equates kana
 *   variants (ハ, パ and は) and utf8mb4_general_ci equates different supplementary-plane
 *   characters (𠮷 and 𩸽), so names that differ would collide. Case-insensitive matching, where
 *   wanted, is done by normalising on write (emails are stored lower-cased).
 */
import { Column, PrimaryColumn, type ColumnOptions } from 'typeorm';

export const TEXT_CHARSET = 'utf8mb4';
export const TEXT_COLLATION = 'utf8mb4_bin';

export const PrimaryIdColumn = (): PropertyDecorator => PrimaryColumn({ type: 'char', length: 36 });

export const IdColumn = (options: Omit<ColumnOptions, 'type' | 'length'> = {}): PropertyDecorator =>
  Column({ type: 'char', length: 36, ...options });

export const InstantColumn = (options: Omit<ColumnOptions, 'type' | 'precision'> = {}): PropertyDecorator =>
  Column({ type: 'datetime', precision: 3, ...options });

export const LegalDateColumn = (options: Omit<ColumnOptions, 'type'> = {}): PropertyDecorator => Column({ type: 'date', ...options });

export const TextColumn = (length: number, options: Omit<ColumnOptions, 'type' | 'length'> = {}): PropertyDecorator =>
  Column({ type: 'varchar', length, ...options });
