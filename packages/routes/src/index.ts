export * from './contracts';
export * from './custody';
export * from './personnel';
import { VerifyToken, LookupContracts, WebhookDeliveryDetails, EmailDeliveryDetails, EndpointNoticeDetails } from './contracts';
import { LookupAssets } from './custody';
import { VerifyEmployee, CheckCustodian } from './personnel';

/** Every internal route: tests check that each owner serves exactly its own. */
export const ROUTES = [
  VerifyToken,
  LookupContracts,
  WebhookDeliveryDetails,
  EmailDeliveryDetails,
  EndpointNoticeDetails,
  LookupAssets,
  VerifyEmployee,
  CheckCustodian,
] as const;
