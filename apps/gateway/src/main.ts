import { createLogger } from '@azukari/common';
import { createApp, loadGatewayConfig } from './gateway';

const log = createLogger('gateway');
createApp({ ...loadGatewayConfig(), log })
  .then((app) => {
    const close = () => {
      app.close().then(
        () => process.exit(0),
        () => process.exit(1),
      );
    };
    process.on('SIGTERM', close);
    process.on('SIGINT', close);
  })
  .catch((error: unknown) => {
    log.fatal({ err: error }, 'gateway failed to start');
    process.exit(1);
  });
