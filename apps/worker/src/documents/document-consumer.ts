/**
 * The worker's consumer of the documents queue: renders one document at a time, since a render
 * keeps a core busy and this machine's others serve deliveries. Stored where configuration says.
 */
import type { Worker } from 'bullmq';
import type { Clock, Logger, ServiceClient } from '@azukari/common';
import { createDocumentStore, loadDocumentStoreConfig } from '@azukari/documents';
import { QueueName, RenderDocument, handle, startConsumer, type QueueSettings } from '@azukari/jobs';
import type { WorkerConfig } from '../config';
import { loadDocumentFonts } from './fonts';
import { renderDocument } from './render-document.processor';

export interface DocumentConsumerDeps {
  config: WorkerConfig;
  services: ServiceClient;
  clock: Clock;
  settings: QueueSettings;
  log: Logger;
}

export const documentConsumer = ({ config, services, clock, settings, log }: DocumentConsumerDeps): Worker =>
  startConsumer(
    QueueName.DOCUMENTS,
    [
      handle(
        RenderDocument,
        renderDocument({
          services,
          clock,
          store: createDocumentStore(config.documents ?? loadDocumentStoreConfig({})),
          fonts: loadDocumentFonts,
        }),
      ),
    ],
    settings,
    log,
    { concurrency: 1 },
  );
