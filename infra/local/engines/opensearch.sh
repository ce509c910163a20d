# OpenSearch 2.19, one node on 127.0.0.1 over plain HTTP (no security plugin), for the
# catalog's search adapter (@opensearch-project/opensearch). There is no Docker and no
# tarball download here, so the node is assembled from Maven Central jars the way the
# distribution lays itself out:
#   infra/local/opensearch/pom.xml          the server + module jars (one version)
#   infra/local/opensearch/policy/*.policy  security-manager grants of some modules
#   infra/local/opensearch/log4j2.properties
# Everything lives in $INFRA_DATA/opensearch:
#   home/     bin/ (empty), lib/ (server jars), modules/<name>/ (jar(s) + plugin-descriptor.properties
#             written here, as the jars embed none), plugins/ (empty); .stamp = what built it
#   config/   opensearch.yml, jvm.options, log4j2.properties: rewritten on each start
#             (edit this file, not them); opensearch.keystore made by the node itself
#   data/     the indices (what `infra.sh down --purge` deletes)
#   logs/ tmp/, opensearch.log (console output), opensearch.pid
# OpenSearch refuses to run as root: started by root, the node runs as the system user
# $OPENSEARCH_USER (created on install), which owns config/ data/ logs/ tmp/.
# Needs a JDK 11-23 (2.19 installs a security manager, which JDK 24+ no longer allows):
# $OPENSEARCH_JAVA_HOME, else $JAVA_HOME, else `java`, else one under /usr/lib/jvm.
# Knobs: OPENSEARCH_PORT (HTTP, default 9200), OPENSEARCH_HEAP (default 512m),
# OPENSEARCH_JAVA_OPTS (appended to the JVM options), OPENSEARCH_START_TIMEOUT.
OPENSEARCH_PORT="${OPENSEARCH_PORT:-9200}"
OPENSEARCH_HEAP="${OPENSEARCH_HEAP:-512m}"
OPENSEARCH_START_TIMEOUT="${OPENSEARCH_START_TIMEOUT:-180}" # 15-35 s when the box is busy
OPENSEARCH_USER="${OPENSEARCH_USER:-opensearch}"

# Bump when the layout below changes, so installed homes are rebuilt.
_OPENSEARCH_LAYOUT=1

# The modules to lay out, one per line:
#   <folder>|<plugin class>|<extended plugins>|<jar globs: the module's jar first, then
#   the libraries only it uses>
# Every jar not claimed here goes to home/lib. The classes are the jars' own Plugin
# subclasses; analysis-common extends lang-painless (it adds Painless analysis hooks).
_OPENSEARCH_MODULES='
transport-netty4|org.opensearch.transport.Netty4Plugin||transport-netty4-client-*.jar netty-*.jar
lang-painless|org.opensearch.painless.PainlessPlugin||lang-painless-*.jar opensearch-scripting-painless-spi-*.jar antlr4-runtime-*.jar asm-*.jar
analysis-common|org.opensearch.analysis.common.CommonAnalysisPlugin|lang-painless|analysis-common-*.jar
mapper-extras|org.opensearch.index.mapper.MapperExtrasPlugin||mapper-extras-client-*.jar
lang-mustache|org.opensearch.script.mustache.MustachePlugin||lang-mustache-client-*.jar compiler-*.jar
reindex|org.opensearch.index.reindex.ReindexPlugin||reindex-client-*.jar opensearch-rest-client-*.jar opensearch-ssl-config-*.jar httpclient-*.jar httpcore-*.jar httpasyncclient-*.jar commons-codec-*.jar commons-logging-*.jar
aggs-matrix-stats|org.opensearch.search.aggregations.matrix.MatrixAggregationPlugin||aggs-matrix-stats-client-*.jar
parent-join|org.opensearch.join.ParentJoinPlugin||parent-join-client-*.jar
percolator|org.opensearch.percolator.PercolatorPlugin||percolator-client-*.jar
rank-eval|org.opensearch.index.rankeval.RankEvalPlugin||rank-eval-client-*.jar
'

# As root the node runs as its own user, which may not be able to enter the repo's
# folders (a clone under /root): its files then live under /var/lib, one folder per clone.
_opensearch_dir() {
  if [ -n "${OPENSEARCH_DIR:-}" ]; then
    echo "$OPENSEARCH_DIR"
  elif [ "$(id -u)" -eq 0 ]; then
    echo "/var/lib/emporium/opensearch-$(printf %s "$REPO_ROOT" | md5sum | cut -c1-8)"
  else
    echo "$INFRA_DATA/opensearch"
  fi
}
_opensearch_src() { cd "$(dirname "${BASH_SOURCE[0]}")/../opensearch" && pwd; }

# A slow step with progress lines: lib.sh's run_step when it has one.
_opensearch_step() {
  local label="$1" logfile="$2"
  shift 2
  if declare -F run_step >/dev/null; then
    run_step "$label" "$logfile" "$@"
  else
    log "$label..."
    "$@" >>"$logfile" 2>&1 || { log "error: $label failed; see $logfile"; tail -n 20 "$logfile" >&2; return 1; }
  fi
}

# Major version of a java binary (8 for 1.8), or nothing.
_opensearch_java_major() {
  "$1" -version 2>&1 | sed -n 's/.*version "\([0-9][0-9.]*\).*/\1/p' | head -n 1 |
    awk -F. '{ print ($1 == 1 ? $2 : $1) }'
}

# Prints a java that can run OpenSearch 2.19 (JDK 11 to 23), preferring 17 and 21.
_opensearch_java() {
  local candidates=() j major
  [ -n "${OPENSEARCH_JAVA_HOME:-}" ] && candidates+=("$OPENSEARCH_JAVA_HOME/bin/java")
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME/bin/java")
  command -v java >/dev/null 2>&1 && candidates+=("$(command -v java)")
  for j in /usr/lib/jvm/*17*/bin/java /usr/lib/jvm/*21*/bin/java /usr/lib/jvm/*/bin/java; do
    [ -x "$j" ] && candidates+=("$j")
  done
  for j in "${candidates[@]}"; do
    [ -x "$j" ] || continue
    major="$(_opensearch_java_major "$j")"
    if [ -n "$major" ] && [ "$major" -ge 11 ] && [ "$major" -le 23 ]; then
      echo "$j"
      return 0
    fi
  done
  return 1
}

# The server's version, read from its jar's name in <folder> (default: the installed lib/).
_opensearch_version() {
  local jar
  for jar in "${1:-$(_opensearch_dir)/home/lib}"/opensearch-[0-9]*.jar; do
    [ -e "$jar" ] || return 1
    jar="${jar##*/opensearch-}"
    echo "${jar%.jar}"
    return 0
  done
}

# What an installed home must have been built from: the pom, the policies, the layout.
_opensearch_stamp() {
  local src
  src="$(_opensearch_src)"
  { echo "layout $_OPENSEARCH_LAYOUT"; echo "$_OPENSEARCH_MODULES"; cat "$src/pom.xml" "$src"/policy/*.policy; } |
    sha1sum | cut -d ' ' -f 1
}

# Lays out home.new/ from the flat jar folder that Maven filled.
_opensearch_assemble() {
  local home="$1" jars="$1/jars" version name cls ext globs glob first found f n=0 libs
  # bin/ stays empty, but the node insists on every folder of a distribution's home.
  mkdir -p "$home/bin" "$home/lib" "$home/modules" "$home/plugins"
  version="$(_opensearch_version "$jars")" || { log "error: opensearch: no server jar in $jars"; return 1; }
  while IFS='|' read -r name cls ext globs; do
    [ -n "$name" ] || continue
    mkdir -p "$home/modules/$name"
    first=1
    for glob in $globs; do
      found=0
      for f in "$jars"/$glob; do
        [ -e "$f" ] || continue
        mv "$f" "$home/modules/$name/"
        found=1
      done
      if [ "$found" -eq 0 ] && [ "$first" -eq 1 ]; then
        log "error: opensearch: module $name: no $glob among the Maven jars"
        return 1
      fi
      first=0
    done
    {
      echo "# Written by infra/local/engines/opensearch.sh (the module jar carries none)."
      echo "name=$name"
      echo "description=OpenSearch module $name, laid out from its Maven artifact"
      echo "version=$version"
      echo "opensearch.version=$version"
      echo "java.version=11"
      echo "classname=$cls"
      [ -z "$ext" ] || echo "extended.plugins=$ext"
    } >"$home/modules/$name/plugin-descriptor.properties"
    if [ -e "$(_opensearch_src)/policy/$name.policy" ]; then
      cp "$(_opensearch_src)/policy/$name.policy" "$home/modules/$name/plugin-security.policy"
    fi
    n=$((n + 1))
  done <<<"$_OPENSEARCH_MODULES"
  libs=("$jars"/*.jar)
  mv "${libs[@]}" "$home/lib/"
  rmdir "$jars"
  log "opensearch: laid out $version: ${#libs[@]} jars in lib/, $n modules"
}

# The system user the node runs as when we are root (OpenSearch refuses root).
_opensearch_ensure_user() {
  [ "$(id -u)" -eq 0 ] || return 0
  id -u "$OPENSEARCH_USER" >/dev/null 2>&1 && return 0
  log "opensearch: creating system user '$OPENSEARCH_USER' (OpenSearch does not run as root)"
  useradd --system --user-group --no-create-home --home-dir /nonexistent \
    --shell /usr/sbin/nologin "$OPENSEARCH_USER"
}

opensearch_install() {
  local dir src home stamp
  dir="$(_opensearch_dir)" src="$(_opensearch_src)" home="$(_opensearch_dir)/home"
  mkdir -p "$dir"
  if ! _opensearch_java >/dev/null; then
    declare -F apt_install >/dev/null && apt_install openjdk-17-jre-headless
    _opensearch_java >/dev/null || { log "error: opensearch: needs a JDK 11-23 (17 or 21 preferred)"; return 1; }
  fi
  if ! command -v curl >/dev/null; then
    declare -F apt_install >/dev/null && apt_install curl
    command -v curl >/dev/null || { log "error: opensearch: needs curl (health check)"; return 1; }
  fi
  stamp="$(_opensearch_stamp)"
  if [ "$(cat "$home/.stamp" 2>/dev/null)" != "$stamp" ]; then
    if ! command -v mvn >/dev/null; then
      declare -F apt_install >/dev/null && apt_install maven
      command -v mvn >/dev/null || { log "error: opensearch: needs Maven (mvn)"; return 1; }
    fi
    rm -rf "$home.new"
    mkdir -p "$home.new"
    _opensearch_step "opensearch: fetching the server and module jars with Maven (first run only)" \
      "$dir/install.log" mvn -B -q -Dstyle.color=never -f "$src/pom.xml" \
      dependency:copy-dependencies -DoutputDirectory="$home.new/jars" || return 1
    _opensearch_assemble "$home.new" || return 1
    echo "$stamp" >"$home.new/.stamp"
    rm -rf "$home"
    mv "$home.new" "$home"
  fi
  _opensearch_ensure_user
  mkdir -p "$dir/config" "$dir/data" "$dir/logs" "$dir/tmp"
  if [ "$(id -u)" -eq 0 ]; then
    chown -R "$OPENSEARCH_USER:" "$dir/config" "$dir/data" "$dir/logs" "$dir/tmp"
    # The node user must reach its folders through the repo's own.
    if ! setpriv --reuid="$OPENSEARCH_USER" --regid="$OPENSEARCH_USER" --clear-groups \
      test -r "$home/lib" -a -w "$dir/data"; then
      log "error: opensearch: user '$OPENSEARCH_USER' cannot reach $dir (check the parent folders' x bits)"
      return 1
    fi
  fi
}

# Rewritten on every start so OPENSEARCH_PORT / OPENSEARCH_HEAP apply.
_opensearch_write_config() {
  local dir="$1" major="$2"
  cat >"$dir/config/opensearch.yml" <<CONF
# Generated by infra/local/engines/opensearch.sh on each start: edit that file instead.
cluster.name: emporium-local
node.name: local
network.host: 127.0.0.1
http.port: $OPENSEARCH_PORT
# Inter-node transport: first free port in the range, loopback only.
transport.port: 9300-9400
discovery.type: single-node
path.data: $dir/data
path.logs: $dir/logs
# A dev box's disk may be fuller than the 85/90/95% watermarks: without this the node
# stops allocating shards or turns indices read-only.
cluster.routing.allocation.disk.threshold_enabled: false
CONF
  {
    echo "# Generated by infra/local/engines/opensearch.sh on each start: edit that file instead."
    echo "# One option per line; read by the engine script (not by a launcher)."
    echo "-Xms$OPENSEARCH_HEAP"
    echo "-Xmx$OPENSEARCH_HEAP"
    echo "-XX:+UseG1GC"
    # C1 only: starts in about 60% of the time on a busy 2-core box (the Painless
    # whitelist and module set-up are JIT-bound) at the cost of peak speed. For a load
    # test: OPENSEARCH_JAVA_OPTS='-XX:TieredStopAtLevel=4' (later options win).
    echo "-XX:TieredStopAtLevel=1"
    echo "-Xss1m"
    echo "-XX:-OmitStackTraceInFastThrow"
    echo "-XX:+ShowCodeDetailsInExceptionMessages"
    echo "-XX:ErrorFile=$dir/logs/hs_err_pid%p.log"
    echo "-Djava.io.tmpdir=$dir/tmp"
    echo "-Djava.awt.headless=true"
    echo "-Dfile.encoding=UTF-8"
    # 2.19's date formats expect the JDK's older locale data; JDK 23 dropped it.
    if [ "$major" -lt 23 ]; then echo "-Djava.locale.providers=SPI,COMPAT"; else echo "-Djava.locale.providers=SPI,CLDR"; fi
    echo "-Djna.nosys=true"
    echo "-Dopensearch.networkaddress.cache.ttl=60"
    echo "-Dopensearch.networkaddress.cache.negative.ttl=10"
    echo "-Dio.netty.noUnsafe=true"
    echo "-Dio.netty.noKeySetOptimization=true"
    echo "-Dio.netty.recycler.maxCapacityPerThread=0"
    echo "-Dio.netty.allocator.numDirectArenas=0"
    echo "-Dlog4j.shutdownHookEnabled=false"
    echo "-Dlog4j2.disable.jmx=true"
    # JDK 18+ forbids installing a security manager unless asked to allow it.
    [ "$major" -lt 18 ] || echo "-Djava.security.manager=allow"
  } >"$dir/config/jvm.options"
  cp "$(_opensearch_src)/log4j2.properties" "$dir/config/log4j2.properties"
}

opensearch_start() {
  local dir java major opts=() asuser=() line pid
  dir="$(_opensearch_dir)"
  if pid="$(is_running "$dir/opensearch.pid")"; then
    log "opensearch: already running (pid $pid)"
    return 0
  fi
  if port_open "$OPENSEARCH_PORT"; then
    log "error: opensearch: port $OPENSEARCH_PORT is taken by another process; set OPENSEARCH_PORT"
    return 1
  fi
  [ -e "$dir/home/.stamp" ] || opensearch_install || return 1
  java="$(_opensearch_java)" || { log "error: opensearch: no JDK 11-23 found"; return 1; }
  major="$(_opensearch_java_major "$java")"
  mkdir -p "$dir/config" "$dir/data" "$dir/logs" "$dir/tmp" # data/ may have been purged
  _opensearch_write_config "$dir" "$major"
  while IFS= read -r line; do
    case "$line" in '' | '#'*) ;; *) opts+=("$line") ;; esac
  done <"$dir/config/jvm.options"
  # Extra options from the environment (e.g. a bigger heap for a load test).
  # shellcheck disable=SC2206 # split on spaces, as a launcher would
  [ -z "${OPENSEARCH_JAVA_OPTS:-}" ] || opts+=($OPENSEARCH_JAVA_OPTS)
  if [ "$(id -u)" -eq 0 ]; then
    _opensearch_ensure_user || return 1
    chown -R "$OPENSEARCH_USER:" "$dir/config" "$dir/data" "$dir/logs" "$dir/tmp"
    # setpriv execs in place (no fork), so the pid file holds the JVM's own pid.
    asuser=(setpriv --reuid="$OPENSEARCH_USER" --regid="$OPENSEARCH_USER" --init-groups)
  fi
  log "opensearch: $(_opensearch_version) on 127.0.0.1:$OPENSEARCH_PORT, heap $OPENSEARCH_HEAP, java $major${asuser:+, as user $OPENSEARCH_USER}"
  start_daemon opensearch "${asuser[@]}" env HOME="$dir/tmp" "$java" "${opts[@]}" \
    -Dopensearch.path.home="$dir/home" -Dopensearch.path.conf="$dir/config" \
    -Dopensearch.distribution.type=tar -Dopensearch.bundled_jdk=false \
    -cp "$dir/home/lib/*" org.opensearch.bootstrap.OpenSearch
}

# A clean shutdown flushes the indices; give it time before lib.sh sends KILL.
opensearch_stop() { stop_pidfile opensearch 30; }

opensearch_healthy() {
  curl -fsS --max-time 5 "http://127.0.0.1:$OPENSEARCH_PORT/_cluster/health" 2>/dev/null |
    grep -Eq '"status":"(green|yellow)"'
}

# `infra.sh down --purge`: the indices live outside .data/infra when running as root.
opensearch_purge() {
  rm -rf "$(_opensearch_dir)/data"
}
