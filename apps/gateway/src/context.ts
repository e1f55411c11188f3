import type { Principal } from '@azukari/common';

export interface GatewayContext {
  principal: Principal;
  trace: string;
}
