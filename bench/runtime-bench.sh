#!/usr/bin/env bash
# The inference runtime's benchmark, on loopback, bounded in time (~3-4 minutes). Writes bench/results/runtime.md.
#   (a) added latency at batch 1: in-process engine predict vs the server over REST and gRPC, one request at a time
#   (b) saturation throughput (closed loop) with and without dynamic batching, then p50/p99 at 70% of it (open loop)
#   (c) the same load against MLServer + mlserver-xgboost and KServe's Python server (bench/peers), same model.json
#   (d) a model where batching pays (the built-in MLP, deep and narrow: 128 hidden layers of 32, PyTorch):
#       saturation without and with dynamic batching
# Needs: inference-runtime packaged (mvn -q -B -pl inference-runtime -am package), python3 with venv and PyPI for
# (c) (bench/setup-peers-venv.sh). Env: BENCH_SECONDS (per load phase, default 8), BENCH_CONCURRENCY (32),
# BENCH_SKIP_PEERS=1 to run (a) and (b) only.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
OUT=${BENCH_RESULTS:-$ROOT/bench/results/runtime.md}
SECONDS_PER_PHASE=${BENCH_SECONDS:-8}
CONCURRENCY=${BENCH_CONCURRENCY:-32}
FEATURES=8 TREES=100

# saturation then 70% of it, against one REST or gRPC target
load_phases() { # LABEL KIND TARGET
  bench closed "$2" "$3" "$CONCURRENCY" 3 >/dev/null   # warm-up
  local sat rate
  sat=$(bench closed "$2" "$3" "$CONCURRENCY" "$SECONDS_PER_PHASE"); record "$1 saturation (closed loop, $CONCURRENCY clients)" "$sat"
  rate=$(sed -E 's/.*throughput=([0-9.]+).*/\1/' <<<"$sat" | awk '{printf "%.0f", $1*0.7}')
  record "$1 at 70% = $rate req/s (open loop)" "$(bench open "$2" "$3" "$rate" "$SECONDS_PER_PHASE")"
}

LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
log "training the model (xgboost4j, $FEATURES features, $TREES trees)"
SHA=$(bench train "$WORK/model" $FEATURES $TREES | sed 's/sha256=//')
record "drift recording cost (1 thread)" "$(bench drift $FEATURES 1 200000)"
record "drift recording cost (1 thread)" "$(bench drift $FEATURES 32 20000)"
record "in-process engine predict, batch 1" "$(bench sequential inprocess "$WORK/model" 5000)"
# The engine as the server rows below see it: one call about every millisecond, idle in between (their client waits
# for each answer), so the CPU caches are cold at each call.
record "in-process engine predict, batch 1, after a 1 ms pause each" "$(bench sequential-paced inprocess "$WORK/model" 3000 1000)"

# sequential_with_server_time LABEL KIND TARGET PROTOCOL: the client's view, then the server's own view of the same
# requests from its histograms: request latency (arrival to answer handed to the transport), engine-call time (the
# model's predict alone), and their difference at p50: what the runtime adds, without loopback and the client
sequential_with_server_time() {
  bench sequential "$2" "$3" 1000 >/dev/null   # warm the server's request path, so the server rows are of warm requests
  curl -s "http://127.0.0.1:$HTTP/q/metrics" >"$WORK/before.prom"
  record "$1" "$(bench sequential "$2" "$3" 3000)"
  curl -s "http://127.0.0.1:$HTTP/q/metrics" >"$WORK/after.prom"
  local request engine
  request=$("$ROOT/bench/histogram_delta.py" "$WORK/before.prom" "$WORK/after.prom" mlcycle_inference_request_duration_seconds "protocol=$4")
  engine=$("$ROOT/bench/histogram_delta.py" "$WORK/before.prom" "$WORK/after.prom" mlcycle_engine_call_duration_seconds "model=$MODEL")
  record "$1, server side: request" "$request"
  record "$1, server side: engine call" "$engine"
  record "$1, server side: runtime adds (request p50 - engine p50)" "$(awk -v r="$request" -v e="$engine" 'BEGIN {
    match(r, /p50_us=[0-9]+/); rp = substr(r, RSTART + 7, RLENGTH - 7); match(e, /p50_us=[0-9]+/); ep = substr(e, RSTART + 7, RLENGTH - 7)
    printf "added_p50_us=%d", rp - ep }')"
}
log "mlcycle runtime, batching off"
start_runtime 1
REST=http://127.0.0.1:$HTTP/v2/models/$MODEL/infer
# Server side: REST from the request's arrival (before its body) to the answer handed to Vert.x; gRPC from the
# service method's start (on the event loop, the message parsed) to the answer handed to grpc-java.
sequential_with_server_time "mlcycle REST, batch 1, one at a time" rest "$REST" rest
sequential_with_server_time "mlcycle gRPC, batch 1, one at a time" grpc "127.0.0.1:$GRPC/$MODEL" grpc
# The floor under those two: same server, same client, no model work (no decoding, engine or encoding).
record "mlcycle REST GET /v2/health/live, one at a time" "$(bench sequential rest-live "http://127.0.0.1:$HTTP/v2/health/live" 3000)"
record "mlcycle gRPC ServerLive, one at a time" "$(bench sequential grpc-live "127.0.0.1:$GRPC/$MODEL" 3000)"
load_phases "mlcycle REST, batching off" rest "$REST"
load_phases "mlcycle gRPC, batching off" grpc "127.0.0.1:$GRPC/$MODEL"
kill -9 "$RUNTIME_PID"
log "mlcycle runtime, batching on (max 32 rows, 1 ms)"
start_runtime 32
REST=http://127.0.0.1:$HTTP/v2/models/$MODEL/infer
# With the engine idle a lone request runs at once: batching must cost nothing at concurrency 1.
record "mlcycle REST, batching on, batch 1, one at a time" "$(bench sequential rest "$REST" 3000)"
record "mlcycle gRPC, batching on, batch 1, one at a time" "$(bench sequential grpc "127.0.0.1:$GRPC/$MODEL" 3000)"
load_phases "mlcycle REST, batching on" rest "$REST"
load_phases "mlcycle gRPC, batching on" grpc "127.0.0.1:$GRPC/$MODEL"
kill -9 "$RUNTIME_PID"

MLP_FEATURES=16 MLP_LAYERS=${BENCH_MLP_LAYERS:-128} MLP_UNITS=${BENCH_MLP_UNITS:-32} MLP_OUTPUTS=4
log "the built-in MLP ($MLP_FEATURES inputs, $MLP_LAYERS x $MLP_UNITS hidden, $MLP_OUTPUTS outputs, PyTorch): batching off, then on"
MLP_SHA=$(bench mlp "$WORK" $MLP_FEATURES $MLP_LAYERS $MLP_UNITS $MLP_OUTPUTS | sed 's/sha256=//')
export BENCH_FEATURES=$MLP_FEATURES
record "MLP: in-process DJL predict, batch 1" "$(bench sequential inprocess "$WORK/mlp" 1000)"
start_runtime 1 "$WORK/mlp.tar.gz" "$MLP_SHA"
load_phases "MLP: mlcycle REST, batching off" rest "http://127.0.0.1:$HTTP/v2/models/$MODEL/infer"
kill -9 "$RUNTIME_PID"
start_runtime 32 "$WORK/mlp.tar.gz" "$MLP_SHA"
load_phases "MLP: mlcycle REST, batching on" rest "http://127.0.0.1:$HTTP/v2/models/$MODEL/infer"
kill -9 "$RUNTIME_PID"
unset BENCH_FEATURES

PEERS="skipped (BENCH_SKIP_PEERS=1)"
if [[ ${BENCH_SKIP_PEERS:-0} != 1 ]]; then
  VENV=$("$ROOT/bench/setup-peers-venv.sh")
  PEERS=$("$VENV/bin/pip" freeze 2>/dev/null | grep -iE '^(mlserver|mlserver-xgboost|kserve|xgboost)==' | tr '\n' ' ')
  # parallel_workers 0: MLServer 1.7.1's worker processes die here at start ("There is no current event loop in
  # thread 'MainThread'"), so the model runs in the server process itself.
  log "MLServer + mlserver-xgboost"
  mkdir -p "$WORK/mlserver"; cp "$WORK/model/model.json" "$WORK/mlserver/"
  HTTP=$(free_port)
  cat >"$WORK/mlserver/settings.json" <<JSON
{"http_port": $HTTP, "grpc_port": $(free_port), "metrics_port": $(free_port), "host": "127.0.0.1", "parallel_workers": 0}
JSON
  cat >"$WORK/mlserver/model-settings.json" <<JSON
{"name": "$MODEL", "implementation": "mlserver_xgboost.XGBoostModel", "parameters": {"uri": "./model.json"}}
JSON
  (cd "$WORK/mlserver" && exec "$VENV/bin/mlserver" start . >"$WORK/mlserver.log" 2>&1) &
  PIDS+=($!); MLS_PID=$!
  if wait_ready "http://127.0.0.1:$HTTP/v2/models/$MODEL/ready" "MLServer"; then
    record "MLServer REST, batch 1, one at a time" "$(bench sequential rest "http://127.0.0.1:$HTTP/v2/models/$MODEL/infer" 2000)"
    load_phases "MLServer REST (parallel_workers 0)" rest "http://127.0.0.1:$HTTP/v2/models/$MODEL/infer"
  else
    record "MLServer" "did not start: $(tail -n3 "$WORK/mlserver.log" | tr '\n|' '  ')"
  fi
  pkill -9 -P "$MLS_PID" 2>/dev/null || true; kill -9 "$MLS_PID" 2>/dev/null || true

  log "KServe Python server (xgbserver-style kserve.Model)"
  HTTP=$(free_port)
  "$VENV/bin/python" "$ROOT/bench/peers/kserve_xgboost.py" "$WORK/model/model.json" "$MODEL" "$HTTP" "$(free_port)" >"$WORK/kserve.log" 2>&1 &
  PIDS+=($!); KS_PID=$!
  if wait_ready "http://127.0.0.1:$HTTP/v2/models/$MODEL/ready" "KServe"; then
    record "KServe REST, batch 1, one at a time" "$(bench sequential rest "http://127.0.0.1:$HTTP/v2/models/$MODEL/infer" 2000)"
    load_phases "KServe REST (1 worker)" rest "http://127.0.0.1:$HTTP/v2/models/$MODEL/infer"
  else
    record "KServe" "did not start: $(tail -n3 "$WORK/kserve.log" | tr '\n|' '  ')"
  fi
  kill -9 "$KS_PID" 2>/dev/null || true
fi

mkdir -p "$(dirname "$OUT")"
{
  echo "# Inference runtime benchmark"
  echo
  echo "Written by \`bench/runtime-bench.sh\` on $(date -u +%FT%TZ). Loopback only; the load generator"
  echo "(\`inference-runtime/src/bench\`: Vert.x HTTP client on 32 keep-alive connections / grpc-java on one channel, answers on its Netty thread, HdrHistogram) shares the CPUs with the server,"
  echo "so absolute numbers are this machine's, and comparisons between rows are the point."
  echo
  echo "- machine: $(machine)"
  echo "- load average (1/5/15 min) before: $LOAD_BEFORE, after: $(cut -d' ' -f1-3 /proc/loadavg) — the machine is shared"
  echo "- java: $(java -version 2>&1 | head -n1); OMP_NUM_THREADS=1; runtime defaults (workers = CPUs, engine-threads 1)"
  echo "- model: XGBoost binary:logistic, $FEATURES features, $TREES trees, depth 6 (xgboost4j 3.4.0, which also serves it), one FP32 row per request"
  echo "- MLP rows: the built-in MLP, $MLP_FEATURES inputs, $MLP_LAYERS hidden layers of $MLP_UNITS (relu), $MLP_OUTPUTS outputs, FP32, random weights, on DJL's PyTorch engine, one row per request;"
  echo "  deep and narrow, so each engine call costs about the same for 1 row as for 32 (per-layer dispatch): a model where batching pays"
  echo "- peers: ${PEERS}"
  echo "- phases: ${SECONDS_PER_PHASE} s each after a 3 s warm-up; saturation = closed loop with $CONCURRENCY clients;"
  echo "  70% = open loop at a fixed rate, latency from each request's scheduled time (no coordinated omission);"
  echo "  errors are counted by reason (gRPC status, HTTP status): the runtime refuses beyond its bounded queues"
  echo "- server side rows: quantiles of the runtime's own histograms (\`bench/histogram_delta.py\`; Micrometer buckets, 87 µs apart from 262 µs to 1 ms)"
  echo "  over the same requests as the row above them"
  echo
  results_table
} >"$OUT"
log "wrote $OUT"
