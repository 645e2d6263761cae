// Standard clients against ./platform up: graphql-request over HTTP, graphql-ws over WebSocket.
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { GraphQLClient, gql } from 'graphql-request';
import { url, token, joinUntilHeard } from './support.mjs';

const alice = token('alice');

const http = new GraphQLClient(url, { headers: { authorization: `Bearer ${alice}` } });
const { community } = await http.request(gql`{ community(slug: "guitar-builders") { id name memberCount } }`);
console.log('HTTP (graphql-request):', community.name, community.memberCount);

const ws = createClient({ url: url.replace('http', 'ws'), webSocketImpl: WebSocket, connectionParams: { Authorization: `Bearer ${alice}` } });
let heard = null;
ws.subscribe({ query: 'subscription($c: ID!) { memberJoined(communityId: $c) { userId status } }', variables: { c: community.id } },
  { next: (v) => (heard ??= v), error: (e) => { console.error(e); process.exit(1); }, complete: () => {} });
await joinUntilHeard(community.id, () => heard !== null);
console.log('WebSocket (graphql-ws):', JSON.stringify(heard));
const viaWs = await new Promise((resolve, reject) => {
  let result; ws.subscribe({ query: '{ me { handle } }' }, { next: (v) => (result = v), error: reject, complete: () => resolve(result) });
});
console.log('WebSocket query (graphql-ws):', JSON.stringify(viaWs));
await ws.dispose();
process.exit(0);
