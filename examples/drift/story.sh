#!/usr/bin/env bash
# The whole life of a model on a running local cluster (make demo runs it after cluster-up): train iris v1, serve it,
# send live traffic, watch it with a DriftMonitor; then the world changes: the traffic shifts and the "data pipeline"
# (this script) writes fresh labelled data. The monitor declares drift, retrains on that data, the champion gate
# approves the retrain because it beats v1 on the new data, the canary rolls it out, and the monitor judges the
# traffic against the new version's reference: no drift. Every stage is printed with the time since the start.
#
# Environment: KUBECTL (default kubectl), NAMESPACE (default mlcycle-demo, where cluster-up put the S3 keys),
# CLUSTER_DIR (the local cluster's).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
KUBECTL=${KUBECTL:-kubectl}
NS=${NAMESPACE:-mlcycle-demo}
CLUSTER_DIR=${CLUSTER_DIR:-/tmp/mlcycle-cluster}
START=$SECONDS
k() { $KUBECTL -n "$NS" "$@"; }
stage() { printf '\n[%4ds] # %s\n' $((SECONDS - START)) "$*"; }
show() { printf '[%4ds] $ kubectl %s\n' $((SECONDS - START)) "$*"; k "$@"; }
jp() { k get "$1" -o jsonpath="$2" 2>/dev/null || true; }
# until_jp RESOURCE JSONPATH VALUE TIMEOUT: waits until the jsonpath reads VALUE.
until_jp() {
  local deadline=$((SECONDS + $4))
  until [[ "$(jp "$1" "$2")" == "$3" ]]; do
    if ((SECONDS > deadline)); then
      echo "timed out waiting for $1 $2 == $3; it is '$(jp "$1" "$2")'" >&2
      k get "$1" -o yaml >&2 || true
      exit 1
    fi
    sleep 2
  done
}

LOAD_DIR=$(mktemp -d)
cleanup() { touch "$LOAD_DIR/stop"; wait 2>/dev/null || true; rm -rf "$LOAD_DIR"; }
trap cleanup EXIT

stage "a clean start in namespace $NS: the story's DriftMonitor, InferenceService and earlier runs removed"
k delete driftmonitor iris-drift --ignore-not-found --wait
k delete inferenceservice iris-drift --ignore-not-found --wait
k delete trainingjob iris-train-1 --ignore-not-found --wait
k delete modelversion -l mlcycle.io/model=iris --ignore-not-found --wait

stage "the data: iris v1 (150 flowers, made here) to s3://mlcycle/datasets/iris.csv"
examples/iris/make-dataset.py > "$CLUSTER_DIR/iris.csv"
e2e-tests/cluster/s3-put.sh datasets/iris.csv "$CLUSTER_DIR/iris.csv"

stage "train v1 (examples/iris/trainingjob.yaml): a Job runs the built-in trainer, a ModelVersion is registered"
k apply -f examples/iris/trainingjob.yaml
k wait trainingjob/iris-train-1 --for=jsonpath='{.status.phase}'=Succeeded --timeout=10m
v1=$(jp trainingjob/iris-train-1 '{.status.modelVersion}')
k wait "modelversion/$v1" --for=jsonpath='{.status.phase}'=Ready --timeout=5m
stage "a person approves $v1 (the first version has no champion to beat)"
k patch "modelversion/$v1" --type merge -p '{"spec":{"approval":"Approved"}}'

stage "serve it (examples/drift/inferenceservice.yaml) and watch it (examples/drift/driftmonitor.yaml)"
k apply -f examples/drift/inferenceservice.yaml
k wait mlis/iris-drift --for=condition=Ready --timeout=5m
k apply -f examples/drift/driftmonitor.yaml
show get tj,mv,mlis

stage "live traffic: flowers like the training data, ~20 requests a second from this machine, every answer checked"
url="http://$(jp svc/iris-drift '{.spec.clusterIP}')/v2/models/iris-drift/infer"
examples/drift/load.py "$url" "$LOAD_DIR/shift" "$LOAD_DIR/stop" &
LOAD=$!
until_jp dm/iris-drift '{.status.phase}' Watching 120
sleep 35
stage "three windows of training-like traffic: no drift"
show get dm iris-drift
[[ "$(jp dm/iris-drift '{.status.conditions[?(@.type=="Drifted")].status}')" == False ]] \
  || { echo "false positive: drift on training-like traffic" >&2; exit 1; }

stage "the world changes: the traffic shifts, and the data pipeline writes fresh labelled data (iris-latest.csv)"
examples/iris/make-dataset.py --shift > "$CLUSTER_DIR/iris-latest.csv"
e2e-tests/cluster/s3-put.sh datasets/iris-latest.csv "$CLUSTER_DIR/iris-latest.csv"
touch "$LOAD_DIR/shift"
SHIFTED=$SECONDS

until_jp dm/iris-drift '{.status.conditions[?(@.type=="Drifted")].status}' True 180
stage "drift detected ($((SECONDS - SHIFTED)) s after the shift)"
show get dm iris-drift
k get dm iris-drift -o jsonpath='{range .status.lastEvaluation.features[*]}  {.name}: {.test} {.score} (threshold {.threshold}) drifted={.drifted}{"\n"}{end}'

until_jp dm/iris-drift '{.status.lastRetrain.trainingPhase}' Succeeded 600
job=$(jp dm/iris-drift '{.status.lastRetrain.trainingJob}')
v2=$(jp "trainingjob/$job" '{.status.modelVersion}')
stage "retrained by $job ($((SECONDS - SHIFTED)) s after the shift): $v2, lineage parent $(jp "mv/$v2" '{.spec.lineage.parentVersion}')"
show get tj "$job"
until_jp "mv/$v2" '{.status.conditions[?(@.type=="ChampionGate")].status}' True 300
stage "the champion gate approved $v2: $(jp "mv/$v2" '{.status.conditions[?(@.type=="ChampionGate")].message}')"
show get mv

until_jp mlis/iris-drift '{.status.stable.modelVersion}' "$v2" 600
stage "the canary rolled $v2 out and promoted it ($((SECONDS - SHIFTED)) s after the shift)"
show get mlis iris-drift
k get events --field-selector involvedObject.name=iris-drift --sort-by=.lastTimestamp -o custom-columns=KIND:.involvedObject.kind,REASON:.reason,MESSAGE:.message | tail -n 15

until_jp dm/iris-drift '{.status.lastEvaluation.modelVersion}' "$v2" 120
sleep 25
stage "the monitor now judges the shifted traffic against $v2's reference: no drift"
show get dm iris-drift
[[ "$(jp dm/iris-drift '{.status.conditions[?(@.type=="Drifted")].status}')" == False ]] \
  || { echo "still drifted against the retrained reference" >&2; exit 1; }
k get dm iris-drift -o jsonpath='lastRetrain: {.status.lastRetrain}{"\n"}'

touch "$LOAD_DIR/stop"
failed=0
wait "$LOAD" || failed=1
stage "the whole life of the model, from kubectl"
show get mlcycle
((failed == 0)) || { echo "the load saw failed requests" >&2; exit 1; }
stage "done: drift onset to $v2 promoted, no failed request"
