/**
 * Counts the SQL statements a data source sends, so tests can prove that entity resolution is
 * batched (a fixed number of statements, not one per row). Transaction control is not counted, nor
 * is anything on the outbox or the audit log: the relay polls the outbox and the read batcher
 * appends to the log in the background on their own schedules, so their statements would land in
 * whichever request a test happens to measure.
 */
import type { Logger as TypeOrmLogger } from 'typeorm';

const BACKGROUND = /outbox_event|audit_entry|audit_chain_head/;

export class QueryCounter implements TypeOrmLogger {
  private statements: string[] = [];
  private readonly ignored = /^(START TRANSACTION|BEGIN|COMMIT|ROLLBACK|SET TRANSACTION|SELECT VERSION\(\)|SELECT 1)/i;

  logQuery(query: string): void {
    if (!this.ignored.test(query.trim()) && !BACKGROUND.test(query)) this.statements.push(query);
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
