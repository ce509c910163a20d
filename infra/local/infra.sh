#!/usr/bin/env bash
# Local engines for development and tests, without Docker (see README.md here).
# Usage: infra.sh up|down|status [--purge] [engine...]
#   default engines, in order: postgres redis moto kafka opensearch
#   down --purge also deletes each engine's data (keeps downloaded jars and venvs)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

DEFAULT_ENGINES=(postgres redis moto kafka opensearch)

usage() {
  echo "usage: infra.sh up|down|status [engine...]   (down also takes --purge)" >&2
  exit 2
}

action="${1:-}"
[ $# -eq 0 ] || shift
case "$action" in up | down | status) ;; *) usage ;; esac
purge=0
requested=()
for arg in "$@"; do
  case "$arg" in
    --purge) [ "$action" = down ] || usage; purge=1 ;;
    -*) usage ;;
    *) requested+=("$arg") ;;
  esac
done

# Source every engine file; one that is not in the default list runs after it.
known=("${DEFAULT_ENGINES[@]}")
for file in "$INFRA_HOME"/engines/*.sh; do
  [ -e "$file" ] || continue
  # shellcheck source=/dev/null
  source "$file"
  name="$(basename "$file" .sh)"
  [[ " ${known[*]} " == *" $name "* ]] || known+=("$name")
done
if [ ${#requested[@]} -gt 0 ]; then engines=("${requested[@]}"); else engines=("${known[@]}"); fi

port_of() { local var="${1^^}_PORT"; echo "${!var:-?}"; }

up_one() {
  local e="$1" port pid timeout_var start=$SECONDS
  port="$(port_of "$e")" timeout_var="${e^^}_START_TIMEOUT"
  if "${e}_healthy" >/dev/null 2>&1; then
    pid="$(is_running "$(engine_pidfile "$e")" || echo "not ours")"
    log "$e: already running on 127.0.0.1:$port (pid $pid); nothing to do"
    return 0
  fi
  if pid="$(is_running "$(engine_pidfile "$e")")"; then
    log "$e: pid $pid is running but not answering yet; waiting for it"
  else
    # A foreign process on our port would make the health check lie or the start fail.
    ! port_open "$port" || die "$e: port $port is taken by another process; stop it or set ${e^^}_PORT"
    "${e}_install"
    log "$e: starting on 127.0.0.1:$port"
    "${e}_start"
  fi
  wait_for "$e" "${!timeout_var:-90}" "${e}_healthy"
  log "$e: up on 127.0.0.1:$port (pid $(is_running "$(engine_pidfile "$e")" || echo '?'), $((SECONDS - start))s)"
}

down_one() {
  local e="$1"
  "${e}_stop"
  [ "$purge" -eq 1 ] || return 0
  if declare -F "${e}_purge" >/dev/null; then
    "${e}_purge"
  else
    rm -rf "$(engine_dir "$e")/data"
  fi
  log "$e: data deleted (downloads kept)"
}

status_one() {
  local e="$1" pid state=stopped rc=1
  pid="$(is_running "$(engine_pidfile "$e")" || true)"
  if "${e}_healthy" >/dev/null 2>&1; then
    state=healthy rc=0
  elif [ -n "$pid" ]; then
    state=unhealthy # running, not answering: starting up or wedged
  fi
  printf '%-11s %-9s port %-6s pid %s\n' "$e" "$state" "$(port_of "$e")" "${pid:--}"
  return "$rc"
}

# down goes in reverse order, the way services usually depend on one another.
if [ "$action" = down ]; then
  for ((i = ${#engines[@]} - 1, j = 0; i >= 0; i--, j++)); do ordered[j]="${engines[i]}"; done
  engines=("${ordered[@]}")
fi

failed=()
for e in "${engines[@]}"; do
  if ! declare -F "${e}_healthy" >/dev/null; then
    if [[ " ${DEFAULT_ENGINES[*]} " == *" $e "* ]]; then
      log "note: $e skipped: infra/local/engines/$e.sh is not there yet"
      [ "$action" != status ] || printf '%-11s %-9s (no engine file yet)\n' "$e" skipped
      # Only an engine asked for by name makes the run fail.
      [ ${#requested[@]} -eq 0 ] || failed+=("$e")
      continue
    fi
    log "error: unknown engine '$e' (known: ${known[*]})"
    exit 2
  fi
  # Each engine runs in a subshell with errexit on, so one failing engine reports
  # and the others still get their turn (a plain `if` would switch errexit off).
  set +e
  (set -e; "${action}_one" "$e")
  rc=$?
  set -e
  [ "$rc" -eq 0 ] || failed+=("$e")
done

if [ ${#failed[@]} -gt 0 ]; then
  [ "$action" = status ] || log "failed: ${failed[*]}"
  exit 1
fi
[ "$action" = status ] || log "$action: done"
