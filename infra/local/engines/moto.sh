# moto server: emulates DynamoDB, S3 and SQS (and more) over one HTTP port. State is
# in memory; POST /moto-api/reset clears it. Installed from PyPI into its own venv.
MOTO_PORT="${MOTO_PORT:-14566}"
MOTO_PIP_SPEC="${MOTO_PIP_SPEC:-moto[server]>=5,<6}"

moto_venv() { echo "$(engine_dir moto)/venv"; }

moto_install() {
  local venv
  venv="$(moto_venv)"
  # The marker is written last: a venv without it is a failed install, redone.
  [ -e "$venv/.installed" ] && return 0
  command -v python3 >/dev/null || apt_install python3
  rm -rf "$venv"
  mkdir -p "$(engine_dir moto)"
  if ! python3 -m venv "$venv" >>"$(engine_log moto)" 2>&1; then
    rm -rf "$venv"
    apt_install python3-venv # Debian splits venv/ensurepip out of python3
    python3 -m venv "$venv"
  fi
  run_step "moto: pip install '$MOTO_PIP_SPEC' (first run only)" "$(engine_log moto)" \
    "$venv/bin/pip" install --disable-pip-version-check "$MOTO_PIP_SPEC"
  touch "$venv/.installed"
}

moto_start() {
  start_daemon moto "$(moto_venv)/bin/moto_server" -H 127.0.0.1 -p "$MOTO_PORT"
}

moto_stop() { stop_pidfile moto; }

moto_healthy() {
  local url="http://127.0.0.1:$MOTO_PORT/moto-api/"
  if command -v curl >/dev/null; then
    curl -fsS -o /dev/null --max-time 5 "$url"
  else
    python3 -c 'import sys, urllib.request; urllib.request.urlopen(sys.argv[1], timeout=5)' "$url"
  fi
}
