import { MigrationInterface, QueryRunner } from "typeorm";

export class Init1795611341749 implements MigrationInterface {
    name = 'Init1795611341749'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE \`outbox_event\` (\`id\` char(36) NOT NULL, \`type\` varchar(100) NOT NULL, \`payload\` mediumtext NOT NULL, \`trace\` varchar(100) NULL, \`createdAt\` datetime(3) NOT NULL, \`publishedAt\` datetime(3) NULL, \`attempts\` int NOT NULL DEFAULT '0', \`lastError\` varchar(500) NULL, INDEX \`IDX_outbox_event_pending\` (\`publishedAt\`, \`id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
        await queryRunner.query(`CREATE TABLE \`processed_event\` (\`jobId\` varchar(120) NOT NULL, \`consumer\` varchar(100) NOT NULL, \`processedAt\` datetime(3) NOT NULL, PRIMARY KEY (\`jobId\`)) ENGINE=InnoDB`);
        await queryRunner.query(`CREATE TABLE \`api_token\` (\`id\` char(36) NOT NULL, \`kind\` varchar(10) NOT NULL, \`label\` varchar(100) NOT NULL, \`hmac\` char(64) NOT NULL, \`displayPrefix\` varchar(12) NOT NULL, \`role\` varchar(20) NULL, \`employeeId\` char(36) NULL, \`clientId\` char(36) NULL, \`scopes\` text NOT NULL, \`bootstrap\` tinyint NOT NULL DEFAULT 0, \`createdByTokenId\` char(36) NULL, \`createdAt\` datetime(3) NOT NULL, \`expiresAt\` datetime(3) NULL, \`revokedAt\` datetime(3) NULL, INDEX \`IDX_api_token_client\` (\`clientId\`, \`id\`), UNIQUE INDEX \`UQ_api_token_hmac\` (\`hmac\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
        await queryRunner.query(`CREATE TABLE \`client\` (\`id\` char(36) NOT NULL, \`name\` varchar(200) NOT NULL, \`address\` varchar(500) NOT NULL, \`reportEmail\` varchar(254) NOT NULL, \`webhookUrl\` varchar(2000) NULL, \`webhookSecretSealed\` varchar(400) NULL, \`createdAt\` datetime(3) NOT NULL, \`updatedAt\` datetime(3) NOT NULL, UNIQUE INDEX \`UQ_client_name\` (\`name\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
        await queryRunner.query(`CREATE TABLE \`client_report\` (\`id\` char(36) NOT NULL, \`clientId\` char(36) NOT NULL, \`kind\` varchar(100) NOT NULL, \`article\` varchar(20) NOT NULL, \`subjectId\` char(36) NOT NULL, \`sourceJobId\` varchar(120) NOT NULL, \`body\` mediumtext NOT NULL, \`channel\` varchar(10) NOT NULL, \`deliveryStatus\` varchar(12) NOT NULL, \`attempts\` int NOT NULL DEFAULT '0', \`lastResponseStatus\` int NULL, \`lastError\` varchar(500) NULL, \`deliveredAt\` datetime(3) NULL, \`createdAt\` datetime(3) NOT NULL, \`updatedAt\` datetime(3) NOT NULL, INDEX \`IDX_client_report_client\` (\`clientId\`, \`id\`), UNIQUE INDEX \`UQ_client_report_event_client\` (\`sourceJobId\`, \`clientId\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
        await queryRunner.query(`CREATE TABLE \`contract\` (\`id\` char(36) NOT NULL, \`clientId\` char(36) NOT NULL, \`title\` varchar(300) NOT NULL, \`purposes\` text NOT NULL, \`executedOn\` date NOT NULL, \`startsOn\` date NOT NULL, \`endsOn\` date NULL, \`status\` varchar(20) NOT NULL, \`createdAt\` datetime(3) NOT NULL, \`updatedAt\` datetime(3) NOT NULL, INDEX \`IDX_contract_client\` (\`clientId\`, \`id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX \`IDX_contract_client\` ON \`contract\``);
        await queryRunner.query(`DROP TABLE \`contract\``);
        await queryRunner.query(`DROP INDEX \`UQ_client_report_event_client\` ON \`client_report\``);
        await queryRunner.query(`DROP INDEX \`IDX_client_report_client\` ON \`client_report\``);
        await queryRunner.query(`DROP TABLE \`client_report\``);
        await queryRunner.query(`DROP INDEX \`UQ_client_name\` ON \`client\``);
        await queryRunner.query(`DROP TABLE \`client\``);
        await queryRunner.query(`DROP INDEX \`UQ_api_token_hmac\` ON \`api_token\``);
        await queryRunner.query(`DROP INDEX \`IDX_api_token_client\` ON \`api_token\``);
        await queryRunner.query(`DROP TABLE \`api_token\``);
        await queryRunner.query(`DROP TABLE \`processed_event\``);
        await queryRunner.query(`DROP INDEX \`IDX_outbox_event_pending\` ON \`outbox_event\``);
        await queryRunner.query(`DROP TABLE \`outbox_event\``);
    }

}
