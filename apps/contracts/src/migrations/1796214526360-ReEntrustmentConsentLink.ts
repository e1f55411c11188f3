import { MigrationInterface, QueryRunner } from "typeorm";

export class ReEntrustmentConsentLink1796214526360 implements MigrationInterface {
    name = 'ReEntrustmentConsentLink1796214526360'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE \`written_consent\` ADD \`recordedByAddress\` varchar(320) NULL`);
        await queryRunner.query(`ALTER TABLE \`re_entrustment\` ADD \`writtenConsentId\` char(36) NULL`);
        await queryRunner.query(`ALTER TABLE \`contract_purpose_version\` CHANGE \`changedByTokenId\` \`changedByTokenId\` char(36) NULL`);
        await queryRunner.query(`ALTER TABLE \`written_consent\` CHANGE \`grantedByTitle\` \`grantedByTitle\` varchar(200) NULL`);
        await queryRunner.query(`ALTER TABLE \`written_consent\` CHANGE \`recordedByTokenId\` \`recordedByTokenId\` char(36) NULL`);
        // Carried over: every contract made before purpose versions were kept gets its version 1, the
        // purposes it holds, dated when it was made and by no token (none was recorded then).
        await queryRunner.query(`INSERT INTO \`contract_purpose_version\` (\`id\`, \`clientId\`, \`contractId\`, \`version\`, \`purposes\`, \`reason\`, \`changedByTokenId\`, \`changedByEmployeeId\`, \`changedAt\`) SELECT UUID(), c.\`clientId\`, c.\`id\`, 1, c.\`purposes\`, NULL, NULL, NULL, c.\`createdAt\` FROM \`contract\` c WHERE NOT EXISTS (SELECT 1 FROM \`contract_purpose_version\` v WHERE v.\`contractId\` = c.\`id\`)`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DELETE FROM \`contract_purpose_version\` WHERE \`changedByTokenId\` IS NULL`);
        await queryRunner.query(`ALTER TABLE \`written_consent\` CHANGE \`recordedByTokenId\` \`recordedByTokenId\` char(36) NOT NULL`);
        await queryRunner.query(`ALTER TABLE \`written_consent\` CHANGE \`grantedByTitle\` \`grantedByTitle\` varchar(200) NOT NULL`);
        await queryRunner.query(`ALTER TABLE \`contract_purpose_version\` CHANGE \`changedByTokenId\` \`changedByTokenId\` char(36) NOT NULL`);
        await queryRunner.query(`ALTER TABLE \`re_entrustment\` DROP COLUMN \`writtenConsentId\``);
        await queryRunner.query(`ALTER TABLE \`written_consent\` DROP COLUMN \`recordedByAddress\``);
    }

}
