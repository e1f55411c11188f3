import type { Principal } from '@azukari/common';
import type { Idempotency } from './request-headers';

export interface GatewayContext {
  principal: Principal;
  trace: string;
  purpose: string | null;
  idempotency: Idempotency | null;
  /** Mutation fetches sent so far, per subgraph: the step of each under one Idempotency-Key. */
  mutationSteps: Map<string, number>;
}
