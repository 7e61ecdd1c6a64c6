#!/usr/bin/env bash
# Ingestion benchmarks (see bench/README.md): end-to-end vs bare PDFBox+embed pages/s, OCR vs the tesseract CLI,
# peak heap for a 500-page PDF. Extra arguments go to Maven, e.g. a quick run while iterating:
#   bench/ingestion/run.sh -Dbench.rounds=2 -Dbench.warmup=2 -Dbench.parts=e2e   (parts: e2e, ocr, heap)
# Needs the local PostgreSQL and RabbitMQ and tesseract (as the integration tests
# do); starts its own S3Proxy. Prints the figures and leaves them in ingestion-service/target/bench/ingestion.txt.
set -euo pipefail
cd "$(dirname "$0")/../.."
./mvnw -o -q -pl common-lib,test-support install -DskipTests
log=ingestion-service/target/bench/run.log
mkdir -p "$(dirname "$log")"
OMP_THREAD_LIMIT=1 ./mvnw -o -q -pl ingestion-service verify \
  -Dtest=NoSuchTest -Dsurefire.failIfNoSpecifiedTests=false \
  -Dit.test=IngestionThroughputBench -Dfailsafe.failIfNoSpecifiedTests=true "$@" >"$log" 2>&1 \
  || { echo "benchmark failed, see $log" >&2; exit 1; }
cat ingestion-service/target/bench/ingestion.txt
