#!/usr/bin/env bash
# Ingestion robustness harness (see bench/README.md): ~400 generated broken and hostile uploads pushed one at a
# time through a RUNNING stack's public API (register + login via the gateway, POST /api/documents, poll until
# READY/FAILED, health check, delete). Start the stack first, e.g.
#   STUDILO_PORT_OFFSET=400 STUDILO_STATE_DIR=/tmp/stack400 ./studilo up
#   STUDILO_PORT_OFFSET=400 bench/ingestion/fuzz.sh [--only REGEX] [--timeout SECONDS] [--extra DIR] [--list]
# Mutation seeds: the PDFs of ../shared/data/malformed (STUDILO_SHARED_DATA overrides ../shared/data).
# Prints one line per input and a summary; exit code = number of findings (capped at 100).
set -euo pipefail
cd "$(dirname "$0")/../.."
./mvnw -o -q -pl common-lib install -DskipTests
./mvnw -o -q -pl bench package -DskipTests
./mvnw -o -q -pl bench dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
shared="${STUDILO_SHARED_DATA:-../shared/data}"
exec java -Xmx2g -cp "bench/target/classes:$(cat bench/target/classpath.txt)" \
  io.studilo.bench.ingestion.IngestionFuzzBench --seeds "$shared/malformed" "$@"
