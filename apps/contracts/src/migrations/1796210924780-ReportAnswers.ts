import { MigrationInterface, QueryRunner } from "typeorm";

export class ReportAnswers1796210924780 implements MigrationInterface {
    name = 'ReportAnswers1796210924780'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE \`client_report_answer\` (\`id\` char(36) NOT NULL, \`reportId\` char(36) NOT NULL, \`clientId\` char(36) NOT NULL, \`answer\` varchar(20) NOT NULL, \`comment\` text NULL, \`via\` varchar(12) NOT NULL, \`tokenId\` char(36) NULL, \`recipient\` varchar(320) NULL, \`at\` datetime(3) NOT NULL, INDEX \`IDX_client_report_answer_report\` (\`reportId\`, \`id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
        await queryRunner.query(`CREATE TABLE \`report_link_use\` (\`id\` char(36) NOT NULL, \`reportId\` char(36) NOT NULL, \`clientId\` char(36) NOT NULL, \`answerId\` char(36) NOT NULL, \`usedAt\` datetime(3) NOT NULL, PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
        await queryRunner.query(`ALTER TABLE \`client_report\` ADD \`acknowledgedAt\` datetime(3) NULL`);
        await queryRunner.query(`ALTER TABLE \`client_report\` ADD \`asksAnswer\` tinyint NOT NULL DEFAULT 0`);
        await queryRunner.query(`ALTER TABLE \`client_report\` ADD \`answer\` varchar(20) NULL`);
        await queryRunner.query(`ALTER TABLE \`client_report\` ADD \`answeredAt\` datetime(3) NULL`);
        await queryRunner.query(`ALTER TABLE \`report_channel_choice\` ADD \`recipients\` text NULL`);
        await queryRunner.query(`CREATE INDEX \`IDX_client_report_subject\` ON \`client_report\` (\`subjectId\`)`);
        await queryRunner.query(`CREATE INDEX \`IDX_client_report_ack\` ON \`client_report\` (\`acknowledgedAt\`)`);
        await queryRunner.query(`CREATE INDEX \`IDX_client_report_client_ack\` ON \`client_report\` (\`clientId\`, \`acknowledgedAt\`)`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX \`IDX_client_report_client_ack\` ON \`client_report\``);
        await queryRunner.query(`DROP INDEX \`IDX_client_report_ack\` ON \`client_report\``);
        await queryRunner.query(`DROP INDEX \`IDX_client_report_subject\` ON \`client_report\``);
        await queryRunner.query(`ALTER TABLE \`report_channel_choice\` DROP COLUMN \`recipients\``);
        await queryRunner.query(`ALTER TABLE \`client_report\` DROP COLUMN \`answeredAt\``);
        await queryRunner.query(`ALTER TABLE \`client_report\` DROP COLUMN \`answer\``);
        await queryRunner.query(`ALTER TABLE \`client_report\` DROP COLUMN \`asksAnswer\``);
        await queryRunner.query(`ALTER TABLE \`client_report\` DROP COLUMN \`acknowledgedAt\``);
        await queryRunner.query(`DROP TABLE \`report_link_use\``);
        await queryRunner.query(`DROP INDEX \`IDX_client_report_answer_report\` ON \`client_report_answer\``);
        await queryRunner.query(`DROP TABLE \`client_report_answer\``);
    }

}
