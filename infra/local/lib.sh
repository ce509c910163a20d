# Shared helpers for infra/local/infra.sh and the engine files in engines/.
# Sourced, never run. Interface for an engine file engines/<name>.sh:
#   <NAME>_PORT (overridable by the environment), <name>_install, <name>_start,
#   <name>_stop, <name>_healthy (0 when the engine answers); optional:
#   <NAME>_START_TIMEOUT (seconds, default 90), <name>_purge (default: rm data/).
# Each engine keeps everything under engine_dir <name>; what `down --purge` deletes
# lives in its data/ folder, downloads (jars, venv) beside it.

INFRA_HOME="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$INFRA_HOME/../.." && pwd)"
INFRA_DATA="$REPO_ROOT/.data/infra"

engine_dir() { echo "$INFRA_DATA/$1"; }
engine_log() { echo "$INFRA_DATA/$1/$1.log"; }
engine_pidfile() { echo "$INFRA_DATA/$1/$1.pid"; }

log() { printf '[infra] %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

# True when something accepts TCP connections on 127.0.0.1:<port>.
port_open() {
  timeout 2 bash -c "exec 3<>/dev/tcp/127.0.0.1/$1" 2>/dev/null
}

# A process's start time (clock ticks since boot), read after the ")" that ends its
# name, which may itself hold spaces.
proc_start() { sed 's/.*) //' "/proc/$1/stat" 2>/dev/null | cut -d ' ' -f 20; }

# Prints the pid in <pidfile> and succeeds when that process is alive. A zombie
# (dead, not yet reaped by whatever adopted it) counts as stopped, and so does a pid
# reused after a reboot: start_daemon records the start time on the second line.
is_running() {
  local pid started
  [ -r "$1" ] || return 1
  pid="$(head -n 1 "$1" 2>/dev/null | tr -dc '0-9')"
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 1
  grep -q '^State:[[:space:]]*Z' "/proc/$pid/status" 2>/dev/null && return 1
  started="$(sed -n 2p "$1")"
  if [[ "$started" =~ ^[0-9]+$ ]] && [ "$started" != "$(proc_start "$pid")" ]; then
    return 1
  fi
  echo "$pid"
}

# wait_for <name> <timeout_s> <command...>: polls the command until it succeeds.
# Gives up early when the engine's own process has died, and points at its log.
wait_for() {
  local name="$1" timeout="$2" start=$SECONDS next=10 pidfile
  shift 2
  pidfile="$(engine_pidfile "$name")"
  until "$@" >/dev/null 2>&1; do
    if [ -e "$pidfile" ] && ! is_running "$pidfile" >/dev/null; then
      log "error: $name exited while starting; last lines of $(engine_log "$name"):"
      tail -n 15 "$(engine_log "$name")" >&2 2>/dev/null || true
      return 1
    fi
    if [ $((SECONDS - start)) -ge "$timeout" ]; then
      log "error: $name did not answer within ${timeout}s; see $(engine_log "$name")"
      return 1
    fi
    if [ $((SECONDS - start)) -ge "$next" ]; then
      log "$name: waiting for it to answer ($((SECONDS - start))s)..."
      next=$((next + 10))
    fi
    sleep 1
  done
}

# start_daemon <name> <cmd...>: runs cmd detached from this shell (own session, so
# it outlives npm and ignores its Ctrl-C), output appended to the engine's log.
start_daemon() {
  local name="$1" dir
  shift
  dir="$(engine_dir "$name")"
  mkdir -p "$dir"
  echo "---- $(date '+%F %T') starting: $*" >>"$(engine_log "$name")"
  # Without job control `&` does not make a process group, so setsid execs in
  # place and $! is the engine's own pid.
  setsid nohup "$@" >>"$(engine_log "$name")" 2>&1 </dev/null &
  printf '%s\n%s\n' "$!" "$(proc_start "$!")" >"$(engine_pidfile "$name")"
}

# stop_pidfile <name> [grace_s]: TERM the recorded pid, wait, then KILL.
stop_pidfile() {
  local name="$1" grace="${2:-20}" pidfile pid i
  pidfile="$(engine_pidfile "$name")"
  if ! pid="$(is_running "$pidfile")"; then
    rm -f "$pidfile"
    log "$name: not running"
    return 0
  fi
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < grace * 2; i++)); do
    is_running "$pidfile" >/dev/null || break
    sleep 0.5
  done
  if is_running "$pidfile" >/dev/null; then
    log "$name: pid $pid ignored TERM for ${grace}s; sending KILL"
    kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$pidfile"
  log "$name: stopped (pid $pid)"
}

# run_step <label> <logfile> <cmd...>: a slow step (downloads) with a progress line
# every 15 s; its output goes to the log, whose tail is shown when it fails.
run_step() {
  local label="$1" logfile="$2" pid start=$SECONDS next=15 rc=0
  shift 2
  log "$label..."
  "$@" >>"$logfile" 2>&1 &
  pid=$!
  while kill -0 "$pid" 2>/dev/null; do
    sleep 1
    if [ $((SECONDS - start)) -ge "$next" ] && kill -0 "$pid" 2>/dev/null; then
      log "$label: still working ($((SECONDS - start))s)"
      next=$((next + 15))
    fi
  done
  wait "$pid" || rc=$?
  if [ "$rc" -ne 0 ]; then
    log "error: $label failed (exit $rc); last lines of $logfile:"
    tail -n 20 "$logfile" >&2
    return "$rc"
  fi
  log "$label: done in $((SECONDS - start))s"
}

# apt_install <pkg...>: installs the Debian packages that are missing. Runs
# `apt-get update` only when apt does not know a package yet, or once more when the
# install fails on stale lists.
apt_install() {
  local missing=() pkg sudo=() updated=0 aptlog="$INFRA_DATA/apt.log"
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'ok installed' || missing+=("$pkg")
  done
  [ "${#missing[@]}" -eq 0 ] && return 0
  [ "$(id -u)" -eq 0 ] || sudo=(sudo)
  mkdir -p "$INFRA_DATA"
  for pkg in "${missing[@]}"; do
    if ! apt-cache policy "$pkg" 2>/dev/null | grep -q 'Candidate: [0-9]'; then
      run_step "apt-get update" "$aptlog" "${sudo[@]}" apt-get update
      updated=1
      break
    fi
  done
  local install=("${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y
    --no-install-recommends "${missing[@]}")
  run_step "apt-get install ${missing[*]}" "$aptlog" "${install[@]}" && return 0
  [ "$updated" -eq 0 ] || return 1
  run_step "apt-get update" "$aptlog" "${sudo[@]}" apt-get update
  run_step "apt-get install ${missing[*]}" "$aptlog" "${install[@]}"
}
