import { closeOnSignals, createLogger } from '@azukari/common';
import { createApp, loadWorkerConfig } from './app';

const log = createLogger('worker');
createApp({ ...loadWorkerConfig(), log })
  .then((app) => closeOnSignals(log, app.close))
  .catch((error: unknown) => {
    log.fatal({ err: error }, 'worker failed to start');
    process.exit(1);
  });
