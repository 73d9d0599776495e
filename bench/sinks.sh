#!/usr/bin/env bash
# Time from a run's completion to its point being queryable in a real InfluxDB (influxd started on a
# free port), through the pipeline on the fabric8 CRUD mock API server; next to the floor of a bare
# influxdb-java write. Usage: bench/sinks.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
cpfile=$(mktemp)
trap 'rm -f "$cpfile"' EXIT
mvn -B -q install -DskipTests -pl pipeline -am
mvn -B -q -pl pipeline dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$cpfile" >/dev/null
"$JAVA_HOME/bin/java" -Xmx1g -Djava.util.logging.config.file=.mvn/test-logging.properties \
  -Dorg.slf4j.simpleLogger.defaultLogLevel=error \
  -cp "pipeline/target/test-classes:pipeline/target/classes:$(cat "$cpfile")" \
  dev.kubectlqperf.pipeline.bench.SinkBench "${1:-100}"
