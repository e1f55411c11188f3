import { MigrationInterface, QueryRunner } from "typeorm";

export class Init1795612147129 implements MigrationInterface {
    name = 'Init1795612147129'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE \`custodianship\` (\`id\` char(36) NOT NULL, \`assetId\` char(36) NOT NULL, \`employeeId\` char(36) NOT NULL, \`contractId\` char(36) NOT NULL, \`clientId\` char(36) NOT NULL, \`since\` datetime(3) NOT NULL, \`until\` datetime(3) NULL, \`currentAssetId\` char(36) NULL, UNIQUE INDEX \`UQ_custodianship_current_asset\` (\`currentAssetId\`), INDEX \`IDX_custodianship_employee\` (\`employeeId\`, \`clientId\`), INDEX \`IDX_custodianship_asset\` (\`assetId\`, \`id\`), INDEX \`IDX_custodianship_client_asset\` (\`clientId\`, \`assetId\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
        await queryRunner.query(`CREATE TABLE \`employee\` (\`id\` char(36) NOT NULL, \`name\` varchar(200) NOT NULL, \`email\` varchar(254) NOT NULL, \`kind\` varchar(30) NOT NULL, \`status\` varchar(10) NOT NULL, \`createdAt\` datetime(3) NOT NULL, \`updatedAt\` datetime(3) NOT NULL, UNIQUE INDEX \`UQ_employee_email\` (\`email\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX \`UQ_employee_email\` ON \`employee\``);
        await queryRunner.query(`DROP TABLE \`employee\``);
        await queryRunner.query(`DROP INDEX \`IDX_custodianship_client_asset\` ON \`custodianship\``);
        await queryRunner.query(`DROP INDEX \`IDX_custodianship_asset\` ON \`custodianship\``);
        await queryRunner.query(`DROP INDEX \`IDX_custodianship_employee\` ON \`custodianship\``);
        await queryRunner.query(`DROP INDEX \`UQ_custodianship_current_asset\` ON \`custodianship\``);
        await queryRunner.query(`DROP TABLE \`custodianship\``);
    }

}
