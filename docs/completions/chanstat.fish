function __chanstat_should_offer_completions_for_flags_or_options -a expected_commands
    set -l non_repeating_flags_or_options $argv[2..]
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __chanstat_parse_tokens
    test "$commands" = "$expected_commands"; and return $non_repeating_flags_or_options_absent
end

function __chanstat_should_offer_completions_for_positional -a expected_commands positional_index_comparison expected_positional_index
    set -l non_repeating_flags_or_options
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __chanstat_parse_tokens
    test "$commands" = "$expected_commands" -a \( "$positional_index" "$positional_index_comparison" "$expected_positional_index" \)
end

function __chanstat_parse_tokens -S
    set -l unparsed_tokens (__chanstat_tokens -pc)
    switch $unparsed_tokens[1]
    case 'chanstat'
        __chanstat_parse_subcommand 0 'version' 'h/help'
        switch $unparsed_tokens[1]
        case 'dashboard'
            __chanstat_parse_subcommand 0 'profile=' 'db=' 'url=' 'account=' 'token-file=' 'ca-file=' 'demo' 'insecure-http' 'statement-timeout=' 'since=' 'until=' 'range=' 'timezone=' 'utc' 'refresh=' 'color=' 'ascii' 'log-file=' 'web-url=' 'version' 'h/help'
        case 'report'
            __chanstat_parse_subcommand 0 'profile=' 'db=' 'url=' 'account=' 'token-file=' 'ca-file=' 'demo' 'insecure-http' 'statement-timeout=' 'since=' 'until=' 'range=' 'timezone=' 'utc' 'list' 'channel=' 'inbox=' 'team=' 'agent=' 'label=' 'status=' 'unattended' 'unassigned' 'waiting' 'limit=' 'web-url=' 'format=' 'compare' 'by=' 'now' 'version' 'h/help'
        case 'check'
            __chanstat_parse_subcommand 0 'profile=' 'db=' 'url=' 'account=' 'token-file=' 'ca-file=' 'demo' 'insecure-http' 'statement-timeout=' 'metric=' 'channel=' 'w/warning=' 'c/critical=' 'version' 'h/help'
        case 'serve'
            __chanstat_parse_subcommand 0 'db=' 'cache-seconds=' 'statement-timeout=' 'metrics-ranges=' 'timezone=' 'host=' 'port=' 'idle-timeout=' 'version' 'h/help'
        case 'sample'
            __chanstat_parse_subcommand 0 'out=' 'conversations=' 'accounts=' 'days=' 'end=' 'seed=' 'timestamps=' 'force' 'version' 'h/help'
        case 'help'
            __chanstat_parse_subcommand -r 1 'version'
        end
    end
end

function __chanstat_tokens
    if test (string split -m 1 -f 1 -- . "$FISH_VERSION") -gt 3
        commandline --tokens-raw $argv
    else
        commandline -o $argv
    end
end

function __chanstat_parse_subcommand -S -a positional_count
    argparse -s r -- $argv
    set -l option_specs $argv[2..]
    set -l is_repeating_positional $_flag_r
    set -el _flag_r
    set -a commands $unparsed_tokens[1]
    set positional_index 0
    while true
        set -e unparsed_tokens[1]
        argparse -sn "$commands" $option_specs -- $unparsed_tokens 2> /dev/null
        set unparsed_tokens $argv
        set positional_index (math $positional_index + 1)
        for non_repeating_flag_or_option in $non_repeating_flags_or_options
            if set -ql "_flag_$(string replace -a - _ -- $non_repeating_flag_or_option)"
                set non_repeating_flags_or_options_absent 1
                break
            end
        end
        test (count $unparsed_tokens) -eq 0 -o \( -z "$is_repeating_positional" -a "$positional_index" -gt "$positional_count" \) && break
    end
end

function __chanstat_complete_directories
    set -l token (commandline -t)
    string match -- '*/' $token
    set -l subdirs $token*/
    printf %s\n $subdirs
end

function __chanstat_custom_completion
    set -x SAP_SHELL fish
    set -x SAP_SHELL_VERSION $FISH_VERSION
    set -l tokens (__chanstat_tokens -p)
    if test -z "$(__chanstat_tokens -t)"
        set -l index (count (__chanstat_tokens -pc))
        set tokens $tokens[..$index] \'\' $tokens[(math $index + 1)..]
    end
    command $tokens[1] $argv $tokens
end

complete -c 'chanstat' -f
complete -c 'chanstat' -n '__chanstat_should_offer_completions_for_flags_or_options "chanstat" version' -l 'version' -d 'Show the version.'
complete -c 'chanstat' -n '__chanstat_should_offer_completions_for_flags_or_options "chanstat" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'chanstat' -n '__chanstat_should_offer_completions_for_positional "chanstat" -eq 1' -fa 'dashboard' -d 'Open the dashboard (the default): per-channel counts by status, refreshed on a timer.'
complete -c 'chanstat' -n '__chanstat_should_offer_completions_for_positional "chanstat" -eq 1' -fa 'report' -d 'Print the channel summary report once (table, JSON, CSV or Prometheus\' text format).'
complete -c 'chanstat' -n '__chanstat_should_offer_completions_for_positional "chanstat" -eq 1' -fa 'check' -d 'A monitoring plugin (Nagios, Icinga): one number of the queue now against thresholds.'
complete -c 'chanstat' -n '__chanstat_should_offer_completions_for_positional "chanstat" -eq 1' -fa 'serve' -d 'Serve the channel summary report over HTTP, at Chatwoot\'s API path.'
complete -c 'chanstat' -n '__chanstat_should_offer_completions_for_positional "chanstat" -eq 1' -fa 'sample' -d 'Write realistic sample data: a Chatwoot-shaped SQLite file, or Chatwoot\'s tables in PostgreSQL.'
complete -c 'chanstat' -n '__chanstat_should_offer_completions_for_positional "chanstat" -eq 1' -fa 'help' -d 'Show subcommand help information.'
complete -c 'chanstat' -n '__chanstat_should_offer_completions_for_flags_or_options "chanstat dashboard" profile' -l 'profile' -d 'A [profiles.NAME] table of the config file (default: $CHANSTAT_PROFILE, then the file\'s default_profile); flags given here override it.' -rfka ''
complete -c 'chanstat' -n '__chanstat_should_offer_completions_for_flags_or_options "chanstat dashboard" db' -l 'db' -d 'A Chatwoot-shaped SQLite file (opened read-only), or Chatwoot\'s PostgreSQL database as postgres://[USER@]HOST[:PORT]/DATABASE[?PARAMS] (password from ~/.pgpass or $PGPASSWORD, never the URL; see docs/postgres.md).' -rfka ''
complete -c 'chanstat' -n '__chanstat_should_offer_completions_for_flags_or_options "chanstat dashboard" url' -l 'url' -d 'A Chatwoot server\'s base address, e.g. https://chat.example.com (token from $CHATWOOT_API_TOKEN or --token-file).' -rfka ''
complete -c 'chanstat' -n '__chanstat_should_offer_completions_for_flags_or_options "chanstat dashboard" account' -l 'account' -d 'The account id; required with --url, and with a file that has several accounts.' -rfka ''
complete -c 'chanstat' -n '__chanstat_should_offer_completions_for_flags_or_options "chanstat dashboard" token-file' -l 'token-file' -d 'A file holding the access token for --url; only you may read it (chmod 600).' -rfka ''
complete -c 'chanstat' -n '__chanstat_should_offer_completions_for_flags_or_options "chanstat dashboard" ca-file' -l 'ca-file' -d 'Certificate authorities (a PEM bundle) to trust for an https --url, besides the system\'s (or $SSL_CERT_FILE\'s): a company\'s own CA.' -rfka ''
complete -c 'chanstat' -n '__chanstat_should_offer_completions_for_flags_or_options "chanstat dashboard" demo' -l 'demo' -d 'Read the built-in demo data (generated in memory, dates relative to today): what the dashboard shows with no source; report needs it said.'
complete -c 'chanstat' -n '__chanstat_should_offer_completions_for_flags_or_options "chanstat dashboard" insecure-http' -l 'insecure-http' -d 'Allow a plain http:// --url to another machine (the token then crosses the network unencrypted).'
complete -c 'chanstat' -n '__chanstat_should_offer_completions_for_flags_or_options "chanstat dashboard" statement-timeout' -l 'statement-timeout' -d 'With a postgres:// --db: how long the database may take over one report before it cancels it (default 10).' -rfka ''
complete -c 'chanstat' -n '__chanstat_should_offer_completions_for_flags_or_options "chanstat dashboard" since' -l 'since' -d 'Start of the range (inclusive): Unix seconds, YYYY-MM-DD (local midnight) or an ISO 8601 date-time.' -rfka ''
complete -c 'chanstat' -n '__chanstat_should_offer_completions_for_flags_or_options "chanstat dashboard" until' -l 'until' -d 'End of the range (exclusive); YYYY-MM-DD means the end of that day.' -rfka ''
complete -c 'chanstat' -n '__chanstat_should_offer_completions_for_flags_or_options "chanstat dashboard" range' -l 'range' -d 'A preset range: today, 7d, 30d, 3m, 6m, this-month, last-month. Default: 30d.' -rfka 'today 7d 30d 3m 6m this-month last-month'
complete -c 'chanstat' -n '__chanstat_should_offer_completions_for_flags_or_options "chanstat dashboard" timezone' -l 'timezone' -d 'The time zone of dates, presets and the header: an IANA name such as Europe/Berlin. Default: the profile\'s timezone, else $TZ, else the machine\'s.' -rfka ''
complete -c 'chanstat' -n '__chanstat_should_offer_completions_for_flags_or_options "chanstat dashboard" utc' -l 'utc' -d 'Read dates in UTC instead of local time (the same as --timezone UTC).'
complete -c 'chanstat' -n '__chanstat_should_offer_completions_for_flags_or_options "chanstat dashboard" refresh' -l 'refresh' -d 'Whole seconds between automatic refreshes (default: 60 for a file, 300 for a server).' -rfka ''
complete -c 'chanstat' -n '__chanstat_should_offer_completions_for_flags_or_options "chanstat dashboard" color' -l 'color' -d 'Colours: auto (the default: when the terminal has them and NO_COLOR is not set), always or never.' -rfka 'auto always never'
complete -c 'chanstat' -n '__chanstat_should_offer_completions_for_flags_or_options "chanstat dashboard" ascii' -l 'ascii' -d 'Draw with ASCII characters only (the default when the locale is not UTF-8).'
complete -c 'chanstat' -n '__chanstat_should_offer_completions_for_flags_or_options "chanstat dashboard" log-file' -l 'log-file' -d 'Write logs to this file (the screen is the dashboard\'s).' -rfka ''
complete -c 'chanstat' -n '__chanstat_should_offer_completions_for_flags_or_options "chanstat dashboard" web-url' -l 'web-url' -d 'Chatwoot\'s web address (https://chat.example.com): each listed conversation gets its address there. Default: the profile\'s web_url, or --url.' -rfka ''
complete -c 'chanstat' -n '__chanstat_should_offer_completions_for_flags_or_options "chanstat dashboard" version' -l 'version' -d 'Show the version.'
complete -c 'chanstat' -n '__chanstat_should_offer_completions_for_flags_or_options "chanstat dashboard" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'chanstat' -n '__chanstat_should_offer_completions_for_flags_or_options "chanstat report" profile' -l 'profile' -d 'A [profiles.NAME] table of the config file (default: $CHANSTAT_PROFILE, then the file\'s default_profile); flags given here override it.' -rfka ''
complete -c 'chanstat' -n '__chanstat_should_offer_completions_for_flags_or_options "chanstat report" db' -l 'db' -d 'A Chatwoot-shaped SQLite file (opened read-only), or Chatwoot\'s PostgreSQL database as postgres://[USER@]HOST[:PORT]/DATABASE[?PARAMS] (password from ~/.pgpass or $PGPASSWORD, never the URL; see docs/postgres.md).' -rfka ''
complete -c 'chanstat' -n '__chanstat_should_offer_completions_for_flags_or_options "chanstat report" url' -l 'url' -d 'A Chatwoot server\'s base address, e.g. https://chat.example.com (token from $CHATWOOT_API_TOKEN or --token-file).' -rfka ''
complete -c 'chanstat' -n '__chanstat_should_offer_completions_for_flags_or_options "chanstat report" account' -l 'account' -d 'The account id; required with --url, and with a file that has several accounts.' -rfka ''
complete -c 'chanstat' -n '__chanstat_should_offer_completions_for_flags_or_options "chanstat report" token-file' -l 'token-file' -d 'A file holding the access token for --url; only you may read it (chmod 600).' -rfka ''
complete -c 'chanstat' -n '__chanstat_should_offer_completions_for_flags_or_options "chanstat report" ca-file' -l 'ca-file' -d 'Certificate authorities (a PEM bundle) to trust for an https --url, besides the system\'s (or $SSL_CERT_FILE\'s): a company\'s own CA.' -rfka ''
complete -c 'chanstat' -n '__chanstat_should_offer_completions_for_flags_or_options "chanstat report" demo' -l 'demo' -d 'Read the built-in demo data (generated in memory, dates relative to today): what the dashboard shows with no source; report needs it said.'
complete -c 'chanstat' -n '__chanstat_should_offer_completions_for_flags_or_options "chanstat report" insecure-http' -l 'insecure-http' -d 'Allow a plain http:// --url to another machine (the token then crosses the network unencrypted).'
complete -c 'chanstat' -n '__chanstat_should_offer_completions_for_flags_or_options "chanstat report" statement-timeout' -l 'statement-timeout' -d 'With a postgres:// --db: how long the database may take over one report before it cancels it (default 10).' -rfka ''
complete -c 'chanstat' -n '__chanstat_should_offer_completions_for_flags_or_options "chanstat report" since' -l 'since' -d 'Start of the range (inclusive): Unix seconds, YYYY-MM-DD (local midnight) or an ISO 8601 date-time.' -rfka ''
complete -c 'chanstat' -n '__chanstat_should_offer_completions_for_flags_or_options "chanstat report" until' -l 'until' -d 'End of the range (exclusive); YYYY-MM-DD means the end of that day.' -rfka ''
complete -c 'chanstat' -n '__chanstat_should_offer_completions_for_flags_or_options "chanstat report" range' -l 'range' -d 'A preset range: today, 7d, 30d, 3m, 6m, this-month, last-month. Default: 30d.' -rfka 'today 7d 30d 3m 6m this-month last-month'
complete -c 'chanstat' -n '__chanstat_should_offer_completions_for_flags_or_options "chanstat report" timezone' -l 'timezone' -d 'The time zone of dates, presets and the header: an IANA name such as Europe/Berlin. Default: the profile\'s timezone, else $TZ, else the machine\'s.' -rfka ''
complete -c 'chanstat' -n '__chanstat_should_offer_completions_for_flags_or_options "chanstat report" utc' -l 'utc' -d 'Read dates in UTC instead of local time (the same as --timezone UTC).'
complete -c 'chanstat' -n '__chanstat_should_offer_completions_for_flags_or_options "chanstat report" list' -l 'list' -d 'List the conversations behind a number of the report (or of the queue with --now), longest waiting first, instead of counting them.'
complete -c 'chanstat' -n '__chanstat_should_offer_completions_for_flags_or_options "chanstat report" channel' -l 'channel' -d 'With --list: only this channel type, as the payload names it (Channel::Email).' -rfka ''
complete -c 'chanstat' -n '__chanstat_should_offer_completions_for_flags_or_options "chanstat report" inbox' -l 'inbox' -d 'With --list: only this inbox.' -rfka ''
complete -c 'chanstat' -n '__chanstat_should_offer_completions_for_flags_or_options "chanstat report" team' -l 'team' -d 'With --list: only this team\'s conversations, or none for those without a team.' -rfka ''
complete -c 'chanstat' -n '__chanstat_should_offer_completions_for_flags_or_options "chanstat report" agent' -l 'agent' -d 'With --list: only this agent\'s conversations, or none for the unassigned.' -rfka ''
complete -c 'chanstat' -n '__chanstat_should_offer_completions_for_flags_or_options "chanstat report" label' -l 'label' -d 'With --list: only conversations with this label, or none for those without one.' -rfka ''
complete -c 'chanstat' -n '__chanstat_should_offer_completions_for_flags_or_options "chanstat report" status' -l 'status' -d 'With --list: only conversations with this status now.' -rfka 'open resolved pending snoozed'
complete -c 'chanstat' -n '__chanstat_should_offer_completions_for_flags_or_options "chanstat report" unattended' -l 'unattended' -d 'With --list --now: only the unattended (open, never answered or waiting again).'
complete -c 'chanstat' -n '__chanstat_should_offer_completions_for_flags_or_options "chanstat report" unassigned' -l 'unassigned' -d 'With --list --now: only the open ones without an assignee.'
complete -c 'chanstat' -n '__chanstat_should_offer_completions_for_flags_or_options "chanstat report" waiting' -l 'waiting' -d 'With --list --now: only the open ones whose customer waits for a reply.'
complete -c 'chanstat' -n '__chanstat_should_offer_completions_for_flags_or_options "chanstat report" limit' -l 'limit' -d 'With --list: at most this many conversations, 1 to 1000 (default 50); count says how many there are in all.' -rfka ''
complete -c 'chanstat' -n '__chanstat_should_offer_completions_for_flags_or_options "chanstat report" web-url' -l 'web-url' -d 'Chatwoot\'s web address (https://chat.example.com): each listed conversation gets its address there. Default: the profile\'s web_url, or --url.' -rfka ''
complete -c 'chanstat' -n '__chanstat_should_offer_completions_for_flags_or_options "chanstat report" format' -l 'format' -d 'Output format: table, json (the API\'s exact payload), csv, or prometheus (serve\'s /metrics families for one account, ranges today, 7d and 30d, for node_exporter\'s textfile collector).' -rfka 'table json csv prometheus'
complete -c 'chanstat' -n '__chanstat_should_offer_completions_for_flags_or_options "chanstat report" compare' -l 'compare' -d 'Compare with the previous period (what the dashboard\'s [ steps to: the calendar month before a month range, else the range moved back by its own length): each count\'s change, and the total\'s in percent. A range that ends after now is compared so far: up to now, against the same length from the previous period\'s start.'
complete -c 'chanstat' -n '__chanstat_should_offer_completions_for_flags_or_options "chanstat report" by' -l 'by' -d 'One row per channel type (the default), per inbox, team, agent or label (SQLite and PostgreSQL sources; by label a conversation counts under each of its labels) or per day of the range (in its time zone; at most 31 days over --url); with --now, the queue by channel, inbox, team, agent or label.' -rfka 'channel inbox team agent label day'
complete -c 'chanstat' -n '__chanstat_should_offer_completions_for_flags_or_options "chanstat report" now' -l 'now' -d 'The queue now instead of a range: open, unattended, unassigned, pending, snoozed, waiting and how long the customers have waited (docs/report.md).'
complete -c 'chanstat' -n '__chanstat_should_offer_completions_for_flags_or_options "chanstat report" version' -l 'version' -d 'Show the version.'
complete -c 'chanstat' -n '__chanstat_should_offer_completions_for_flags_or_options "chanstat report" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'chanstat' -n '__chanstat_should_offer_completions_for_flags_or_options "chanstat check" profile' -l 'profile' -d 'A [profiles.NAME] table of the config file (default: $CHANSTAT_PROFILE, then the file\'s default_profile); flags given here override it.' -rfka ''
complete -c 'chanstat' -n '__chanstat_should_offer_completions_for_flags_or_options "chanstat check" db' -l 'db' -d 'A Chatwoot-shaped SQLite file (opened read-only), or Chatwoot\'s PostgreSQL database as postgres://[USER@]HOST[:PORT]/DATABASE[?PARAMS] (password from ~/.pgpass or $PGPASSWORD, never the URL; see docs/postgres.md).' -rfka ''
complete -c 'chanstat' -n '__chanstat_should_offer_completions_for_flags_or_options "chanstat check" url' -l 'url' -d 'A Chatwoot server\'s base address, e.g. https://chat.example.com (token from $CHATWOOT_API_TOKEN or --token-file).' -rfka ''
complete -c 'chanstat' -n '__chanstat_should_offer_completions_for_flags_or_options "chanstat check" account' -l 'account' -d 'The account id; required with --url, and with a file that has several accounts.' -rfka ''
complete -c 'chanstat' -n '__chanstat_should_offer_completions_for_flags_or_options "chanstat check" token-file' -l 'token-file' -d 'A file holding the access token for --url; only you may read it (chmod 600).' -rfka ''
complete -c 'chanstat' -n '__chanstat_should_offer_completions_for_flags_or_options "chanstat check" ca-file' -l 'ca-file' -d 'Certificate authorities (a PEM bundle) to trust for an https --url, besides the system\'s (or $SSL_CERT_FILE\'s): a company\'s own CA.' -rfka ''
complete -c 'chanstat' -n '__chanstat_should_offer_completions_for_flags_or_options "chanstat check" demo' -l 'demo' -d 'Read the built-in demo data (generated in memory, dates relative to today): what the dashboard shows with no source; report needs it said.'
complete -c 'chanstat' -n '__chanstat_should_offer_completions_for_flags_or_options "chanstat check" insecure-http' -l 'insecure-http' -d 'Allow a plain http:// --url to another machine (the token then crosses the network unencrypted).'
complete -c 'chanstat' -n '__chanstat_should_offer_completions_for_flags_or_options "chanstat check" statement-timeout' -l 'statement-timeout' -d 'With a postgres:// --db: how long the database may take over one report before it cancels it (default 10).' -rfka ''
complete -c 'chanstat' -n '__chanstat_should_offer_completions_for_flags_or_options "chanstat check" metric' -l 'metric' -d 'What to watch: open, unattended, unassigned, pending, snoozed, waiting, oldest-wait (oldest-wait: seconds the longest-waiting customer has waited; 0 when nobody waits).' -rfka ''
complete -c 'chanstat' -n '__chanstat_should_offer_completions_for_flags_or_options "chanstat check" channel' -l 'channel' -d 'Only this channel type, as in the report\'s JSON (e.g. Channel::Email).' -rfka ''
complete -c 'chanstat' -n '__chanstat_should_offer_completions_for_flags_or_options "chanstat check" w warning' -s 'w' -l 'warning' -d 'The WARNING range.' -rfka ''
complete -c 'chanstat' -n '__chanstat_should_offer_completions_for_flags_or_options "chanstat check" c critical' -s 'c' -l 'critical' -d 'The CRITICAL range.' -rfka ''
complete -c 'chanstat' -n '__chanstat_should_offer_completions_for_flags_or_options "chanstat check" version' -l 'version' -d 'Show the version.'
complete -c 'chanstat' -n '__chanstat_should_offer_completions_for_flags_or_options "chanstat check" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'chanstat' -n '__chanstat_should_offer_completions_for_flags_or_options "chanstat serve" db' -l 'db' -d 'A Chatwoot-shaped SQLite file (opened read-only), or Chatwoot\'s PostgreSQL database as a postgres:// URL (see docs/postgres.md).' -rfka ''
complete -c 'chanstat' -n '__chanstat_should_offer_completions_for_flags_or_options "chanstat serve" cache-seconds' -l 'cache-seconds' -d 'With a postgres:// --db: how long an answer is reused for the same account and range (0: never). An access grant is reused for at most 5 seconds, a refusal never. With either database: how long /metrics reuses an account\'s numbers.' -rfka ''
complete -c 'chanstat' -n '__chanstat_should_offer_completions_for_flags_or_options "chanstat serve" statement-timeout' -l 'statement-timeout' -d 'With a postgres:// --db: how long the database may take over one report.' -rfka ''
complete -c 'chanstat' -n '__chanstat_should_offer_completions_for_flags_or_options "chanstat serve" metrics-ranges' -l 'metrics-ranges' -d 'The ranges of chatwoot_conversations_created on /metrics: presets separated by commas, in serve\'s time zone (--timezone, else $TZ).' -rfka ''
complete -c 'chanstat' -n '__chanstat_should_offer_completions_for_flags_or_options "chanstat serve" timezone' -l 'timezone' -d 'The time zone of /metrics\' presets: an IANA name such as Europe/Berlin. Default: $TZ, else the machine\'s. (The API\'s ranges are instants, in no zone.)' -rfka ''
complete -c 'chanstat' -n '__chanstat_should_offer_completions_for_flags_or_options "chanstat serve" host' -l 'host' -d 'The address to listen on; anything but loopback exposes the reports to the network.' -rfka ''
complete -c 'chanstat' -n '__chanstat_should_offer_completions_for_flags_or_options "chanstat serve" port' -l 'port' -d 'The port; 0 picks a free one (printed on stdout).' -rfka ''
complete -c 'chanstat' -n '__chanstat_should_offer_completions_for_flags_or_options "chanstat serve" idle-timeout' -l 'idle-timeout' -d 'Close a connection that sends nothing (or half a request) for this long.' -rfka ''
complete -c 'chanstat' -n '__chanstat_should_offer_completions_for_flags_or_options "chanstat serve" version' -l 'version' -d 'Show the version.'
complete -c 'chanstat' -n '__chanstat_should_offer_completions_for_flags_or_options "chanstat serve" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'chanstat' -n '__chanstat_should_offer_completions_for_flags_or_options "chanstat sample" out' -l 'out' -d 'The SQLite file to write, or a postgres:// database to create Chatwoot\'s tables in (an empty one; see docs/postgres.md).' -rfka ''
complete -c 'chanstat' -n '__chanstat_should_offer_completions_for_flags_or_options "chanstat sample" conversations' -l 'conversations' -d 'How many conversations.' -rfka ''
complete -c 'chanstat' -n '__chanstat_should_offer_completions_for_flags_or_options "chanstat sample" accounts' -l 'accounts' -d 'How many accounts.' -rfka ''
complete -c 'chanstat' -n '__chanstat_should_offer_completions_for_flags_or_options "chanstat sample" days' -l 'days' -d 'Over how many days, ending with --end.' -rfka ''
complete -c 'chanstat' -n '__chanstat_should_offer_completions_for_flags_or_options "chanstat sample" end' -l 'end' -d 'The last day with conversations, YYYY-MM-DD (local time). Default: today.' -rfka ''
complete -c 'chanstat' -n '__chanstat_should_offer_completions_for_flags_or_options "chanstat sample" seed' -l 'seed' -d 'Seed: the same seed writes the same file.' -rfka ''
complete -c 'chanstat' -n '__chanstat_should_offer_completions_for_flags_or_options "chanstat sample" timestamps' -l 'timestamps' -d 'How created_at is stored: unix (seconds) or text (Rails-style UTC, as pg_dump writes it).' -rfka 'unix text'
complete -c 'chanstat' -n '__chanstat_should_offer_completions_for_flags_or_options "chanstat sample" force' -l 'force' -d 'Replace --out if it exists (for a database: the nine Chatwoot tables it writes, never a real Chatwoot\'s).'
complete -c 'chanstat' -n '__chanstat_should_offer_completions_for_flags_or_options "chanstat sample" version' -l 'version' -d 'Show the version.'
complete -c 'chanstat' -n '__chanstat_should_offer_completions_for_flags_or_options "chanstat sample" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'chanstat' -n '__chanstat_should_offer_completions_for_flags_or_options "chanstat help" version' -l 'version' -d 'Show the version.'
# chanstat: the dashboard is the default command, so its options complete at the top level too.
complete -c 'chanstat' -n '__chanstat_should_offer_completions_for_flags_or_options "chanstat" profile' -l 'profile' -d 'A [profiles.NAME] table of the config file (default: $CHANSTAT_PROFILE, then the file\'s default_profile); flags given here override it.' -rfka ''
complete -c 'chanstat' -n '__chanstat_should_offer_completions_for_flags_or_options "chanstat" db' -l 'db' -d 'A Chatwoot-shaped SQLite file (opened read-only), or Chatwoot\'s PostgreSQL database as postgres://[USER@]HOST[:PORT]/DATABASE[?PARAMS] (password from ~/.pgpass or $PGPASSWORD, never the URL; see docs/postgres.md).' -rfka ''
complete -c 'chanstat' -n '__chanstat_should_offer_completions_for_flags_or_options "chanstat" url' -l 'url' -d 'A Chatwoot server\'s base address, e.g. https://chat.example.com (token from $CHATWOOT_API_TOKEN or --token-file).' -rfka ''
complete -c 'chanstat' -n '__chanstat_should_offer_completions_for_flags_or_options "chanstat" account' -l 'account' -d 'The account id; required with --url, and with a file that has several accounts.' -rfka ''
complete -c 'chanstat' -n '__chanstat_should_offer_completions_for_flags_or_options "chanstat" token-file' -l 'token-file' -d 'A file holding the access token for --url; only you may read it (chmod 600).' -rfka ''
complete -c 'chanstat' -n '__chanstat_should_offer_completions_for_flags_or_options "chanstat" ca-file' -l 'ca-file' -d 'Certificate authorities (a PEM bundle) to trust for an https --url, besides the system\'s (or $SSL_CERT_FILE\'s): a company\'s own CA.' -rfka ''
complete -c 'chanstat' -n '__chanstat_should_offer_completions_for_flags_or_options "chanstat" demo' -l 'demo' -d 'Read the built-in demo data (generated in memory, dates relative to today): what the dashboard shows with no source; report needs it said.'
complete -c 'chanstat' -n '__chanstat_should_offer_completions_for_flags_or_options "chanstat" insecure-http' -l 'insecure-http' -d 'Allow a plain http:// --url to another machine (the token then crosses the network unencrypted).'
complete -c 'chanstat' -n '__chanstat_should_offer_completions_for_flags_or_options "chanstat" statement-timeout' -l 'statement-timeout' -d 'With a postgres:// --db: how long the database may take over one report before it cancels it (default 10).' -rfka ''
complete -c 'chanstat' -n '__chanstat_should_offer_completions_for_flags_or_options "chanstat" since' -l 'since' -d 'Start of the range (inclusive): Unix seconds, YYYY-MM-DD (local midnight) or an ISO 8601 date-time.' -rfka ''
complete -c 'chanstat' -n '__chanstat_should_offer_completions_for_flags_or_options "chanstat" until' -l 'until' -d 'End of the range (exclusive); YYYY-MM-DD means the end of that day.' -rfka ''
complete -c 'chanstat' -n '__chanstat_should_offer_completions_for_flags_or_options "chanstat" range' -l 'range' -d 'A preset range: today, 7d, 30d, 3m, 6m, this-month, last-month. Default: 30d.' -rfka 'today 7d 30d 3m 6m this-month last-month'
complete -c 'chanstat' -n '__chanstat_should_offer_completions_for_flags_or_options "chanstat" timezone' -l 'timezone' -d 'The time zone of dates, presets and the header: an IANA name such as Europe/Berlin. Default: the profile\'s timezone, else $TZ, else the machine\'s.' -rfka ''
complete -c 'chanstat' -n '__chanstat_should_offer_completions_for_flags_or_options "chanstat" utc' -l 'utc' -d 'Read dates in UTC instead of local time (the same as --timezone UTC).'
complete -c 'chanstat' -n '__chanstat_should_offer_completions_for_flags_or_options "chanstat" refresh' -l 'refresh' -d 'Whole seconds between automatic refreshes (default: 60 for a file, 300 for a server).' -rfka ''
complete -c 'chanstat' -n '__chanstat_should_offer_completions_for_flags_or_options "chanstat" color' -l 'color' -d 'Colours: auto (the default: when the terminal has them and NO_COLOR is not set), always or never.' -rfka 'auto always never'
complete -c 'chanstat' -n '__chanstat_should_offer_completions_for_flags_or_options "chanstat" ascii' -l 'ascii' -d 'Draw with ASCII characters only (the default when the locale is not UTF-8).'
complete -c 'chanstat' -n '__chanstat_should_offer_completions_for_flags_or_options "chanstat" log-file' -l 'log-file' -d 'Write logs to this file (the screen is the dashboard\'s).' -rfka ''
complete -c 'chanstat' -n '__chanstat_should_offer_completions_for_flags_or_options "chanstat" web-url' -l 'web-url' -d 'Chatwoot\'s web address (https://chat.example.com): each listed conversation gets its address there. Default: the profile\'s web_url, or --url.' -rfka ''
