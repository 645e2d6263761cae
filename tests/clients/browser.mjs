// GraphiQL at /graphql in a real headless Chromium (Debian's chromium, driven by playwright-core): set the token in the
// Headers pane, run a query and a subscription, and read their results on the page. Any CSP violation fails it.
import { chromium } from 'playwright-core';
import { execSync } from 'node:child_process';
import { base, token, joinUntilHeard } from './support.mjs';

const fail = (message) => { throw new Error(message); };

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? execSync('command -v chromium').toString().trim(),
  args: process.getuid?.() === 0 ? ['--no-sandbox'] : [],
});
try {
  const page = await browser.newPage();
  const problems = [];
  // The browser's own /favicon.ico request is the one 404 that is not the page's.
  page.on('console', (m) => { if (m.type() === 'error' && !m.location().url?.endsWith('/favicon.ico')) problems.push(`${m.text()} ${m.location().url ?? ''}`); });
  page.on('pageerror', (e) => problems.push(e.message));

  await page.goto(`${base}/graphql`);
  await page.waitForSelector('.graphiql-query-editor .CodeMirror', { timeout: 20_000 });
  // Each editor is CodeMirror 5: the wrapper element holds its instance.
  const setEditor = (selector, text) => page.$eval(selector, (el, value) => el.CodeMirror.setValue(value), text);
  const result = () => page.$eval('.result-window .CodeMirror', (el) => el.CodeMirror.getValue());
  // GraphiQL takes an edit into its tab state (query and operation name together) after a debounce; running before that
  // sends the previous tab's operation name. Its stored tab state says when the edit has landed.
  const settled = (text) => page.waitForFunction((query) => {
    const state = JSON.parse(localStorage.getItem('graphiql:tabState') ?? 'null');
    return state?.tabs?.[state.activeTabIndex]?.query === query;
  }, text, { timeout: 20_000 });
  const run = async () => {
    await settled(await page.$eval('.graphiql-query-editor .CodeMirror', (el) => el.CodeMirror.getValue()));
    await page.click('.graphiql-execute-button');
  };
  const waitForResult = (contains) => page.waitForFunction(
    (text) => document.querySelector('.result-window .CodeMirror')?.CodeMirror.getValue().includes(text), contains, { timeout: 20_000 });

  await page.click('button:has-text("Headers")');
  await setEditor('.graphiql-editor-tool .graphiql-editor:not(.hidden) .CodeMirror', JSON.stringify({ Authorization: `Bearer ${token('alice')}` }));

  // A query over HTTP, as alice.
  await setEditor('.graphiql-query-editor .CodeMirror', '{ me { handle } community(slug: "guitar-builders") { id name } }');
  await run();
  await waitForResult('"handle"');
  const queried = JSON.parse(await result());
  if (queried.data?.me?.handle !== 'alice') fail(`the query answered ${JSON.stringify(queried)}`);
  const community = queried.data.community;
  console.log(`query on the page: me.handle = ${queried.data.me.handle}, community = ${community.name}`);

  // A subscription over graphql-transport-ws: a newcomer joins while it runs.
  await setEditor('.graphiql-query-editor .CodeMirror',
    `subscription { memberJoined(communityId: "${community.id}") { userId status } }`);
  await run();
  const showsJoin = () => page.$eval('.result-window .CodeMirror', (el) => el.CodeMirror.getValue().includes('"memberJoined"'));
  await joinUntilHeard(community.id, showsJoin);
  await waitForResult('"memberJoined"');
  const heard = JSON.parse(await result());
  if (!heard.data?.memberJoined?.userId) fail(`the subscription showed ${JSON.stringify(heard)}`);
  console.log(`subscription on the page: memberJoined ${JSON.stringify(heard.data.memberJoined)}`);

  if (problems.length > 0) fail(`the page reported errors (CSP violations included):\n  ${problems.join('\n  ')}`);
  console.log('GraphiQL in Chromium: query and subscription ran, no console errors');
} finally {
  await browser.close();
}
