#!/usr/bin/env bash
# Builds the cluster's container images without any registry: a Java 17 JRE base from Debian
# (debootstrap), and small images around the binaries build.sh made (pause, CoreDNS, SeaweedFS),
# the JobSet controller, metrics-server, Traefik, Prometheus, prometheus-adapter, a busybox test image, the operator, the inference runtime, the router and the built-in trainer. Uses the machine's dockerd when one answers, else
# starts its own (stopped by cluster-down). An image is rebuilt only when the hash of its
# inputs differs from its `io.mlcycle.inputs` label.
#
# Usage: images.sh            build what is stale
#        images.sh --list     print the image references the node needs
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

REPO_ROOT=$(cd "$CLUSTER_SRC_DIR/../.." && pwd)
IMAGES_SRC="$CLUSTER_SRC_DIR/images"
OPERATOR_VERSION=0.1.0-SNAPSHOT
JRE_IMAGE=$IMAGE_PREFIX/jre:17
TORCH_IMAGE=$IMAGE_PREFIX/torch-trainer:1
NODE_IMAGES=("$IMAGE_PREFIX/pause:1" "$JRE_IMAGE" "$IMAGE_PREFIX/busybox:1"
  "$IMAGE_PREFIX/coredns:1.15.0" "$IMAGE_PREFIX/seaweedfs:4.53" "$IMAGE_PREFIX/jobset:$JOBSET_VERSION"
  "$IMAGE_PREFIX/metrics-server:$METRICS_SERVER_VERSION" "$IMAGE_PREFIX/traefik:$TRAEFIK_VERSION"
  "$IMAGE_PREFIX/prometheus:$PROMETHEUS_VERSION" "$IMAGE_PREFIX/prometheus-adapter:$PROMETHEUS_ADAPTER_VERSION"
  "$IMAGE_PREFIX/operator:$OPERATOR_VERSION"
  "$IMAGE_PREFIX/inference-runtime:$OPERATOR_VERSION" "$IMAGE_PREFIX/router:$OPERATOR_VERSION"
  "$IMAGE_PREFIX/trainer:$OPERATOR_VERSION" "$TORCH_IMAGE")
if [[ ${1:-} == --list ]]; then printf '%s\n' "${NODE_IMAGES[@]}"; exit 0; fi

ensure_cmd dockerd docker.io
ensure_cmd debootstrap debootstrap
ensure_cmd busybox busybox-static
ensure_docker   # sets DOCKER (node.sh)

inputs_label() { $DOCKER image inspect -f '{{index .Config.Labels "io.mlcycle.inputs"}}' "$1" 2>/dev/null || true; }

# build_image REF CONTEXT DOCKERFILE INPUTS_HASH [BUILD_ARGS...]
build_image() {
  local ref=$1 ctx=$2 file=$3 hash=$4; shift 4
  [[ $(inputs_label "$ref") == "$hash" ]] && return 0
  log "building image $ref"
  # legacy builder: FROM a local image without asking a registry; no network for RUN steps
  DOCKER_BUILDKIT=0 $DOCKER build -q --network none --label "io.mlcycle.inputs=$hash" \
    -t "$ref" -f "$file" "$@" "$ctx" >/dev/null
}

# A context folder holding the Dockerfile and the given files (cheap hard links when possible).
context_with() {
  local dir="$MLCYCLE_CACHE/image-contexts/$1"; shift
  rm -rf "$dir"; mkdir -p "$dir"
  cp -l "$@" "$dir/" 2>/dev/null || cp "$@" "$dir/"
  echo "$dir"
}

# debian_image REF NAME "PACKAGES" [IMPORT_CHANGES...]: Debian bookworm minbase + PACKAGES (apt, from the machine's
# Debian mirror), imported as one layer. Rebuilt when this function, the packages or the changes differ.
debian_image() {
  local ref=$1 name=$2 packages=$3 hash dir mirror change changes=(); shift 3
  hash=$( { declare -f debian_image; echo "bookworm $packages $*"; } | sha256sum | cut -c1-16)
  [[ $(inputs_label "$ref") == "$hash" ]] && return 0
  mirror=$(sed -n 's/^URIs: *\(http[^ ]*debian\)$/\1/p' /etc/apt/sources.list.d/debian.sources 2>/dev/null | head -n1)
  mirror=${mirror:-http://deb.debian.org/debian}
  dir=$(mktemp -d "$MLCYCLE_CACHE/$name-rootfs.XXXXXX")
  # shellcheck disable=SC2064
  # Never let rm walk into a /proc that is still mounted: unmount lazily, stay on one file system, and leave the
  # folder behind rather than risk it.
  trap "umount -l '$dir/proc' 2>/dev/null || true; mountpoint -q '$dir/proc' || rm -rf --one-file-system '$dir'" EXIT
  log "building image $ref (debootstrap bookworm from $mirror, then $packages; a minute or more)"
  debootstrap --variant=minbase bookworm "$dir" "$mirror" >"$LOG_DIR/$name-debootstrap.log" 2>&1 \
    || die "debootstrap failed: see $LOG_DIR/$name-debootstrap.log"
  mount -t proc proc "$dir/proc"   # e.g. the JRE's postinst runs java (ca-certificates-java)
  chroot "$dir" /bin/sh -c "apt-get install -y -qq --no-install-recommends $packages \
    && apt-get clean && rm -rf /var/lib/apt/lists/* /usr/share/doc /usr/share/man" \
    >>"$LOG_DIR/$name-debootstrap.log" 2>&1 || die "$packages install failed: see $LOG_DIR/$name-debootstrap.log"
  umount "$dir/proc"
  for change in "$@"; do changes+=(--change "$change"); done
  tar -C "$dir" -c . | $DOCKER import --change "LABEL io.mlcycle.inputs=$hash" "${changes[@]}" - "$ref" >/dev/null
  rm -rf "$dir"; trap - EXIT
}

# The JRE base: openjdk-17-jre-headless, curl (SigV4-signed S3 requests in tests and debugging; 2 MB), and libgomp1
# (OpenMP, which XGBoost's native library links: without it no XGBoost model loads in the runtime or the trainer).
build_jre_base() {
  debian_image "$JRE_IMAGE" jre "openjdk-17-jre-headless curl libgomp1" 'ENV JAVA_HOME=/usr/lib/jvm/java-17-openjdk-amd64'
}

# A custom trainer image as users build them: Debian's PyTorch (1.13, CPU) and boto3, for the distributed-training
# story (an unchanged torch.distributed script reading only the env contract).
build_torch_image() {
  debian_image "$TORCH_IMAGE" torch "python3-torch python3-boto3" 'ENV PYTHONUNBUFFERED=1'
}

build_busybox() {
  local dir="$MLCYCLE_CACHE/image-contexts/busybox" hash a
  hash=$( { cat "$IMAGES_SRC/busybox/Dockerfile"; busybox | sed -n 1p; } | sha256sum | cut -c1-16)
  [[ $(inputs_label "$IMAGE_PREFIX/busybox:1") == "$hash" ]] && return 0
  rm -rf "$dir"; mkdir -p "$dir/rootfs/bin" "$dir/rootfs/tmp"
  cp "$(command -v busybox)" "$dir/rootfs/bin/busybox"
  for a in $(busybox --list); do [[ $a == busybox ]] || ln -sf busybox "$dir/rootfs/bin/$a"; done
  chmod 1777 "$dir/rootfs/tmp"
  cp "$IMAGES_SRC/busybox/Dockerfile" "$dir/"
  build_image "$IMAGE_PREFIX/busybox:1" "$dir" "$dir/Dockerfile" "$hash"
}

# binary_image NAME TAG BINARY MODULE: an image of one binary from build.sh's MODULE
binary_image() {
  local name=$1 tag=$2 bin=$3 module=$4 hash ctx
  hash=$( { cat "$IMAGES_SRC/$name/Dockerfile" "$BIN_DIR/.stamp-$module"; } | sha256sum | cut -c1-16)
  [[ $(inputs_label "$IMAGE_PREFIX/$name:$tag") == "$hash" ]] && return 0
  ctx=$(context_with "$name" "$IMAGES_SRC/$name/Dockerfile" "$BIN_DIR/$bin")
  build_image "$IMAGE_PREFIX/$name:$tag" "$ctx" "$ctx/Dockerfile" "$hash"
}

# quarkus_image NAME MODULE: the image of a Quarkus application packaged by `mvn package` in MODULE
# (context MODULE, Dockerfile MODULE/src/main/docker/Dockerfile, FROM the JRE base).
quarkus_image() {
  local name=$1 module="$REPO_ROOT/$2" app="$REPO_ROOT/$2/target/quarkus-app" hash
  [[ -f $app/quarkus-run.jar ]] || die "$app is missing: run 'make build' (mvn package) first"
  hash=$( { cat "$module"/src/main/docker/*; inputs_label "$JRE_IMAGE"
            find "$app" -type f -printf '%P %s %T@\n' | LC_ALL=C sort; } | sha256sum | cut -c1-16)
  build_image "$IMAGE_PREFIX/$name:$OPERATOR_VERSION" "$module" \
    "$module/src/main/docker/Dockerfile" "$hash" --build-arg "BASE_IMAGE=$JRE_IMAGE"
}

# jar_image NAME MODULE: the image of a plain Java program packaged by `mvn package` in MODULE (its jar and
# target/lib; context MODULE, Dockerfile MODULE/src/main/docker/Dockerfile, FROM the JRE base).
jar_image() {
  local name=$1 module="$REPO_ROOT/$2" hash
  compgen -G "$module/target/*.jar" >/dev/null && [[ -d $module/target/lib ]] \
    || die "$module/target has no jar and lib/: run 'make build' (mvn package) first"
  hash=$( { cat "$module"/src/main/docker/*; inputs_label "$JRE_IMAGE"
            find "$module/target" -maxdepth 2 -type f \( -name '*.jar' \) -printf '%P %s %T@\n' | LC_ALL=C sort; } \
          | sha256sum | cut -c1-16)
  build_image "$IMAGE_PREFIX/$name:$OPERATOR_VERSION" "$module" \
    "$module/src/main/docker/Dockerfile" "$hash" --build-arg "BASE_IMAGE=$JRE_IMAGE"
}

"$CLUSTER_SRC_DIR/build.sh" pause coredns seaweedfs jobset metrics-server traefik prometheus prometheus-adapter >/dev/null
start=$SECONDS
binary_image pause 1 pause pause
build_busybox
binary_image coredns 1.15.0 coredns coredns
binary_image seaweedfs 4.53 weed seaweedfs
binary_image jobset "$JOBSET_VERSION" jobset jobset
binary_image metrics-server "$METRICS_SERVER_VERSION" metrics-server metrics-server
binary_image traefik "$TRAEFIK_VERSION" traefik traefik
binary_image prometheus "$PROMETHEUS_VERSION" prometheus prometheus
binary_image prometheus-adapter "$PROMETHEUS_ADAPTER_VERSION" adapter prometheus-adapter
build_jre_base
build_torch_image
quarkus_image operator operator
quarkus_image inference-runtime inference-runtime
quarkus_image router router
jar_image trainer trainer
log "images ready in $((SECONDS - start)) s: ${NODE_IMAGES[*]}"
