import { createLogger } from '@azukari/common';
import { closeOnSignals } from '@azukari/service-kit';
import { createApp, loadContractsConfig } from './app';

const log = createLogger('contracts');
createApp({ ...loadContractsConfig(), log })
  .then((app) => closeOnSignals(log, app.close))
  .catch((error: unknown) => {
    log.fatal({ err: error }, 'contracts failed to start');
    process.exit(1);
  });
