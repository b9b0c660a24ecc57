#!/usr/bin/env bash
# Run once by the postgis image on an empty data directory: the same roles, databases,
# extensions and settings that infra/servers.sh prepares on a machine without Docker.
set -euo pipefail
psql() { command psql -v ON_ERROR_STOP=1 -qAt --username "$POSTGRES_USER" "$@"; }

psql -d postgres -c "create role haulstream login password 'haulstream'" \
  -c "create role haulstream_analyst login password 'analyst'"
for db in haulstream_command haulstream_query haulstream_command_test haulstream_query_test; do
  # Every role may connect to a new database; only the read models are for analysts.
  psql -d postgres -c "create database $db owner haulstream" -c "revoke connect, temporary on database $db from public"
  if [[ "$db" == haulstream_query* ]]; then
    psql -d postgres -c "grant connect on database $db to haulstream_analyst"
  fi
  psql -d "$db" -c "create extension if not exists postgis" -c "create extension if not exists btree_gist" \
    -c "create extension if not exists pg_stat_statements"
done
for db in haulstream_query haulstream_query_test; do
  psql -d postgres -c "alter database $db set jit = off" -c "alter database $db set max_parallel_workers_per_gather = 0"
done
