// What the client checks share: the API's address, development tokens, and a join that a subscription can hear.
import { execSync } from 'node:child_process';

export const base = process.env.PLATFORM_URL ?? 'http://127.0.0.1:5080';
export const url = `${base}/graphql`;
const platform = new URL('../../platform', import.meta.url).pathname;

// tests/clients/run names the API build it serves (PLATFORM_API_DLL), so tokens come from that build and never wait for `./platform build`.
const tokenCommand = process.env.PLATFORM_API_DLL ? `dotnet "${process.env.PLATFORM_API_DLL}" token` : `${platform} token`;
export const token = (who) => execSync(`${tokenCommand} --user ${who}`, { stdio: ['ignore', 'pipe', 'inherit'] }).toString().trim();

/**
 * Newcomers join the community, one a second, until `heard()` says a memberJoined subscription saw one (at most 30 s):
 * no protocol message says when the server has started a subscription, so a single join could come too early.
 */
export async function joinUntilHeard(communityId, heard) {
  for (let attempt = 0; attempt < 30 && !(await heard()); attempt++) {
    const joined = await fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token(`newcomer${Date.now()}`)}` },
      body: JSON.stringify({ query: 'mutation($c: ID!) { joinCommunity(communityId: $c) { status } }', variables: { c: communityId } }),
    }).then((r) => r.json());
    if (joined.errors) throw new Error(`joinCommunity failed: ${JSON.stringify(joined.errors)}`);
    await new Promise((r) => setTimeout(r, 1000));
  }
  if (!(await heard())) throw new Error('the subscription heard no memberJoined in 30 s');
}
