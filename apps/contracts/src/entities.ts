import { OutboxEventEntity, ProcessedEventEntity } from '@azukari/db';
import { ApiTokenEntity } from './api-token/api-token.entity';
import { ClientEntity } from './client/client.entity';
import { ClientReportEntity } from './client-report/client-report.entity';
import { ContractEntity } from './contract/contract.entity';

export const ENTITIES = [ClientEntity, ContractEntity, ApiTokenEntity, ClientReportEntity, OutboxEventEntity, ProcessedEventEntity];
