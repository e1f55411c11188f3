import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateTimeScalar } from '@azukari/service-kit';
import type { ReportAnswerKind } from '../client-report/report-answer';
import type { ClientReportAnswerEntity } from './report-answer.entity';

/** Every answer the seam knows, as GraphQL shows it: the record's type makes a new one fail to compile until it is here. */
export const ReportAnswer: { [K in ReportAnswerKind]: K } = {
  ACKNOWLEDGE: 'ACKNOWLEDGE',
  COMMENT: 'COMMENT',
  CHALLENGE: 'CHALLENGE',
  CONSENT: 'CONSENT',
  REFUSE: 'REFUSE',
  INSTRUCT: 'INSTRUCT',
};
registerEnumType(ReportAnswer, {
  name: 'ReportAnswer',
  description: "A client's answer to a report. ACKNOWLEDGE and COMMENT fit every report; the others only where its kind offers them.",
  valuesConfig: {
    ACKNOWLEDGE: { description: 'The report was received and read.' },
    COMMENT: { description: 'Words about the report; acknowledges nothing.' },
    CHALLENGE: { description: 'The safety measures reported are judged insufficient (Art 5.3): to be discussed.' },
    CONSENT: { description: 'The proposal reported is consented to (Art 6.1).' },
    REFUSE: { description: 'The proposal reported is refused (Art 6.1).' },
    INSTRUCT: { description: 'Instructions for the re-entrusted party, in answer to its reported measures and compliance (Art 13.6).' },
  },
});

export enum AnsweredVia {
  API = 'API',
  EMAIL_LINK = 'EMAIL_LINK',
}
registerEnumType(AnsweredVia, {
  name: 'AnsweredVia',
  valuesConfig: {
    API: { description: 'Through the API, with a partner token (tokenId).' },
    EMAIL_LINK: { description: "Through the signed link in the report's email, by its recipient (recipient)." },
  },
});

export enum ClientReportState {
  ACKNOWLEDGED = 'ACKNOWLEDGED',
  UNACKNOWLEDGED = 'UNACKNOWLEDGED',
  ANSWER_AWAITED = 'ANSWER_AWAITED',
}
registerEnumType(ClientReportState, {
  name: 'ClientReportState',
  valuesConfig: {
    ACKNOWLEDGED: { description: 'The client acknowledged it (or gave an answer its kind offers).' },
    UNACKNOWLEDGED: { description: 'Not acknowledged yet.' },
    ANSWER_AWAITED: { description: 'Its kind asks for an answer (consent, refusal, challenge...) that the client has not given.' },
  },
});

@ObjectType({ description: 'One answer a client gave to a report, how, by whom and when.' })
export class ClientReportAnswer {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  reportId!: string;

  @Field(() => ID)
  clientId!: string;

  @Field(() => ReportAnswer)
  answer!: ReportAnswerKind;

  @Field(() => String, { nullable: true })
  comment!: string | null;

  @Field(() => AnsweredVia)
  via!: AnsweredVia;

  @Field(() => ID, { nullable: true, description: 'The partner token that answered through the API.' })
  tokenId!: string | null;

  @Field(() => String, { nullable: true, description: "The address the report's email (and its link) went to, when answered by the link." })
  recipient!: string | null;

  @Field(() => DateTimeScalar)
  at!: Date;
}

@ObjectType({ description: "A client's reports still open: not acknowledged, or awaiting an answer." })
export class ClientReportOpenCount {
  @Field(() => ID)
  clientId!: string;

  @Field(() => Int)
  unacknowledged!: number;

  @Field(() => Int)
  answerAwaited!: number;
}

export const toClientReportAnswer = (row: ClientReportAnswerEntity): ClientReportAnswer => ({
  id: row.id,
  reportId: row.reportId,
  clientId: row.clientId,
  answer: row.answer,
  comment: row.comment,
  via: row.via as AnsweredVia,
  tokenId: row.tokenId,
  recipient: row.recipient,
  at: row.at,
});
