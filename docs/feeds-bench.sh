#!/usr/bin/env bash
# Timeline read latency of the embedded feeds (see docs/feeds.md): seeds 100,000 feed entries spread over 2,000
# source feeds, makes READER follow 500 of them, then reads READER's TIMELINE through GraphQL N times and prints p50/p99.
# usage: docs/feeds-bench.sh CONNINFO URL READER [N]
#   CONNINFO  libpq connection string of the platform's database, e.g. "host=127.0.0.1 port=55433 user=platform dbname=platform"
#   URL       the running API, e.g. http://127.0.0.1:5091
#   READER    an embedded-issuer user, e.g. dave
# Seeds only once per database (entries are tagged 'bench:'); needs psql, curl and ./platform token.
set -euo pipefail
conninfo="$1"; url="$2"; reader="$3"; runs="${4:-300}"
root="$(cd "$(dirname "$0")/.." && pwd)"
token="$("$root/platform" token --user "$reader" --roles member)"
me() { curl -s "$url/graphql" -H 'Content-Type: application/json' -H "Authorization: Bearer $token" -d '{"query":"{ me { id } }"}' | sed 's/.*"id":"\([^"]*\)".*/\1/'; }
reader_id="$(me)"
psql "$conninfo" -v ON_ERROR_STOP=1 -q <<SQL
do \$\$ begin
  if exists (select 1 from platform.mt_doc_feedentry where data->>'ForeignId' like 'bench:%' limit 1) then return; end if;
  insert into platform.mt_doc_feedentry (id, data, mt_dotnet_type, "time", community_id, feed)
  select id, jsonb_build_object('Id', id, 'Feed', feed, 'Time', t, 'Verb', 'post', 'PostId', null, 'ActorId', id, 'ObjectId', id,
                                'ForeignId', 'bench:' || n, 'CommunityId', null),
         'Platform.Projections.Social.FeedEntry', t, null, feed
  from (select n, gen_random_uuid() as id, 'user:' || md5('bench-source-' || (n % 2000))::uuid as feed,
               now() - make_interval(secs => n * 7) as t
        from generate_series(1, 100000) n) s;
  insert into platform.mt_doc_feedfollow (id, data, mt_dotnet_type)
  select id, jsonb_build_object('Id', id, 'Follower', 'timeline:$reader_id', 'Target', target), 'Platform.Projections.Social.FeedFollow'
  from (select gen_random_uuid() as id, 'user:' || md5('bench-source-' || k)::uuid as target from generate_series(0, 499) k) f;
  analyze platform.mt_doc_feedentry; analyze platform.mt_doc_feedfollow;
end \$\$;
SQL
query="{\"query\":\"{ feed(type: TIMELINE, ownerId: \\\"$reader_id\\\", first: 20) { edges { cursor node { id verb actorId time } } pageInfo { hasNextPage } } }\"}"
# Prints p50/p99 of N sequential calls of a GraphQL query.
measure() {
  local label="$1" body="$2"
  for _ in 1 2 3 4 5 6 7 8 9 10; do curl -s -o /dev/null "$url/graphql" -H 'Content-Type: application/json' -H "Authorization: Bearer $token" -d "$body"; done # warm up
  for _ in $(seq "$runs"); do
    curl -s -o /dev/null -w '%{time_total}\n' "$url/graphql" -H 'Content-Type: application/json' -H "Authorization: Bearer $token" -d "$body"
  done | sort -n | awk -v label="$label" '{ t[NR] = $1 * 1000 } END { printf "%s, %d reads: p50 %.1f ms, p99 %.1f ms\n", label, NR, t[int(NR * 0.5)], t[int(NR * 0.99)] }'
}
measure "timeline of a reader following 500 sources (20 items)" "$query"
measure "baseline: { me { id } } on the same server" '{"query":"{ me { id } }"}'
echo "entries: $(psql "$conninfo" -Atc 'select count(*) from platform.mt_doc_feedentry'), follows of the reader: $(psql "$conninfo" -Atc "select count(*) from platform.mt_doc_feedfollow where data->>'Follower' = 'timeline:$reader_id'")"
