import { MigrationInterface, QueryRunner } from "typeorm";

export class Inspections1796210924899 implements MigrationInterface {
    name = 'Inspections1796210924899'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE \`inspection\` (\`id\` char(36) NOT NULL, \`clientId\` char(36) NOT NULL, \`status\` varchar(20) NOT NULL, \`noticeChannel\` varchar(10) NOT NULL, \`noticeGivenOn\` date NOT NULL, \`noticeDocumentSha256\` varchar(64) NULL, \`purpose\` varchar(2000) NOT NULL, \`proposedDates\` text NOT NULL, \`inspectors\` text NOT NULL, \`scheduledOn\` date NULL, \`rescheduleReason\` varchar(1000) NULL, \`declineReason\` varchar(30) NULL, \`declineExplanation\` varchar(1000) NULL, \`ndaRequired\` tinyint NULL, \`ndaDocumentSha256\` varchar(64) NULL, \`ndaSignedOn\` date NULL, \`ndaSignatoryRole\` varchar(200) NULL, \`ndaSignatoryOrganization\` varchar(200) NULL, \`ndaRecordedAt\` datetime(3) NULL, \`entryRulesSha256\` varchar(64) NULL, \`entryRulesAcknowledgedOn\` date NULL, \`entryRulesAcknowledgedVia\` varchar(10) NULL, \`entryRulesAcknowledgementSha256\` varchar(64) NULL, \`cancelReason\` varchar(1000) NULL, \`completedOn\` date NULL, \`findingsSummary\` text NULL, \`decidedAt\` datetime(3) NULL, \`confirmedAt\` datetime(3) NULL, \`cancelledAt\` datetime(3) NULL, \`createdAt\` datetime(3) NOT NULL, \`updatedAt\` datetime(3) NOT NULL, INDEX \`IDX_inspection_status\` (\`status\`, \`id\`), INDEX \`IDX_inspection_client\` (\`clientId\`, \`id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
        await queryRunner.query(`CREATE TABLE \`inspection_contract\` (\`id\` char(36) NOT NULL, \`inspectionId\` char(36) NOT NULL, \`contractId\` char(36) NOT NULL, \`clientId\` char(36) NOT NULL, INDEX \`IDX_inspection_contract_contract\` (\`clientId\`, \`contractId\`, \`inspectionId\`), UNIQUE INDEX \`UQ_inspection_contract\` (\`inspectionId\`, \`contractId\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
        await queryRunner.query(`CREATE TABLE \`inspection_cost_discussion\` (\`id\` char(36) NOT NULL, \`inspectionId\` char(36) NOT NULL, \`clientId\` char(36) NOT NULL, \`discussedOn\` date NOT NULL, \`participants\` text NOT NULL, \`agreedOutcome\` varchar(1000) NOT NULL, \`recordedAt\` datetime(3) NOT NULL, INDEX \`IDX_inspection_cost_discussion_inspection\` (\`clientId\`, \`inspectionId\`, \`id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
        await queryRunner.query(`CREATE TABLE \`inspection_cost\` (\`id\` char(36) NOT NULL, \`inspectionId\` char(36) NOT NULL, \`clientId\` char(36) NOT NULL, \`discussionId\` char(36) NOT NULL, \`description\` varchar(500) NOT NULL, \`amountJpy\` int NOT NULL, \`chargedAt\` datetime(3) NOT NULL, INDEX \`IDX_inspection_cost_inspection\` (\`clientId\`, \`inspectionId\`, \`id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX \`IDX_inspection_cost_inspection\` ON \`inspection_cost\``);
        await queryRunner.query(`DROP TABLE \`inspection_cost\``);
        await queryRunner.query(`DROP INDEX \`IDX_inspection_cost_discussion_inspection\` ON \`inspection_cost_discussion\``);
        await queryRunner.query(`DROP TABLE \`inspection_cost_discussion\``);
        await queryRunner.query(`DROP INDEX \`UQ_inspection_contract\` ON \`inspection_contract\``);
        await queryRunner.query(`DROP INDEX \`IDX_inspection_contract_contract\` ON \`inspection_contract\``);
        await queryRunner.query(`DROP TABLE \`inspection_contract\``);
        await queryRunner.query(`DROP INDEX \`IDX_inspection_client\` ON \`inspection\``);
        await queryRunner.query(`DROP INDEX \`IDX_inspection_status\` ON \`inspection\``);
        await queryRunner.query(`DROP TABLE \`inspection\``);
    }

}
