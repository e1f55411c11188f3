/**
 * The client's written decision on a re-entrustment, as recorded. The consent is the fact that
 * lets information flow to the subcontractor (Art 6.1): a WrittenConsent of kind RE_ENTRUSTMENT,
 * recorded by the written-consent feature, which copies its facts here.
 */
import type { DecisionVia, ReEntrustmentEntity } from './re-entrustment.entity';

export interface DecisionDetails {
  /** SHA-256 (hex) of the written decision; required for a consent. */
  documentSha256?: string | null;
  /** Who signed it at the client (name and title); required for a consent. */
  signedBy?: string | null;
  comment?: string | null;
}

/** The kind of the 6.1 notice: a stable name the client can switch on. */
export const RE_ENTRUSTMENT_PROPOSED = 're-entrustment.proposed';

/** The consent's facts, as a re-entrustment records the client's decision. */
interface ConsentFacts {
  id: string;
  documentSha256: string;
  grantedByName: string;
  grantedByTitle: string | null;
}

/**
 * A re-entrustment consented to by one written consent (of kind RE_ENTRUSTMENT): CONSENTED, with the
 * decision's facts copied from the consent and the consent's id, whose revocation ends it.
 */
export const applyConsent = (
  row: ReEntrustmentEntity,
  consent: ConsentFacts,
  d: { via: DecisionVia; decidedBy: string; comment: string | null; at: Date },
): void => {
  row.decision = 'CONSENT';
  row.decidedAt = d.at;
  row.decisionVia = d.via;
  row.decidedBy = d.decidedBy;
  row.documentSha256 = consent.documentSha256;
  row.signedBy = (consent.grantedByTitle ? `${consent.grantedByName} (${consent.grantedByTitle})` : consent.grantedByName).slice(0, 300);
  row.decisionComment = d.comment;
  row.writtenConsentId = consent.id;
  row.status = 'CONSENTED';
  row.updatedAt = d.at;
};
