#!/usr/bin/env bash
# Builds a Chatwoot-shaped SQLite file for chanstat from CSV files exported from a real Chatwoot
# PostgreSQL database (see sample-data/README.md for the psql commands).
#
#   sample-data/import-chatwoot-csv.sh CSV_DIR OUT.sqlite
#
# CSV_DIR holds accounts.csv, inboxes.csv and conversations.csv, each with a header row, and optionally
# users.csv, account_users.csv and access_tokens.csv (needed only by `chanstat serve`), and teams.csv,
# tags.csv and taggings.csv (the breakdowns by team and label). Each file's header names its columns, any of
# schema.sql's for that table: conversations.csv may hold display_id, assignee_id, team_id, waiting_since and
# first_reply_created_at, users.csv display_name. The timestamps may be Unix seconds or Rails-style UTC text;
# the sqlite3 shell imports every CSV value as text, so whole numbers are turned back into integers here, and
# an empty value (psql's NULL) into NULL. OUT must not exist: nothing is overwritten.
set -euo pipefail

usage() { echo "usage: $0 CSV_DIR OUT.sqlite" >&2; exit 2; }
[ $# -eq 2 ] || usage
csv_dir=$1
out=$2
here=$(cd "$(dirname "$0")" && pwd)

command -v sqlite3 >/dev/null || { echo "$0: the sqlite3 shell is needed (apt-get install sqlite3)" >&2; exit 1; }
[ ! -e "$out" ] || { echo "$0: $out already exists; remove it or choose another name" >&2; exit 1; }
for required in accounts inboxes conversations; do
  [ -f "$csv_dir/$required.csv" ] || { echo "$0: $csv_dir/$required.csv is missing" >&2; exit 1; }
done

tmp="$out.partial.$$"
trap 'rm -f "$tmp"' EXIT

# The columns each CSV may have (schema.sql's), and what goes into the real table for each: integers back
# from text, empty optional values as NULL, a timestamp an integer when it is all digits.
declare -A allowed=(
  [accounts]="id name"
  [inboxes]="id account_id name channel_type"
  [conversations]="id account_id inbox_id status created_at display_id assignee_id team_id waiting_since first_reply_created_at"
  [users]="id name email display_name"
  [account_users]="id account_id user_id role"
  [access_tokens]="id owner_type owner_id token"
  [teams]="id account_id name"
  [tags]="id name"
  [taggings]="id tag_id taggable_type taggable_id context"
)
select_of() {
  case $1 in
    id|account_id|inbox_id|status|user_id|role|owner_id|tag_id|taggable_id) echo "CAST($1 AS INTEGER)" ;;
    display_id|assignee_id|team_id) echo "CAST(NULLIF($1, '') AS INTEGER)" ;;
    created_at) echo "CASE WHEN $1 <> '' AND $1 NOT GLOB '*[^0-9]*' THEN CAST($1 AS INTEGER) ELSE $1 END" ;;
    waiting_since|first_reply_created_at)
      echo "CASE WHEN $1 <> '' AND $1 NOT GLOB '*[^0-9]*' THEN CAST($1 AS INTEGER) ELSE NULLIF($1, '') END" ;;
    email|display_name) echo "NULLIF($1, '')" ;;
    *) echo "$1" ;;
  esac
}

# The header of each CSV present, checked against the columns its table has: a name is only ever one of these.
declare -A columns selects
for table in accounts inboxes conversations users account_users access_tokens teams tags taggings; do
  [ -f "$csv_dir/$table.csv" ] || continue
  header=$(head -n 1 "$csv_dir/$table.csv" | tr -d '\r"')
  IFS=, read -r -a names <<< "$header"
  for name in "${names[@]}"; do
    [[ " ${allowed[$table]} " == *" $name "* ]] || {
      echo "$0: $table.csv has a column \"$name\" that table $table does not (see schema.sql)" >&2; exit 1; }
    columns[$table]+="${columns[$table]:+, }$name"
    selects[$table]+="${selects[$table]:+, }$(select_of "$name")"
  done
done

{
  echo ".bail on"
  echo "PRAGMA journal_mode = OFF;"
  echo "BEGIN;"
  # The schema without its indexes: building them once after the rows is much faster.
  sed '/^CREATE INDEX/,$d' "$here/schema.sql"
  for table in accounts inboxes conversations users account_users access_tokens teams tags taggings; do
    [ -f "$csv_dir/$table.csv" ] || continue
    echo "CREATE TEMP TABLE staging_$table (${columns[$table]});"
    echo ".import --csv --skip 1 '$csv_dir/$table.csv' staging_$table"
    echo "INSERT INTO $table (${columns[$table]}) SELECT ${selects[$table]} FROM staging_$table;"
  done
  echo "COMMIT;"
  sed -n '/^CREATE INDEX/,$p' "$here/schema.sql"
} | sqlite3 "$tmp" >/dev/null

mv "$tmp" "$out"
trap - EXIT
echo "Wrote $out: $(sqlite3 "$out" 'SELECT count(*) FROM conversations') conversations, $(sqlite3 "$out" 'SELECT count(*) FROM accounts') accounts."
