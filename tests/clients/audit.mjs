// graphql-http's audit of the GraphQL-over-HTTP spec against a running API: every MUST and SHOULD must pass.
import { serverAudits } from 'graphql-http';

const url = `${process.env.PLATFORM_URL ?? 'http://127.0.0.1:5080'}/graphql`;
const results = await Promise.all(serverAudits({ url, fetchFn: fetch }).map((audit) => audit.fn()));
const notOk = results.filter((r) => r.status !== 'ok');
for (const r of results) console.log(`${r.status.padEnd(5)} ${r.id} ${r.name}${r.status === 'ok' ? '' : `: ${r.reason}`}`);
console.log(`graphql-http audit: ${results.length - notOk.length} of ${results.length} ok (MUST failures are "error", SHOULD failures "warn")`);
process.exit(notOk.length === 0 ? 0 : 1);
