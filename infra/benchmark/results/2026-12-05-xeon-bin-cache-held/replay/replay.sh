#!/usr/bin/env bash
# replay.sh label jar: ../../2026-12-05-epyc-autovacuum/replay/replay.sh (rebuild the read model from
# offset 0 with the given query-side jar, with the machine's load around it), then the projection's
# twenty costliest statements of that rebuild from pg_stat_statements, into statements-<label>.txt.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
su postgres -c "psql -q -d haulstream_query -c 'select pg_stat_statements_reset()'" >/dev/null
"$here/../../2026-12-05-epyc-autovacuum/replay/replay.sh" "$@"
su postgres -c "psql -At -d haulstream_query" > "$here/statements-$1.txt" <<'SQL'
select round(sum(total_exec_time)::numeric / 1000, 1) || ' s in all statements, ' || sum(calls) || ' calls'
  from pg_stat_statements where dbid = (select oid from pg_database where datname = 'haulstream_query');
select round(total_exec_time::numeric / 1000, 1), calls, round(mean_exec_time::numeric, 1), rows, left(regexp_replace(query, '\s+', ' ', 'g'), 160)
  from pg_stat_statements where dbid = (select oid from pg_database where datname = 'haulstream_query')
  order by total_exec_time desc limit 20;
SQL
