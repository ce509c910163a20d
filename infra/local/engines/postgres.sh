# PostgreSQL from Debian's packages, run as a private cluster (initdb + pg_ctl) in
# .data/infra/postgres/data rather than the system service, so it never touches the
# machine's own cluster. Postgres refuses to run as root: as root we run it as the
# `postgres` OS user; a normal user runs it as themselves.
POSTGRES_PORT="${POSTGRES_PORT:-15432}"

# The newest server the machine has (Debian 12: 15), from postgresql-common's layout.
# shellcheck disable=SC2012 # these folder names are plain version numbers
postgres_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }
postgres_data() { echo "$(engine_dir postgres)/data"; }
as_pg() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

postgres_install() {
  [ -n "$(postgres_bin)" ] || apt_install postgresql
  local dir data bin log tmp
  dir="$(engine_dir postgres)" data="$(postgres_data)" bin="$(postgres_bin)"
  log="$(engine_log postgres)" tmp="$dir/data.initdb"
  [ -s "$data/PG_VERSION" ] && return 0
  mkdir -p "$tmp"
  touch "$log"
  [ "$(id -u)" -ne 0 ] || chown postgres: "$tmp" "$log"
  as_pg test -w "$tmp" || die "postgres: the postgres user cannot write $tmp (a parent folder closed to other users?)"
  log "postgres: creating the cluster in $data"
  # Build in a temporary folder and rename at the end, so a failed first run is
  # retried from scratch instead of leaving a half-made cluster.
  rm -rf "${tmp:?}"/*
  as_pg "$bin/initdb" -D "$tmp" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >>"$log" 2>&1 ||
    die "postgres: initdb failed; see $log"
  # TCP on loopback only; no unix socket, whose default folder may not exist or be
  # writable here and whose path length is limited.
  printf "%s\n" "listen_addresses = '127.0.0.1'" "unix_socket_directories = ''" >>"$tmp/postgresql.conf"
  # Single-user mode creates the app's role and database before any server runs.
  printf '%s\n' "CREATE ROLE emporium LOGIN CREATEDB PASSWORD 'emporium';" \
    "CREATE DATABASE emporium OWNER emporium;" |
    as_pg "$bin/postgres" --single -D "$tmp" postgres >>"$log" 2>&1 ||
    die "postgres: creating role and database failed; see $log"
  mv "$tmp" "$data"
}

postgres_start() {
  # pg_ctl waits itself (-w), so a failed start reports at once instead of timing out.
  # shellcheck disable=SC2094 # pg_ctl and the server both append to the same log
  as_pg "$(postgres_bin)/pg_ctl" -D "$(postgres_data)" -l "$(engine_log postgres)" \
    -o "-p $POSTGRES_PORT" -w -t 60 start >>"$(engine_log postgres)" 2>&1 ||
    die "postgres: pg_ctl start failed; see $(engine_log postgres)"
  # Postgres keeps its own pid file; link it where the driver looks for pid files.
  ln -sfn "$(postgres_data)/postmaster.pid" "$(engine_pidfile postgres)"
}

postgres_stop() {
  local pid
  if ! pid="$(is_running "$(engine_pidfile postgres)")"; then
    log "postgres: not running"
    return 0
  fi
  # Fast shutdown: ends sessions and shuts down cleanly (no recovery on next start).
  as_pg "$(postgres_bin)/pg_ctl" -D "$(postgres_data)" -m fast -w -t 60 stop >/dev/null
  rm -f "$(engine_pidfile postgres)"
  log "postgres: stopped (pid $pid)"
}

postgres_healthy() {
  [ -n "$(postgres_bin)" ] && "$(postgres_bin)/pg_isready" -q -h 127.0.0.1 -p "$POSTGRES_PORT"
}
