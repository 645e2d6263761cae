// The demo's example operations (./platform up loads the demo data), one GraphiQL tab each.
const howToAuthenticate = `# Signed-in operations need a token: run
#   ./platform token --user alice --roles member,creator
# and put {"Authorization": "Bearer <token>"} in the Headers pane below.
# Subscriptions use the same header (it is sent as the graphql-transport-ws connection_init payload).
`;

export const examples = [
  {
    query: `${howToAuthenticate}
query Communities {
  communities {
    nodes { id name slug memberCount }
  }
}
`,
  },
  {
    query: `query CommunityCourses {
  community(slug: "guitar-builders") {
    name
    courses { id title access price { amount { amount currency } } }
  }
}
`,
  },
  {
    query: `query Me {
  me { handle displayName }
}
`,
  },
  {
    query: `# Someone joining the community shows up here while the subscription runs.
subscription MemberJoined($communityId: ID!) {
  memberJoined(communityId: $communityId) { userId status }
}
`,
    variables: `{ "communityId": "<id from the Communities tab>" }`,
  },
];
