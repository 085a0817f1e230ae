#!/usr/bin/env bash
# Way-out benchmark: downloads (modelstore model download) and exports of models against rclone
# reading the same objects from the same store, with the store's ceiling (curl) beside.
# See docs/performance.md for the scenarios and the figures of the last run.
#
#   bench/out.sh                                   # every scenario, 3 pairs each
#   BENCH_SCENARIOS=download-2g BENCH_PAIRS=5 bench/out.sh
#
# Needs what bench/ingest.sh needs (rclone, GNU time, curl with --aws-sigv4) and the CLI
# (./modelstore builds it on first use).
set -euo pipefail
cd "$(dirname "$0")/.."

for tool in rclone curl /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "bench needs $tool (apt-get install rclone time curl)" >&2; exit 1; }
done

export MODELSTORE_FETCHER_SOURCES_AWS_ENDPOINT="${BENCH_S3:-http://127.0.0.1:9000}"
export MODELSTORE_STACK_SERVICE_JAVA_OPTS="${MODELSTORE_STACK_SERVICE_JAVA_OPTS:--Xmx256m -XX:+UseSerialGC -XX:+ExitOnOutOfMemoryError}"
./stack stop >/dev/null 2>&1 || true
./stack start
ls cli/target/cli-*.jar >/dev/null 2>&1 || ./mvnw -B -q -DskipTests -pl cli -am install

export MODELSTORE_API="$(sed -n 's/^api_url=//p' .modelstore/access.properties | sed 's/\\:/:/g')"
export MODELSTORE_TOKEN="$(sed -n 's/^token=//p' .modelstore/access.properties)"
export BENCH_S3="${BENCH_S3:-http://127.0.0.1:9000}"
export BENCH_DATA="${BENCH_DATA:-/tmp/modelstore-bench}"
export BENCH_ROOT="$PWD"

classes=$(mktemp -d)
trap 'rm -rf "$classes"' EXIT
javac -d "$classes" bench/IngestBench.java bench/OutBench.java
java -Xmx1g -cp "$classes" OutBench
