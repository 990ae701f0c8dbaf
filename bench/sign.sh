#!/usr/bin/env bash
# factory:sign on the quickstart's 8 images against cosign on the same digests, in one run (issue 15).
#   bench/sign.sh
# Needs the container lab (eval "$(.ci/docker-lab.sh env)"), cosign 3 ($FACTORY_LAB_COSIGN, or cosign on the
# PATH), and the plugin in a Maven repository: ~/.m2 after ./mvnw install, or BENCH_REPO=path/to/repo (such as
# it/target/local-repo after the ITs ran, which holds this build's plugin; then Maven runs offline).
# Pushes the quickstart to $FACTORY_LAB_REGISTRY/it-sign/bench-<time>/hello: a new repository per run, so
# that Factory starts from unsigned images (it leaves what its key already signed alone).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
WORK=${BENCH_WORK:-$ROOT/bench/target/work}/sign
REG=${FACTORY_LAB_REGISTRY:-localhost:5000}
MIRROR=${FACTORY_LAB_MIRROR:-localhost:5000/lab}
COSIGN=${FACTORY_LAB_COSIGN:-cosign}
MVN=("$ROOT/mvnw" -B)
# that repository was filled through the ITs' own remote, which this build does not have: ignore where files came from
if [ -n "${BENCH_REPO:-}" ]; then
  MVN+=(-o "-Dmaven.repo.local=$BENCH_REPO" -Daether.enhancedLocalRepository.trackingFilename=_none)
fi
export COSIGN_PASSWORD=bench-sign-password

now() { date +%s.%N; }
ms() { echo "($2 - $1) * 1000" | bc -l | xargs printf '%.0f'; }

rm -rf "$WORK"; mkdir -p "$WORK"
cp -r examples/quickstart "$WORK/quickstart"
P=$WORK/quickstart
repo="it-sign/bench-$(date +%s)/hello"
sed -i "/^base:/a image: $REG/$repo" "$P/src/main/factory/manifests/hello.yaml"
"$COSIGN" generate-key-pair --output-key-prefix "$WORK/signer" >/dev/null 2>&1
"$COSIGN" signing-config create --out "$WORK/signing-config.json" >/dev/null 2>&1   # no transparency log: offline

echo "## sign: the quickstart's 8 images in $REG/$repo"
"${MVN[@]}" -q -f "$P/pom.xml" verify -Dfactory.push=true -Dfactory.mirror="$MIRROR" >"$WORK/verify.log" 2>&1 \
  || { tail -30 "$WORK/verify.log"; exit 1; }
# the 8 image digests (the images the tests ran), and every manifest Factory signs beside them
mapfile -t images < <(jq -r '.platforms[].digest' "$P"/target/factory/builds/*/smoke.json)
[ "${#images[@]}" -eq 8 ] || { echo "expected 8 images, found ${#images[@]}" >&2; exit 1; }

# 1. Factory: signature + SBOM attestation + record attestation per image, per-platform tags and indexes too
t0=$(now)
"${MVN[@]}" -f "$P/pom.xml" factory:sign -Dfactory.sign.key="$WORK/signer.key" >"$WORK/sign.log" 2>&1
t1=$(now)
own=$(sed -n 's/.*\[INFO\] Signed \([0-9]*\) manifest(s) (8 image(s)) in \([0-9]*\) ms.*/\1 \2/p' "$WORK/sign.log")
manifests=${own% *}; own_ms=${own#* }
# Maven's own start on the same project, for the wall figure
t2=$(now)
"${MVN[@]}" -q -f "$P/pom.xml" factory:sign -Dfactory.sign.skip=true >/dev/null 2>&1
t3=$(now)
# 2. Factory again: everything is there, nothing is pushed
"${MVN[@]}" -f "$P/pom.xml" factory:sign -Dfactory.sign.key="$WORK/signer.key" >"$WORK/sign-again.log" 2>&1
again_ms=$(sed -n 's/.*\[INFO\] Signed [0-9]* manifest(s) (8 image(s)) in \([0-9]*\) ms.*/\1/p' "$WORK/sign-again.log")
grep -q 'already there: signature, SBOM attestation, record attestation' "$WORK/sign-again.log"

# 3. cosign sign on the same 8 digests, one process each (what a pipeline runs)
flags=(--key "$WORK/signer.key" --signing-config "$WORK/signing-config.json" --yes --allow-http-registry)
t4=$(now)
for d in "${images[@]}"; do "$COSIGN" sign "${flags[@]}" "$REG/$repo@$d" >/dev/null 2>&1; done
t5=$(now)
# 4. cosign doing Factory's per-image work: sign + attest the SBOM + attest the record
t6=$(now)
for b in "$P"/target/factory/builds/*/; do
  build=$(basename "$b")
  for d in $(jq -r '.platforms[].digest' "$b/smoke.json"); do
    platform=$(jq -r --arg d "$d" '.platforms[] | select(.digest == $d) | .platform' "$b/smoke.json")
    slug=${platform//\//-}
    record=$(ls "$P"/target/factory/records/hello/"$build--$slug--"*.json | tail -1)
    "$COSIGN" sign "${flags[@]}" "$REG/$repo@$d" >/dev/null 2>&1
    "$COSIGN" attest "${flags[@]}" --type cyclonedx --predicate "$b/sbom-$slug.cdx.json" "$REG/$repo@$d" >/dev/null 2>&1
    "$COSIGN" attest "${flags[@]}" --type https://factory.dev/record/v1 --predicate "$record" "$REG/$repo@$d" >/dev/null 2>&1
  done
done
t7=$(now)
# the real verifier accepts Factory's work on one of them
"$COSIGN" verify-attestation --key "$WORK/signer.pub" --insecure-ignore-tlog=true --allow-insecure-registry \
  --type https://factory.dev/record/v1 "$REG/$repo@${images[0]}" >/dev/null 2>&1

wall=$(ms "$t0" "$t1"); start=$(ms "$t2" "$t3"); cs=$(ms "$t4" "$t5"); ca=$(ms "$t6" "$t7")
echo
echo "| what (8 images) | total | per image |"
echo "|---|---|---|"
echo "| factory:sign: signature + SBOM + record attestation per image, and the $((manifests - 8)) tag/index manifests signed ($manifests in all); Factory's own time | $own_ms ms | $((own_ms / 8)) ms |"
echo "| the same, \`mvn factory:sign\` wall (JVM start and opening the key included; Maven alone: $start ms) | $wall ms | $((wall / 8)) ms |"
echo "| factory:sign again: all there, nothing pushed; Factory's own time | $again_ms ms | $((again_ms / 8)) ms |"
echo "| \`cosign sign --key\`, one process per digest | $cs ms | $((cs / 8)) ms |"
echo "| \`cosign sign\` + \`cosign attest\` SBOM + \`cosign attest\` record per digest (Factory's per-image work) | $ca ms | $((ca / 8)) ms |"
