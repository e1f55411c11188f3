import { MigrationInterface, QueryRunner } from "typeorm";

export class ContractStatusIndex1796191985416 implements MigrationInterface {
    name = 'ContractStatusIndex1796191985416'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE INDEX \`IDX_data_asset_contract_status\` ON \`data_asset\` (\`contractId\`, \`status\`, \`id\`)`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX \`IDX_data_asset_contract_status\` ON \`data_asset\``);
    }

}
