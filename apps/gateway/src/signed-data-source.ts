/**
 * Each subgraph request carries a principal signed for that subgraph alone (audience = its name),
 * valid for about a minute: a subgraph refuses any request without one.
 */
import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { CredentialIssuer } from '@azukari/common';
import type { GatewayContext } from './context';

export class SignedDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(
    private readonly subgraph: string,
    url: string,
    private readonly issuer: CredentialIssuer,
  ) {
    super({ url });
  }

  override async willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<void> {
    const principal = 'principal' in context ? (context as GatewayContext).principal : null;
    if (!principal) return;
    const credential = await this.issuer.sign(this.subgraph, { caller: principal });
    request.http?.headers.set('authorization', `Bearer ${credential}`);
    const trace = (context as GatewayContext).trace;
    if (trace) request.http?.headers.set('traceparent', trace);
  }
}
