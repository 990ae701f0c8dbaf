#!/usr/bin/env bash
# Before/after figures of a change, side by side on one machine state: the benchmark runs alternately with
# the plugin built from BASE (a git ref, e.g. main) and with the one built from the working tree, ROUNDS times
# (the order flips every round), and prints every run and the medians.
#   bench/compare.sh BASE sbom [ROUNDS]     the built-in SBOM of the stdlib-builds IT's JRE image, as run.sh sbom
#   bench/compare.sh BASE repack [ROUNDS]   factory:repack of that image and of the lab's Debian, as run.sh repack
# Both plugins are installed into private local repositories under bench/target/compare (~/.m2 is only read,
# as their tail), so nothing shared is overwritten. Needs the lab (eval "$(.ci/docker-lab.sh env)") and, for
# both, the images of the stdlib-builds IT (./mvnw verify -Dinvoker.test=stdlib-builds -Darchetype.it.skip=true).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
BASE=${1:?usage: bench/compare.sh BASE sbom|repack [ROUNDS]}
WHAT=${2:?usage: bench/compare.sh BASE sbom|repack [ROUNDS]}
ROUNDS=${3:-5}
WORK=${BENCH_WORK:-$ROOT/bench/target/compare}
TAIL=$HOME/.m2/repository
REG=${FACTORY_LAB_REGISTRY:-localhost:5000}
# repositories of the lab registry that only this script writes
PREFIX=${BENCH_PREFIX:-bench-compare}
mkdir -p "$WORK"

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
seconds() { local start end; start=$(date +%s.%N); "$@" >/dev/null 2>&1; end=$(date +%s.%N); echo "$end - $start" | bc -l | xargs printf '%.2f'; }

# mvn with one of the private local repositories: with_plugin before|after mvn-args...
with_plugin() {
  local which=$1; shift
  MAVEN_ARGS="-o -Dmaven.repo.local=$WORK/m2-$which -Dmaven.repo.local.tail=$TAIL" "$ROOT/mvnw" -B "$@"
}

build() { # which source-dir
  local which=$1 src=$2
  (cd "$src" && MAVEN_ARGS="-o -Dmaven.repo.local=$WORK/m2-$which -Dmaven.repo.local.tail=$TAIL" ./mvnw -q -B -N install \
    && MAVEN_ARGS="-o -Dmaven.repo.local=$WORK/m2-$which -Dmaven.repo.local.tail=$TAIL" ./mvnw -q -B -pl fragments,factory-maven-plugin \
      install -DskipTests -Dinvoker.skip)
}

echo "building $BASE ($(git rev-parse --short "$BASE")) and the working tree ($(git rev-parse --short HEAD)$(git diff --quiet || echo ', modified'))"
rm -rf "$WORK/base-src" "$WORK/m2-before" "$WORK/m2-after"
mkdir -p "$WORK/base-src"
git archive "$BASE" | tar -x -C "$WORK/base-src"
build before "$WORK/base-src"
build after "$ROOT"

IT=$ROOT/it/target/it/stdlib-builds
BUILD=jre-service-debian-bookworm-slim-17
[ -f "$IT/target/factory/builds/$BUILD/image.json" ] || { echo "run the stdlib-builds IT first" >&2; exit 1; }
order() { if [ $(($1 % 2)) -eq 1 ]; then echo before after; else echo after before; fi; }

compare_sbom() {
  echo "## built-in SBOM of $BUILD (engine export), first image of a fresh Maven JVM, $ROUNDS interleaved rounds"
  declare -A runs=([before]="" [after]="")
  for round in $(seq 1 "$ROUNDS"); do
    for which in $(order "$round"); do
      local line
      line=$(with_plugin "$which" -f "$IT/pom.xml" factory:sbom -Dfactory.sbom.generator=builtin -Dfactory.manifestId=jre-service 2>&1 \
        | sed 's/\x1b\[[0-9;]*m//g' | grep -o "SBOM $BUILD (linux/amd64): [0-9]* components, builtin, [0-9.]* s")
      runs[$which]+="$(echo "$line" | sed 's/.*builtin, \([0-9.]*\) s/\1/') "
      echo "round $round $which: $line"
    done
  done
  for which in before after; do
    echo "$which: median $(printf '%s\n' ${runs[$which]} | median) s (runs: ${runs[$which]% })"
  done
}

# a project whose builds.json and image.json name one pushed image, as factory:repack reads them
repack_project() { # dir name image-repository digest
  local d=$1 name=$2 image=$3 digest=$4
  rm -rf "$d"; mkdir -p "$d/target/factory/builds/$name"
  cat > "$d/pom.xml" <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion><groupId>bench</groupId>
<artifactId>$name</artifactId><version>1.0</version><packaging>pom</packaging><build><plugins><plugin>
<groupId>dev.factory</groupId><artifactId>factory-maven-plugin</artifactId><version>0.1.0-SNAPSHOT</version></plugin></plugins></build></project>
POM
  printf '{"schema":"factory.builds/v1","builds":[{"build":"%s","manifest_id":"%s","manifest_file":"x","plan":null,"plan_file":null,"variant":{},"base":"x","image":"%s","tags":["canonical"],"platforms":["linux/amd64"],"pool":null,"template":"layered","fragments":[],"dockerfile":"x","labels":{},"build_args":{},"fingerprint":"x"}]}\n' \
    "$name" "$name" "$image" > "$d/target/factory/builds.json"
  printf '{"schema":"factory.image/v1","build":"%s","manifest_id":"%s","image":"%s","tag":"canonical","fingerprint":"x","pushed":true,"index_digest":null,"platforms":[{"platform":"linux/amd64","ref":"%s:canonical","digest":"%s","status":"built","error":null}]}\n' \
    "$name" "$name" "$image" "$image" "$digest" > "$d/target/factory/builds/$name/image.json"
}

compare_repack() {
  echo "## factory:repack (zstd level ${REPACK_LEVEL:-19}, 32 MB layers), wall time of mvn factory:repack, $ROUNDS interleaved rounds"
  local src; src=$(sed -n 's/.*"ref": "\([^"]*\)".*/\1/p' "$IT/target/factory/builds/$BUILD/image.json")
  for pair in "jre:$src" "debian:${FACTORY_LAB_DEBIAN:-localhost:5000/lab/debian:bookworm}"; do
    local name=${pair%%:*} ref=${pair#*:}
    docker pull -q "$ref" >/dev/null 2>&1 || true
    declare -A runs=([before]="" [after]="") repo=()
    for which in before after; do
      repo[$which]=$REG/$PREFIX/$name-$which
      docker tag "$ref" "${repo[$which]}:canonical" && docker push -q "${repo[$which]}:canonical" >/dev/null
      local digest; digest=$(curl -sI -H 'Accept: application/vnd.oci.image.manifest.v1+json' \
        -H 'Accept: application/vnd.docker.distribution.manifest.v2+json' \
        "http://$REG/v2/$PREFIX/$name-$which/manifests/canonical" | tr -d '\r' | sed -n 's/^Docker-Content-Digest: //Ip')
      repack_project "$WORK/repack-$name-$which" "$name" "${repo[$which]}" "$digest"
    done
    for round in $(seq 1 "$ROUNDS"); do
      for which in $(order "$round"); do
        local d=$WORK/repack-$name-$which t
        t=$(seconds with_plugin "$which" -f "$d/pom.xml" factory:repack -Dfactory.repack.zstdLevel="${REPACK_LEVEL:-19}")
        runs[$which]+="$t "
        local before after; before=$(sed -n 's/.*"size_before": \([0-9]*\).*/\1/p' "$d/target/factory/builds/$name/repack.json")
        after=$(sed -n 's/.*"size_after": \([0-9]*\).*/\1/p' "$d/target/factory/builds/$name/repack.json")
        echo "$name round $round $which: $t s, compressed $before -> $after bytes ($(echo "scale=2; $before / $after" | bc)x smaller)"
      done
    done
    for which in before after; do
      echo "$name $which: mvn factory:repack median $(printf '%s\n' ${runs[$which]} | median) s (runs: ${runs[$which]% })"
    done
    with_plugin after -q -f bench/pom.xml compile >/dev/null
    local cp; cp="bench/target/classes:$(with_plugin after -q -f bench/pom.xml dependency:build-classpath -Dmdep.outputFile=/dev/stdout)"
    java -cp "$cp" dev.factory.bench.PullBench 5 "${repo[before]}:canonical" "${repo[before]}:canonical-repacked" \
      "${repo[after]}:canonical-repacked" 2>/dev/null
  done
}

case $WHAT in
  sbom) compare_sbom ;;
  repack) compare_repack ;;
  *) echo "usage: bench/compare.sh BASE sbom|repack [ROUNDS]" >&2; exit 2 ;;
esac
