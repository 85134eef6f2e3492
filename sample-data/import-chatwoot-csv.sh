#!/usr/bin/env bash
# Builds a Chatwoot-shaped SQLite file for chanstat from CSV files exported from a real Chatwoot
# PostgreSQL database (see sample-data/README.md for the psql commands).
#
#   sample-data/import-chatwoot-csv.sh CSV_DIR OUT.sqlite
#
# CSV_DIR holds accounts.csv, inboxes.csv and conversations.csv, each with a header row, and optionally
# users.csv, account_users.csv and access_tokens.csv (needed only by `chanstat serve`).
# created_at may be Unix seconds or Rails-style UTC text; the sqlite3 shell imports every CSV value as
# text, so whole numbers are turned back into integers here. OUT must not exist: nothing is overwritten.
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

# Columns taken from each CSV, in the order the psql commands of the README write them.
declare -A columns=(
  [accounts]="id, name"
  [inboxes]="id, account_id, name, channel_type"
  [conversations]="id, account_id, inbox_id, status, created_at"
  [users]="id, name, email"
  [account_users]="id, account_id, user_id, role"
  [access_tokens]="id, owner_type, owner_id, token"
)
# What goes into the real table: integers back from text; created_at stays text unless it is all digits.
declare -A selects=(
  [accounts]="CAST(id AS INTEGER), name"
  [inboxes]="CAST(id AS INTEGER), CAST(account_id AS INTEGER), name, channel_type"
  [conversations]="CAST(id AS INTEGER), CAST(account_id AS INTEGER), CAST(inbox_id AS INTEGER), CAST(status AS INTEGER),
                   CASE WHEN created_at <> '' AND created_at NOT GLOB '*[^0-9]*' THEN CAST(created_at AS INTEGER) ELSE created_at END"
  [users]="CAST(id AS INTEGER), name, NULLIF(email, '')"
  [account_users]="CAST(id AS INTEGER), CAST(account_id AS INTEGER), CAST(user_id AS INTEGER), CAST(role AS INTEGER)"
  [access_tokens]="CAST(id AS INTEGER), owner_type, CAST(owner_id AS INTEGER), token"
)

{
  echo ".bail on"
  echo "PRAGMA journal_mode = OFF;"
  echo "BEGIN;"
  # The schema without its index: building the index once after the rows is much faster.
  sed '/^CREATE INDEX/,$d' "$here/schema.sql"
  for table in accounts inboxes conversations users account_users access_tokens; do
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
