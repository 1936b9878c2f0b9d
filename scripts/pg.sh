#!/usr/bin/env bash
# A throwaway PostgreSQL cluster on a loopback port for the tests.
#   scripts/pg.sh start DIR PORT   initdb in DIR (if new) and start; prints the database URL
#   scripts/pg.sh stop DIR         stop it
# PostgreSQL refuses to run as root, so as root the cluster belongs to a system user `station-pg`.
set -euo pipefail
source "$(dirname "$0")/env.sh"
bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)

as_pg_user() {
  if [ "$(id -u)" -eq 0 ]; then
    id station-pg >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin station-pg
    runuser -u station-pg -- "$@"
  else
    "$@"
  fi
}

cmd=$1 dir=$2
case "$cmd" in
  start)
    port=$3
    mkdir -p "$dir"
    [ "$(id -u)" -eq 0 ] && { id station-pg >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin station-pg; chown station-pg "$dir"; }
    if [ ! -f "$dir/data/PG_VERSION" ]; then
      as_pg_user "$bin/initdb" -D "$dir/data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >"$dir/initdb.log"
    fi
    as_pg_user "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
      -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=300" start >/dev/null
    echo "postgres://postgres@127.0.0.1:$port/postgres"
    ;;
  stop)
    as_pg_user "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
    ;;
  *)
    echo "usage: $0 start DIR PORT | stop DIR" >&2
    exit 2
    ;;
esac
