import { Entity } from 'typeorm';
import { InstantColumn, PrimaryIdColumn, TextColumn, Audited } from '@azukari/db';

export type IncidentKind = 'LEAKAGE' | 'LOSS' | 'DAMAGE';
export type IncidentCertainty = 'SUSPECTED' | 'CONFIRMED';
export type IncidentStatus = 'OPEN' | 'CONTAINED' | 'CLOSED';

/**
 * A leakage, loss or damage of entrusted personal information (Art 5.1), actual or suspected
 * (Art 7.1: "occurs, or there is a possibility"). Operator-owned: one incident may touch several
 * clients, so it carries no clientId; it reaches clients through its link rows
 * (IncidentContractEntity), which do.
 */
@Entity({ name: 'incident' })
@Audited('Incident', { client: null })
export class IncidentEntity {
  @PrimaryIdColumn()
  id!: string;

  @TextColumn(10)
  kind!: IncidentKind;

  @TextColumn(10)
  certainty!: IncidentCertainty;

  /** When the operator learnt of it; never after it was reported. */
  @InstantColumn()
  detectedAt!: Date;

  @TextColumn(2000)
  summary!: string;

  @TextColumn(10)
  status!: IncidentStatus;

  /** When it was reported to the affected clients (Art 7.1): the moment the event was written. */
  @InstantColumn()
  reportedAt!: Date;

  @InstantColumn()
  createdAt!: Date;

  @InstantColumn()
  updatedAt!: Date;
}
