import { MigrationInterface, QueryRunner } from "typeorm";

export class ClientReportDue1796169628186 implements MigrationInterface {
    name = 'ClientReportDue1796169628186'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE \`client_report\` ADD \`subjectType\` varchar(60) NOT NULL`);
        await queryRunner.query(`ALTER TABLE \`client_report\` ADD \`contractIds\` text NOT NULL`);
        await queryRunner.query(`ALTER TABLE \`client_report\` ADD \`dueAt\` datetime(3) NOT NULL`);
        await queryRunner.query(`CREATE INDEX \`IDX_client_report_due\` ON \`client_report\` (\`dueAt\`)`);
        await queryRunner.query(`CREATE INDEX \`IDX_client_report_client_due\` ON \`client_report\` (\`clientId\`, \`dueAt\`)`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX \`IDX_client_report_client_due\` ON \`client_report\``);
        await queryRunner.query(`DROP INDEX \`IDX_client_report_due\` ON \`client_report\``);
        await queryRunner.query(`ALTER TABLE \`client_report\` DROP COLUMN \`dueAt\``);
        await queryRunner.query(`ALTER TABLE \`client_report\` DROP COLUMN \`contractIds\``);
        await queryRunner.query(`ALTER TABLE \`client_report\` DROP COLUMN \`subjectType\``);
    }

}
