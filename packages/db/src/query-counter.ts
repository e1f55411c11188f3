/**
 * Counts the SQL statements a data source sends, so tests can prove that entity resolution is
 * batched (a fixed number of statements, not one per row). Transaction control is not counted, nor
 * is anything on the outbox: the relay polls it in the background on its own schedule, so its
 * statements would land in whichever request a test happens to measure.
 */
import type { Logger as TypeOrmLogger } from 'typeorm';

export class QueryCounter implements TypeOrmLogger {
  private statements: string[] = [];
  private readonly ignored = /^(START TRANSACTION|BEGIN|COMMIT|ROLLBACK|SET TRANSACTION|SELECT VERSION\(\)|SELECT 1)/i;

  logQuery(query: string): void {
    if (!this.ignored.test(query.trim()) && !query.includes('outbox_event')) this.statements.push(query);
  }
  logQueryError(): void {}
  logQuerySlow(): void {}
  logSchemaBuild(): void {}
  logMigration(): void {}
  log(): void {}

  reset(): void {
    this.statements = [];
  }
  get count(): number {
    return this.statements.length;
  }
  get queries(): readonly string[] {
    return this.statements;
  }
}
