#!/usr/bin/env bash
# Serving on the local cluster (`make bench-serving`): apply → answered for a small cached model, by stage; the
# router against the revision's own Service (throughput at saturation, p50/p99 at half the direct saturation rate,
# REST and gRPC, the same load generator and model in the same run); and how long a weight change takes to hold.
# Writes bench/results/serving.md. Env: RUNS (apply → Ready repetitions, default 3), SECONDS_PER_RUN (load runs,
# default 10), CONCURRENCY (closed-loop load, default 8).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
OUT=${SERVING_RESULTS:-$ROOT/bench/results/serving.md}
RUNS=${RUNS:-3}
DURATION=${SECONDS_PER_RUN:-10}
CONCURRENCY=${CONCURRENCY:-8}
STAGES=$ROOT/bench/serving-stages.py
export BENCH_FEATURES=4   # the iris model's four inputs

LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
log "training and approving the iris model on the cluster"
results() { while IFS= read -r line; do record "${line%% | *}" "${line#* | }"; done <<<"$1"; }
results "$("$STAGES" setup)"
log "apply → Ready, $RUNS runs"
results "$("$STAGES" stages "$RUNS")"

log "one InferenceService for the load runs"
addresses=$("$STAGES" serve bench 1)
read -r ROUTER DIRECT <<<"$addresses"
rate() { sed -E 's/.*throughput=([0-9.]+).*/\1/' <<<"$1"; }
p50() { sed -E 's/.*p50_us=([0-9]+).*/\1/' <<<"$1"; }
for proto in rest grpc; do
  if [[ $proto == rest ]]; then
    direct="http://$DIRECT:8080/v2/models/bench/infer" routed="http://$ROUTER:80/v2/models/bench/infer"
  else
    direct="$DIRECT:8081/bench" routed="$ROUTER:8081/bench"
  fi
  bench closed "$proto" "$direct" "$CONCURRENCY" 3 >/dev/null   # warm-up of both paths
  bench closed "$proto" "$routed" "$CONCURRENCY" 3 >/dev/null
  d=$(bench closed "$proto" "$direct" "$CONCURRENCY" "$DURATION"); record "$proto saturation ($CONCURRENCY in flight), straight to the revision Service" "$d"
  r=$(bench closed "$proto" "$routed" "$CONCURRENCY" "$DURATION"); record "$proto saturation ($CONCURRENCY in flight), through the router" "$r"
  half=$(python3 -c "print(round(float('$(rate "$d")') / 2))")
  dh=$(bench open "$proto" "$direct" "$half" "$DURATION"); record "$proto at $half/s (half the direct saturation), straight" "$dh"
  rh=$(bench open "$proto" "$routed" "$half" "$DURATION"); record "$proto at $half/s, through the router" "$rh"
  record "$proto: the router" "keeps_throughput=$(python3 -c "print('%.0f%%' % (100 * float('$(rate "$r")') / float('$(rate "$d")')))") adds_p50_us=$(($(p50 "$rh") - $(p50 "$dh"))) goal_p50_us=250 goal_throughput=60%"
done
~/.cache/mlcycle/k8s/v1.34.4/bin/kubectl --kubeconfig "${KUBECONFIG:-/tmp/mlcycle-cluster/kubeconfig}" \
  delete inferenceservice bench -n mlcycle-bench-serving --wait=true >/dev/null
# A small one: during a switch both revisions run, and the node has 2 CPUs.
"$STAGES" serve flip 250m >/dev/null
results "$("$STAGES" switch flip)"
~/.cache/mlcycle/k8s/v1.34.4/bin/kubectl --kubeconfig "${KUBECONFIG:-/tmp/mlcycle-cluster/kubeconfig}" \
  delete namespace mlcycle-bench-serving --wait=false >/dev/null

mkdir -p "$(dirname "$OUT")"
{
  echo "# Serving on the local cluster"
  echo
  echo "Written by \`bench/serving-bench.sh\` (\`make bench-serving\`) on $(date -u +%FT%TZ), on the local cluster (one node:"
  echo "this machine). Model: the iris example trained by the built-in trainer (XGBoost, 4 features, 50 rounds), one FP32"
  echo "row per request, batching off; artifact in the in-cluster S3 store, images already on the node."
  echo
  echo "- apply → answered: a pinned InferenceService applied with kubectl; each stage ends at the first poll (kubectl,"
  echo "  ~0.1-0.2 s apart) that saw it: the revision Deployment (operator), the pod scheduled, its container started,"
  echo "  the model loaded (the pod's own /v2/health/ready from the host), the pod Ready (kubelet's probe), the"
  echo "  InferenceService Ready (operator; the router pod starts meanwhile), an inference answered through the router."
  echo "- router against direct: the runtime's Java load generator (inference-runtime/src/bench, Vert.x HTTP and"
  echo "  grpc-java clients) on the host, against the revision Service and the router Service (ClusterIPs, kube-proxy),"
  echo "  closed loop with $CONCURRENCY in flight for ${DURATION}s, then an open loop at half the direct saturation rate."
  echo "  The revision pod has 1 CPU (request = limit); the router pod asks 100m and has no CPU limit; the load"
  echo "  generator, router, runtime and the control plane share this machine's 2 CPUs, so the router's share of"
  echo "  CPU comes out of the runtime's and the generator's."
  echo "- weight change: the operator switches the InferenceService to version 2 (same artifact); a watch on the"
  echo "  router's ConfigMap gives when the new weights were written, requests back to back through the router"
  echo "  (GET /v2/health/ready, answered by a revision) when the first one came from the new revision."
  echo
  echo "- machine: $(machine); load average (1/5/15 min) before: $LOAD_BEFORE, after: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "- java: $(java -version 2>&1 | head -n1)"
  echo
  results_table
} >"$OUT"
log "wrote $OUT"
