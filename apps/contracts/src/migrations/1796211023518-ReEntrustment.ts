import { MigrationInterface, QueryRunner } from "typeorm";

export class ReEntrustment1796211023518 implements MigrationInterface {
    name = 'ReEntrustment1796211023518'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE \`subcontractor\` (\`id\` char(36) NOT NULL, \`name\` varchar(300) NOT NULL, \`address\` varchar(500) NOT NULL, \`createdAt\` datetime(3) NOT NULL, \`updatedAt\` datetime(3) NOT NULL, PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
        await queryRunner.query(`CREATE TABLE \`re_entrustment\` (\`id\` char(36) NOT NULL, \`clientId\` char(36) NOT NULL, \`contractId\` char(36) NOT NULL, \`subcontractorId\` char(36) NOT NULL, \`part\` varchar(2000) NOT NULL, \`status\` varchar(20) NOT NULL, \`answerBy\` date NULL, \`proposedAt\` datetime(3) NOT NULL, \`proposedBy\` char(36) NULL, \`decision\` varchar(10) NULL, \`decidedAt\` datetime(3) NULL, \`decisionVia\` varchar(20) NULL, \`decidedBy\` varchar(320) NULL, \`documentSha256\` varchar(64) NULL, \`signedBy\` varchar(300) NULL, \`decisionComment\` varchar(2000) NULL, \`closedAt\` datetime(3) NULL, \`closingReason\` varchar(2000) NULL, \`createdAt\` datetime(3) NOT NULL, \`updatedAt\` datetime(3) NOT NULL, INDEX \`IDX_re_entrustment_subcontractor\` (\`subcontractorId\`, \`status\`, \`id\`), INDEX \`IDX_re_entrustment_contract\` (\`contractId\`, \`id\`), INDEX \`IDX_re_entrustment_client\` (\`clientId\`, \`id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
        await queryRunner.query(`CREATE TABLE \`re_entrustment_obligation\` (\`id\` char(36) NOT NULL, \`clientId\` char(36) NOT NULL, \`reEntrustmentId\` char(36) NOT NULL, \`article\` varchar(20) NOT NULL, \`obligation\` varchar(2000) NOT NULL, \`recordedAt\` datetime(3) NOT NULL, \`recordedBy\` char(36) NULL, INDEX \`IDX_re_entrustment_obligation_parent\` (\`reEntrustmentId\`, \`id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
        await queryRunner.query(`CREATE TABLE \`subcontractor_instruction\` (\`id\` char(36) NOT NULL, \`clientId\` char(36) NOT NULL, \`reEntrustmentId\` char(36) NOT NULL, \`reportId\` char(36) NOT NULL, \`instructions\` varchar(4000) NOT NULL, \`givenAt\` datetime(3) NOT NULL, \`givenVia\` varchar(20) NOT NULL, \`givenBy\` varchar(320) NOT NULL, INDEX \`IDX_subcontractor_instruction_report\` (\`reportId\`, \`id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
        await queryRunner.query(`CREATE TABLE \`subcontractor_report\` (\`id\` char(36) NOT NULL, \`clientId\` char(36) NOT NULL, \`reEntrustmentId\` char(36) NOT NULL, \`contractId\` char(36) NOT NULL, \`subcontractorId\` char(36) NOT NULL, \`receivedOn\` date NOT NULL, \`summary\` varchar(4000) NOT NULL, \`documentSha256\` varchar(64) NOT NULL, \`recordedAt\` datetime(3) NOT NULL, \`recordedBy\` char(36) NULL, INDEX \`IDX_subcontractor_report_parent\` (\`reEntrustmentId\`, \`id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
        await queryRunner.query(`CREATE TABLE \`supervision_follow_up\` (\`id\` char(36) NOT NULL, \`clientId\` char(36) NOT NULL, \`reEntrustmentId\` char(36) NOT NULL, \`reviewId\` char(36) NOT NULL, \`action\` varchar(2000) NOT NULL, \`dueOn\` date NOT NULL, \`closedAt\` datetime(3) NULL, \`closedBy\` char(36) NULL, \`closingNote\` varchar(2000) NULL, \`createdAt\` datetime(3) NOT NULL, \`updatedAt\` datetime(3) NOT NULL, INDEX \`IDX_supervision_follow_up_review\` (\`reviewId\`, \`id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
        await queryRunner.query(`CREATE TABLE \`supervision_review\` (\`id\` char(36) NOT NULL, \`clientId\` char(36) NOT NULL, \`reEntrustmentId\` char(36) NOT NULL, \`reviewedOn\` date NOT NULL, \`reviewer\` varchar(200) NOT NULL, \`findings\` varchar(4000) NOT NULL, \`recordedAt\` datetime(3) NOT NULL, \`recordedBy\` char(36) NULL, INDEX \`IDX_supervision_review_parent\` (\`reEntrustmentId\`, \`id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX \`IDX_supervision_review_parent\` ON \`supervision_review\``);
        await queryRunner.query(`DROP TABLE \`supervision_review\``);
        await queryRunner.query(`DROP INDEX \`IDX_supervision_follow_up_review\` ON \`supervision_follow_up\``);
        await queryRunner.query(`DROP TABLE \`supervision_follow_up\``);
        await queryRunner.query(`DROP INDEX \`IDX_subcontractor_report_parent\` ON \`subcontractor_report\``);
        await queryRunner.query(`DROP TABLE \`subcontractor_report\``);
        await queryRunner.query(`DROP INDEX \`IDX_subcontractor_instruction_report\` ON \`subcontractor_instruction\``);
        await queryRunner.query(`DROP TABLE \`subcontractor_instruction\``);
        await queryRunner.query(`DROP INDEX \`IDX_re_entrustment_obligation_parent\` ON \`re_entrustment_obligation\``);
        await queryRunner.query(`DROP TABLE \`re_entrustment_obligation\``);
        await queryRunner.query(`DROP INDEX \`IDX_re_entrustment_client\` ON \`re_entrustment\``);
        await queryRunner.query(`DROP INDEX \`IDX_re_entrustment_contract\` ON \`re_entrustment\``);
        await queryRunner.query(`DROP INDEX \`IDX_re_entrustment_subcontractor\` ON \`re_entrustment\``);
        await queryRunner.query(`DROP TABLE \`re_entrustment\``);
        await queryRunner.query(`DROP TABLE \`subcontractor\``);
    }

}
