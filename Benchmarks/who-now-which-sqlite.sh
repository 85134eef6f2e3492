#!/usr/bin/env bash
# Who, now, which, on a SQLite file: times chanstat against the sqlite3 shell running the obvious SQL for the same
# numbers (docs/benchmarks.md "Who, now, which on 5M rows"); the SQLite counterpart of who-now-which.sh.
#
#   Benchmarks/who-now-which-sqlite.sh [CHANSTAT_BINARY] [CONVERSATIONS] [RUNS]
#
# Defaults: .build/release/chanstat if built, else .build/debug/chanstat; 5000000; 5. The file is
# bench-data/sample-CONVERSATIONS.sqlite (the one chanstat-bench uses), written by `chanstat sample --conversations N
# --accounts 3 --days 365 --end 2026-11-20 --seed 7` when missing: Unix seconds, the recommended index, teams, agents,
# labels and the queue's columns. Prints one Markdown table: the median whole-process time of each command and of
# `sqlite3 -readonly` (alternating runs, after a check that both give the same numbers). Needs sqlite3 and python3.
set -euo pipefail
cd "$(dirname "$0")/.."
source Benchmarks/timing.sh
read_arguments "$@"

mkdir -p bench-data
file=bench-data/sample-$conversations.sqlite
if [ ! -e "$file" ]; then
    "$chanstat" sample --out "$file" --conversations "$conversations" --accounts 3 --days 365 --end 2026-11-20 --seed 7 >/dev/null
fi
file=$(realpath "$file")
shell() { sqlite3 -readonly "$file" "$1"; }

# The cohort of the range benchmarks: account 1, [2026-05-25, 2026-11-21) UTC, a 180-day preset.
since=1779667200 until=1795219200
range=(--db "$file" --account 1 --since "$since" --until "$until" --format json)
cohort="c.account_id = 1 AND c.created_at >= $since AND c.created_at < $until"
inbox=$(shell "SELECT inbox_id FROM conversations WHERE account_id = 1 AND status = 0
               GROUP BY inbox_id ORDER BY count(*) DESC LIMIT 1")

echo "SQLite $(sqlite3 --version | cut -d' ' -f1), $file ($conversations conversations), $runs runs each; load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "binary: $chanstat"
echo
echo "| what | chanstat (whole process) | sqlite3 shell, the obvious query (whole process) | ratio (shell / chanstat) |"
echo "|---|---|---|---|"
time_pair "\`report\` (by channel), 180 days, account 1" groups "$chanstat" report "${range[@]}" ::: shell \
    "SELECT i.channel_type, c.status, count(*) FROM conversations c JOIN inboxes i ON i.id = c.inbox_id
      WHERE $cohort GROUP BY i.channel_type, c.status"
time_pair "\`report --by team\`, 180 days, account 1" groups "$chanstat" report "${range[@]}" --by team ::: shell \
    "SELECT c.team_id, c.status, count(*) FROM conversations c JOIN inboxes i ON i.id = c.inbox_id
      WHERE $cohort GROUP BY c.team_id, c.status"
time_pair "\`report --by agent\`, 180 days, account 1" groups "$chanstat" report "${range[@]}" --by agent ::: shell \
    "SELECT c.assignee_id, c.status, count(*) FROM conversations c JOIN inboxes i ON i.id = c.inbox_id
      WHERE $cohort GROUP BY c.assignee_id, c.status"
# Left joins, so that the conversations without a label are a group too, as in chanstat's answer.
time_pair "\`report --by label\`, 180 days, account 1" groups "$chanstat" report "${range[@]}" --by label ::: shell \
    "SELECT t.name, c.status, count(DISTINCT c.id) FROM conversations c JOIN inboxes i ON i.id = c.inbox_id
       LEFT JOIN taggings tg ON tg.taggable_id = c.id AND tg.taggable_type = 'Conversation' AND tg.context = 'labels'
       LEFT JOIN tags t ON t.id = tg.tag_id
      WHERE $cohort GROUP BY t.name, c.status"
time_pair "\`report --now\` (by channel)" queue "$chanstat" report --db "$file" --account 1 --now --format json ::: shell \
    "WITH clock(now) AS (SELECT CAST(strftime('%s', 'now') AS INTEGER))
     SELECT i.channel_type, sum(c.status = 0),
            sum(c.status = 0 AND (c.first_reply_created_at IS NULL OR c.waiting_since IS NOT NULL)),
            sum(c.status = 0 AND c.assignee_id IS NULL), sum(c.status = 2), sum(c.status = 3),
            sum(c.status = 0 AND c.waiting_since IS NOT NULL),
            min(CASE WHEN c.status = 0 THEN c.waiting_since END),
            sum(c.status = 0 AND now - c.waiting_since < 3600),
            sum(c.status = 0 AND now - c.waiting_since >= 3600 AND now - c.waiting_since < 14400),
            sum(c.status = 0 AND now - c.waiting_since >= 14400 AND now - c.waiting_since < 86400),
            sum(c.status = 0 AND now - c.waiting_since >= 86400 AND now - c.waiting_since < 604800),
            sum(c.status = 0 AND now - c.waiting_since >= 604800)
       FROM conversations c JOIN inboxes i ON i.id = c.inbox_id, clock
      WHERE c.account_id = 1 AND c.status IN (0, 2, 3) GROUP BY i.channel_type"
time_pair "\`report --now --list --inbox $inbox --status open\` (first 50)" list \
    "$chanstat" report --db "$file" --account 1 --now --list --inbox "$inbox" --status open --format json ::: shell \
    "SELECT id, display_id, status, assignee_id, team_id, created_at, waiting_since FROM conversations
      WHERE account_id = 1 AND inbox_id = $inbox AND status = 0
      ORDER BY waiting_since IS NULL, waiting_since, created_at, id LIMIT 50;
     SELECT count(*) FROM conversations WHERE account_id = 1 AND inbox_id = $inbox AND status = 0"
echo
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
