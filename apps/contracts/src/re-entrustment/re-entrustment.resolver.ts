import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { tokyoDateOf } from '@azukari/common';
import { connectionOf, decodeCursor, toPage } from '@azukari/service-kit';
import type { ContractsContext } from '../context';
import { Contract } from '../contract/contract.type';
import { recordAnswerOnSubjectReports } from '../report-answer/subject-answer';
import { Subcontractor, toSubcontractor } from '../subcontractor/subcontractor.type';
import {
  AddFlowDownObligationInput,
  CloseFollowUpInput,
  CloseReEntrustmentInput,
  DecideReEntrustmentInput,
  InstructSubcontractorInput,
  ProposeReEntrustmentInput,
  RecordSubcontractorReportInput,
  RecordSupervisionReviewInput,
  ReEntrustmentsArgs,
} from './re-entrustment.inputs';
import { ReEntrustmentRepository } from './re-entrustment.repository';
import { DECIDE_RE_ENTRUSTMENT, INSTRUCT_SUBCONTRACTOR, MANAGE_RE_ENTRUSTMENTS, READ_RE_ENTRUSTMENTS } from './re-entrustment.rules';
import { RE_ENTRUSTMENT_PROPOSED, ReEntrustmentService } from './re-entrustment.service';
import {
  FlowDownObligation,
  ReEntrustment,
  SubcontractorComplianceReport,
  SubcontractorInstruction,
  SupervisionFollowUp,
  SupervisionReview,
  toFlowDownObligation,
  toReEntrustment,
  toSubcontractorComplianceReport,
  toSubcontractorInstruction,
  toSupervisionFollowUp,
  toSupervisionReview,
} from './re-entrustment.type';
import { SubcontractorReportService } from './subcontractor-report.service';
import { SupervisionService } from './supervision.service';

const ReEntrustmentConnection = connectionOf('ReEntrustment', ReEntrustment);

@Resolver(() => ReEntrustment)
export class ReEntrustmentResolver {
  @Authorized(READ_RE_ENTRUSTMENTS)
  @Query(() => ReEntrustmentConnection, { description: "Re-entrustments (Art 6), filtered as asked; a partner sees its own client's." })
  async reEntrustments(@Args() args: ReEntrustmentsArgs, @Ctx() ctx: ContractsContext) {
    const now = ctx.deps.clock.now();
    const rows = await new ReEntrustmentRepository(ctx.deps.dataSource.manager, ctx.scope).page(
      args,
      tokyoDateOf(now),
      args.after ? decodeCursor(args.after) : null,
      args.first + 1,
    );
    return toPage(rows, args, (row) => toReEntrustment(row, now));
  }

  @Authorized(READ_RE_ENTRUSTMENTS)
  @Query(() => ReEntrustment, { nullable: true, description: 'A re-entrustment, or null where there is none the caller may see.' })
  async reEntrustment(@Arg('id', () => ID) id: string, @Ctx() ctx: ContractsContext): Promise<ReEntrustment | null> {
    const row = await ctx.loaders.reEntrustment.load(id);
    return row ? toReEntrustment(row, ctx.deps.clock.now()) : null;
  }

  @Authorized(MANAGE_RE_ENTRUSTMENTS)
  @Mutation(() => ReEntrustment, {
    description:
      'Proposes to re-entrust part of a contract\'s handling to a subcontractor, and tells the client in writing (Art 6.1, "re-entrustment.proposed").',
  })
  async proposeReEntrustment(@Arg('input') input: ProposeReEntrustmentInput, @Ctx() ctx: ContractsContext): Promise<ReEntrustment> {
    const row = await new ReEntrustmentService(ctx.deps, ctx.scope).propose(input, ctx.principal, ctx.trace ?? null);
    return toReEntrustment(row, ctx.deps.clock.now());
  }

  @Authorized(DECIDE_RE_ENTRUSTMENT)
  @Mutation(() => ReEntrustment, {
    description:
      "Records the client's written consent to, or refusal of, a proposed re-entrustment: a partner's own, or staff entering one given on paper.",
  })
  async decideReEntrustment(@Arg('input') input: DecideReEntrustmentInput, @Ctx() ctx: ContractsContext): Promise<ReEntrustment> {
    const service = new ReEntrustmentService(ctx.deps, ctx.scope);
    const answerer = { via: 'API', principal: ctx.principal! } as const;
    const row = await ctx.deps.dataSource.transaction(async (manager) => {
      const decided = await service.recordClientDecision(manager, input.reEntrustmentId, input.decision, answerer, {
        documentSha256: input.documentSha256,
        signedBy: input.signedBy,
        comment: input.comment,
      });
      // The decision is the answer the proposal's report asked for.
      await recordAnswerOnSubjectReports(manager, ctx.scope, {
        subject: { type: 'ReEntrustment', id: decided.id },
        kind: RE_ENTRUSTMENT_PROPOSED,
        answer: input.decision,
        answerer,
        comment: decided.decisionComment,
        at: decided.decidedAt!,
      });
      return decided;
    });
    return toReEntrustment(row, ctx.deps.clock.now());
  }

  @Authorized(MANAGE_RE_ENTRUSTMENTS)
  @Mutation(() => ReEntrustment, { description: 'Withdraws a proposal the client has not decided on.' })
  async withdrawReEntrustment(@Arg('input') input: CloseReEntrustmentInput, @Ctx() ctx: ContractsContext): Promise<ReEntrustment> {
    return toReEntrustment(await new ReEntrustmentService(ctx.deps, ctx.scope).withdraw(input.id, input.reason), ctx.deps.clock.now());
  }

  @Authorized(MANAGE_RE_ENTRUSTMENTS)
  @Mutation(() => ReEntrustment, { description: 'Ends a consented re-entrustment: nothing more flows to the subcontractor under it.' })
  async endReEntrustment(@Arg('input') input: CloseReEntrustmentInput, @Ctx() ctx: ContractsContext): Promise<ReEntrustment> {
    return toReEntrustment(await new ReEntrustmentService(ctx.deps, ctx.scope).end(input.id, input.reason), ctx.deps.clock.now());
  }

  @Authorized(MANAGE_RE_ENTRUSTMENTS)
  @Mutation(() => FlowDownObligation, { description: 'Records an obligation imposed on the subcontractor (Art 6.2).' })
  async addFlowDownObligation(@Arg('input') input: AddFlowDownObligationInput, @Ctx() ctx: ContractsContext): Promise<FlowDownObligation> {
    return toFlowDownObligation(await new SupervisionService(ctx.deps, ctx.scope).addObligation(input, ctx.principal));
  }

  @Authorized(MANAGE_RE_ENTRUSTMENTS)
  @Mutation(() => SupervisionReview, { description: 'Records a review of the subcontractor (Art 6.2), with its findings and follow-ups.' })
  async recordSupervisionReview(
    @Arg('input') input: RecordSupervisionReviewInput,
    @Ctx() ctx: ContractsContext,
  ): Promise<SupervisionReview> {
    const { review } = await new SupervisionService(ctx.deps, ctx.scope).recordReview(input, ctx.principal);
    return toSupervisionReview(review);
  }

  @Authorized(MANAGE_RE_ENTRUSTMENTS)
  @Mutation(() => SupervisionFollowUp, { description: "Closes a review's follow-up, saying how it was done." })
  async closeSupervisionFollowUp(@Arg('input') input: CloseFollowUpInput, @Ctx() ctx: ContractsContext): Promise<SupervisionFollowUp> {
    return toSupervisionFollowUp(
      await new SupervisionService(ctx.deps, ctx.scope).closeFollowUp(input, ctx.principal),
      ctx.deps.clock.now(),
    );
  }

  @Authorized(MANAGE_RE_ENTRUSTMENTS)
  @Mutation(() => [SubcontractorComplianceReport], {
    description:
      'Records a subcontractor\'s report on its measures and compliance on each of its consented re-entrustments, and forwards it to each client (Art 13.6, "subcontractor.compliance-reported").',
  })
  async recordSubcontractorReport(
    @Arg('input') input: RecordSubcontractorReportInput,
    @Ctx() ctx: ContractsContext,
  ): Promise<SubcontractorComplianceReport[]> {
    const rows = await new SubcontractorReportService(ctx.deps, ctx.scope).record(input, ctx.principal, ctx.trace ?? null);
    return rows.map(toSubcontractorComplianceReport);
  }

  @Authorized(INSTRUCT_SUBCONTRACTOR)
  @Mutation(() => SubcontractorInstruction, {
    description: "The client's instructions or guidance for a subcontractor, answering its forwarded report (Art 13.6).",
  })
  async instructSubcontractor(
    @Arg('input') input: InstructSubcontractorInput,
    @Ctx() ctx: ContractsContext,
  ): Promise<SubcontractorInstruction> {
    return toSubcontractorInstruction(await new SubcontractorReportService(ctx.deps, ctx.scope).instructByApi(input, ctx.principal!));
  }

  @Authorized(READ_RE_ENTRUSTMENTS)
  @FieldResolver(() => Subcontractor, { nullable: true })
  async subcontractor(@Root() root: ReEntrustment, @Ctx() ctx: ContractsContext): Promise<Subcontractor | null> {
    const row = await ctx.loaders.subcontractor.load(root.subcontractorId);
    return row ? toSubcontractor(row) : null;
  }

  @Authorized(READ_RE_ENTRUSTMENTS)
  @FieldResolver(() => [FlowDownObligation], { description: 'The obligations imposed on the subcontractor (Art 6.2).' })
  async obligations(@Root() root: ReEntrustment, @Ctx() ctx: ContractsContext): Promise<FlowDownObligation[]> {
    return (await ctx.loaders.flowDownObligations.load(root.id)).map(toFlowDownObligation);
  }

  @Authorized(READ_RE_ENTRUSTMENTS)
  @FieldResolver(() => [SupervisionReview], { description: 'The reviews of the subcontractor (Art 6.2).' })
  async reviews(@Root() root: ReEntrustment, @Ctx() ctx: ContractsContext): Promise<SupervisionReview[]> {
    return (await ctx.loaders.supervisionReviews.load(root.id)).map(toSupervisionReview);
  }

  @Authorized(READ_RE_ENTRUSTMENTS)
  @FieldResolver(() => [SubcontractorComplianceReport], { description: "The subcontractor's reports forwarded to the client (Art 13.6)." })
  async complianceReports(@Root() root: ReEntrustment, @Ctx() ctx: ContractsContext): Promise<SubcontractorComplianceReport[]> {
    return (await ctx.loaders.subcontractorReports.load(root.id)).map(toSubcontractorComplianceReport);
  }
}

@Resolver(() => SupervisionReview)
export class SupervisionReviewResolver {
  @Authorized(READ_RE_ENTRUSTMENTS)
  @FieldResolver(() => [SupervisionFollowUp])
  async followUps(@Root() root: SupervisionReview, @Ctx() ctx: ContractsContext): Promise<SupervisionFollowUp[]> {
    const now = ctx.deps.clock.now();
    return (await ctx.loaders.reviewFollowUps.load(root.id)).map((row) => toSupervisionFollowUp(row, now));
  }
}

@Resolver(() => SubcontractorComplianceReport)
export class SubcontractorComplianceReportResolver {
  @Authorized(READ_RE_ENTRUSTMENTS)
  @FieldResolver(() => [SubcontractorInstruction], { description: "The client's instructions in answer to it." })
  async instructions(@Root() root: SubcontractorComplianceReport, @Ctx() ctx: ContractsContext): Promise<SubcontractorInstruction[]> {
    return (await ctx.loaders.subcontractorInstructions.load(root.id)).map(toSubcontractorInstruction);
  }
}

@Resolver(() => Contract)
export class ContractReEntrustmentsResolver {
  @Authorized(READ_RE_ENTRUSTMENTS)
  @FieldResolver(() => [ReEntrustment], {
    nullable: true,
    description: "The re-entrustments of this contract's handling (Art 6), oldest first.",
  })
  async reEntrustments(@Root() contract: Contract, @Ctx() ctx: ContractsContext): Promise<ReEntrustment[]> {
    const now = ctx.deps.clock.now();
    return (await ctx.loaders.contractReEntrustments.load(contract.id)).map((row) => toReEntrustment(row, now));
  }
}
