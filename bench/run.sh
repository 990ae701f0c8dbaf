#!/usr/bin/env bash
# Factory's benchmarks, side by side, printed as tables (copied into docs/performance.md).
#   bench/run.sh [stitch|bake|builders|test|sbom|report|repack|all]
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

MVN_LOG="$ROOT/mvnw -B"
settle() { # wait (up to 60 s) until dockerd and containerd are idle: after a load they unpack for seconds
  local pids; pids=$(pgrep -x 'dockerd|containerd' | tr '\n' ' ')
  ticks() { local t=0 p; for p in $pids; do [ -r "/proc/$p/stat" ] && t=$((t + $(awk '{print $14 + $15}' "/proc/$p/stat"))); done; echo $t; }
  for _ in $(seq 60); do
    local a b; a=$(ticks); sleep 1; b=$(ticks)
    [ $((b - a)) -lt 5 ] && return 0
  done
}
seconds_log() { # like seconds, keeping the output in a log file: seconds_log LOG command...
  local log=$1 start end; shift; start=$(date +%s.%N); "$@" >"$log" 2>&1; end=$(date +%s.%N)
  echo "$end - $start" | bc -l | xargs printf '%.2f'
}
bake_seconds() { sed 's/\x1b\[[0-9;]*m//g' "$1" | grep -o 'Bake took [0-9.]* s' | tail -1 | grep -o '[0-9.]*'; }
own_ms() { echo "$1" | sed 's/\x1b\[[0-9;]*m//g' | grep -o "Factory's own work [0-9]* ms" | tail -1 | grep -o '[0-9]*'; }

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

# A busybox project: MANIFESTS manifests, each a plan of VARIANTS variants, PLATFORMS platforms; each
# variant burns a little CPU in a RUN step so that a cache hit is visible. Fragments are the project's own.
make_project() { # dir manifests variants platforms-yaml-list [light]
  local dir=$1 manifests=$2 variants=$3 platforms=$4 light=${5:-}
  rm -rf "$dir"; mkdir -p "$dir/src/main/factory/manifests" "$dir/src/main/factory/plans" "$dir/src/main/factory/fragments/core/work"
  cat > "$dir/pom.xml" <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion><groupId>bench</groupId>
<artifactId>$(basename "$dir")</artifactId><version>1.0</version><packaging>pom</packaging><build><plugins><plugin>
<groupId>dev.factory</groupId><artifactId>factory-maven-plugin</artifactId><version>0.1.0-SNAPSHOT</version></plugin></plugins></build></project>
POM
  printf 'name: work\nslot: core\nversion: 1.0.0\ndescription: some CPU work\nparameters:\n  n: {description: variant, default: "0"}\n' \
    > "$dir/src/main/factory/fragments/core/work/fragment.yaml"
  if [ -n "$light" ]; then
    printf 'LABEL bench.n=${params.n}\n' > "$dir/src/main/factory/fragments/core/work/Dockerfile.vm"
  else
    # what real fragments spend their time on: CPU (compiling, unpacking) and downloads (apt)
    printf 'RUN #[[i=0; while [ $i -lt 1000000 ]; do i=$((i+1)); done]]#; echo ${params.n} > /n\nRUN wget -q -O /packages.gz http://deb.debian.org/debian/dists/bookworm/main/binary-all/Packages.gz && echo ${params.n} >> /n\n' \
      > "$dir/src/main/factory/fragments/core/work/Dockerfile.vm"
  fi
  local values; values=$(seq -s, 1 "$variants" | sed 's/,/", "/g')
  for m in $(seq 1 "$manifests"); do
    printf 'id: m%s\nbase: busybox:1.35\nimage: %s/bench/m%s\nplatforms: %s\nfragments:\n  core: work\n' \
      "$m" "${FACTORY_LAB_REGISTRY:-localhost:5000}" "$m" "$platforms" > "$dir/src/main/factory/manifests/m$m.yaml"
    printf 'manifest: m%s\naxes:\n  core.n: ["%s"]\n' "$m" "$values" > "$dir/src/main/factory/plans/p$m.yaml"
  done
}

bench_bake() {
  echo "## bake"
  local dir=$WORK/bake-cache run; run=$(date +%s)
  # (a) the IT matrix: 2 manifests x 2 variants x 2 platforms, cold vs a rebuild on an emptied builder warmed only from the registry cache
  make_project "$dir" 2 2 "[linux/amd64, linux/arm64]"
  $MVN -f "$dir/pom.xml" factory:stitch -Dfactory.mirror="$MIRROR" >/dev/null
  docker builder prune -af >/dev/null
  local cold warm cold_bake warm_bake cache="${FACTORY_LAB_REGISTRY:-localhost:5000}/bench/cache-$run"
  cold=$(seconds_log "$WORK/a-cold.log" $MVN_LOG -f "$dir/pom.xml" factory:bake -Dfactory.push=true -Dfactory.cache.repository="$cache")
  cold_bake=$(bake_seconds "$WORK/a-cold.log")
  docker builder prune -af >/dev/null
  warm=$(seconds_log "$WORK/a-warm.log" $MVN_LOG -f "$dir/pom.xml" factory:bake -Dfactory.push=true -Dfactory.cache.repository="$cache")
  warm_bake=$(bake_seconds "$WORK/a-warm.log")
  grep -q "importing cache manifest from $cache" "$WORK/a-warm.log" || echo "(a) WARNING: the rebuild did not import the registry cache"
  echo "(a) 2x2x2 matrix, push with registry cache, cold vs rebuild on an emptied builder warmed only from the registry cache:"
  echo "    the bake (factory:bake's own figure: buildx, merge and Factory): cold $cold_bake s, rebuild $warm_bake s = $(echo "100 * $warm_bake / $cold_bake" | bc) % of cold"
  echo "    mvn factory:bake wall (Maven's start included): cold $cold s, rebuild $warm s = $(echo "100 * $warm / $cold" | bc) % of cold"
  # (b) one bake of 6 variants vs the same 6 Dockerfiles built one after another with docker buildx build, both cold
  dir=$WORK/bake-six
  make_project "$dir" 1 6 "[linux/amd64]"
  $MVN -f "$dir/pom.xml" factory:stitch -Dfactory.mirror="$MIRROR" >/dev/null
  docker builder prune -af >/dev/null
  local bake seq
  bake=$(seconds $MVN -f "$dir/pom.xml" factory:bake -Dfactory.cache=none)
  docker builder prune -af >/dev/null
  local start end; start=$(date +%s.%N)
  for b in "$dir"/target/factory/builds/*/; do
    docker buildx build -q --load -f "$b/Dockerfile" -t "bench/seq:$(basename "$b")" "$dir" >/dev/null
  done
  end=$(date +%s.%N); seq=$(echo "$end - $start" | bc -l | xargs printf '%.2f')
  echo "(b) 6 variants, cold, no cache export: one bake $bake s (mvn included); 6 x docker buildx build $seq s; bake is $(echo "scale=2; $seq / $bake" | bc)x faster"
  # (c) Factory's own time outside buildx for 100 variants, all cached (buildx only loads the images):
  # alone in a fresh JVM (mvn factory:bake), and as a lifecycle runs it, after stitch in the same JVM (mvn package);
  # each run starts on an idle engine (loading 100 images keeps dockerd and containerd busy for ~10 s after)
  dir=$WORK/bake-hundred
  make_project "$dir" 10 10 "[linux/amd64]" light
  $MVN -f "$dir/pom.xml" factory:stitch -Dfactory.mirror="$MIRROR" >/dev/null
  $MVN -f "$dir/pom.xml" factory:bake -Dfactory.cache=none >/dev/null 2>&1 || true
  local alone=() after=()
  for i in 1 2 3; do
    settle
    alone+=("$(own_ms "$("$ROOT/mvnw" -B -f "$dir/pom.xml" factory:bake -Dfactory.cache=none 2>&1)")")
    settle
    after+=("$(own_ms "$("$ROOT/mvnw" -B -f "$dir/pom.xml" factory:stitch factory:bake -Dfactory.cache=none -Dfactory.mirror="$MIRROR" 2>&1)")")
  done
  echo "(c) 100 variants, all cached, load: Factory's own time outside buildx (median of 3):"
  echo "    mvn factory:bake alone (fresh JVM): $(printf '%s\n' "${alone[@]}" | median) ms (runs: ${alone[*]})"
  echo "    after factory:stitch in the same JVM, as mvn package runs it: $(printf '%s\n' "${after[@]}" | median) ms (runs: ${after[*]})"
}

# the builders users have, on both buildx versions: the engine's own (docker driver), a docker-container builder and
# the BuildKit farm (remote), each cold (its build cache pruned first) then again (warm), side by side in one run
prune_builder() { # builder (empty: the engine's own); uses the DOCKER_CONFIG in effect
  if [ -z "$1" ]; then docker builder prune -af >/dev/null; else docker buildx prune -af --builder "$1" >/dev/null; fi
}
bench_builders() {
  echo "## builders"
  local six=$WORK/builders-six quick=$WORK/builders-quickstart
  make_project "$six" 1 6 "[linux/amd64]"
  rm -rf "$quick"; cp -r "$ROOT/examples/quickstart" "$quick"; rm -rf "$quick/target"
  local floor=${FACTORY_LAB_FLOOR_DOCKER_CONFIG:-$HOME/.docker} current=${FACTORY_LAB_CURRENT_DOCKER_CONFIG:?run eval "\$(.ci/docker-lab.sh env)" first}
  printf '| buildx | builder | 6-variant bake cold | again | quickstart verify cold | again (builder cache warm) |\n|---|---|---|---|---|---|\n'
  local cfg name builder args a b c d
  for cfg in "$floor" "$current"; do
    for name in engine container farm; do
      case $name in
        engine) builder= ;;
        container) builder=${FACTORY_LAB_CONTAINER_BUILDER:-factory-container} ;;
        farm) builder=${FACTORY_LAB_FARM:-factory-farm} ;;
      esac
      args=(-Dfactory.mirror="$MIRROR" -Dfactory.cache=none)
      [ -n "$builder" ] && args+=(-Dfactory.builder="$builder")
      export DOCKER_CONFIG=$cfg
      DOCKER_CONFIG=$cfg prune_builder "$builder"; settle
      a=$(seconds_log "$WORK/builders-six.log" $MVN_LOG -f "$six/pom.xml" factory:stitch factory:bake "${args[@]}")
      settle
      b=$(seconds_log "$WORK/builders-six2.log" $MVN_LOG -f "$six/pom.xml" factory:stitch factory:bake "${args[@]}")
      DOCKER_CONFIG=$cfg prune_builder "$builder"; settle
      # a cold verify starts from no target (no records) and rebuilds what records would vouch for: the builder works
      rm -rf "$quick/target"
      c=$(seconds_log "$WORK/builders-quick.log" $MVN_LOG -f "$quick/pom.xml" verify "${args[@]}" -Dfactory.rebuild=all)
      grep -q 'BUILD SUCCESS' "$WORK/builders-quick.log" || c="$c (failed)"
      settle
      d=$(seconds_log "$WORK/builders-quick2.log" $MVN_LOG -f "$quick/pom.xml" verify "${args[@]}" -Dfactory.rebuild=all)
      grep -q 'BUILD SUCCESS' "$WORK/builders-quick2.log" || d="$d (failed)"
      unset DOCKER_CONFIG
      printf '| %s | %s | %s s | %s s | %s s | %s s |\n' "$(DOCKER_CONFIG=$cfg docker buildx version | awk '{print $2}')" \
        "${builder:-engine (docker driver)}" "$a" "$b" "$c" "$d"
    done
  done
}

bench_test() {
  echo "## test: one command test vs a plain docker run of the same command"
  local dir=$WORK/test-cmd image=${FACTORY_LAB_BUSYBOX:-localhost:5000/lab/busybox:1.35}
  rm -rf "$dir"; mkdir -p "$dir/src/main/factory/manifests"
  cp "$WORK/bake-six/pom.xml" "$dir/pom.xml" 2>/dev/null || make_project "$dir" 1 1 "[linux/amd64]"
  rm -rf "$dir/src/main/factory/plans" "$dir/src/main/factory/manifests"/*
  { printf 'id: cmd\nbase: busybox:1.35\nimage: bench/cmd\nfragments:\n  light: {fragment: healthcheck, params: {tool: wget}}\ntests:\n  commandTests:\n'
    for i in $(seq 1 20); do printf '    - {name: "echo %s", command: echo, args: ["hi"], expectedOutput: ["^hi$"]}\n' "$i"; done; } \
    > "$dir/src/main/factory/manifests/cmd.yaml"
  $MVN -f "$dir/pom.xml" factory:stitch factory:bake -Dfactory.mirror="$MIRROR" -Dfactory.cache=none >/dev/null
  $MVN -f "$dir/pom.xml" factory:test -Dfactory.test.parallel=1 >/dev/null
  local ref; ref=$(sed -n 's/.*"ref": "\([^"]*\)".*/\1/p' "$dir/target/factory/builds/cmd/image.json" | head -1)
  local factory; factory=$(grep -o 'time="[0-9.]*"' "$dir/target/factory/builds/cmd/smoke-report.xml" | sed 's/time="//;s/"//' | tail -n +2 | median)
  local plain=()
  for i in $(seq 1 20); do plain+=("$(seconds docker run --rm --entrypoint '' "$ref" echo hi)"); done
  local p; p=$(printf '%s\n' "${plain[@]}" | median)
  echo "median of 20: factory:test command test $factory s; docker run --rm IMAGE echo hi $p s; ratio $(echo "scale=2; $factory / $p" | bc)"
}

bench_sbom() {
  echo "## sbom and report"
  local it=$ROOT/it/target/it/stdlib-builds build=jre-service-debian-bookworm-slim-17
  if [ -d "$it/target/factory" ]; then
    local ref size; ref=$(sed -n 's/.*"ref": "\([^"]*\)".*/\1/p' "$it/target/factory/builds/$build/image.json")
    size=$(docker image inspect -f '{{.Size}}' "$ref" | awk '{printf "%.0f MB", $1/1e6}')
    # the image is only in the engine (not pushed): it is read with docker create + docker export.
    # The time is the first image of a fresh Maven JVM (cold classes), as in a real build; median of 5.
    local runs=() line=""
    for i in 1 2 3 4 5; do
      line=$("$ROOT/mvnw" -B -f "$it/pom.xml" factory:sbom -Dfactory.sbom.generator=builtin -Dfactory.manifestId=jre-service 2>&1 \
        | sed 's/\x1b\[[0-9;]*m//g' | grep -o "SBOM $build (linux/amd64): [0-9]* components, builtin, [0-9.]* s")
      runs+=("$(echo "$line" | sed 's/.*builtin, \([0-9.]*\) s/\1/')")
    done
    echo "built-in SBOM of the Debian 12 + JRE 17 + jar image ($size compressed, $(echo "$line" | grep -o '[0-9]* components')):" \
      "$(printf '%s\n' "${runs[@]}" | median) s (runs: ${runs[*]})"
  else
    echo "(run ./mvnw verify first: the SBOM benchmark reads the stdlib-builds IT's images)"
  fi
  $MVN -pl factory-maven-plugin test -Dtest='ReporterTest#thousandRecordsAreReportedQuickly' -Dsurefire.failIfNoSpecifiedTests=false 2>&1 \
    | grep -o "factory:report over .*" | sed 's/^/report: /'
}

forget() { # remove an image and every other tag of it, so its layers are gone from the engine
  local id; id=$(docker image inspect -f '{{.Id}}' "$1" 2>/dev/null) || return 0
  docker image ls --no-trunc --format '{{.Repository}}:{{.Tag}} {{.ID}}' | awk -v id="$id" '$2 == id {print $1}' \
    | xargs -r docker image rm -f >/dev/null 2>&1 || true
  docker image rm -f "$id" >/dev/null 2>&1 || true
  docker builder prune -af >/dev/null 2>&1 || true
}

bench_repack() {
  echo "## repack: size and cold pull time, canonical vs repacked (median of 5 pulls)"
  local it=$ROOT/it/target/it/stdlib-builds reg=${FACTORY_LAB_REGISTRY:-localhost:5000}
  local src; src=$(sed -n 's/.*"ref": "\([^"]*\)".*/\1/p' "$it/target/factory/builds/jre-service-debian-bookworm-slim-17/image.json")
  local dir=$WORK/repack; rm -rf "$dir"; mkdir -p "$dir"
  for pair in "jre:$src" "debian:${FACTORY_LAB_DEBIAN:-localhost:5000/lab/debian:bookworm}"; do
    local name=${pair%%:*} ref=${pair#*:}
    docker pull -q "$ref" >/dev/null 2>&1 || true
    docker tag "$ref" "$reg/bench/$name:canonical" && docker push -q "$reg/bench/$name:canonical" >/dev/null
    local d="$dir/$name"; mkdir -p "$d/src/main/factory/manifests" "$d/target/factory/builds/$name"
    cp "$WORK/bake-six/pom.xml" "$d/pom.xml"
    local digest; digest=$(curl -sI -H 'Accept: application/vnd.oci.image.manifest.v1+json' -H 'Accept: application/vnd.docker.distribution.manifest.v2+json' \
      "http://$reg/v2/bench/$name/manifests/canonical" | tr -d '\r' | sed -n 's/^Docker-Content-Digest: //Ip')
    printf '{"schema":"factory.builds/v1","builds":[{"build":"%s","manifest_id":"%s","manifest_file":"x","plan":null,"plan_file":null,"variant":{},"base":"x","image":"%s/bench/%s","tags":["canonical"],"platforms":["linux/amd64"],"pool":null,"template":"layered","fragments":[],"dockerfile":"x","labels":{},"build_args":{},"fingerprint":"x"}]}\n' \
      "$name" "$name" "$reg" "$name" > "$d/target/factory/builds.json"
    printf '{"schema":"factory.image/v1","build":"%s","manifest_id":"%s","image":"%s/bench/%s","tag":"canonical","fingerprint":"x","pushed":true,"index_digest":null,"platforms":[{"platform":"linux/amd64","ref":"%s/bench/%s:canonical","digest":"%s","status":"built","error":null}]}\n' \
      "$name" "$name" "$reg" "$name" "$reg" "$name" "$digest" > "$d/target/factory/builds/$name/image.json"
    $MVN -f "$d/pom.xml" factory:repack -Dfactory.repack.zstdLevel="${REPACK_LEVEL:-19}" >/dev/null
    local before after; before=$(sed -n 's/.*"size_before": \([0-9]*\).*/\1/p' "$d/target/factory/builds/$name/repack.json")
    after=$(sed -n 's/.*"size_after": \([0-9]*\).*/\1/p' "$d/target/factory/builds/$name/repack.json")
    echo "$name: compressed $((before / 1000000)) MB -> $((after / 1000000)) MB ($(echo "scale=2; $before / $after" | bc)x smaller)"
    java -cp "$(classpath)" dev.factory.bench.PullBench 5 "$reg/bench/$name:canonical" "$reg/bench/$name:canonical-repacked" 2>/dev/null
  done
}

case ${1:-all} in
  stitch) bench_stitch ;;
  bake) bench_bake ;;
  builders) bench_builders ;;
  test) bench_test ;;
  sbom) bench_sbom ;;
  repack) bench_repack ;;
  all) bench_stitch; bench_bake; bench_builders; bench_test; bench_sbom; bench_repack ;;
  *) echo "usage: $0 [stitch|bake|builders|test|sbom|repack|all]" >&2; exit 2 ;;
esac
