import { MigrationInterface, QueryRunner } from "typeorm";

export class Init1795611970989 implements MigrationInterface {
    name = 'Init1795611970989'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE \`outbox_event\` (\`id\` char(36) NOT NULL, \`type\` varchar(100) NOT NULL, \`payload\` mediumtext NOT NULL, \`trace\` varchar(100) NULL, \`createdAt\` datetime(3) NOT NULL, \`publishedAt\` datetime(3) NULL, \`attempts\` int NOT NULL DEFAULT '0', \`lastError\` varchar(500) NULL, INDEX \`IDX_outbox_event_pending\` (\`publishedAt\`, \`id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
        await queryRunner.query(`CREATE TABLE \`data_asset\` (\`id\` char(36) NOT NULL, \`contractId\` char(36) NOT NULL, \`clientId\` char(36) NOT NULL, \`name\` varchar(200) NOT NULL, \`form\` varchar(10) NOT NULL, \`location\` varchar(300) NOT NULL, \`recordCount\` int NOT NULL, \`status\` varchar(10) NOT NULL, \`receivedAt\` datetime(3) NOT NULL, \`createdAt\` datetime(3) NOT NULL, \`updatedAt\` datetime(3) NOT NULL, INDEX \`IDX_data_asset_contract\` (\`contractId\`, \`id\`), INDEX \`IDX_data_asset_client\` (\`clientId\`, \`id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX \`IDX_data_asset_client\` ON \`data_asset\``);
        await queryRunner.query(`DROP INDEX \`IDX_data_asset_contract\` ON \`data_asset\``);
        await queryRunner.query(`DROP TABLE \`data_asset\``);
        await queryRunner.query(`DROP INDEX \`IDX_outbox_event_pending\` ON \`outbox_event\``);
        await queryRunner.query(`DROP TABLE \`outbox_event\``);
    }

}
