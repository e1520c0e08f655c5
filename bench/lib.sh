# shellcheck shell=bash
# What the runtime's benchmark scripts share (sourced by bench/runtime-bench.sh and bench/soak-runtime.sh): the
# packaged runtime, the compiled load generator (inference-runtime/src/bench), free loopback ports, starting the
# runtime on one model, and clean-up of everything they started.
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
RT=$ROOT/inference-runtime
MODEL=bench
WORK=$(mktemp -d /tmp/mlcycle-bench.XXXXXX)
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill -9 "$p" 2>/dev/null || true; done; rm -rf "$WORK"; }
trap cleanup EXIT
log() { echo "[bench $(date -u +%T)] $*" >&2; }

[[ -f $RT/target/quarkus-app/quarkus-run.jar && -d $RT/target/test-classes ]] || { log "packaging the runtime"; (cd "$ROOT" && mvn -q -B -pl inference-runtime -am package -DskipTests); }
log "compiling the load generator"
(cd "$ROOT" && mvn -q -B -pl inference-runtime dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$WORK/cp.txt" >/dev/null)
# Test classes too: the generator packs artifacts with the tests' helpers (TarGzArtifact).
CP=$RT/target/classes:$RT/target/test-classes:$(cat "$WORK/cp.txt")
mkdir -p "$WORK/classes"
javac -q -d "$WORK/classes" -cp "$CP" $(find "$RT/src/bench/java" -name '*.java') 2>/dev/null || javac -d "$WORK/classes" -cp "$CP" $(find "$RT/src/bench/java" -name '*.java')
export DJL_CACHE_DIR=${DJL_CACHE_DIR:-$HOME/.cache/mlcycle/djl} OMP_NUM_THREADS=1
# bench COMMAND ARGS...: one RuntimeBench command (see its Javadoc); prints its one key=value result line
bench() { java -Dai.djl.offline=true -Dbench.features=${BENCH_FEATURES:-${FEATURES:-8}} -cp "$WORK/classes:$CP" io.mlcycle.runtime.bench.RuntimeBench "$@" 2>>"$WORK/bench.log" | tail -n1; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_ready() { # URL NAME
  for _ in $(seq 1 240); do curl -sf -o /dev/null "$1" && return 0; sleep 0.25; done
  log "$2 not ready"; return 1
}
# start_runtime MAX_BATCH_SIZE [ARTIFACT SHA256]: the runtime on the model ($WORK/model/model.json by default);
# sets HTTP, GRPC and RUNTIME_PID
start_runtime() {
  HTTP=$(free_port) GRPC=$(free_port)
  MLCYCLE_RUNTIME_MODEL_URI=file://${2:-$WORK/model/model.json} MLCYCLE_RUNTIME_SHA256=${3:-$SHA} MLCYCLE_RUNTIME_NAME=$MODEL \
  MLCYCLE_RUNTIME_CACHE_DIR=$WORK/cache MLCYCLE_HTTP_PORT=$HTTP MLCYCLE_GRPC_PORT=$GRPC \
  MLCYCLE_RUNTIME_BATCHING_MAX_BATCH_SIZE=$1 MLCYCLE_RUNTIME_BATCHING_MAX_DELAY=1ms \
    java -Dai.djl.offline=true -XX:-UsePerfData -Dquarkus.log.level=WARN -jar "$RT/target/quarkus-app/quarkus-run.jar" >"$WORK/runtime-$1.log" 2>&1 &
  PIDS+=($!); RUNTIME_PID=$!
  wait_ready "http://127.0.0.1:$HTTP/v2/health/ready" "runtime"
}
machine() { echo "$(getconf _NPROCESSORS_ONLN) CPUs ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), $(free -g | awk '/Mem:/{print $2}') GiB"; }
# record LABEL RESULT: one row of the results table (and the log); results_table prints them as Markdown
RESULTS=()
record() { RESULTS+=("$1 | $2"); log "$1: $2"; }
results_table() {
  echo "| what | raw result (latencies in µs) |"
  echo "|---|---|"
  for r in "${RESULTS[@]}"; do echo "| ${r%% | *} | \`${r#* | }\` |"; done
}
