#!/usr/bin/env bash
# Exam benchmarks, run by hand from the repository root:
#   bench/exam/run.sh quality [path/to/qasc_dev_split.json] [--samples]
#   bench/exam/run.sh load    (needs PostgreSQL and RabbitMQ as for the ITs)
#   bench/exam/run.sh roundtrip [qasc.json] [--misses]   (against a running stack: ./studilo up; GATEWAY_URL)
set -euo pipefail
cd "$(dirname "$0")/../.."
what=${1:-quality}; shift || true
./mvnw -o -q -f exam-service/pom.xml compile test-compile -DskipTests
cp_file=exam-service/target/bench.classpath
./mvnw -o -q -f exam-service/pom.xml dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$PWD/$cp_file" >/dev/null
cp="exam-service/target/classes:exam-service/target/test-classes:$(cat "$cp_file")"
case "$what" in
  quality) exec java -cp "$cp" bench/exam/ExamQualityBench.java "${@:-../shared/data/qa/qasc_dev_split.json}" ;;
  load) exec java -cp "$cp" bench/exam/ExamLoadBench.java "$@" ;;
  roundtrip) exec java -cp "$cp" bench/exam/RoundTripBench.java "${@:-../shared/data/qa/qasc_dev_split.json}" ;;
  *) echo "usage: $0 quality|load|roundtrip" >&2; exit 2 ;;
esac
