#!/usr/bin/env bash
# Time from a run's completion to its point being queryable in a real InfluxDB (influxd started on a
# free port), through the pipeline on the fabric8 CRUD mock API server; next to the floor of a bare
# influxdb-java write. Usage: bench/sinks.sh [RUNS]
exec "$(dirname "$0")/run-pipeline-bench.sh" SinkBench "${1:-100}"
