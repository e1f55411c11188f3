/**
 * A stand-in for another service's internal routes, built from the same route definitions and
 * served by the same helper as the real owner: it verifies the service credential for the owner's
 * audience, checks the caller, parses the request and checks its own answer. It records what it
 * was asked, so a test can assert on the calls.
 */
import { CredentialVerifier, createLogger, type Principal, type ServiceName } from '@azukari/common';
import { startHttpService, type RouteImplementation } from '@azukari/service-kit';

/** Stand-ins implement routes as owners do. */
export { implement } from '@azukari/service-kit';
import { testKeys } from './keys';

export interface RecordedCall {
  path: string;
  issuer: string;
  caller: Principal | null;
  body: unknown;
}

export interface StandIn {
  url: string;
  calls: RecordedCall[];
  close(): Promise<void>;
}

export const standIn = async (owner: ServiceName, implementations: readonly RouteImplementation[]): Promise<StandIn> => {
  const calls: RecordedCall[] = [];
  const recorded = implementations.map((implementation): RouteImplementation => ({
    route: implementation.route,
    handle: async (request, call) => {
      calls.push({ path: implementation.route.path, issuer: call.credential.issuer, caller: call.caller, body: request });
      return await implementation.handle(request, call);
    },
  }));
  const http = await startHttpService({
    name: owner,
    port: 0,
    log: createLogger(`${owner}-stand-in`, 'silent'),
    verifier: new CredentialVerifier(owner, (await testKeys()).trusted),
    routes: recorded,
    readiness: async () => ({}),
  });
  return { url: http.url, calls, close: http.close };
};
