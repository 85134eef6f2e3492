#!/usr/bin/env bash
# Who, now, which, on PostgreSQL: times chanstat against psql running the obvious SQL for the same numbers, on a
# throwaway cluster filled by `chanstat sample` (docs/benchmarks.md "Who, now, which on 5M rows").
#
#   Benchmarks/who-now-which.sh [CHANSTAT_BINARY] [CONVERSATIONS] [RUNS]
#
# Defaults: .build/release/chanstat if built, else .build/debug/chanstat; 5000000; 5. Prints one Markdown table:
# the median whole-process time of each command and of psql's query (alternating runs, after a check that both give
# the same numbers: Benchmarks/timing.sh), both logging in over TCP to 127.0.0.1 as the cluster's superuser (trust). Then one uncached /metrics
# scrape of serve. The cluster (its own folder under $TMPDIR, a free port, TimeZone America/New_York) is removed at
# the end. Needs PostgreSQL 15's server binaries, psql and curl.
#
# With BENCH_PORT set, no cluster is made: the script times against database "bench" of the cluster already
# listening on 127.0.0.1:BENCH_PORT, filled as above (user chanstat, trust), and leaves it as it is.
set -euo pipefail
cd "$(dirname "$0")/.."
source Benchmarks/timing.sh
read_arguments "$@"
bin=/usr/lib/postgresql/15/bin
psql_bin=$bin/psql

work=$(mktemp -d "${TMPDIR:-/tmp}/chanstat-who-now-which.XXXXXX")
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
owner=$(id -un)
as_owner() { if [ "$owner" = root ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
serve_pid=
cleanup() {
    [ -n "$serve_pid" ] && kill "$serve_pid" 2>/dev/null || true
    as_owner "$bin/pg_ctl" -D "$work/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$work"
}
trap cleanup EXIT
if [ -n "${BENCH_PORT:-}" ]; then
    port=$BENCH_PORT filled="(an existing cluster)"
else
    [ "$owner" = root ] && chown postgres "$work"
    as_owner "$bin/initdb" -D "$work/data" -U chanstat --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
    as_owner "$bin/pg_ctl" -D "$work/data" -l "$work/log" -w \
        -o "-p $port -k $work -c listen_addresses=127.0.0.1 -c timezone=America/New_York -c shared_buffers=256MB" start >/dev/null
    url="postgres://chanstat@127.0.0.1:$port/bench"
    conninfo="host=127.0.0.1 port=$port user=chanstat dbname=bench"
    "$psql_bin" -X -q "host=127.0.0.1 port=$port user=chanstat dbname=postgres" -c "CREATE DATABASE bench"

    start=$(date +%s.%N)
    "$chanstat" sample --out "$url" --conversations "$conversations" --accounts 3 --days 365 --end 2026-11-20 --seed 7 >/dev/null
    "$psql_bin" -X -q "$conninfo" -c "VACUUM ANALYZE"
    filled=$(python3 -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.0f}')" "$start" "$(date +%s.%N)")
    filled="filled in $filled s"
fi
url="postgres://chanstat@127.0.0.1:$port/bench"
conninfo="host=127.0.0.1 port=$port user=chanstat dbname=bench"

# The cohort of the range benchmarks: account 1, [2026-05-25, 2026-11-21) UTC, a 180-day preset.
since=1779667200 until=1795219200
range="--account 1 --since $since --until $until"
cohort="c.account_id = 1 AND c.created_at >= '2026-05-25' AND c.created_at < '2026-11-21'"
inbox=$("$psql_bin" -X -At "$conninfo" -c "SELECT inbox_id FROM conversations WHERE account_id = 1 AND status = 0
                                            GROUP BY inbox_id ORDER BY count(*) DESC LIMIT 1")

psql() { "$psql_bin" -X -At "$conninfo" -c "$1"; }
compare() {  # compare WHAT CHECK "CHANSTAT ARGS" "SQL": see time_pair in timing.sh
    # shellcheck disable=SC2086
    time_pair "$1" "$2" "$chanstat" report --db "$url" $3 ::: psql "$4"
}

echo "PostgreSQL 15, $conversations conversations in 3 accounts (chanstat sample, seed 7, $filled), $runs runs each; load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "binary: $chanstat"
echo
echo "| what | chanstat (whole process) | psql, the obvious query (whole process) | ratio (psql / chanstat) |"
echo "|---|---|---|---|"
# What the process itself costs (start, login, the catalog check, the account): the channel report against
# Chatwoot's own query (its columns put in the checker's order), whose counts the two share.
compare "\`report\` (by channel, Chatwoot's own query), 180 days, account 1" groups "$range --format json" \
    "SELECT i.channel_type, c.status, count(*) FROM conversations c JOIN inboxes i ON i.id = c.inbox_id
      WHERE $cohort GROUP BY i.channel_type, c.status"
compare "\`report --by team\`, 180 days, account 1" groups "$range --by team --format json" \
    "SELECT c.team_id, c.status, count(*) FROM conversations c JOIN inboxes i ON i.id = c.inbox_id
      WHERE $cohort GROUP BY c.team_id, c.status"
compare "\`report --by agent\`, 180 days, account 1" groups "$range --by agent --format json" \
    "SELECT c.assignee_id, c.status, count(*) FROM conversations c JOIN inboxes i ON i.id = c.inbox_id
      WHERE $cohort GROUP BY c.assignee_id, c.status"
# Left joins, so that the conversations without a label are a group too, as in chanstat's answer.
compare "\`report --by label\`, 180 days, account 1" groups "$range --by label --format json" \
    "SELECT t.name, c.status, count(DISTINCT c.id) FROM conversations c JOIN inboxes i ON i.id = c.inbox_id
       LEFT JOIN taggings tg ON tg.taggable_id = c.id AND tg.taggable_type = 'Conversation' AND tg.context = 'labels'
       LEFT JOIN tags t ON t.id = tg.tag_id WHERE $cohort GROUP BY t.name, c.status"
compare "\`report --now\` (by channel) against Chatwoot's four live-report counts" live-counts "--account 1 --now --format json" \
    "SELECT count(*) FROM conversations WHERE account_id = 1 AND status = 0;
     SELECT count(*) FROM conversations WHERE account_id = 1 AND status = 0
        AND (first_reply_created_at IS NULL OR waiting_since IS NOT NULL);
     SELECT count(*) FROM conversations WHERE account_id = 1 AND status = 0 AND assignee_id IS NULL;
     SELECT count(*) FROM conversations WHERE account_id = 1 AND status = 2"
# The same numbers as chanstat's queue (its classes, waits and ages, by channel), asked the obvious way: one pass over
# the account's open, pending and snoozed conversations, as the SQLite script's shell query does.
compare "\`report --now\` (by channel) against the obvious query for the same numbers" queue "--account 1 --now --format json" \
    "SELECT i.channel_type, count(*) FILTER (WHERE c.status = 0),
            count(*) FILTER (WHERE c.status = 0 AND (c.first_reply_created_at IS NULL OR c.waiting_since IS NOT NULL)),
            count(*) FILTER (WHERE c.status = 0 AND c.assignee_id IS NULL), count(*) FILTER (WHERE c.status = 2),
            count(*) FILTER (WHERE c.status = 3), count(*) FILTER (WHERE c.status = 0 AND c.waiting_since IS NOT NULL),
            floor(extract(epoch FROM min(c.waiting_since) FILTER (WHERE c.status = 0)))::bigint,
            count(*) FILTER (WHERE c.status = 0 AND c.waiting_since > now() AT TIME ZONE 'UTC' - interval '1 hour'),
            count(*) FILTER (WHERE c.status = 0 AND c.waiting_since <= now() AT TIME ZONE 'UTC' - interval '1 hour'
                                               AND c.waiting_since > now() AT TIME ZONE 'UTC' - interval '4 hours'),
            count(*) FILTER (WHERE c.status = 0 AND c.waiting_since <= now() AT TIME ZONE 'UTC' - interval '4 hours'
                                               AND c.waiting_since > now() AT TIME ZONE 'UTC' - interval '24 hours'),
            count(*) FILTER (WHERE c.status = 0 AND c.waiting_since <= now() AT TIME ZONE 'UTC' - interval '24 hours'
                                               AND c.waiting_since > now() AT TIME ZONE 'UTC' - interval '7 days'),
            count(*) FILTER (WHERE c.status = 0 AND c.waiting_since <= now() AT TIME ZONE 'UTC' - interval '7 days')
       FROM conversations c JOIN inboxes i ON i.id = c.inbox_id
      WHERE c.account_id = 1 AND c.status IN (0, 2, 3) GROUP BY i.channel_type"
compare "\`report --now --list --inbox $inbox --status open\` (first 50)" list "--account 1 --now --list --inbox $inbox --status open --format json" \
    "SELECT id, display_id, status, assignee_id, team_id, created_at, waiting_since FROM conversations
      WHERE account_id = 1 AND inbox_id = $inbox AND status = 0
      ORDER BY waiting_since NULLS LAST, created_at, id LIMIT 50;
     SELECT count(*) FROM conversations WHERE account_id = 1 AND inbox_id = $inbox AND status = 0"

# One uncached scrape: serve with no cache, an administrator's token of account 1 from the sample.
token=$("$psql_bin" -X -At "$conninfo" -c "SELECT t.token FROM access_tokens t JOIN account_users au
    ON au.user_id = t.owner_id AND t.owner_type = 'User' WHERE au.account_id = 1 AND au.role = 1 LIMIT 1")
serve_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"$chanstat" serve --db "$url" --port "$serve_port" --cache-seconds 0 >"$work/serve.log" 2>&1 &
serve_pid=$!
for _ in $(seq 100); do curl -fs "http://127.0.0.1:$serve_port/health" >/dev/null 2>&1 && break; sleep 0.1; done
scrapes=()
for _ in $(seq "$runs"); do
    scrapes+=("$(seconds curl -fsS -H "Authorization: Bearer $token" "http://127.0.0.1:$serve_port/metrics?account=1")")
done
echo
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "One uncached \`/metrics?account=1\` scrape (serve --cache-seconds 0; today, 7d, 30d and the queue), median of $runs: $(printf '%s\n' "${scrapes[@]}" | median_ms) ms"
