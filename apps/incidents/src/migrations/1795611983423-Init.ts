import { MigrationInterface, QueryRunner } from "typeorm";

export class Init1795611983423 implements MigrationInterface {
    name = 'Init1795611983423'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE \`outbox_event\` (\`id\` char(36) NOT NULL, \`type\` varchar(100) NOT NULL, \`payload\` mediumtext NOT NULL, \`trace\` varchar(100) NULL, \`createdAt\` datetime(3) NOT NULL, \`publishedAt\` datetime(3) NULL, \`attempts\` int NOT NULL DEFAULT '0', \`lastError\` varchar(500) NULL, INDEX \`IDX_outbox_event_pending\` (\`publishedAt\`, \`id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
        await queryRunner.query(`CREATE TABLE \`incident\` (\`id\` char(36) NOT NULL, \`kind\` varchar(10) NOT NULL, \`certainty\` varchar(10) NOT NULL, \`detectedAt\` datetime(3) NOT NULL, \`summary\` varchar(2000) NOT NULL, \`status\` varchar(10) NOT NULL, \`reportedAt\` datetime(3) NOT NULL, \`createdAt\` datetime(3) NOT NULL, \`updatedAt\` datetime(3) NOT NULL, PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
        await queryRunner.query(`CREATE TABLE \`incident_contract\` (\`id\` char(36) NOT NULL, \`incidentId\` char(36) NOT NULL, \`contractId\` char(36) NOT NULL, \`clientId\` char(36) NOT NULL, INDEX \`IDX_incident_contract_contract\` (\`contractId\`, \`incidentId\`), INDEX \`IDX_incident_contract_client\` (\`clientId\`, \`incidentId\`), UNIQUE INDEX \`UQ_incident_contract_incident_contract\` (\`incidentId\`, \`contractId\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX \`UQ_incident_contract_incident_contract\` ON \`incident_contract\``);
        await queryRunner.query(`DROP INDEX \`IDX_incident_contract_client\` ON \`incident_contract\``);
        await queryRunner.query(`DROP INDEX \`IDX_incident_contract_contract\` ON \`incident_contract\``);
        await queryRunner.query(`DROP TABLE \`incident_contract\``);
        await queryRunner.query(`DROP TABLE \`incident\``);
        await queryRunner.query(`DROP INDEX \`IDX_outbox_event_pending\` ON \`outbox_event\``);
        await queryRunner.query(`DROP TABLE \`outbox_event\``);
    }

}
