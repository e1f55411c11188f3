import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateTimeScalar } from '@azukari/service-kit';
import type { ContractDecision as Decision } from '@azukari/routes';
import { ContractStatus } from '../contract/contract.type';
import { WrittenConsentKind } from '../written-consent/written-consent.type';

export enum ContractAction {
  USE = 'USE',
  COPY = 'COPY',
  DUPLICATE = 'DUPLICATE',
  MODIFY = 'MODIFY',
  TAKE_OUT = 'TAKE_OUT',
  DISCLOSE = 'DISCLOSE',
  TRANSFER_TO_SUBCONTRACTOR = 'TRANSFER_TO_SUBCONTRACTOR',
}
registerEnumType(ContractAction, {
  name: 'ContractAction',
  description: "What may be done with a contract's personal information (Art 2.1, 2.2, 3, 4, 6.1).",
});

export enum DecisionRefusal {
  CONTRACT_NOT_ACTIVE = 'CONTRACT_NOT_ACTIVE',
  CONSENT_REQUIRED = 'CONSENT_REQUIRED',
  CONSENT_EXPIRED = 'CONSENT_EXPIRED',
  CONSENT_REVOKED = 'CONSENT_REVOKED',
  PURPOSE_NOT_PERMITTED = 'PURPOSE_NOT_PERMITTED',
}
registerEnumType(DecisionRefusal, {
  name: 'DecisionRefusal',
  description: 'Why an action is refused, the most specific reason.',
  valuesConfig: {
    CONTRACT_NOT_ACTIVE: { description: 'The contract is a DRAFT, or ENDED or TERMINATED.' },
    CONSENT_REQUIRED: { description: "It needs the client's prior written consent, and none covers it." },
    CONSENT_EXPIRED: { description: 'The consent that covered it has expired (consentId).' },
    CONSENT_REVOKED: { description: 'The consent that covered it was revoked (consentId).' },
    PURPOSE_NOT_PERMITTED: { description: 'Not needed by the service and beyond any consent: disclosure outside the service (Art 2.2).' },
  },
});

export enum DecisionGroundKind {
  CONTRACT_PURPOSE = 'CONTRACT_PURPOSE',
  WRITTEN_CONSENT = 'WRITTEN_CONSENT',
}
registerEnumType(DecisionGroundKind, { name: 'DecisionGroundKind' });

@ObjectType({ description: 'What allows an action: a purpose of the contract (at a purpose version), or a written consent.' })
export class DecisionGround {
  @Field(() => DecisionGroundKind)
  kind!: DecisionGroundKind;

  @Field(() => Int, { nullable: true, description: 'CONTRACT_PURPOSE: the purpose version relied on.' })
  purposeVersion!: number | null;

  @Field(() => ID, { nullable: true, description: 'WRITTEN_CONSENT: the consent relied on.' })
  consentId!: string | null;

  @Field(() => WrittenConsentKind, { nullable: true })
  consentKind!: WrittenConsentKind | null;
}

@ObjectType({ description: 'May this contract do this action for this purpose, now? Recorded nowhere: ask again before each act.' })
export class ContractDecision {
  @Field(() => ID)
  contractId!: string;

  @Field(() => ContractAction)
  action!: ContractAction;

  @Field()
  purpose!: string;

  @Field(() => ID, { nullable: true })
  assetId!: string | null;

  @Field(() => ID, { nullable: true })
  subcontractorId!: string | null;

  @Field()
  allowed!: boolean;

  @Field(() => [DecisionGround], { description: 'Every ground the allowance rests on (all hold); empty when refused.' })
  grounds!: DecisionGround[];

  @Field(() => DecisionRefusal, { nullable: true })
  refusal!: DecisionRefusal | null;

  @Field({ description: 'The article whose rule decided, e.g. Art 6.1.' })
  article!: string;

  @Field(() => ID, { nullable: true, description: 'The revoked or expired consent a refusal names.' })
  consentId!: string | null;

  @Field(() => ContractStatus)
  contractStatus!: ContractStatus;

  @Field(() => DateTimeScalar)
  decidedAt!: Date;

  @Field()
  message!: string;
}

export const toContractDecision = (d: Decision): ContractDecision => ({
  contractId: d.contractId,
  action: d.action as ContractAction,
  purpose: d.purpose,
  assetId: d.assetId,
  subcontractorId: d.subcontractorId,
  allowed: d.allowed,
  grounds: d.grounds.map((g) =>
    g.kind === 'CONTRACT_PURPOSE'
      ? { kind: DecisionGroundKind.CONTRACT_PURPOSE, purposeVersion: g.purposeVersion, consentId: null, consentKind: null }
      : {
          kind: DecisionGroundKind.WRITTEN_CONSENT,
          purposeVersion: null,
          consentId: g.consentId,
          consentKind: g.consentKind as WrittenConsentKind,
        },
  ),
  refusal: d.refusal as DecisionRefusal | null,
  article: d.article,
  consentId: d.consentId,
  contractStatus: d.contractStatus as ContractStatus,
  decidedAt: new Date(d.decidedAt),
  message: d.message,
});
