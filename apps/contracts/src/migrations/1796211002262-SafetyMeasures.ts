import { MigrationInterface, QueryRunner } from "typeorm";

export class SafetyMeasures1796211002262 implements MigrationInterface {
    name = 'SafetyMeasures1796211002262'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE \`contract_safety_measure\` (\`id\` char(36) NOT NULL, \`clientId\` char(36) NOT NULL, \`contractId\` char(36) NOT NULL, \`measureId\` char(36) NOT NULL, \`appliedVersion\` int NOT NULL, \`appliedAt\` datetime(3) NOT NULL, \`unappliedAt\` datetime(3) NULL, \`updatedAt\` datetime(3) NOT NULL, INDEX \`IDX_contract_safety_measure_measure\` (\`measureId\`, \`contractId\`), UNIQUE INDEX \`UQ_contract_safety_measure\` (\`contractId\`, \`measureId\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
        await queryRunner.query(`CREATE TABLE \`safety_measure\` (\`id\` char(36) NOT NULL, \`clientId\` char(36) NULL, \`contractId\` char(36) NULL, \`category\` varchar(20) NOT NULL, \`title\` varchar(300) NOT NULL, \`description\` varchar(4000) NOT NULL, \`owner\` varchar(300) NOT NULL, \`version\` int NOT NULL, \`status\` varchar(10) NOT NULL, \`retiredAt\` datetime(3) NULL, \`createdAt\` datetime(3) NOT NULL, \`updatedAt\` datetime(3) NOT NULL, INDEX \`IDX_safety_measure_client\` (\`clientId\`, \`id\`), INDEX \`IDX_safety_measure_contract\` (\`contractId\`, \`id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
        await queryRunner.query(`CREATE TABLE \`safety_measure_version\` (\`id\` char(36) NOT NULL, \`measureId\` char(36) NOT NULL, \`clientId\` char(36) NULL, \`version\` int NOT NULL, \`changeKind\` varchar(10) NOT NULL, \`changeSummary\` varchar(1000) NOT NULL, \`category\` varchar(20) NOT NULL, \`title\` varchar(300) NOT NULL, \`description\` varchar(4000) NOT NULL, \`owner\` varchar(300) NOT NULL, \`status\` varchar(10) NOT NULL, \`changedAt\` datetime(3) NOT NULL, \`changedByEmployeeId\` char(36) NULL, \`changedByTokenId\` char(36) NOT NULL, UNIQUE INDEX \`UQ_safety_measure_version\` (\`measureId\`, \`version\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
        await queryRunner.query(`CREATE TABLE \`safety_measure_challenge\` (\`id\` char(36) NOT NULL, \`clientId\` char(36) NOT NULL, \`measureId\` char(36) NULL, \`reportId\` char(36) NULL, \`contractIds\` text NOT NULL, \`status\` varchar(10) NOT NULL, \`openKey\` varchar(36) NULL, \`openedVia\` varchar(12) NOT NULL, \`serviceContent\` varchar(1000) NULL, \`serviceScale\` varchar(1000) NULL, \`serviceFees\` varchar(1000) NULL, \`outcome\` varchar(30) NULL, \`outcomeText\` varchar(4000) NULL, \`closedAt\` datetime(3) NULL, \`closedByEmployeeId\` char(36) NULL, \`closedByTokenId\` char(36) NULL, \`createdAt\` datetime(3) NOT NULL, \`updatedAt\` datetime(3) NOT NULL, UNIQUE INDEX \`UQ_safety_measure_challenge_open\` (\`clientId\`, \`openKey\`), INDEX \`IDX_safety_measure_challenge_client\` (\`clientId\`, \`id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
        await queryRunner.query(`CREATE TABLE \`safety_measure_challenge_message\` (\`id\` char(36) NOT NULL, \`clientId\` char(36) NOT NULL, \`challengeId\` char(36) NOT NULL, \`side\` varchar(10) NOT NULL, \`via\` varchar(12) NOT NULL, \`authorTokenId\` char(36) NULL, \`authorEmployeeId\` char(36) NULL, \`authorAddress\` varchar(320) NULL, \`body\` varchar(4000) NOT NULL, \`createdAt\` datetime(3) NOT NULL, INDEX \`IDX_safety_measure_challenge_message_thread\` (\`challengeId\`, \`id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX \`IDX_safety_measure_challenge_message_thread\` ON \`safety_measure_challenge_message\``);
        await queryRunner.query(`DROP TABLE \`safety_measure_challenge_message\``);
        await queryRunner.query(`DROP INDEX \`IDX_safety_measure_challenge_client\` ON \`safety_measure_challenge\``);
        await queryRunner.query(`DROP INDEX \`UQ_safety_measure_challenge_open\` ON \`safety_measure_challenge\``);
        await queryRunner.query(`DROP TABLE \`safety_measure_challenge\``);
        await queryRunner.query(`DROP INDEX \`UQ_safety_measure_version\` ON \`safety_measure_version\``);
        await queryRunner.query(`DROP TABLE \`safety_measure_version\``);
        await queryRunner.query(`DROP INDEX \`IDX_safety_measure_contract\` ON \`safety_measure\``);
        await queryRunner.query(`DROP INDEX \`IDX_safety_measure_client\` ON \`safety_measure\``);
        await queryRunner.query(`DROP TABLE \`safety_measure\``);
        await queryRunner.query(`DROP INDEX \`UQ_contract_safety_measure\` ON \`contract_safety_measure\``);
        await queryRunner.query(`DROP INDEX \`IDX_contract_safety_measure_measure\` ON \`contract_safety_measure\``);
        await queryRunner.query(`DROP TABLE \`contract_safety_measure\``);
    }

}
