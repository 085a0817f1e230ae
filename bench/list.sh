#!/usr/bin/env bash
# List benchmark: the first page of GET /model (the default 200 models, newest first) and a page
# further on (by its cursor) for a project with 100,000 models, through the running stack's
# model-api. The models are rows put straight into PostgreSQL (no files: listing reads only rows).
# Target (issue 15): the first page in <= 50 ms. Figures go in docs/performance.md.
#
#   ./stack start && bench/list.sh            # BENCH_MODELS=100000 BENCH_RUNS=30 by default
set -euo pipefail
cd "$(dirname "$0")/.."
models="${BENCH_MODELS:-100000}"
runs="${BENCH_RUNS:-30}"
db="${MODELSTORE_STACK_DATABASE:-modelstore}"
api="$(sed -n 's/^api_url=//p' .modelstore/access.properties | sed 's/\\:/:/g')"
token="$(sed -n 's/^token=//p' .modelstore/access.properties)"
project="$(sed -n 's/^project_uuid=//p' .modelstore/access.properties)"
psql_() { psql -q -h 127.0.0.1 -U postgres -d "$db" -v ON_ERROR_STOP=1 "$@"; }

echo "putting $models models into project $project (marked bench-list, removed at the end)"
psql_ -c "INSERT INTO model_api.model (id, project_id, name, model_type, status, source_type, source_uri, size_bytes,
  file_count, progress_bytes, progress_files, created_at, updated_at)
  SELECT gen_random_uuid(), '$project', 'bench-list ' || i, 'model', 'READY', 'web', 'https://example.com/' || i,
  i * 1000, 1, 0, 0, now() - (i || ' seconds')::interval, now() FROM generate_series(1, $models) AS i"
trap "psql_ -c \"DELETE FROM model_api.model WHERE project_id = '$project' AND name LIKE 'bench-list %'\"" EXIT
psql_ -c "ANALYZE model_api.model"

measure() { # label, query
  local times=()
  for _ in $(seq "$runs"); do
    times+=("$(curl -s -o /dev/null -w '%{time_total}' -H "Authorization: $token" "$api/model$2")")
  done
  printf '%s\n' "${times[@]}" | sort -n | awk -v label="$1" '{t[NR]=$1} END {printf "%-36s median %.1f ms, p90 %.1f ms (%d runs)\n", label, t[int((NR+1)/2)]*1000, t[int(NR*0.9)]*1000, NR}'
}
curl -s -o /dev/null -H "Authorization: $token" "$api/model" # warm the JIT and the pool
measure "first page (200, the default)" ""
measure "first page of 50" "?limit=50"
cursor="$(curl -s -D - -o /dev/null -H "Authorization: $token" "$api/model?limit=200" | sed -n 's/^X-Next-Cursor: *//Ip' | tr -d '\r')"
measure "second page (by cursor)" "?cursor=$cursor"
measure "name filter, sorted by name" "?name=bench-list%2099&sort=name&limit=100"
