#!/usr/bin/env bash
# The canary story on a running local cluster (make cluster-up, or after make demo): serve iris, put a steady load on
# it, retrain it twice and watch both rollouts with kubectl get mlis -w. The first retrain is promoted; the second,
# trained on mislabelled data, is rolled back by the analysis. Run by make demo-canary.
#
# Environment: KUBECTL (default kubectl), NAMESPACE (default mlcycle-canary), CLUSTER_DIR (the local cluster's).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
KUBECTL=${KUBECTL:-kubectl}
NS=${NAMESPACE:-mlcycle-canary}
CLUSTER_DIR=${CLUSTER_DIR:-/tmp/mlcycle-cluster}
k() { $KUBECTL -n "$NS" "$@"; }
say() { printf '\n# %s\n' "$*"; }

# train JOB_MANIFEST JOB: applies a TrainingJob, waits for its ModelVersion (→ $version) to be validated, approves it.
train() {
  k apply -f "$1"
  k wait "trainingjob/$2" --for=jsonpath='{.status.phase}'=Succeeded --timeout=10m
  version=$(k get "trainingjob/$2" -o jsonpath='{.status.modelVersion}')
  k wait "modelversion/$version" --for=jsonpath='{.status.phase}'=Ready --timeout=5m
  say "a person approves $version: track: latest picks it up and its rollout starts"
  k patch "modelversion/$version" --type merge -p '{"spec":{"approval":"Approved"}}'
}

# watch_rollout OUTCOME: kubectl get mlis -w until the rollout of $version (the last one trained) ended with OUTCOME.
watch_rollout() {
  say "\$ kubectl get mlis iris-canary -w"
  k get mlis iris-canary -w &
  local watch=$!
  until [[ $(k get mlis iris-canary -o jsonpath='{.status.lastRollout.modelVersion}/{.status.lastRollout.outcome}') \
      == "$version/$1" ]]; do
    sleep 2
  done
  sleep 1; kill "$watch"; wait "$watch" 2>/dev/null || true
  say "\$ kubectl get mlis iris-canary -o jsonpath='{.status.lastRollout}'"
  k get mlis iris-canary -o jsonpath='{.status.lastRollout}'; echo
}

say "a fresh namespace with the S3 store's keys (copied from mlcycle-demo), the two datasets"
$KUBECTL delete namespace "$NS" --ignore-not-found --wait --timeout=3m
$KUBECTL create namespace "$NS"
$KUBECTL get secret mlcycle-s3 -n mlcycle-demo -o json \
  | python3 -c 'import json,sys; s=json.load(sys.stdin); s["metadata"]={"name":s["metadata"]["name"]}; print(json.dumps(s))' \
  | k apply -f -
examples/iris/make-dataset.py > "$CLUSTER_DIR/iris.csv"
examples/iris/make-dataset.py --relabel > "$CLUSTER_DIR/iris-relabelled.csv"
e2e-tests/cluster/s3-put.sh datasets/iris.csv "$CLUSTER_DIR/iris.csv"
e2e-tests/cluster/s3-put.sh datasets/iris-relabelled.csv "$CLUSTER_DIR/iris-relabelled.csv"

say "version 1 of iris, served by iris-canary"
k apply -f examples/canary/inferenceservice.yaml
train examples/iris/trainingjob.yaml iris-train-1
k wait mlis/iris-canary --for=condition=Ready --timeout=5m

say "a steady load: about ten requests a second to status.url, from a pod in the cluster"
url=$(k get mlis iris-canary -o jsonpath='{.status.url}')
k delete pod iris-load --ignore-not-found --wait
k run iris-load --image=mlcycle.local/jre:17 --image-pull-policy=Never --restart=Never --command -- sh -c "
  while :; do
    curl -s -o /dev/null -H 'Content-Type: application/json' \
      -d '{\"inputs\":[{\"name\":\"input\",\"datatype\":\"FP32\",\"shape\":[2,4],\"data\":[5.1,3.5,1.4,0.2,6.7,3.1,5.6,2.4]}]}' \
      $url/v2/models/iris-canary/infer
    sleep 0.08
  done"
k wait pod/iris-load --for=condition=Ready --timeout=2m

say "version 2: a retrain with other hyperparameters; mirrored, 10%, 50%, promoted"
train examples/canary/iris-train-2.yaml iris-train-2
watch_rollout Promoted

say "version 3: a retrain on mislabelled data; the analysis catches its predictions and rolls it back"
train examples/canary/iris-train-relabelled.yaml iris-train-relabelled
watch_rollout RolledBack

say "\$ kubectl get events --field-selector involvedObject.name=iris-canary"
k get events --field-selector involvedObject.name=iris-canary --sort-by=.lastTimestamp
k delete pod iris-load --wait=false
