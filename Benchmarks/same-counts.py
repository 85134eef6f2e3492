#!/usr/bin/env python3
"""A timing means nothing if the answers differ: checks that chanstat's JSON and a shell's rows (psql -At or
sqlite3, fields separated by "|", NULL as an empty field) hold the same numbers. Used by Benchmarks/timing.sh.

    same-counts.py MODE CHANSTAT_JSON_FILE SHELL_ROWS_FILE

Modes, and the rows the shell's query must print:
  groups       KEY|STATUS|COUNT per group and status (STATUS 0 open, 1 resolved, 2 pending, 3 snoozed); against
               `report` (by channel: the channel type as KEY) or `report --by X` (the group's key; none is empty).
  queue        KEY|OPEN|UNATTENDED|UNASSIGNED|PENDING|SNOOZED|WAITING|EARLIEST_WAITING_SINCE|UNDER_1H|1H_TO_4H|
               4H_TO_24H|1D_TO_7D|OVER_7D per group; against `report --now` (oldest_wait is `at` minus the earliest
               waiting_since, both in Unix seconds).
  live-counts  four lines, Chatwoot's open, unattended, unassigned and pending counts; against `report --now`'s total.
  list         one line per listed conversation, its id first, then a last line with the count; against
               `report --list` (the same ids in the same order, and the same count).
Exits 1 with both answers on standard error when they differ.
"""
import json
import sys

STATUSES = {0: "open", 1: "resolved", 2: "pending", 3: "snoozed"}
QUEUE_FIELDS = ["open", "unattended", "unassigned", "pending", "snoozed", "waiting"]
WAIT_AGES = ["under_1h", "1h_to_4h", "4h_to_24h", "1d_to_7d", "over_7d"]


def rows(text):
    return [line.split("|") for line in text.splitlines() if line.strip()]


def key_text(key):
    return "" if key is None else str(key)


def groups(answer, shell):
    if "groups" in answer:
        ours = {key_text(g["key"]): {s: g[s] for s in STATUSES.values() if g[s]} for g in answer["groups"]}
    else:  # the plain report: {"Channel::Email": {"open": 3, …, "total": 5}, …}
        ours = {k: {s: v[s] for s in STATUSES.values() if v[s]} for k, v in answer.items()}
    ours = {k: v for k, v in ours.items() if v}
    theirs = {}
    for key, status, count in rows(shell):
        if int(count):
            theirs.setdefault(key, {})[STATUSES[int(status)]] = int(count)
    return ours, theirs


def queue(answer, shell):
    ours = {}
    for g in answer["groups"]:
        earliest = None if g["oldest_wait"] is None else answer["at"] - g["oldest_wait"]
        ours[key_text(g["key"])] = [g[f] for f in QUEUE_FIELDS] + [earliest] + [g["wait"][a] for a in WAIT_AGES]
    theirs = {}
    for fields in rows(shell):
        values = [int(v) if v != "" else None for v in fields[1:]]
        if any(values[:5]):  # chanstat leaves out groups with nothing open, pending or snoozed
            theirs[fields[0]] = values
    return ours, theirs


def live_counts(answer, shell):
    total = answer["total"]
    return [total[f] for f in ["open", "unattended", "unassigned", "pending"]], [int(r[0]) for r in rows(shell)]


def listed(answer, shell):
    lines = rows(shell)
    return ([c["id"] for c in answer["conversations"]], answer["count"]), \
        ([int(r[0]) for r in lines[:-1]], int(lines[-1][0]))


def main():
    mode, ours_file, theirs_file = sys.argv[1:4]
    with open(ours_file) as f:
        answer_text = f.read()
    with open(theirs_file) as f:
        shell = f.read()
    try:
        ours, theirs = {"groups": groups, "queue": queue, "live-counts": live_counts, "list": listed}[mode](
            json.loads(answer_text), shell)
    except (ValueError, KeyError, IndexError) as error:
        sys.stderr.write(f"same-counts {mode}: could not read the answers ({error!r}):\n{answer_text[:500]}\n{shell[:500]}\n")
        sys.exit(1)
    if ours != theirs:
        sys.stderr.write(f"same-counts {mode}: chanstat and the shell disagree:\n{ours}\n{theirs}\n")
        sys.exit(1)


main()
