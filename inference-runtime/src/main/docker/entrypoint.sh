#!/bin/sh
# Starts the runtime: `serve` (default: answer inference until stopped) or `validate` (check the configured
# artifact once, exit 0 or with the failed step's code; the reason goes to stdout and /dev/termination-log).
# Further arguments go to the application; JAVA_OPTS to the JVM.
set -eu

mode=${1:-serve}
case "$mode" in
  serve | validate) if [ $# -gt 0 ]; then shift; fi ;;
  *) echo "usage: entrypoint.sh [serve|validate] [args...]; got '$mode'" >&2; exit 2 ;;
esac

# Only these folders are writable in a pod with readOnlyRootFilesystem (emptyDirs).
mkdir -p "$DJL_CACHE_DIR" "$MLCYCLE_RUNTIME_CACHE_DIR" "$TMPDIR" 2>/dev/null || true

# -XX:-UsePerfData: no hsperfdata files; -Djava.io.tmpdir: where ONNX Runtime unpacks its natives.
# shellcheck disable=SC2086
exec java -XX:-UsePerfData -Djava.io.tmpdir="$TMPDIR" -Dai.djl.offline=true $JAVA_OPTS \
  -jar /opt/mlcycle/runtime/quarkus-run.jar "$mode" "$@"
