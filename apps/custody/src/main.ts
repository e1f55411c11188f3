import { createLogger } from '@azukari/common';
import { closeOnSignals } from '@azukari/service-kit';
import { createApp, loadCustodyConfig } from './app';

const log = createLogger('custody');
createApp({ ...loadCustodyConfig(), log })
  .then((app) => closeOnSignals(log, app.close))
  .catch((error: unknown) => {
    log.fatal({ err: error }, 'custody failed to start');
    process.exit(1);
  });
