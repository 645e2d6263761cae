// GraphiQL for /graphql: queries and mutations over HTTP, subscriptions over graphql-transport-ws.
// Authorization comes from the Headers pane: sent as HTTP headers, and as the WebSocket's connection_init payload
// (browsers cannot set headers on a WebSocket upgrade).
import { GraphiQL } from 'graphiql';
import { createRoot } from 'react-dom/client';
import { parse } from 'graphql';
import { createClient } from 'graphql-ws';
import 'graphiql/graphiql.css';
import { examples } from './examples.js';

const url = new URL('/graphql', location.href).href;
const socketUrl = url.replace(/^http/, 'ws');

function isSubscription(query, operationName) {
  try {
    const operations = parse(query).definitions.filter((d) => d.kind === 'OperationDefinition');
    const chosen = operationName ? operations.find((o) => o.name?.value === operationName) : operations[0];
    return chosen?.operation === 'subscription';
  } catch {
    return false; // let the server report the syntax error
  }
}

// One WebSocket per set of headers: a changed token opens a new connection with the new connection_init payload.
let socket = { key: null, client: null };
function socketFor(headers) {
  const key = JSON.stringify(headers);
  if (socket.key !== key) {
    socket.client?.dispose();
    socket = { key, client: createClient({ url: socketUrl, connectionParams: headers, lazy: true }) };
  }
  return socket.client;
}

async function* subscribe(params, headers) {
  yield* socketFor(headers).iterate({ query: params.query, variables: params.variables ?? undefined, operationName: params.operationName ?? undefined });
}

function fetcher(params, options) {
  const headers = options?.headers ?? {};
  if (isSubscription(params.query, params.operationName)) return subscribe(params, headers);
  return fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/graphql-response+json, application/json', ...headers },
    body: JSON.stringify(params),
  }).then((response) => response.json());
}

createRoot(document.getElementById('graphiql')).render(
  <GraphiQL fetcher={fetcher} defaultTabs={examples} shouldPersistHeaders={true} defaultEditorToolsVisibility="headers" />,
);
