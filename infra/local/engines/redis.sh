# Redis from Debian's packages, in memory only (no snapshots, no append-only file):
# tests use their own key prefixes and nothing needs to survive a restart.
REDIS_PORT="${REDIS_PORT:-16379}"

redis_install() {
  if ! command -v redis-server >/dev/null || ! command -v redis-cli >/dev/null; then
    apt_install redis-server redis-tools
  fi
}

redis_start() {
  local data
  data="$(engine_dir redis)/data"
  mkdir -p "$data"
  # --dir keeps any file Redis writes out of the current folder.
  start_daemon redis redis-server --port "$REDIS_PORT" --bind 127.0.0.1 \
    --save "" --appendonly no --daemonize no --dir "$data"
}

redis_stop() { stop_pidfile redis; }

redis_healthy() {
  [ "$(timeout 5 redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping 2>/dev/null)" = PONG ]
}
