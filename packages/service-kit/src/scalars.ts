/** Scalars shared by every subgraph, so the supergraph composes one definition of each. */
export {
  DateTimeResolver as DateTimeScalar,
  LocalDateResolver as LocalDateScalar,
  EmailAddressResolver as EmailScalar,
  URLResolver as UrlScalar,
} from 'graphql-scalars';
