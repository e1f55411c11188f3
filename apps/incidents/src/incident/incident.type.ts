import { Directive, Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { connectionOf, DateTimeScalar } from '@azukari/service-kit';
import type { IncidentCertainty as Certainty, IncidentEntity, IncidentKind as Kind, IncidentStatus as Status } from './incident.entity';

export enum IncidentKind {
  LEAKAGE = 'LEAKAGE',
  LOSS = 'LOSS',
  DAMAGE = 'DAMAGE',
}
registerEnumType(IncidentKind, { name: 'IncidentKind', description: 'Leakage, loss or damage ("leakage, etc.", Art 5.1).' });

export enum IncidentCertainty {
  SUSPECTED = 'SUSPECTED',
  CONFIRMED = 'CONFIRMED',
}
registerEnumType(IncidentCertainty, {
  name: 'IncidentCertainty',
  description: 'Art 7.1 requires a report when an incident occurs and also when there is a possibility of one.',
  valuesConfig: {
    SUSPECTED: { description: 'There is a possibility of an incident.' },
    CONFIRMED: { description: 'The incident occurred.' },
  },
});

export enum IncidentStatus {
  OPEN = 'OPEN',
  CONTAINED = 'CONTAINED',
  CLOSED = 'CLOSED',
}
registerEnumType(IncidentStatus, { name: 'IncidentStatus' });

@Directive('@key(fields: "id")')
@ObjectType({ description: 'A leakage, loss or damage of entrusted personal information, actual or suspected (Art 5.1, 7.1).' })
export class Incident {
  @Field(() => ID)
  id!: string;

  @Field(() => IncidentKind)
  kind!: Kind;

  @Field(() => IncidentCertainty)
  certainty!: Certainty;

  @Field(() => DateTimeScalar, { description: 'When the operator learnt of it.' })
  detectedAt!: Date;

  @Field({ description: 'What happened. Every affected client reads it: it must name no other client.' })
  summary!: string;

  @Field(() => IncidentStatus)
  status!: Status;

  @Field(() => DateTimeScalar, { description: 'When it was reported to the affected clients (Art 7.1).' })
  reportedAt!: Date;

  @Field(() => DateTimeScalar)
  createdAt!: Date;

  @Field(() => DateTimeScalar)
  updatedAt!: Date;
}

export const toIncident = (row: IncidentEntity): Incident => ({
  id: row.id,
  kind: row.kind,
  certainty: row.certainty,
  detectedAt: row.detectedAt,
  summary: row.summary,
  status: row.status,
  reportedAt: row.reportedAt,
  createdAt: row.createdAt,
  updatedAt: row.updatedAt,
});

/** One connection type for every list of incidents (Query.incidents, Contract.incidents). */
export const IncidentConnection = connectionOf('Incident', Incident);
