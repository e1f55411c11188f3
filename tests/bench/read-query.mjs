// The read every target of the bench answers: a contract's assets, each with its contract's title,
// the client's name and its custodian's name (three subgraphs).
export const READ_QUERY = `query ($c: ID!, $n: Int!) { assets(contractId: $c, first: $n) { edges { node { name contract { title client { name } } custodian { name } } } } }`;
