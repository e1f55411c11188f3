import { MigrationInterface, QueryRunner } from "typeorm";

export class Outbox1796169631543 implements MigrationInterface {
    name = 'Outbox1796169631543'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE \`outbox_event\` (\`id\` char(36) NOT NULL, \`type\` varchar(100) NOT NULL, \`payload\` mediumtext NOT NULL, \`trace\` varchar(100) NULL, \`createdAt\` datetime(3) NOT NULL, \`publishedAt\` datetime(3) NULL, \`attempts\` int NOT NULL DEFAULT '0', \`lastError\` varchar(500) NULL, INDEX \`IDX_outbox_event_pending\` (\`publishedAt\`, \`id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
        await queryRunner.query(`CREATE TABLE \`processed_event\` (\`jobId\` varchar(120) NOT NULL, \`consumer\` varchar(100) NOT NULL, \`processedAt\` datetime(3) NOT NULL, PRIMARY KEY (\`jobId\`)) ENGINE=InnoDB`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP TABLE \`processed_event\``);
        await queryRunner.query(`DROP INDEX \`IDX_outbox_event_pending\` ON \`outbox_event\``);
        await queryRunner.query(`DROP TABLE \`outbox_event\``);
    }

}
