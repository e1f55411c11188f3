/**
 * `pnpm audit:verify [service] [chain]`, for one service: verifies one chain (a client id, or
 * 'operator') or every chain of its database, prints one line per chain, and exits 1 when a link
 * is broken, so an operator or a scheduled check sees it.
 */
import { createLogger, databaseSettings, databaseUrlFrom, parseEnv, type SubgraphName } from '@azukari/common';
import type { DataSource } from 'typeorm';
import { verifyChain } from './audit-chain';

export const runAuditVerifyCommand = (service: SubgraphName, make: (url: string) => DataSource): void => {
  const log = createLogger(`${service}-audit-verify`);
  const [chain] = process.argv.slice(2);
  const run = async (): Promise<number> => {
    const dataSource = make(databaseUrlFrom(service, parseEnv(databaseSettings(service))));
    await dataSource.initialize();
    try {
      const chains = chain
        ? [chain]
        : ((await dataSource.query('SELECT chain FROM audit_chain_head ORDER BY chain')) as { chain: string }[]).map((r) => r.chain);
      let broken = 0;
      for (const name of chains) {
        const result = await verifyChain(dataSource, name);
        if (result.intact) console.log(`${service} ${name}: intact, ${result.entries} entries`);
        else {
          broken += 1;
          console.log(
            `${service} ${name}: BROKEN at entry ${result.firstBrokenSeq}: ${result.reason} (${result.entries} entries hold before it)`,
          );
        }
      }
      if (chains.length === 0) console.log(`${service}: no audit chains yet`);
      return broken > 0 ? 1 : 0;
    } finally {
      await dataSource.destroy();
    }
  };
  run().then(
    (code) => process.exit(code),
    (error: unknown) => {
      log.fatal({ err: error }, 'audit verification failed');
      process.exit(2);
    },
  );
};
