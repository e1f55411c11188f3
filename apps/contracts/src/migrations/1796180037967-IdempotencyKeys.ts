import { MigrationInterface, QueryRunner } from "typeorm";

export class IdempotencyKeys1796180037967 implements MigrationInterface {
    name = 'IdempotencyKeys1796180037967'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE \`idempotency_record\` (\`tokenId\` char(36) NOT NULL, \`key\` varchar(300) NOT NULL, \`fingerprint\` char(64) NOT NULL, \`response\` mediumtext NULL, \`createdAt\` datetime(3) NOT NULL, \`expiresAt\` datetime(3) NOT NULL, INDEX \`IDX_idempotency_record_expires\` (\`expiresAt\`), PRIMARY KEY (\`tokenId\`, \`key\`)) ENGINE=InnoDB`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX \`IDX_idempotency_record_expires\` ON \`idempotency_record\``);
        await queryRunner.query(`DROP TABLE \`idempotency_record\``);
    }

}
