/** Build step: writes schema.graphql from the code; CI fails if it differs from the committed one. */
import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { printFederatedSchema } from '@azukari/service-kit';
import { buildIncidentsSchema } from './schema';

void buildIncidentsSchema().then((schema) => {
  writeFileSync(join(__dirname, '..', 'schema.graphql'), printFederatedSchema(schema));
});
