/**
 * The words of a report email in Japanese and English: what each article's report is (after
 * docs/REGULATIONS.md, in the Regulations' own terms), a title per known kind of report, and
 * labels for the facts services report. A kind, article or fact this table does not know is still
 * shown, under a generic title or its humanised key: a new report never waits for a translation.
 */
import type { EmailLanguage } from './email-layout';

type Words = Record<EmailLanguage, string>;

/** Each article whose duty is a report to the client, with what that report is. */
export const ARTICLE_WORDS: Record<string, { article: Words; duty: Words }> = {
  'Art 2.1': {
    article: { ja: '第2条第1項', en: 'Article 2.1' },
    duty: { ja: '目的外の利用等に関する書面による同意', en: 'Written consent to use beyond the purposes of the services' },
  },
  'Art 3': {
    article: { ja: '第3条', en: 'Article 3' },
    duty: { ja: '持ち出しに関する書面による同意', en: 'Written consent to taking out' },
  },
  'Art 5.2': {
    article: { ja: '第5条第2項', en: 'Article 5.2' },
    duty: { ja: '安全管理措置の変更の報告', en: 'Change of the safety management measures' },
  },
  'Art 5.3': {
    article: { ja: '第5条第3項', en: 'Article 5.3' },
    duty: { ja: '安全管理措置に関する協議の結果', en: 'Outcome of the discussion of the safety management measures' },
  },
  'Art 6.1': {
    article: { ja: '第6条第1項', en: 'Article 6.1' },
    duty: { ja: '再委託の事前通知', en: 'Advance notice of re-entrustment' },
  },
  'Art 7.1': {
    article: { ja: '第7条第1項', en: 'Article 7.1' },
    duty: { ja: '漏えい等事案（そのおそれを含む）の報告', en: 'Leakage incident, or the possibility of one' },
  },
  'Art 9.1': {
    article: { ja: '第9条第1項', en: 'Article 9.1' },
    duty: { ja: '業務終了に伴う返還・廃棄・削除のご指示のお願い', en: 'End of the services: your instruction on return or disposal' },
  },
  'Art 9.3': {
    article: { ja: '第9条第3項', en: 'Article 9.3' },
    duty: { ja: '返還・廃棄・削除の証明', en: 'Certificate of disposal or deletion' },
  },
  'Art 10': {
    article: { ja: '第10条', en: 'Article 10' },
    duty: { ja: '個人情報取扱責任者の報告', en: 'The designated responsible person' },
  },
  'Art 11.1': {
    article: { ja: '第11条第1項', en: 'Article 11.1' },
    duty: { ja: '取扱者の範囲の報告', en: 'The scope of the handling personnel' },
  },
  'Art 12.2': {
    article: { ja: '第12条第2項', en: 'Article 12.2' },
    duty: {
      ja: '本人または官公庁等からの請求の通知',
      en: 'A request from the individual, an authority or a third party',
    },
  },
  'Art 13.1': {
    article: { ja: '第13条第1項', en: 'Article 13.1' },
    duty: { ja: '安全管理措置の実施状況および本規程の遵守状況の年次報告', en: 'Annual report on the safety measures and compliance' },
  },
  'Art 13.2': {
    article: { ja: '第13条第2項', en: 'Article 13.2' },
    duty: { ja: '立入検査の申入れへの回答', en: 'The answer to a request for an on-site inspection' },
  },
  'Art 13.5': {
    article: { ja: '第13条第5項', en: 'Article 13.5' },
    duty: { ja: '立入検査の受入れに要した費用の請求', en: 'A charge for the cost of receiving an on-site inspection' },
  },
  'Art 13.6': {
    article: { ja: '第13条第6項', en: 'Article 13.6' },
    duty: { ja: '再委託先からの報告の報告', en: "The re-entrusted party's report" },
  },
};

/** Titles of the kinds of report the services send today. */
export const KIND_TITLES: Record<string, Words> = {
  'incident.reported': { ja: '漏えい等事案の発生', en: 'Leakage incident reported' },
  'inspection.accepted': { ja: '立入検査の受入れ', en: 'On-site inspection accepted' },
  'inspection.rescheduled': { ja: '立入検査の日程変更', en: 'On-site inspection rescheduled' },
  'inspection.declined': { ja: '立入検査のお断り', en: 'On-site inspection declined' },
  'inspection.confirmed': { ja: '立入検査の日程確定', en: 'On-site inspection confirmed' },
  'inspection.completed': { ja: '立入検査の実施完了', en: 'On-site inspection completed' },
  'inspection.cost-charged': { ja: '立入検査費用の請求', en: 'On-site inspection cost charged' },
  're-entrustment.proposed': { ja: '再委託の予定（書面による承諾のお願い）', en: 'Proposed re-entrustment: your written consent is asked' },
  'subcontractor.compliance-reported': {
    ja: '再委託先からの安全管理措置・遵守状況の報告',
    en: "The re-entrusted party's report on its measures and compliance",
  },
  'safety-measures.changed': { ja: '安全管理措置の変更', en: 'Safety management measures changed' },
  'safety-measures.challenge-closed': { ja: '安全管理措置に関する協議の終了', en: 'Discussion of the safety management measures closed' },
  'contract.ended': { ja: '契約に基づく業務の終了', en: 'The services of the contract ended' },
  'contract.terminated': { ja: '契約の解除', en: 'The contract was terminated' },
  'consent.revoked': { ja: '書面による同意の撤回', en: 'A written consent was revoked' },
};

/** Japanese labels of facts the services report; English labels are the humanised keys. */
export const FACT_LABELS_JA: Record<string, string> = {
  incidentId: '事案ID',
  kind: '種別',
  certainty: '確度',
  detectedAt: '検知日時',
  occurredAt: '発生日時',
  contractId: '契約ID',
  status: '状態',
  endedOn: '終了日',
  consentId: '同意ID',
  consentKind: '同意の種類',
  subcontractorId: '再委託先ID',
  revokedAt: '撤回日時',
  count: '件数',
  inspectionId: '立入検査ID',
  scheduledOn: '実施予定日',
  previousScheduledOn: '変更前の実施予定日',
  ndaRequired: '秘密保持契約の締結要否',
  ndaSignedOn: '秘密保持契約の締結日',
  entryRulesAcknowledged: '入退館規則への同意',
  entryRulesAcknowledgedOn: '入退館規則への同意日',
  reason: '理由',
  completedOn: '実施日',
  costId: '費用ID',
  amountJpy: '金額（円）',
  discussionId: '協議ID',
  discussedOn: '協議日',
  reEntrustmentId: '再委託ID',
  subcontractorName: '再委託先の名称',
  subcontractorAddress: '再委託先の住所',
  part: '再委託する取扱いの範囲',
  answerBy: '回答期限',
  subcontractorReportId: '再委託先報告ID',
  receivedOn: '受領日',
  documentSha256: '文書のSHA-256',
  measureId: '安全管理措置ID',
  version: '版',
  category: '区分',
  summary: '概要',
  change: '変更の種類',
  challengeId: '協議ID',
  outcome: '協議の結果',
  closedAt: '終了日時',
};

export const REPORT_WORDS: Record<string, Words> = {
  subjectPrefix: { ja: '【Azukari】', en: '[Azukari] ' },
  report: { ja: '報告', en: 'Report' },
  genericDuty: { ja: '本規程に基づく報告', en: 'Report under the Regulations' },
  greeting: { ja: '{client} 御中', en: 'To {client}' },
  intro: {
    ja: '個人情報取扱規程 {article}（{duty}）に基づき、以下のとおりご報告いたします。',
    en: 'Under {article} of the Personal Information Processing Regulations ({duty}), we report the following.',
  },
  introGeneric: {
    ja: '個人情報取扱規程（{article}）に基づき、以下のとおりご報告いたします。',
    en: 'Under the Personal Information Processing Regulations ({article}), we report the following.',
  },
  summary: { ja: '報告の概要', en: 'The report' },
  kind: { ja: '報告の種類', en: 'Kind' },
  article: { ja: '根拠条項', en: 'Article' },
  subject: { ja: '対象', en: 'Subject' },
  contracts: { ja: '対象契約', en: 'Contracts' },
  occurredAt: { ja: '発生日時', en: 'Occurred at' },
  dueAt: { ja: '報告期限', en: 'Due by' },
  reportId: { ja: '報告ID', en: 'Report id' },
  facts: { ja: '報告事項', en: 'Facts' },
  noFacts: { ja: '報告事項はありません。', en: 'The report carries no facts.' },
  api: { ja: 'APIでの確認', en: 'See it through the API' },
  apiIntro: {
    ja: 'この報告は Azukari の GraphQL API（clientReports）で確認できます。貴社の API トークンで次のリンクを取得してください。',
    en: "This report is in Azukari's GraphQL API (clientReports). Fetch this link with your API token:",
  },
  apiLink: { ja: 'リンク（GraphQL GET）:', en: 'Link (GraphQL over GET):' },
  answer: { ja: '受領確認・回答', en: 'Acknowledge or answer' },
  answerIntro: {
    ja: '次のリンクから、この報告の受領確認またはコメントができます（API トークンは不要です）。',
    en: 'With this link you acknowledge this report or comment on it, without an API token.',
  },
  answerIntroDecisions: {
    ja: '次のリンクから、この報告の受領確認、コメント、または回答（{answers}）ができます（API トークンは不要です）。',
    en: 'With this link you acknowledge this report, comment on it, or answer it ({answers}), without an API token.',
  },
  answerOnce: {
    ja: 'このリンクは {to} 宛ての本メール専用で、一度だけ使え、{at} まで有効です。リンクを開くだけでは何も記録されず、ページのボタンを押したときに記録されます。',
    en: 'The link is for this email to {to} alone, answers once, and expires on {at}. Opening it records nothing; the button on its page does.',
  },
  answerLink: { ja: '回答ページ:', en: 'Answer page:' },
  footerAuto: {
    ja: 'このメールは Azukari から自動送信されています。報告に含まれる事項のほか、個人情報は含まれていません。',
    en: 'This email was sent automatically by Azukari. It holds the facts of the report and no other personal information.',
  },
  footerWhy: {
    ja: '本規程により報告が義務付けられているため、配信停止はできません。報告先のメールアドレスは API で変更できます。',
    en: 'The Regulations require this report, so it cannot be unsubscribed from; the address reports go to is set through the API.',
  },
};

export const fill = (template: string, values: Record<string, string>): string =>
  template.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
