// Standard clients against ./platform up: graphql-request over HTTP, graphql-ws over WebSocket.
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { GraphQLClient, gql } from 'graphql-request';
import { execSync } from 'node:child_process';

const url = 'http://127.0.0.1:5080/graphql';
const token = (who) => execSync(`${new URL('../../platform', import.meta.url).pathname} token --user ${who}`, { stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim();
const alice = token('alice'), newcomer = token('newcomer' + Date.now());

const http = new GraphQLClient(url, { headers: { authorization: `Bearer ${alice}` } });
const { community } = await http.request(gql`{ community(slug: "guitar-builders") { id name memberCount } }`);
console.log('HTTP (graphql-request):', community.name, community.memberCount);

const ws = createClient({ url: url.replace('http', 'ws'), webSocketImpl: WebSocket, connectionParams: { Authorization: `Bearer ${alice}` } });
const heard = new Promise((resolve, reject) => {
  ws.subscribe({ query: 'subscription($c: ID!) { memberJoined(communityId: $c) { userId status } }', variables: { c: community.id } },
    { next: (v) => resolve(v), error: reject, complete: () => {} });
});
await new Promise((r) => setTimeout(r, 500));
await new GraphQLClient(url, { headers: { authorization: `Bearer ${newcomer}` } })
  .request(gql`mutation($c: ID!) { joinCommunity(communityId: $c) { status } }`, { c: community.id });
console.log('WebSocket (graphql-ws):', JSON.stringify(await heard));
const viaWs = await new Promise((resolve, reject) => {
  let result; ws.subscribe({ query: '{ me { handle } }' }, { next: (v) => (result = v), error: reject, complete: () => resolve(result) });
});
console.log('WebSocket query (graphql-ws):', JSON.stringify(viaWs));
await ws.dispose();
process.exit(0);
