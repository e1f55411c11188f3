/** Report channels: how each client wants each kind of report, by email, webhook or both. */
import { defineFeature } from '@azukari/service-kit';
import type { ContractsDeps } from '../deps';
import { ReportChannelChoiceEntity } from './report-channel.entity';
import { ReportChannelResolver } from './report-channel.resolver';

export const reportChannelFeature = defineFeature<ContractsDeps>({
  name: 'report-channel',
  entities: [ReportChannelChoiceEntity],
  resolvers: [ReportChannelResolver],
});
