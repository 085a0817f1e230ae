#!/usr/bin/env bash
# Ingest benchmark: Modelstore's fetcher against rclone, on loopback, into the same object store.
# See docs/performance.md for the scenarios, the figures of the last run and what bounds them.
#
#   bench/ingest.sh                          # every scenario, 3 pairs each
#   BENCH_SCENARIOS=web-2g,memory bench/ingest.sh
#   BENCH_PAIRS=5 bench/ingest.sh
#
# Needs: a JDK 17, rclone and GNU time (apt-get install rclone time), curl, tar, bzip2, and the
# stack's own needs (PostgreSQL on 127.0.0.1:5432). Generated data (seeded, ~20 GB at most) stays
# in $BENCH_DATA (default /tmp/modelstore-bench) between runs; delete it to start afresh.
set -euo pipefail
cd "$(dirname "$0")/.."

for tool in rclone curl tar bzip2 /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "bench needs $tool (apt-get install rclone time curl tar bzip2)" >&2; exit 1; }
done

# The stack's fetcher reads aws sources from the stack's own S3 store, so S3 scenarios use the same
# store as source and destination for both sides. It is restarted so this setting takes effect.
export MODELSTORE_FETCHER_SOURCES_AWS_ENDPOINT="${BENCH_S3:-http://127.0.0.1:9000}"
# The services' JVM settings for the run (the fetcher's heap bounds its memory; see docs/performance.md).
export MODELSTORE_STACK_SERVICE_JAVA_OPTS="${MODELSTORE_STACK_SERVICE_JAVA_OPTS:--Xmx256m -XX:+UseSerialGC -XX:+ExitOnOutOfMemoryError}"
./stack stop >/dev/null 2>&1 || true
./stack start

export MODELSTORE_API="$(sed -n 's/^api_url=//p' .modelstore/access.properties | sed 's/\\:/:/g')"
export MODELSTORE_TOKEN="$(sed -n 's/^token=//p' .modelstore/access.properties)"
export BENCH_S3="${BENCH_S3:-http://127.0.0.1:9000}"
export BENCH_DATA="${BENCH_DATA:-/tmp/modelstore-bench}"

java -Xmx1g bench/IngestBench.java
