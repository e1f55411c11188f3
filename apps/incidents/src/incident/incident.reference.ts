/** Entity references from other subgraphs, batched per request and scoped in the data layer. */
import { isAllowed } from '@azukari/service-kit';
import type { IncidentsContext } from '../context';
import { toIncident, type Incident } from './incident.type';
import { READ_INCIDENTS } from './incident.rules';

export const incidentReferences = {
  Incident: {
    // __resolveReference bypasses @Authorized: the same rule is applied here.
    __resolveReference: async (ref: { id: string }, ctx: IncidentsContext): Promise<Incident | null> => {
      if (!isAllowed(ctx.principal, READ_INCIDENTS)) return null;
      const row = await ctx.loaders.incident.load(ref.id);
      return row ? toIncident(row) : null;
    },
  },
};
