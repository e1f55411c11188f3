/**
 * Each subgraph request carries a principal signed for that subgraph alone (audience = its name),
 * valid for about a minute: a subgraph refuses any request without one. A failed fetch answers
 * with errors the caller can act on (subgraph-failure.ts): the subgraph's own refusal, or
 * SERVICE_UNAVAILABLE on each field the subgraph could not fill in. An entity fetch asks for each
 * distinct entity once (distinct-representations.ts).
 */
import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import {
  IDEMPOTENCY_FINGERPRINT_HEADER,
  IDEMPOTENCY_KEY_HEADER,
  IDEMPOTENCY_STEP_HEADER,
  PURPOSE_HEADER,
  type CredentialIssuer,
  type Logger,
} from '@azukari/common';
import type { GatewayContext } from './context';
import { distinctRepresentations, spreadOverOccurrences } from './distinct-representations';
import { errorsInRefusal, unavailableErrors } from './subgraph-failure';

type SubgraphResponse = Awaited<ReturnType<RemoteGraphQLDataSource['process']>>;

export class SignedDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(
    private readonly subgraph: string,
    url: string,
    private readonly issuer: CredentialIssuer,
    private readonly log: Logger,
  ) {
    super({ url });
  }

  override async willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<void> {
    const principal = 'principal' in context ? (context as GatewayContext).principal : null;
    if (!principal) return;
    const credential = await this.issuer.sign(this.subgraph, { caller: principal });
    request.http?.headers.set('authorization', `Bearer ${credential}`);
    const { trace, purpose, idempotency, mutationSteps } = context as GatewayContext;
    const headers = request.http?.headers;
    if (!headers) return;
    if (trace) headers.set('traceparent', trace);
    if (purpose) headers.set(PURPOSE_HEADER, encodeURIComponent(purpose));
    // Only mutation fetches carry the key; a subgraph reached twice by one mutation counts its steps.
    if (idempotency && request.query && /^\s*mutation\b/.test(request.query)) {
      const step = (mutationSteps.get(this.subgraph) ?? 0) + 1;
      mutationSteps.set(this.subgraph, step);
      headers.set(IDEMPOTENCY_KEY_HEADER, idempotency.key);
      headers.set(IDEMPOTENCY_FINGERPRINT_HEADER, idempotency.fingerprint);
      headers.set(IDEMPOTENCY_STEP_HEADER, String(step));
    }
  }

  override async process(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<SubgraphResponse> {
    const sent = options.request.variables?.representations;
    const distinct = Array.isArray(sent) ? distinctRepresentations(sent) : null;
    try {
      if (!distinct) return await super.process(options);
      const variables = { ...options.request.variables, representations: distinct.distinct };
      const response = await super.process({ ...options, request: { ...options.request, variables } });
      return spreadOverOccurrences(response, distinct);
    } catch (error) {
      // Only a caller's operation has fields to answer for; health checks keep their failure.
      if (!('incomingRequestContext' in options) || !options.request.query) throw error;
      const refusal = errorsInRefusal(error);
      if (refusal) return distinct ? spreadOverOccurrences({ errors: refusal }, distinct) : { errors: refusal };
      this.log.warn({ err: error, subgraph: this.subgraph }, 'a subgraph did not answer');
      // One error per occurrence: the executor places each at its entity's path.
      return {
        errors: unavailableErrors(this.subgraph, options.request.query, Array.isArray(sent) ? sent : undefined),
      };
    }
  }
}
