#!/usr/bin/env bash
# Builds the local cluster's binaries from the Go module proxy into the versioned cache
# ($MLCYCLE_CACHE/k8s/<version>/bin), then links etcd, kube-apiserver and kubectl where Fabric8
# kube-api-test looks for them. A module is rebuilt only when the hash of its files (go.mod,
# go.sum, *.go and embedded static files), of its build settings here and of `go version` differs
# from its stamp in the bin dir (so adding a module does not rebuild the others).
#
# Usage: build.sh [MODULE...]   (default: all modules)
# Each Go module here yields some binaries: add a module (CoreDNS, a device plugin, ...) by
# adding a folder and a line to MODULES below.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

# folder → packages it builds (each binary is named after its package's last path element)
declare -A MODULES=(
  [k8s]="k8s.io/kubernetes/cmd/kube-apiserver k8s.io/kubernetes/cmd/kube-controller-manager
         k8s.io/kubernetes/cmd/kube-scheduler k8s.io/kubernetes/cmd/kubelet
         k8s.io/kubernetes/cmd/kube-proxy k8s.io/kubernetes/cmd/kubectl"
  [etcd]="mlcycle.io/cluster/etcd"
  [gpu-device-plugin]="mlcycle.io/cluster/gpu-device-plugin"
  [coredns]="mlcycle.io/cluster/coredns"
  [seaweedfs]="mlcycle.io/cluster/weed"
  [pause]="mlcycle.io/cluster/pause"
  [jobset]="sigs.k8s.io/jobset"
  [metrics-server]="sigs.k8s.io/metrics-server/cmd/metrics-server"
  [traefik]="mlcycle.io/cluster/traefik"
  [prometheus]="github.com/prometheus/prometheus/cmd/prometheus"
  [prometheus-adapter]="sigs.k8s.io/prometheus-adapter/cmd/adapter"
  [argocd]="mlcycle.io/cluster/argocd"
)
MODULE_ORDER=(etcd k8s pause gpu-device-plugin coredns seaweedfs jobset metrics-server traefik prometheus prometheus-adapter argocd)
KUBE_API_TEST_BINARIES=(etcd kube-apiserver kubectl)
BUILD_JOBS="${MLCYCLE_BUILD_JOBS:-2}"

command -v go >/dev/null || die "Go is needed to build the cluster binaries"
export CGO_ENABLED=0
# A module whose go.mod names a newer toolchain (argocd/ wants Go 1.27) has the go command fetch it from the module
# proxy; this Go's own go.env says local. Modules that need no newer Go build with the installed one.
export GOTOOLCHAIN=auto

module_hash() {
  (
    cd "$CLUSTER_SRC_DIR"
    find "$1" -type f | LC_ALL=C sort | xargs cat
    echo "${MODULES[$1]}"
    declare -f "ldflags_$1" "tags_$1" build_module
    go version
  ) | sha256sum | cut -d' ' -f1
}

module_fresh() {
  local stamp="$BIN_DIR/.stamp-$1" pkg
  [[ -f $stamp && $(<"$stamp") == "$(module_hash "$1")" ]] || return 1
  for pkg in ${MODULES[$1]}; do [[ -x $BIN_DIR/${pkg##*/} ]] || return 1; done
}

# Version stamping as upstream's hack/lib/version.sh does; buildDate is the release tag's time.
ldflags_k8s() {
  local version date major minor pkg flags="-s -w"
  version=$(go list -m -f '{{.Version}}' k8s.io/kubernetes)
  [[ $version == "$K8S_VERSION" ]] || die "k8s/go.mod pins k8s.io/kubernetes $version, lib.sh says $K8S_VERSION"
  date=$(go list -m -f '{{.Time.UTC.Format "2006-01-02T15:04:05Z"}}' k8s.io/kubernetes)
  IFS=. read -r major minor _ <<<"${version#v}"
  for pkg in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
    flags+=" -X $pkg.gitVersion=$version -X $pkg.gitMajor=$major -X $pkg.gitMinor=$minor"
    flags+=" -X $pkg.gitTreeState=clean -X $pkg.buildDate=$date -X $pkg.gitCommit="
  done
  echo "$flags"
}

ldflags_etcd() {
  local version
  version=$(go list -m -f '{{.Version}}' go.etcd.io/etcd/server/v3)
  [[ $version == "$ETCD_VERSION" ]] || die "etcd/go.mod pins etcd $version, lib.sh says $ETCD_VERSION"
  echo "-s -w"
}

tags_k8s() { echo "selinux,notest,grpcnotrace"; }  # upstream's release tags
tags_etcd() { echo ""; }
ldflags_gpu-device-plugin() { echo "-s -w"; }
tags_gpu-device-plugin() { echo ""; }
ldflags_pause() { echo "-s -w"; }
tags_pause() { echo ""; }
ldflags_coredns() { echo "-s -w"; }
tags_coredns() { echo ""; }
ldflags_seaweedfs() { echo "-s -w"; }
tags_seaweedfs() { echo ""; }
ldflags_jobset() {
  local version
  version=$(go list -m -f '{{.Version}}' sigs.k8s.io/jobset)
  [[ $version == "$JOBSET_VERSION" ]] || die "jobset/go.mod pins sigs.k8s.io/jobset $version, lib.sh says $JOBSET_VERSION"
  echo "-s -w"
}
tags_jobset() { echo ""; }
# Without the version stamp, `metrics-server --version` prints garbage (STACK.md).
ldflags_metrics-server() {
  local version
  version=$(go list -m -f '{{.Version}}' sigs.k8s.io/metrics-server)
  [[ $version == "$METRICS_SERVER_VERSION" ]] \
    || die "metrics-server/go.mod pins sigs.k8s.io/metrics-server $version, lib.sh says $METRICS_SERVER_VERSION"
  echo "-s -w -X k8s.io/client-go/pkg/version.gitVersion=$version"
}
tags_metrics-server() { echo ""; }
ldflags_prometheus-adapter() {
  local version
  version=$(go list -m -f '{{.Version}}' sigs.k8s.io/prometheus-adapter)
  [[ $version == "$PROMETHEUS_ADAPTER_VERSION" ]] \
    || die "prometheus-adapter/go.mod pins sigs.k8s.io/prometheus-adapter $version, lib.sh says $PROMETHEUS_ADAPTER_VERSION"
  echo "-s -w -X k8s.io/client-go/pkg/version.gitVersion=$version"
}
tags_prometheus-adapter() { echo ""; }
# Upstream's Makefile stamps pkg/version.Version (also Codename, whose default is already right, and BuildDate, left
# unset); without it `traefik version` and the startup log say "dev". The Gateway API module is checked too: install_traefik applies its CRDs.
ldflags_traefik() {
  local version gateway_api
  version=$(go list -m -f '{{.Version}}' github.com/traefik/traefik/v3)
  [[ $version == "$TRAEFIK_VERSION" ]] || die "traefik/go.mod pins github.com/traefik/traefik/v3 $version, lib.sh says $TRAEFIK_VERSION"
  gateway_api=$(go list -m -f '{{.Version}}' sigs.k8s.io/gateway-api)
  [[ $gateway_api == "$GATEWAY_API_VERSION" ]] \
    || die "traefik/go.mod pins sigs.k8s.io/gateway-api $gateway_api, lib.sh says $GATEWAY_API_VERSION"
  echo "-s -w -X github.com/traefik/traefik/v3/pkg/version.Version=$version"
}
tags_traefik() { echo ""; }
# Prometheus's Makefile (promu) stamps github.com/prometheus/common/version; without it `prometheus --version` and
# the build_info metric say nothing. The module's v0.X.Y is release 3.X.Y. Its web UI is not in the module (STACK.md):
# the API, scraping and rules are what the cluster uses.
ldflags_prometheus() {
  local version
  version=$(go list -m -f '{{.Version}}' github.com/prometheus/prometheus)
  [[ $version == "$PROMETHEUS_MODULE_VERSION" ]] \
    || die "prometheus/go.mod pins github.com/prometheus/prometheus $version, lib.sh says $PROMETHEUS_MODULE_VERSION"
  echo "-s -w -X github.com/prometheus/common/version.Version=$PROMETHEUS_VERSION"
}
tags_prometheus() { echo ""; }
# As upstream's Makefile: common.version is the release without "v" (its VERSION file); without it the version is
# 99.99.99.
ldflags_argocd() {
  local version date pkg=github.com/argoproj/argo-cd/v3/common
  version=$(go list -m -f '{{.Version}}' github.com/argoproj/argo-cd/v3)
  [[ $version == "$ARGOCD_VERSION" ]] || die "argocd/go.mod pins github.com/argoproj/argo-cd/v3 $version, lib.sh says $ARGOCD_VERSION"
  date=$(go list -m -f '{{.Time.UTC.Format "2006-01-02T15:04:05Z"}}' github.com/argoproj/argo-cd/v3)
  echo "-s -w -X $pkg.version=${version#v} -X $pkg.gitTreeState=clean -X $pkg.buildDate=$date" \
    "-X $pkg.kubectlVersion=$(go list -m -f '{{.Version}}' k8s.io/kubectl)"
}
tags_argocd() { echo ""; }

build_module() {
  local module=$1 hash ldflags tags tmp start=$SECONDS pkg names=""
  hash=$(module_hash "$module")
  cd "$CLUSTER_SRC_DIR/$module"
  ldflags=$("ldflags_$module")
  tags=$("tags_$module")
  tmp=$(mktemp -d "$BIN_DIR/.build-$module.XXXXXX")
  # shellcheck disable=SC2064
  trap "rm -rf '$tmp'" EXIT
  for pkg in ${MODULES[$module]}; do names+=" ${pkg##*/}"; done
  log "building$names from $module/ (go build -p $BUILD_JOBS)"
  # shellcheck disable=SC2086
  go build -p "$BUILD_JOBS" -trimpath -buildvcs=false -mod=readonly -tags "$tags" \
    -ldflags "$ldflags" -o "$tmp/" ${MODULES[$module]}
  # rename into place: a running binary keeps its old file
  for pkg in ${MODULES[$module]}; do mv -f "$tmp/${pkg##*/}" "$BIN_DIR/${pkg##*/}"; done
  echo "$hash" >"$BIN_DIR/.stamp-$module"
  rm -rf "$tmp"; trap - EXIT
  log "built $module in $((SECONDS - start)) s"
}

# kube-api-test looks under $KUBE_API_TEST_DIR/k8s/<x.y.z>-<os>-<arch>/ (version without "v").
link_for_kube_api_test() {
  local arch dir b
  case "$(uname -m)" in aarch64 | arm64) arch=arm64 ;; ppc64*) arch=ppc64le ;; *) arch=amd64 ;; esac
  dir="$KUBE_API_TEST_DIR/k8s/${K8S_VERSION#v}-linux-$arch"
  mkdir -p "$dir"
  for b in "${KUBE_API_TEST_BINARIES[@]}"; do ln -sfn "$BIN_DIR/$b" "$dir/$b"; done
  echo "$dir"
}

mkdir -p "$BIN_DIR"
exec 8>"$BIN_DIR/.build.lock"
flock 8  # one build at a time per cache

(($#)) && MODULE_ORDER=("$@")
for m in "${MODULE_ORDER[@]}"; do [[ -n ${MODULES[$m]:-} ]] || die "unknown module '$m' (have: ${!MODULES[*]})"; done
stale=()
for m in "${MODULE_ORDER[@]}"; do module_fresh "$m" || stale+=("$m"); done
if ((${#stale[@]} == 0)); then
  log "cached: ${MODULE_ORDER[*]} binaries (Kubernetes $K8S_VERSION, etcd $ETCD_VERSION) in $BIN_DIR; nothing to build"
else
  for m in "${stale[@]}"; do (build_module "$m"); done
fi
kat_dir=$(link_for_kube_api_test)
[[ ${#stale[@]} -eq 0 ]] || log "binaries in $BIN_DIR; kube-api-test links in $kat_dir"
