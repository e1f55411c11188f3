import { MigrationInterface, QueryRunner } from "typeorm";

export class ContractLifeAndWrittenConsents1796210925379 implements MigrationInterface {
    name = 'ContractLifeAndWrittenConsents1796210925379'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE \`contract_purpose_version\` (\`id\` char(36) NOT NULL, \`clientId\` char(36) NOT NULL, \`contractId\` char(36) NOT NULL, \`version\` int NOT NULL, \`purposes\` text NOT NULL, \`reason\` varchar(1000) NULL, \`changedByTokenId\` char(36) NOT NULL, \`changedByEmployeeId\` char(36) NULL, \`changedAt\` datetime(3) NOT NULL, UNIQUE INDEX \`UQ_contract_purpose_version\` (\`contractId\`, \`version\`), INDEX \`IDX_contract_purpose_version_client\` (\`clientId\`, \`id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
        await queryRunner.query(`CREATE TABLE \`written_consent\` (\`id\` char(36) NOT NULL, \`clientId\` char(36) NOT NULL, \`contractId\` char(36) NOT NULL, \`kind\` varchar(20) NOT NULL, \`purposes\` text NULL, \`assetIds\` text NULL, \`subcontractorId\` char(36) NULL, \`documentSha256\` varchar(64) NOT NULL, \`grantedByName\` varchar(200) NOT NULL, \`grantedByTitle\` varchar(200) NOT NULL, \`grantedAt\` datetime(3) NOT NULL, \`expiresAt\` datetime(3) NULL, \`source\` varchar(10) NOT NULL, \`recordedByTokenId\` char(36) NOT NULL, \`recordedByEmployeeId\` char(36) NULL, \`revokedAt\` datetime(3) NULL, \`revokedByTokenId\` char(36) NULL, \`revokedByEmployeeId\` char(36) NULL, \`revocationReason\` varchar(1000) NULL, \`createdAt\` datetime(3) NOT NULL, \`updatedAt\` datetime(3) NOT NULL, INDEX \`IDX_written_consent_contract\` (\`contractId\`, \`kind\`), INDEX \`IDX_written_consent_client\` (\`clientId\`, \`id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
        await queryRunner.query(`ALTER TABLE \`contract\` ADD \`purposeVersion\` int NOT NULL DEFAULT '1'`);
        await queryRunner.query(`ALTER TABLE \`contract\` ADD \`serviceEndedOn\` date NULL`);
        await queryRunner.query(`ALTER TABLE \`contract\` ADD \`terminationReason\` varchar(1000) NULL`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE \`contract\` DROP COLUMN \`terminationReason\``);
        await queryRunner.query(`ALTER TABLE \`contract\` DROP COLUMN \`serviceEndedOn\``);
        await queryRunner.query(`ALTER TABLE \`contract\` DROP COLUMN \`purposeVersion\``);
        await queryRunner.query(`DROP INDEX \`IDX_written_consent_client\` ON \`written_consent\``);
        await queryRunner.query(`DROP INDEX \`IDX_written_consent_contract\` ON \`written_consent\``);
        await queryRunner.query(`DROP TABLE \`written_consent\``);
        await queryRunner.query(`DROP INDEX \`IDX_contract_purpose_version_client\` ON \`contract_purpose_version\``);
        await queryRunner.query(`DROP INDEX \`UQ_contract_purpose_version\` ON \`contract_purpose_version\``);
        await queryRunner.query(`DROP TABLE \`contract_purpose_version\``);
    }

}
