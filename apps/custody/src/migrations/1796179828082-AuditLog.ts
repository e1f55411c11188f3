import { MigrationInterface, QueryRunner } from "typeorm";

export class AuditLog1796179828082 implements MigrationInterface {
    name = 'AuditLog1796179828082'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE \`audit_entry\` (\`chain\` varchar(36) NOT NULL, \`seq\` bigint UNSIGNED NOT NULL, \`prevHash\` varchar(64) NOT NULL, \`hash\` varchar(64) NOT NULL, \`at\` datetime(3) NOT NULL, \`service\` varchar(40) NOT NULL, \`actorKind\` varchar(20) NOT NULL, \`actorId\` varchar(100) NOT NULL, \`via\` varchar(40) NULL, \`action\` varchar(20) NOT NULL, \`objects\` mediumtext NOT NULL, \`fields\` text NULL, \`purpose\` varchar(200) NULL, \`requestId\` varchar(32) NOT NULL, PRIMARY KEY (\`chain\`, \`seq\`)) ENGINE=InnoDB`);
        await queryRunner.query(`CREATE TABLE \`audit_chain_head\` (\`chain\` varchar(36) NOT NULL, \`seq\` bigint UNSIGNED NOT NULL, \`hash\` varchar(64) NOT NULL, PRIMARY KEY (\`chain\`)) ENGINE=InnoDB`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP TABLE \`audit_chain_head\``);
        await queryRunner.query(`DROP TABLE \`audit_entry\``);
    }

}
