/**
 * The decision: may this contract do ACTION for PURPOSE, now? The rules, from the articles
 * (docs/REGULATIONS.md, "The decision"):
 * - Only an ACTIVE contract allows anything (CONTRACT_NOT_ACTIVE otherwise).
 * - A purpose of the contract allows use, copying, duplication and modification (Art 4); outside
 *   them a current BEYOND_PURPOSE consent covering the purpose (and the asset) must (Art 2.1).
 * - Disclosure has no consent route (Art 2.2): only where the service needs it, a contract
 *   purpose; otherwise PURPOSE_NOT_PERMITTED. A re-entrusted party is TRANSFER_TO_SUBCONTRACTOR.
 * - Taking out (Art 3) for a contract purpose is the service's necessity; for any other purpose the
 *   use must be allowed (BEYOND_PURPOSE) and a current TAKE_OUT consent must cover it as well.
 * - A transfer to a subcontractor (Art 6.1) always needs a current RE_ENTRUSTMENT consent for that
 *   subcontractor covering the purpose and asset, on top of a purpose that is allowed. Silence or
 *   a lapsed deadline is never consent: only a recorded consent counts.
 * - The most specific refusal: where a consent would have covered the request but is revoked or
 *   expired, CONSENT_REVOKED or CONSENT_EXPIRED (naming it) rather than CONSENT_REQUIRED.
 * "Now" is contracts' clock. The decision records nothing.
 */
import { DomainError, ErrorCode } from '@azukari/common';
import type { TenantScope } from '@azukari/db';
import type { ConsentKind, ContractAction, ContractDecision, DecisionGround, DecisionRefusal } from '@azukari/routes';
import type { ContractsDeps } from '../deps';
import type { ContractEntity } from '../contract/contract.entity';
import { ContractRepository } from '../contract/contract.repository';
import type { WrittenConsentEntity } from '../written-consent/written-consent.entity';
import { WrittenConsentRepository } from '../written-consent/written-consent.repository';
import { consentState, listOf } from '../written-consent/written-consent.type';

export interface DecisionRequest {
  contractId: string;
  action: ContractAction;
  purpose: string;
  assetId?: string | null;
  subcontractorId?: string | null;
}

type Check =
  | { ok: true; ground: DecisionGround; article: string }
  | { ok: false; refusal: DecisionRefusal; consentId: string | null; article: string; message: string };

const CONSENT_ARTICLE: Record<ConsentKind, string> = { BEYOND_PURPOSE: 'Art 2.1', TAKE_OUT: 'Art 3', RE_ENTRUSTMENT: 'Art 6.1' };

interface Asked {
  purpose: string;
  assetId: string | null;
  subcontractorId: string | null;
}

/** Does this consent, whatever its state, cover the request? */
const covers = (consent: WrittenConsentEntity, kind: ConsentKind, asked: Asked): boolean => {
  if (consent.kind !== kind) return false;
  const purposes = listOf(consent.purposes);
  if (purposes ? !purposes.includes(asked.purpose) : kind === 'BEYOND_PURPOSE') return false;
  const assets = listOf(consent.assetIds);
  if (assets && !(asked.assetId && assets.includes(asked.assetId))) return false;
  return kind !== 'RE_ENTRUSTMENT' || consent.subcontractorId === asked.subcontractorId;
};

const consentCheck = (consents: readonly WrittenConsentEntity[], kind: ConsentKind, asked: Asked, now: Date): Check => {
  const article = CONSENT_ARTICLE[kind];
  // Newest first: the latest consent is the one the refusal names.
  const covering = consents.filter((c) => covers(c, kind, asked)).sort((a, b) => b.id.localeCompare(a.id));
  const current = covering.find((c) => consentState(c, now) === 'CURRENT');
  if (current) return { ok: true, ground: { kind: 'WRITTEN_CONSENT', consentId: current.id, consentKind: kind }, article };
  const revoked = covering.find((c) => consentState(c, now) === 'REVOKED');
  if (revoked) {
    return {
      ok: false,
      refusal: 'CONSENT_REVOKED',
      consentId: revoked.id,
      article,
      message: `The ${kind} consent ${revoked.id} that covered this was revoked.`,
    };
  }
  const expired = covering.find((c) => consentState(c, now) === 'EXPIRED');
  if (expired) {
    return {
      ok: false,
      refusal: 'CONSENT_EXPIRED',
      consentId: expired.id,
      article,
      message: `The ${kind} consent ${expired.id} that covered this has expired.`,
    };
  }
  return {
    ok: false,
    refusal: 'CONSENT_REQUIRED',
    consentId: null,
    article,
    message: `This needs the client's prior written consent (${kind}), and none covers it.`,
  };
};

/** Is the purpose allowed at all: a contract purpose, or widened by a BEYOND_PURPOSE consent? */
const purposeCheck = (contract: ContractEntity, consents: readonly WrittenConsentEntity[], asked: Asked, now: Date): Check =>
  contract.purposes.includes(asked.purpose)
    ? { ok: true, ground: { kind: 'CONTRACT_PURPOSE', purposeVersion: contract.purposeVersion }, article: 'Art 4' }
    : consentCheck(consents, 'BEYOND_PURPOSE', asked, now);

/** The decision for one request against a contract and its consents, at `now`. Pure. */
export const decide = (
  contract: ContractEntity,
  consents: readonly WrittenConsentEntity[],
  request: DecisionRequest,
  now: Date,
): ContractDecision => {
  const asked: Asked = { purpose: request.purpose, assetId: request.assetId ?? null, subcontractorId: request.subcontractorId ?? null };
  const answer = (checks: Check[]): ContractDecision => {
    const failed = checks.find((c): c is Extract<Check, { ok: false }> => !c.ok);
    const base = {
      contractId: contract.id,
      action: request.action,
      purpose: asked.purpose,
      assetId: asked.assetId,
      subcontractorId: asked.subcontractorId,
      contractStatus: contract.status,
      decidedAt: now.toISOString(),
    };
    if (failed)
      return {
        ...base,
        allowed: false,
        grounds: [],
        refusal: failed.refusal,
        article: failed.article,
        consentId: failed.consentId,
        message: failed.message,
      };
    const grounds = checks.flatMap((c) => (c.ok ? [c.ground] : []));
    return {
      ...base,
      allowed: true,
      grounds,
      refusal: null,
      article: checks.at(-1)!.article,
      consentId: null,
      message: `Allowed: ${grounds.map(describe).join(', and ')}.`,
    };
  };
  if (contract.status !== 'ACTIVE') {
    const over = contract.status !== 'DRAFT';
    return answer([
      {
        ok: false,
        refusal: 'CONTRACT_NOT_ACTIVE',
        consentId: null,
        article: over ? 'Art 9.1' : 'Preamble',
        message: over
          ? `Contract ${contract.id} is ${contract.status}: nothing new may be done with its data, which awaits return or disposal.`
          : `Contract ${contract.id} is a DRAFT, not yet in force: nothing may be handled under it.`,
      },
    ]);
  }
  const inPurpose = contract.purposes.includes(asked.purpose);
  switch (request.action) {
    case 'USE':
    case 'COPY':
    case 'DUPLICATE':
    case 'MODIFY':
      return answer([purposeCheck(contract, consents, asked, now)]);
    case 'DISCLOSE':
      return answer([
        inPurpose
          ? { ok: true, ground: { kind: 'CONTRACT_PURPOSE', purposeVersion: contract.purposeVersion }, article: 'Art 2.2' }
          : {
              ok: false,
              refusal: 'PURPOSE_NOT_PERMITTED',
              consentId: null,
              article: 'Art 2.2',
              message: `Disclosure for "${asked.purpose}" is not needed by the service, and no consent can allow it (Art 2.2).`,
            },
      ]);
    case 'TAKE_OUT':
      if (inPurpose)
        return answer([{ ok: true, ground: { kind: 'CONTRACT_PURPOSE', purposeVersion: contract.purposeVersion }, article: 'Art 3' }]);
      return answer(
        sequence(
          () => purposeCheck(contract, consents, asked, now),
          () => consentCheck(consents, 'TAKE_OUT', asked, now),
        ),
      );
    case 'TRANSFER_TO_SUBCONTRACTOR':
      return answer(
        sequence(
          () => purposeCheck(contract, consents, asked, now),
          () => consentCheck(consents, 'RE_ENTRUSTMENT', asked, now),
        ),
      );
  }
};

/** The checks in order, up to the first that fails. */
const sequence = (...checks: (() => Check)[]): Check[] => {
  const done: Check[] = [];
  for (const check of checks) {
    const result = check();
    done.push(result);
    if (!result.ok) break;
  }
  return done;
};

const describe = (ground: DecisionGround): string =>
  ground.kind === 'CONTRACT_PURPOSE'
    ? `a purpose of the contract (purpose version ${ground.purposeVersion})`
    : `the ${ground.consentKind} consent ${ground.consentId}`;

export class ContractDecisionService {
  constructor(
    private readonly deps: ContractsDeps,
    private readonly scope: TenantScope,
  ) {}

  async decide(request: DecisionRequest): Promise<ContractDecision> {
    const purpose = request.purpose.trim().normalize('NFC');
    if (!purpose) throw new DomainError(ErrorCode.BAD_USER_INPUT, 'purpose must not be blank: name the purpose of the handling.');
    if (request.action === 'TRANSFER_TO_SUBCONTRACTOR' && !request.subcontractorId) {
      throw new DomainError(ErrorCode.BAD_USER_INPUT, 'A transfer to a subcontractor names the subcontractor (subcontractorId).');
    }
    if (request.action !== 'TRANSFER_TO_SUBCONTRACTOR' && request.subcontractorId) {
      throw new DomainError(ErrorCode.BAD_USER_INPUT, 'subcontractorId is only for TRANSFER_TO_SUBCONTRACTOR: leave it out.');
    }
    const manager = this.deps.dataSource.manager;
    // Another client's contract reads as a missing one.
    const contract = await new ContractRepository(manager, this.scope).findById(request.contractId);
    if (!contract) throw new DomainError(ErrorCode.NOT_FOUND, `No contract ${request.contractId}.`);
    const consents = await new WrittenConsentRepository(manager, this.scope).ofContracts([contract.id]);
    return decide(
      contract,
      consents,
      {
        ...request,
        purpose,
        assetId: request.assetId?.toLowerCase() ?? null,
        subcontractorId: request.subcontractorId?.toLowerCase() ?? null,
      },
      this.deps.clock.now(),
    );
  }
}
