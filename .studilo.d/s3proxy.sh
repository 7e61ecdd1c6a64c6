# shellcheck shell=bash
# Sourced by ./studilo with "start" or "stop": the embedded S3-compatible object storage (S3Proxy with its
# filesystem backend) that ingestion-service talks to through the MinIO SDK, exactly as it would to MinIO.
#
#   port      9000 + STUDILO_PORT_OFFSET on 127.0.0.1 (S3_ENDPOINT in service_env)
#   data      $STUDILO_STATE_DIR/s3/<bucket>/<ownerId>/<documentId>
#   jar       org.gaul:s3proxy:<s3proxy.version in pom.xml>:jar-with-dependencies, from ~/.m2 or fetched once
#             into $STUDILO_STATE_DIR/cache with ./mvnw dependency:copy
#   keys      S3_ACCESS_KEY / S3_SECRET_KEY (dev defaults below; the same defaults as ingestion-service)
#
# It also exports OMP_THREAD_LIMIT=1 for the services it precedes: Tesseract then runs one thread per page and
# ingestion-service parallelises across pages, which is ≈3× faster on small machines.

s3proxy_port=$((9000 + OFFSET))
s3proxy_pidfile="$STATE/s3proxy.pid"
export S3_ACCESS_KEY="${S3_ACCESS_KEY:-studilo}"
export S3_SECRET_KEY="${S3_SECRET_KEY:-studilo-secret}"
export OMP_THREAD_LIMIT="${OMP_THREAD_LIMIT:-1}"

s3proxy_jar() {
  local version jar m2
  version=$(sed -n 's:.*<s3proxy.version>\(.*\)</s3proxy.version>.*:\1:p' "$ROOT/pom.xml" | head -n 1)
  jar="$STATE/cache/s3proxy-$version-jar-with-dependencies.jar"
  m2="$HOME/.m2/repository/org/gaul/s3proxy/$version/s3proxy-$version-jar-with-dependencies.jar"
  if [[ ! -f "$jar" ]]; then
    mkdir -p "$STATE/cache"
    if [[ -f "$m2" ]]; then
      cp "$m2" "$jar"
    else
      echo "studilo: fetching S3Proxy $version (once) …" >&2
      (cd "$ROOT" && ./mvnw -q -B dependency:copy \
        -Dartifact="org.gaul:s3proxy:$version:jar:jar-with-dependencies" -DoutputDirectory="$STATE/cache") >&2
    fi
  fi
  echo "$jar"
}

s3proxy_start() {
  if alive "$s3proxy_pidfile"; then
    echo "studilo: s3proxy already running on :$s3proxy_port"
    return 0
  fi
  if port_open 127.0.0.1 "$s3proxy_port"; then
    echo "studilo: port $s3proxy_port is taken by another process; set STUDILO_PORT_OFFSET or free it" >&2
    return 1
  fi
  local jar props
  jar=$(s3proxy_jar)
  [[ -f "$jar" ]] || { echo "studilo: S3Proxy jar not found ($jar)" >&2; return 1; }
  mkdir -p "$STATE/s3"
  props="$STATE/s3proxy.properties"
  cat >"$props" <<PROPS
s3proxy.endpoint=http://127.0.0.1:$s3proxy_port
s3proxy.authorization=aws-v2-or-v4
s3proxy.identity=$S3_ACCESS_KEY
s3proxy.credential=$S3_SECRET_KEY
jclouds.provider=filesystem
jclouds.filesystem.basedir=$STATE/s3
PROPS
  "$(java_bin)" -Xmx256m -XX:+UseSerialGC -jar "$jar" --properties "$props" >"$STATE/logs/s3proxy.log" 2>&1 &
  echo $! >"$s3proxy_pidfile"
  local deadline=$((SECONDS + 60))
  until port_open 127.0.0.1 "$s3proxy_port"; do
    if ! alive "$s3proxy_pidfile"; then
      echo "studilo: s3proxy exited; last log lines:" >&2
      tail -n 20 "$STATE/logs/s3proxy.log" >&2
      return 1
    fi
    if ((SECONDS > deadline)); then
      echo "studilo: s3proxy not listening on :$s3proxy_port after 60s" >&2
      return 1
    fi
    sleep 0.5
  done
  echo "studilo: s3proxy listening on :$s3proxy_port (data in $STATE/s3)"
}

s3proxy_stop() {
  if [[ -f "$s3proxy_pidfile" ]]; then
    local pid
    pid=$(cat "$s3proxy_pidfile")
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 20); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -9 "$pid" 2>/dev/null || true
    rm -f "$s3proxy_pidfile"
  fi
}

case "${1:-}" in
  start) s3proxy_start ;;
  stop) s3proxy_stop ;;
esac
