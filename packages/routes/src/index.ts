export * from './contracts';
export * from './custody';
export * from './personnel';
export * from './documents';
import {
  VerifyToken,
  LookupContracts,
  DecideContractAction,
  WebhookDeliveryDetails,
  EmailDeliveryDetails,
  EndpointNoticeDetails,
  ReportLinkSubmit,
  ReportLinkView,
} from './contracts';
import { LookupAssets } from './custody';
import { VerifyEmployee, CheckCustodian } from './personnel';
import { DOCUMENT_ROUTES } from './documents';

/** Every internal route: tests check that each owner serves exactly its own. */
export const ROUTES = [
  VerifyToken,
  LookupContracts,
  DecideContractAction,
  WebhookDeliveryDetails,
  EmailDeliveryDetails,
  EndpointNoticeDetails,
  ReportLinkView,
  ReportLinkSubmit,
  LookupAssets,
  VerifyEmployee,
  CheckCustodian,
  ...DOCUMENT_ROUTES,
] as const;
