import { MigrationInterface, QueryRunner } from "typeorm";

export class ProcessedEvents1796169663694 implements MigrationInterface {
    name = 'ProcessedEvents1796169663694'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE \`processed_event\` (\`jobId\` varchar(120) NOT NULL, \`consumer\` varchar(100) NOT NULL, \`processedAt\` datetime(3) NOT NULL, PRIMARY KEY (\`jobId\`)) ENGINE=InnoDB`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP TABLE \`processed_event\``);
    }

}
