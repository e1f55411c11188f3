import { createLogger } from '@azukari/common';
import { closeOnSignals } from '@azukari/service-kit';
import { createApp, loadIncidentsConfig } from './app';

const log = createLogger('incidents');
createApp({ ...loadIncidentsConfig(), log })
  .then((app) => closeOnSignals(log, app.close))
  .catch((error: unknown) => {
    log.fatal({ err: error }, 'incidents failed to start');
    process.exit(1);
  });
