/** References to the contracts subgraph's Contract, which reach incidents for Contract.incidents. */
import { contractRef, type Contract } from './contract.type';

export const contractReferences = {
  Contract: {
    // Only the key the caller sent comes back: nothing is loaded or revealed here, so there is no
    // rule to apply. Contract.incidents carries its own rule and is scoped in the repository.
    __resolveReference: (ref: { id: string }): Contract => contractRef(ref.id),
  },
};
