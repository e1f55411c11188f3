import { createLogger } from '@azukari/common';
import { closeOnSignals } from '@azukari/service-kit';
import { createApp, loadPersonnelConfig } from './app';

const log = createLogger('personnel');
createApp({ ...loadPersonnelConfig(), log })
  .then((app) => closeOnSignals(log, app.close))
  .catch((error: unknown) => {
    log.fatal({ err: error }, 'personnel failed to start');
    process.exit(1);
  });
