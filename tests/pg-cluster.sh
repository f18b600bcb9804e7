#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the tests, from Debian's `postgresql` package: initdb into a
# new temporary folder, listening on a free loopback port only, with a password for the `muntada`
# superuser (so connections go through real authentication).
#   tests/pg-cluster.sh start      prints DIR, then the address to put in MUNTADA_TEST_PG
#   tests/pg-cluster.sh restart DIR   (the fault tests: clients see their connections drop)
#   tests/pg-cluster.sh pause DIR     (the server stops; the cluster is kept)
#   tests/pg-cluster.sh resume DIR    (and starts again, on the same port)
#   tests/pg-cluster.sh stop DIR
# The password is $PGPASSWORD, or muntada-test.
set -euo pipefail
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -n "$bin" ] && [ -x "$bin/initdb" ] || { echo "PostgreSQL is not installed (Debian package postgresql)" >&2; exit 1; }
# As root, the server runs as the postgres user, which PostgreSQL requires.
as=()
if [ "$(id -u)" = 0 ]; then as=(runuser -u postgres --); fi

case "${1:-}" in
start)
  dir=$(mktemp -d /tmp/muntada-pg.XXXXXX)
  chmod 755 "$dir"
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  printf '%s\n' "${PGPASSWORD:-muntada-test}" > "$dir/pw"
  if [ "$(id -u)" = 0 ]; then chown postgres "$dir" "$dir/pw"; fi
  "${as[@]}" "$bin/initdb" -D "$dir/data" -U muntada --pwfile="$dir/pw" -A scram-sha-256 \
    --auth-local=trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
    || { cat "$dir/initdb.log" >&2; exit 1; }
  rm -f "$dir/pw"
  # Durability is not what these tests check; a throwaway cluster gives it up for speed.
  opts="-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200"
  printf '%s\n' "$opts" > "$dir/opts"
  "${as[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 -o "$opts" \
    start >/dev/null || { cat "$dir/server.log" >&2; exit 1; }
  echo "$dir"
  echo "postgres://muntada@127.0.0.1:$port/postgres"
  ;;
restart)
  dir=${2:?the cluster folder that start printed}
  "${as[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -m fast -w -t 30 restart >/dev/null
  ;;
pause)
  dir=${2:?the cluster folder that start printed}
  "${as[@]}" "$bin/pg_ctl" -D "$dir/data" -m fast -w -t 30 stop >/dev/null
  ;;
resume)
  dir=${2:?the cluster folder that start printed}
  "${as[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 -o "$(cat "$dir/opts")" start >/dev/null \
    || { cat "$dir/server.log" >&2; exit 1; }
  ;;
stop)
  dir=${2:?the cluster folder that start printed}
  "${as[@]}" "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$dir"
  ;;
*)
  echo "usage: $0 start | restart DIR | pause DIR | resume DIR | stop DIR" >&2
  exit 2
  ;;
esac
