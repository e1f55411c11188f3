import { MigrationInterface, QueryRunner } from "typeorm";

export class ReportEscalation1796203390516 implements MigrationInterface {
    name = 'ReportEscalation1796203390516'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE \`client_report\` ADD \`escalatedAt\` datetime(3) NULL`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE \`client_report\` DROP COLUMN \`escalatedAt\``);
    }

}
