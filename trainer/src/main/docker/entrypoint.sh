#!/bin/sh
# Runs the built-in trainer once: configured by MLCYCLE_* environment variables (trainer/README.md), it exits 0 with
# the result summary as its termination message, or with the failure's exit code and line. Arguments are not used;
# JAVA_OPTS go to the JVM.
set -eu

# Only these folders are writable in a pod with readOnlyRootFilesystem (emptyDirs).
mkdir -p "$DJL_CACHE_DIR" "$TMPDIR" 2>/dev/null || true

# -XX:-UsePerfData: no hsperfdata files. -Djava.io.tmpdir: the dataset's local copy and XGBoost's native library.
# shellcheck disable=SC2086
exec java -XX:-UsePerfData -Djava.io.tmpdir="$TMPDIR" -Dai.djl.offline=true -DPYTORCH_FLAVOR=cpu $JAVA_OPTS \
  -cp "/opt/mlcycle/trainer/mlcycle-trainer.jar:/opt/mlcycle/trainer/lib/*" io.mlcycle.trainer.TrainerMain
