#!/usr/bin/env bash
# Building and testing only what changed (issue 14), side by side in one run:
#   (a) the quickstart: a no-change `mvn verify` against `mvn validate` (Maven's own start), interleaved, medians;
#   (b) 100 variants (2 manifests x 25 x 2 light fragments): a full run, one fragment changed (exactly the 50 variants
#       that use it are built and tested), a no-change run;
#   (c) the same 100 variants after the base image of one manifest moved (a new image under the same tag): exactly
#       its 50 cells are built and tested.
#   bench/changes.sh [quickstart|matrix|all]   (ROUNDS=5 for (a))
# Needs the container lab (eval "$(.ci/docker-lab.sh env)") and the plugin in a Maven repository: ~/.m2 after
# ./mvnw install, or BENCH_REPO=path/to/repo (it/target/local-repo after the ITs ran holds this build's plugin).
# Writes only under bench/target/work/changes (its own local cache folder too) and pushes only
# $FACTORY_LAB_REGISTRY/it-changes/bench-*.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
WORK=${BENCH_WORK:-$ROOT/bench/target/work}/changes
REG=${FACTORY_LAB_REGISTRY:-localhost:5000}
MIRROR=${FACTORY_LAB_MIRROR:-localhost:5000/lab}
ROUNDS=${ROUNDS:-5}
MVN=("$ROOT/mvnw" -B)
if [ -n "${BENCH_REPO:-}" ]; then
  MVN+=(-o "-Dmaven.repo.local=$BENCH_REPO" -Daether.enhancedLocalRepository.trackingFilename=_none)
fi
COMMON=(-Dfactory.mirror="$MIRROR" -Dfactory.cache.directory="$WORK/cache")
mkdir -p "$WORK"

now() { date +%s.%N; }
secs() { echo "$2 - $1" | bc -l | xargs printf '%.2f'; }
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
# run maven into a log, print the wall time in seconds; fails loudly when the build does not succeed
timed() { # log args...
  local log=$1 t0 t1; shift
  t0=$(now); "${MVN[@]}" "$@" >"$log" 2>&1 || { tail -40 "$log" >&2; echo "failed: see $log" >&2; exit 1; }; t1=$(now)
  secs "$t0" "$t1"
}
# what a verify did, from its log: targets baked, builds tested, records written
did() { # log
  local baked tested recorded
  baked=$(sed -n 's/.*Baking \([0-9]*\) target(s).*/\1/p' "$1" | tail -1); baked=${baked:-0}
  tested=$(grep -c ' test(s) on ' "$1" || true)
  recorded=$(grep -c '^\[INFO\] Record .*: pass\|^\[INFO\] Record .*: fail' "$1" || true)
  echo "$baked baked, $tested tested, $recorded recorded"
}

bench_quickstart() {
  echo "## (a) quickstart: no-change mvn verify vs mvn validate ($ROUNDS rounds, interleaved)"
  local p=$WORK/quickstart
  rm -rf "$p"; cp -r examples/quickstart "$p"
  sed -i "/^base:/a image: $REG/it-changes/bench-quickstart" "$p/src/main/factory/manifests/hello.yaml"
  timed "$WORK/qs-first.log" -f "$p/pom.xml" verify "${COMMON[@]}" >/dev/null
  local v=() c=() i
  for i in $(seq "$ROUNDS"); do
    c+=("$(timed "$WORK/qs-validate.log" -q -f "$p/pom.xml" validate "${COMMON[@]}")")
    v+=("$(timed "$WORK/qs-verify-$i.log" -f "$p/pom.xml" verify "${COMMON[@]}")")
    grep -q 'Nothing to bake' "$WORK/qs-verify-$i.log" && grep -q 'Nothing to test' "$WORK/qs-verify-$i.log" \
      || { echo "round $i was not a no-change run: see $WORK/qs-verify-$i.log" >&2; exit 1; }
  done
  local mv mc; mv=$(printf '%s\n' "${v[@]}" | median); mc=$(printf '%s\n' "${c[@]}" | median)
  echo "| quickstart, nothing changed | mvn verify $mv s (runs ${v[*]}) | mvn validate $mc s (runs ${c[*]}) | $(echo "scale=2; $mv / $mc" | bc)x |"
  echo "what the no-change verify did: $(did "$WORK/qs-verify-$ROUNDS.log") (load average $(cut -d' ' -f1-3 /proc/loadavg))"
}

# 2 manifests (m1 on a base of this bench, m2 on the lab's busybox) x core.n 1..25 x light [a, b] = 100 variants
make_matrix() { # dir
  local d=$1
  rm -rf "$d"; mkdir -p "$d/src/main/factory/manifests" "$d/src/main/factory/plans" "$d/base"
  cat > "$d/pom.xml" <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion><groupId>bench</groupId>
<artifactId>changes-matrix</artifactId><version>1.0</version><packaging>factory</packaging>
<properties><project.build.outputTimestamp>2026-01-01T00:00:00Z</project.build.outputTimestamp></properties>
<build><plugins><plugin><groupId>dev.factory</groupId><artifactId>factory-maven-plugin</artifactId>
<version>0.1.0-SNAPSHOT</version><extensions>true</extensions></plugin></plugins></build></project>
POM
  local f=$d/src/main/factory/fragments
  mkdir -p "$f/core/n" "$f/light/a" "$f/light/b"
  printf 'name: n\nslot: core\nversion: 1.0.0\ndescription: a number\nparameters:\n  n: {description: the number, default: "0"}\n' > "$f/core/n/fragment.yaml"
  printf 'RUN echo ${params.n} > /n\n' > "$f/core/n/Dockerfile.vm"
  for l in a b; do
    printf 'name: %s\nslot: light\nversion: 1.0.0\ndescription: a label\n' "$l" > "$f/light/$l/fragment.yaml"
    printf 'LABEL bench.light=%s\n' "$l" > "$f/light/$l/Dockerfile.vm"
  done
  local values; values=$(seq -s, 1 25 | sed 's/,/", "/g')
  local m base
  for m in m1 m2; do
    [ "$m" = m1 ] && base=$REG/it-changes/bench-base:1 || base=busybox:1.35
    printf 'id: %s\nbase: %s\nimage: %s/it-changes/bench-%s\nplatforms: [linux/amd64]\nfragments:\n  core: n\n  light: a\ntests:\n  commandTests:\n    - {name: the number, command: cat, args: [/n], expectedOutput: ["[0-9]"]}\n' \
      "$m" "$base" "$REG" "$m" > "$d/src/main/factory/manifests/$m.yaml"
    printf 'manifest: %s\naxes:\n  core.n: ["%s"]\n  light: [a, b]\n' "$m" "$values" > "$d/src/main/factory/plans/$m.yaml"
  done
  printf 'FROM %s/busybox:1.35\nARG STAMP\nLABEL bench.base=$STAMP\n' "$MIRROR" > "$d/base/Dockerfile"
}

push_base() { # dir stamp
  docker buildx build -q --push --provenance=false --platform linux/amd64 --build-arg "STAMP=$2" \
    -t "$REG/it-changes/bench-base:1" "$1/base" >/dev/null
}

bench_matrix() {
  echo "## (b), (c) 100 variants: full run, one fragment changed, base moved, nothing changed"
  local d=$WORK/matrix
  make_matrix "$d"
  rm -rf "$WORK/cache"
  push_base "$d" "first-$(date +%s%N)"
  local full frag base none
  full=$(timed "$WORK/m-full.log" -f "$d/pom.xml" verify "${COMMON[@]}")
  echo 'LABEL bench.changed=yes' >> "$d/src/main/factory/fragments/light/a/Dockerfile.vm"
  "${MVN[@]}" -f "$d/pom.xml" factory:stitch -Dfactory.explain "${COMMON[@]}" >"$WORK/m-explain.log" 2>&1 || true
  frag=$(timed "$WORK/m-fragment.log" -f "$d/pom.xml" verify "${COMMON[@]}")
  push_base "$d" "moved-$(date +%s%N)"
  base=$(timed "$WORK/m-base.log" -f "$d/pom.xml" verify "${COMMON[@]}")
  none=$(timed "$WORK/m-none.log" -f "$d/pom.xml" verify "${COMMON[@]}")
  echo "| 100 variants, full run | $full s | $(did "$WORK/m-full.log") |"
  echo "| fragment light/a changed (used by 50) | $frag s | $(did "$WORK/m-fragment.log") |"
  echo "| base of m1 moved (50 cells) | $base s | $(did "$WORK/m-base.log") |"
  echo "| nothing changed | $none s | $(did "$WORK/m-none.log") |"
  # exactly the cells: the builds tested after the fragment change all use light/a, after the base move all are m1's
  local wrong
  wrong=$(grep ' test(s) on ' "$WORK/m-fragment.log" | grep -v -- '-a linux/amd64' || true)
  [ -z "$wrong" ] || { echo "tested without using light/a: $wrong" >&2; exit 1; }
  wrong=$(grep ' test(s) on ' "$WORK/m-base.log" | grep -v '^\[INFO\] m1-' || true)
  [ -z "$wrong" ] || { echo "tested though not on the moved base: $wrong" >&2; exit 1; }
  echo "explain after the fragment change: $(grep -o 'fragment light/a changed[^:]*: [0-9]* cell(s)' "$WORK/m-explain.log" | head -1)"
  echo "(load average $(cut -d' ' -f1-3 /proc/loadavg))"
}

case ${1:-all} in
  quickstart) bench_quickstart ;;
  matrix) bench_matrix ;;
  all) bench_quickstart; bench_matrix ;;
  *) echo "usage: $0 [quickstart|matrix|all]" >&2; exit 2 ;;
esac
