import { MigrationInterface, QueryRunner } from "typeorm";

export class DeliveryChannels1796201735626 implements MigrationInterface {
    name = 'DeliveryChannels1796201735626'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE \`webhook_endpoint\` (\`id\` char(36) NOT NULL, \`clientId\` char(36) NOT NULL, \`url\` varchar(2000) NOT NULL, \`kinds\` text NULL, \`enabled\` tinyint NOT NULL, \`disabledReason\` varchar(300) NULL, \`disabledAt\` datetime(3) NULL, \`secretSealed\` varchar(400) NOT NULL, \`previousSecretSealed\` varchar(400) NULL, \`previousSecretExpiresAt\` datetime(3) NULL, \`secretCreatedAt\` datetime(3) NOT NULL, \`createdAt\` datetime(3) NOT NULL, \`updatedAt\` datetime(3) NOT NULL, INDEX \`IDX_webhook_endpoint_client\` (\`clientId\`, \`id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
        await queryRunner.query(`CREATE TABLE \`client_report_attempt\` (\`id\` char(36) NOT NULL, \`deliveryId\` char(36) NOT NULL, \`reportId\` char(36) NOT NULL, \`clientId\` char(36) NOT NULL, \`attempt\` int NOT NULL, \`at\` datetime(3) NOT NULL, \`outcome\` varchar(10) NOT NULL, \`durationMs\` int NOT NULL, \`responseStatus\` int NULL, \`error\` varchar(500) NULL, \`nextAttemptAt\` datetime(3) NULL, UNIQUE INDEX \`UQ_client_report_attempt_delivery_attempt\` (\`deliveryId\`, \`attempt\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
        await queryRunner.query(`CREATE TABLE \`client_report_delivery\` (\`id\` char(36) NOT NULL, \`reportId\` char(36) NOT NULL, \`clientId\` char(36) NOT NULL, \`channel\` varchar(10) NOT NULL, \`endpointId\` char(36) NULL, \`target\` varchar(2000) NOT NULL, \`status\` varchar(12) NOT NULL, \`attempts\` int NOT NULL DEFAULT '0', \`lastResponseStatus\` int NULL, \`lastError\` varchar(500) NULL, \`lastAttemptAt\` datetime(3) NULL, \`nextAttemptAt\` datetime(3) NULL, \`deliveredAt\` datetime(3) NULL, \`failedAt\` datetime(3) NULL, \`redeliveryOf\` char(36) NULL, \`createdAt\` datetime(3) NOT NULL, \`updatedAt\` datetime(3) NOT NULL, INDEX \`IDX_client_report_delivery_status\` (\`status\`, \`id\`), INDEX \`IDX_client_report_delivery_client_status\` (\`clientId\`, \`status\`, \`id\`), INDEX \`IDX_client_report_delivery_report\` (\`reportId\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
        await queryRunner.query(`CREATE TABLE \`report_channel_choice\` (\`id\` char(36) NOT NULL, \`clientId\` char(36) NOT NULL, \`kind\` varchar(100) NOT NULL, \`email\` tinyint NOT NULL, \`webhook\` tinyint NOT NULL, \`createdAt\` datetime(3) NOT NULL, \`updatedAt\` datetime(3) NOT NULL, UNIQUE INDEX \`UQ_report_channel_choice_client_kind\` (\`clientId\`, \`kind\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
        // Data written before this migration, carried over (added by hand to the generated schema change):
        // each client's webhook becomes its first endpoint, for every kind of report;
        await queryRunner.query(`INSERT INTO \`webhook_endpoint\` (\`id\`, \`clientId\`, \`url\`, \`kinds\`, \`enabled\`, \`disabledReason\`, \`disabledAt\`, \`secretSealed\`, \`previousSecretSealed\`, \`previousSecretExpiresAt\`, \`secretCreatedAt\`, \`createdAt\`, \`updatedAt\`) SELECT UUID(), \`id\`, \`webhookUrl\`, NULL, 1, NULL, NULL, \`webhookSecretSealed\`, NULL, NULL, \`createdAt\`, \`createdAt\`, \`updatedAt\` FROM \`client\` WHERE \`webhookUrl\` IS NOT NULL AND \`webhookSecretSealed\` IS NOT NULL`);
        // each webhook report becomes its delivery to that endpoint, in the state it had;
        await queryRunner.query(`INSERT INTO \`client_report_delivery\` (\`id\`, \`reportId\`, \`clientId\`, \`channel\`, \`endpointId\`, \`target\`, \`status\`, \`attempts\`, \`lastResponseStatus\`, \`lastError\`, \`lastAttemptAt\`, \`nextAttemptAt\`, \`deliveredAt\`, \`failedAt\`, \`redeliveryOf\`, \`createdAt\`, \`updatedAt\`) SELECT UUID(), r.\`id\`, r.\`clientId\`, 'WEBHOOK', e.\`id\`, e.\`url\`, CASE r.\`deliveryStatus\` WHEN 'DELIVERED' THEN 'DELIVERED' WHEN 'FAILED' THEN 'FAILED' ELSE 'PENDING' END, r.\`attempts\`, r.\`lastResponseStatus\`, r.\`lastError\`, NULL, NULL, r.\`deliveredAt\`, CASE WHEN r.\`deliveryStatus\` = 'FAILED' THEN r.\`updatedAt\` END, NULL, r.\`createdAt\`, r.\`updatedAt\` FROM \`client_report\` r JOIN \`webhook_endpoint\` e ON e.\`clientId\` = r.\`clientId\` WHERE r.\`channel\` = 'WEBHOOK'`);
        // a report recorded as NO_CHANNEL was never told to its client: it goes by email now;
        await queryRunner.query(`INSERT INTO \`client_report_delivery\` (\`id\`, \`reportId\`, \`clientId\`, \`channel\`, \`endpointId\`, \`target\`, \`status\`, \`attempts\`, \`lastResponseStatus\`, \`lastError\`, \`lastAttemptAt\`, \`nextAttemptAt\`, \`deliveredAt\`, \`failedAt\`, \`redeliveryOf\`, \`createdAt\`, \`updatedAt\`) SELECT UUID(), r.\`id\`, r.\`clientId\`, 'EMAIL', NULL, c.\`reportEmail\`, 'PENDING', 0, NULL, NULL, NULL, NULL, NULL, NULL, NULL, r.\`createdAt\`, r.\`updatedAt\` FROM \`client_report\` r JOIN \`client\` c ON c.\`id\` = r.\`clientId\` WHERE r.\`deliveryStatus\` = 'NO_CHANNEL'`);
        await queryRunner.query(`UPDATE \`client_report\` SET \`deliveryStatus\` = 'PENDING' WHERE \`deliveryStatus\` = 'NO_CHANNEL'`);
        // and every delivery still pending is handed to the worker afresh (the jobs queued before carry the old payload).
        await queryRunner.query(`INSERT INTO \`outbox_event\` (\`id\`, \`type\`, \`payload\`, \`trace\`, \`createdAt\`, \`publishedAt\`, \`attempts\`, \`lastError\`) SELECT UUID(), 'client-report.deliver', JSON_OBJECT('deliveryId', d.\`id\`, 'reportId', d.\`reportId\`, 'clientId', d.\`clientId\`, 'channel', d.\`channel\`, 'endpointId', d.\`endpointId\`), NULL, UTC_TIMESTAMP(3), NULL, 0, NULL FROM \`client_report_delivery\` d WHERE d.\`status\` = 'PENDING'`);
        await queryRunner.query(`ALTER TABLE \`client\` DROP COLUMN \`webhookUrl\``);
        await queryRunner.query(`ALTER TABLE \`client\` DROP COLUMN \`webhookSecretSealed\``);
        await queryRunner.query(`ALTER TABLE \`client_report\` DROP COLUMN \`channel\``);
        await queryRunner.query(`ALTER TABLE \`client\` ADD \`language\` varchar(2) NOT NULL DEFAULT 'ja'`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE \`client\` DROP COLUMN \`language\``);
        await queryRunner.query(`ALTER TABLE \`client_report\` ADD \`channel\` varchar(10) NOT NULL`);
        await queryRunner.query(`ALTER TABLE \`client\` ADD \`webhookSecretSealed\` varchar(400) NULL`);
        await queryRunner.query(`ALTER TABLE \`client\` ADD \`webhookUrl\` varchar(2000) NULL`);
        await queryRunner.query(`DROP INDEX \`UQ_report_channel_choice_client_kind\` ON \`report_channel_choice\``);
        await queryRunner.query(`DROP TABLE \`report_channel_choice\``);
        await queryRunner.query(`DROP INDEX \`IDX_client_report_delivery_report\` ON \`client_report_delivery\``);
        await queryRunner.query(`DROP INDEX \`IDX_client_report_delivery_client_status\` ON \`client_report_delivery\``);
        await queryRunner.query(`DROP INDEX \`IDX_client_report_delivery_status\` ON \`client_report_delivery\``);
        await queryRunner.query(`DROP TABLE \`client_report_delivery\``);
        await queryRunner.query(`DROP INDEX \`UQ_client_report_attempt_delivery_attempt\` ON \`client_report_attempt\``);
        await queryRunner.query(`DROP TABLE \`client_report_attempt\``);
        await queryRunner.query(`DROP INDEX \`IDX_webhook_endpoint_client\` ON \`webhook_endpoint\``);
        await queryRunner.query(`DROP TABLE \`webhook_endpoint\``);
    }

}
