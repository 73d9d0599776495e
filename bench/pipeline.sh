#!/usr/bin/env bash
# Pipeline reaction latency and a burst of runs, against the fabric8 CRUD mock API server with a
# watch-driven fake kubelet (all in one JVM). Usage: bench/pipeline.sh [SEQUENTIAL_RUNS] [BURST]
exec "$(dirname "$0")/run-pipeline-bench.sh" PipelineBench "${1:-200}" "${2:-200}"
