/**
 * The contracts subgraph's Contract entity, as far as incidents knows it: its key. incidents
 * refers to contracts by id (Incident.contracts) and contributes Contract.incidents. No
 * description: the owner's is the one the supergraph shows.
 */
import { Directive, Field, ID, ObjectType } from 'type-graphql';

@Directive('@key(fields: "id")')
@ObjectType()
export class Contract {
  @Field(() => ID)
  id!: string;
}

export const contractRef = (id: string): Contract => ({ id });
