#!/usr/bin/env bash
# Plan generation benchmark for planner-service: 300 sections over 120 days (see bench/README.md).
# Needs the local PostgreSQL and RabbitMQ (as for the integration tests). Prints the figures and leaves them in
# planner-service/target/bench/plan-generation.txt.
set -euo pipefail
cd "$(dirname "$0")/../.."
./mvnw -o -q -pl common-lib,test-support install -DskipTests
log=planner-service/target/bench/run.log
mkdir -p "$(dirname "$log")"
./mvnw -o -q -pl planner-service verify \
  -Dtest=NoSuchTest -Dsurefire.failIfNoSpecifiedTests=false \
  -Dit.test=PlanGenerationBench -Dfailsafe.failIfNoSpecifiedTests=true >"$log" 2>&1 \
  || { echo "benchmark failed, see $log" >&2; exit 1; }
cat planner-service/target/bench/plan-generation.txt
