/**
 * The client's written decision on a re-entrustment, as recorded. The consent is the fact that
 * lets information flow to the subcontractor (Art 6.1); a WrittenConsent of kind RE_ENTRUSTMENT is
 * built from exactly these fields.
 */
import type { DecisionVia } from './re-entrustment.entity';

export interface DecisionDetails {
  /** SHA-256 (hex) of the written decision; required for a consent. */
  documentSha256?: string | null;
  /** Who signed it at the client (name and title); required for a consent. */
  signedBy?: string | null;
  comment?: string | null;
}

/** A recorded consent to one re-entrustment: what a WrittenConsent of kind RE_ENTRUSTMENT holds. */
export interface ReEntrustmentConsent {
  reEntrustmentId: string;
  clientId: string;
  contractId: string;
  subcontractorId: string;
  documentSha256: string;
  signedBy: string;
  grantedAt: Date;
  via: DecisionVia;
  /** The partner token's id, the address the email link went to, or the staff member who entered a paper consent. */
  recordedBy: string;
}

export const SHA256_HEX = /^[0-9a-f]{64}$/;
