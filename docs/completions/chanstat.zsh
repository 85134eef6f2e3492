#compdef chanstat

__chanstat_complete() {
    local -ar non_empty_completions=("${@:#(|:*)}")
    local -ar empty_completions=("${(M)@:#(|:*)}")
    _describe -V '' non_empty_completions -- empty_completions -P $'\'\''
}

__chanstat_custom_complete() {
    local -a completions
    completions=("${(@f)"$("${command_name}" "${@}" "${command_line[@]}")"}")
    if [[ "${#completions[@]}" -gt 1 ]]; then
        __chanstat_complete "${completions[@]:0:-1}"
    fi
}

__chanstat_cursor_index_in_current_word() {
    if [[ -z "${QIPREFIX}${IPREFIX}${PREFIX}" ]]; then
        printf 0
    else
        printf %s "${#${(z)LBUFFER}[-1]}"
    fi
}

_chanstat() {
    emulate -RL zsh -G
    setopt extendedglob nullglob numericglobsort
    unsetopt aliases banghist

    local -xr SAP_SHELL=zsh
    local -x SAP_SHELL_VERSION
    SAP_SHELL_VERSION="$(builtin emulate zsh -c 'printf %s "${ZSH_VERSION}"')"
    local -r SAP_SHELL_VERSION

    local context state state_descr line
    local -A opt_args

    local -r command_name="${words[1]}"
    local -ar command_line=("${words[@]}")
    local -ir current_word_index="$((CURRENT - 1))"

    # chanstat: the dashboard is the default command (chanstat --db FILE), so a line whose first argument is
    # an option completes as the dashboard's (its options and their values).
    if [[ ( "${words[2]}" == -* && $CURRENT -gt 2 ) || ( "${PREFIX}" == -* && $CURRENT -eq 2 ) ]]; then
        _chanstat_dashboard
        return
    fi
    local -i ret=1
    local -ar arg_specs=(
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
        '(-): :->command'
        '(-)*:: :->arg'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0
    case "${state}" in
    command)
        local -ar subcommands=(
            'dashboard:Open the dashboard (the default): per-channel counts by status, refreshed on a timer.'
            'report:Print the channel summary report once (table, JSON, CSV or Prometheus'\'' text format).'
            'check:A monitoring plugin (Nagios, Icinga): one number of the queue now against thresholds.'
            'serve:Serve the channel summary report over HTTP, at Chatwoot'\''s API path.'
            'sample:Write realistic sample data: a Chatwoot-shaped SQLite file, or Chatwoot'\''s tables in PostgreSQL.'
            'help:Show subcommand help information.'
        )
        _describe -V subcommand subcommands && ret=0
        ;;
    arg)
        case "${words[1]}" in
        dashboard|report|check|serve|sample|help)
            "_chanstat_${words[1]}" && ret=0
            ;;
        esac
        ;;
    esac

    return "${ret}"
}

_chanstat_dashboard() {
    local -i ret=1
    local -ar ___range=('today' '7d' '30d' '3m' '6m' 'this-month' 'last-month')
    local -ar ___color=('auto' 'always' 'never')
    local -ar arg_specs=(
        '--profile[A \[profiles.NAME\] table of the config file (default\: $CHANSTAT_PROFILE, then the file'\''s default_profile); flags given here override it.]:name:'
        '--db[A Chatwoot-shaped SQLite file (opened read-only), or Chatwoot'\''s PostgreSQL database as postgres\://\[USER@\]HOST\[\:PORT\]/DATABASE\[?PARAMS\] (password from ~/.pgpass or $PGPASSWORD, never the URL; see docs/postgres.md).]:file-or-url:'
        '--url[A Chatwoot server'\''s base address, e.g. https\://chat.example.com (token from $CHATWOOT_API_TOKEN or --token-file).]:base-url:'
        '--account[The account id; required with --url, and with a file that has several accounts.]:id:'
        '--token-file[A file holding the access token for --url; only you may read it (chmod 600).]:file:'
        '--ca-file[Certificate authorities (a PEM bundle) to trust for an https --url, besides the system'\''s (or $SSL_CERT_FILE'\''s)\: a company'\''s own CA.]:file:'
        '--demo[Read the built-in demo data (generated in memory, dates relative to today)\: what the dashboard shows with no source; report needs it said.]'
        '--insecure-http[Allow a plain http\:// --url to another machine (the token then crosses the network unencrypted).]'
        '--statement-timeout[With a postgres\:// --db\: how long the database may take over one report before it cancels it (default 10).]:seconds:'
        '--since[Start of the range (inclusive)\: Unix seconds, YYYY-MM-DD (local midnight) or an ISO 8601 date-time.]:since:'
        '--until[End of the range (exclusive); YYYY-MM-DD means the end of that day.]:until:'
        '--range[A preset range\: today, 7d, 30d, 3m, 6m, this-month, last-month. Default\: 30d.]:range:{__chanstat_complete "${___range[@]}"}'
        '--timezone[The time zone of dates, presets and the header\: an IANA name such as Europe/Berlin. Default\: the profile'\''s timezone, else $TZ, else the machine'\''s.]:zone:'
        '--utc[Read dates in UTC instead of local time (the same as --timezone UTC).]'
        '--refresh[Whole seconds between automatic refreshes (default\: 60 for a file, 300 for a server).]:seconds:'
        '--color[Colours\: auto (the default\: when the terminal has them and NO_COLOR is not set), always or never.]:color:{__chanstat_complete "${___color[@]}"}'
        '--ascii[Draw with ASCII characters only (the default when the locale is not UTF-8).]'
        '--log-file[Write logs to this file (the screen is the dashboard'\''s).]:file:'
        '--web-url[Chatwoot'\''s web address (https\://chat.example.com)\: each listed conversation gets its address there. Default\: the profile'\''s web_url, or --url.]:address:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_chanstat_report() {
    local -i ret=1
    local -ar ___range=('today' '7d' '30d' '3m' '6m' 'this-month' 'last-month')
    local -ar ___status=('open' 'resolved' 'pending' 'snoozed')
    local -ar ___format=('table' 'json' 'csv' 'prometheus')
    local -ar ___by=('channel' 'inbox' 'team' 'agent' 'label' 'day')
    local -ar arg_specs=(
        '--profile[A \[profiles.NAME\] table of the config file (default\: $CHANSTAT_PROFILE, then the file'\''s default_profile); flags given here override it.]:name:'
        '--db[A Chatwoot-shaped SQLite file (opened read-only), or Chatwoot'\''s PostgreSQL database as postgres\://\[USER@\]HOST\[\:PORT\]/DATABASE\[?PARAMS\] (password from ~/.pgpass or $PGPASSWORD, never the URL; see docs/postgres.md).]:file-or-url:'
        '--url[A Chatwoot server'\''s base address, e.g. https\://chat.example.com (token from $CHATWOOT_API_TOKEN or --token-file).]:base-url:'
        '--account[The account id; required with --url, and with a file that has several accounts.]:id:'
        '--token-file[A file holding the access token for --url; only you may read it (chmod 600).]:file:'
        '--ca-file[Certificate authorities (a PEM bundle) to trust for an https --url, besides the system'\''s (or $SSL_CERT_FILE'\''s)\: a company'\''s own CA.]:file:'
        '--demo[Read the built-in demo data (generated in memory, dates relative to today)\: what the dashboard shows with no source; report needs it said.]'
        '--insecure-http[Allow a plain http\:// --url to another machine (the token then crosses the network unencrypted).]'
        '--statement-timeout[With a postgres\:// --db\: how long the database may take over one report before it cancels it (default 10).]:seconds:'
        '--since[Start of the range (inclusive)\: Unix seconds, YYYY-MM-DD (local midnight) or an ISO 8601 date-time.]:since:'
        '--until[End of the range (exclusive); YYYY-MM-DD means the end of that day.]:until:'
        '--range[A preset range\: today, 7d, 30d, 3m, 6m, this-month, last-month. Default\: 30d.]:range:{__chanstat_complete "${___range[@]}"}'
        '--timezone[The time zone of dates, presets and the header\: an IANA name such as Europe/Berlin. Default\: the profile'\''s timezone, else $TZ, else the machine'\''s.]:zone:'
        '--utc[Read dates in UTC instead of local time (the same as --timezone UTC).]'
        '--list[List the conversations behind a number of the report (or of the queue with --now), longest waiting first, instead of counting them.]'
        '--channel[With --list\: only this channel type, as the payload names it (Channel\:\:Email).]:type:'
        '--inbox[With --list\: only this inbox.]:id:'
        '--team[With --list\: only this team'\''s conversations, or none for those without a team.]:id|none:'
        '--agent[With --list\: only this agent'\''s conversations, or none for the unassigned.]:id|none:'
        '--label[With --list\: only conversations with this label, or none for those without one.]:name|none:'
        '--status[With --list\: only conversations with this status now.]:status:{__chanstat_complete "${___status[@]}"}'
        '--unattended[With --list --now\: only the unattended (open, never answered or waiting again).]'
        '--unassigned[With --list --now\: only the open ones without an assignee.]'
        '--waiting[With --list --now\: only the open ones whose customer waits for a reply.]'
        '--limit[With --list\: at most this many conversations, 1 to 1000 (default 50); count says how many there are in all.]:n:'
        '--web-url[Chatwoot'\''s web address (https\://chat.example.com)\: each listed conversation gets its address there. Default\: the profile'\''s web_url, or --url.]:address:'
        '--format[Output format\: table, json (the API'\''s exact payload), csv, or prometheus (serve'\''s /metrics families for one account, ranges today, 7d and 30d, for node_exporter'\''s textfile collector).]:format:{__chanstat_complete "${___format[@]}"}'
        '--compare[Compare with the previous period (what the dashboard'\''s \[ steps to\: the calendar month before a month range, else the range moved back by its own length)\: each count'\''s change, and the total'\''s in percent. A range that ends after now is compared so far\: up to now, against the same length from the previous period'\''s start.]'
        '--by[One row per channel type (the default), per inbox, team, agent or label (SQLite and PostgreSQL sources; by label a conversation counts under each of its labels) or per day of the range (in its time zone; at most 31 days over --url); with --now, the queue by channel, inbox, team, agent or label.]:by:{__chanstat_complete "${___by[@]}"}'
        '--now[The queue now instead of a range\: open, unattended, unassigned, pending, snoozed, waiting and how long the customers have waited (docs/report.md).]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_chanstat_check() {
    local -i ret=1
    local -ar arg_specs=(
        '--profile[A \[profiles.NAME\] table of the config file (default\: $CHANSTAT_PROFILE, then the file'\''s default_profile); flags given here override it.]:name:'
        '--db[A Chatwoot-shaped SQLite file (opened read-only), or Chatwoot'\''s PostgreSQL database as postgres\://\[USER@\]HOST\[\:PORT\]/DATABASE\[?PARAMS\] (password from ~/.pgpass or $PGPASSWORD, never the URL; see docs/postgres.md).]:file-or-url:'
        '--url[A Chatwoot server'\''s base address, e.g. https\://chat.example.com (token from $CHATWOOT_API_TOKEN or --token-file).]:base-url:'
        '--account[The account id; required with --url, and with a file that has several accounts.]:id:'
        '--token-file[A file holding the access token for --url; only you may read it (chmod 600).]:file:'
        '--ca-file[Certificate authorities (a PEM bundle) to trust for an https --url, besides the system'\''s (or $SSL_CERT_FILE'\''s)\: a company'\''s own CA.]:file:'
        '--demo[Read the built-in demo data (generated in memory, dates relative to today)\: what the dashboard shows with no source; report needs it said.]'
        '--insecure-http[Allow a plain http\:// --url to another machine (the token then crosses the network unencrypted).]'
        '--statement-timeout[With a postgres\:// --db\: how long the database may take over one report before it cancels it (default 10).]:seconds:'
        '--metric[What to watch\: open, unattended, unassigned, pending, snoozed, waiting, oldest-wait (oldest-wait\: seconds the longest-waiting customer has waited; 0 when nobody waits).]:name:'
        '--channel[Only this channel type, as in the report'\''s JSON (e.g. Channel\:\:Email).]:type:'
        '(-w --warning)'{-w,--warning}'[The WARNING range.]:range:'
        '(-c --critical)'{-c,--critical}'[The CRITICAL range.]:range:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_chanstat_serve() {
    local -i ret=1
    local -ar arg_specs=(
        '--db[A Chatwoot-shaped SQLite file (opened read-only), or Chatwoot'\''s PostgreSQL database as a postgres\:// URL (see docs/postgres.md).]:file-or-url:'
        '--cache-seconds[With a postgres\:// --db\: how long an answer is reused for the same account and range (0\: never). An access grant is reused for at most 5 seconds, a refusal never. With either database\: how long /metrics reuses an account'\''s numbers.]:seconds:'
        '--statement-timeout[With a postgres\:// --db\: how long the database may take over one report.]:seconds:'
        '--metrics-ranges[The ranges of chatwoot_conversations_created on /metrics\: presets separated by commas, in serve'\''s time zone (--timezone, else $TZ).]:presets:'
        '--timezone[The time zone of /metrics'\'' presets\: an IANA name such as Europe/Berlin. Default\: $TZ, else the machine'\''s. (The API'\''s ranges are instants, in no zone.)]:zone:'
        '--host[The address to listen on; anything but loopback exposes the reports to the network.]:host:'
        '--port[The port; 0 picks a free one (printed on stdout).]:port:'
        '--idle-timeout[Close a connection that sends nothing (or half a request) for this long.]:seconds:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_chanstat_sample() {
    local -i ret=1
    local -ar ___timestamps=('unix' 'text')
    local -ar arg_specs=(
        '--out[The SQLite file to write, or a postgres\:// database to create Chatwoot'\''s tables in (an empty one; see docs/postgres.md).]:file-or-url:'
        '--conversations[How many conversations.]:conversations:'
        '--accounts[How many accounts.]:accounts:'
        '--days[Over how many days, ending with --end.]:days:'
        '--end[The last day with conversations, YYYY-MM-DD (local time). Default\: today.]:end:'
        '--seed[Seed\: the same seed writes the same file.]:seed:'
        '--timestamps[How created_at is stored\: unix (seconds) or text (Rails-style UTC, as pg_dump writes it).]:timestamps:{__chanstat_complete "${___timestamps[@]}"}'
        '--force[Replace --out if it exists (for a database\: the nine Chatwoot tables it writes, never a real Chatwoot'\''s).]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_chanstat_help() {
    local -i ret=1
    local -ar arg_specs=(
        '*:subcommands:'
        '--version[Show the version.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

if [[ "${funcstack[1]}" = _chanstat ]]; then
    _chanstat "${@}"
else
    compdef _chanstat chanstat
fi