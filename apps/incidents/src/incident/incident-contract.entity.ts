import { Entity, Index } from 'typeorm';
import { IdColumn, PrimaryIdColumn, Audited } from '@azukari/db';

/**
 * One contract an incident touches, with the client that owns it (as contracts answered at
 * report time). The clientId is what scopes an operator-owned incident to a partner: a partner
 * sees an incident only through a link row of its own client, and only those link rows.
 */
@Entity({ name: 'incident_contract' })
@Audited('IncidentContract', { client: 'clientId' })
@Index('UQ_incident_contract_incident_contract', ['incidentId', 'contractId'], { unique: true })
@Index('IDX_incident_contract_client', ['clientId', 'incidentId'])
@Index('IDX_incident_contract_contract', ['contractId', 'incidentId'])
export class IncidentContractEntity {
  @PrimaryIdColumn()
  id!: string;

  @IdColumn()
  incidentId!: string;

  /** A contract of the contracts service (another database: no foreign key). */
  @IdColumn()
  contractId!: string;

  @IdColumn()
  clientId!: string;
}
