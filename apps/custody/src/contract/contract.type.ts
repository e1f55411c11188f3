/**
 * The contracts subgraph's Contract, as custody knows it: its key alone. Custody adds
 * `Contract.assets` to it and points `DataAsset.contract` at it; the gateway resolves every other
 * field from contracts, the owner.
 */
import { Directive, Field, ID, ObjectType } from 'type-graphql';

@Directive('@key(fields: "id")')
// No description here: the owner's description is the one the supergraph shows.
@ObjectType()
export class Contract {
  @Field(() => ID)
  id!: string;
}
