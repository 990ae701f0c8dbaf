#!/usr/bin/env bash
# Factory's benchmarks, side by side, printed as tables (copied into docs/performance.md).
#   bench/run.sh [stitch|bake|test|sbom|report|repack|all]
# Needs the plugin installed (./mvnw install -DskipTests -Dinvoker.skip) and, for all but stitch,
# the container lab (.ci/docker-lab.sh up; eval "$(.ci/docker-lab.sh env)").
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
WORK=${BENCH_WORK:-$ROOT/bench/target/work}
mkdir -p "$WORK"
MVN="$ROOT/mvnw -q -B"
MIRROR=${FACTORY_LAB_MIRROR:-localhost:5000/lab}

classpath() {
  $MVN -f bench/pom.xml compile >/dev/null
  echo "bench/target/classes:$($MVN -f bench/pom.xml dependency:build-classpath -Dmdep.outputFile=/dev/stdout)"
}

seconds() { # run a command, print its wall time in seconds
  local start end; start=$(date +%s.%N); "$@" >/dev/null 2>&1; end=$(date +%s.%N)
  echo "$end - $start" | bc -l | xargs printf '%.2f'
}

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

bench_stitch() {
  echo "## stitch: 10 manifests x plans of 100 combinations = 1,000 variants, 4 fragments each"
  local cp; cp=$(classpath)
  rm -rf "$WORK/stitch"
  java -cp "$cp" dev.factory.bench.StitchBench "$WORK/stitch" 2>/dev/null
  local runs=()
  for i in 1 2 3; do
    rm -rf "$WORK/stitch/target"
    runs+=("$(seconds $MVN -f "$WORK/stitch/pom.xml" factory:stitch -Dfactory.mirror="$MIRROR")")
  done
  echo "mvn factory:stitch (fresh target, wall, JVM start included): $(printf '%s\n' "${runs[@]}" | median) s (runs: ${runs[*]})"
  local warm; warm=$(seconds $MVN -f "$WORK/stitch/pom.xml" factory:stitch -Dfactory.mirror="$MIRROR")
  echo "mvn factory:stitch again, nothing changed: $warm s"
}

case ${1:-all} in
  stitch) bench_stitch ;;
  all) bench_stitch ;;
  *) echo "usage: $0 [stitch|all]" >&2; exit 2 ;;
esac
