#!/usr/bin/env bash
# Starts the whole local cluster: the control plane (apiserver-up.sh), then one real node —
# containerd (our own instance), kubelet, the simulated-GPU device plugin, kube-proxy, a CNI
# bridge — and the add-ons: CoreDNS (kube-dns), SeaweedFS (S3, bucket `mlcycle`), the JobSet controller, the CRDs
# and the operator (Helm chart helm/mlcycle). Images are built by images.sh and imported into the
# node (no registry). Waits until the node, DNS, S3 and the operator are Ready.
#
# Does nothing when the cluster is already running; cleans up after an unclean stop first.
# Logs: $MLCYCLE_CLUSTER_DIR/logs/<component>.log. Needs root (network, mounts, containerd).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
REPO_ROOT=$(cd "$CLUSTER_SRC_DIR/../.." && pwd)

[[ $(id -u) -eq 0 ]] || die "cluster-up needs root (bridge, iptables, mounts, containerd)"
ensure_cmd openssl openssl
ensure_cmd curl curl
ensure_node_packages
"$CLUSTER_SRC_DIR/build.sh"
ensure_helm
take_lock

NODE_DAEMONS=(containerd kubelet gpu-device-plugin kube-proxy)
cluster_running() {
  local c
  for c in etcd kube-apiserver kube-controller-manager kube-scheduler "${NODE_DAEMONS[@]}"; do
    daemon_pid "$c" >/dev/null || return 1
  done
  node_ready
}
if cluster_running; then
  log "cluster already running (kubeconfig: $ADMIN_KUBECONFIG); nothing to do"
  exit 0
fi
if [[ -n $(node_leftovers) ]]; then
  log "cleaning up leftovers of an earlier run"
  teardown_node
  remove_state_dir
fi

# The node's runtime and images do not need the control plane: prepare them meanwhile.
# (Its log lines interleave with apiserver-up's; a failure stops everything.)
prepare_node() {
  write_node_configs
  setup_node_network
  "$CLUSTER_SRC_DIR/images.sh"
  ensure_docker
  start_containerd
  local t=$SECONDS images
  mapfile -t images < <("$CLUSTER_SRC_DIR/images.sh" --list)
  load_images "${images[@]}"
  log "images imported into the node in $((SECONDS - t)) s"
}
mkdir -p "$LOG_DIR" "$RUN_DIR"
prepare_node &
node_prep=$!
MLCYCLE_FRESH_STATE=1 "$CLUSTER_SRC_DIR/apiserver-up.sh" || { wait "$node_prep" || true; fail_component kube-apiserver "did not come up"; }
make_node_pki
wait "$node_prep" || fail_component containerd "node preparation failed (images or containerd)"
ensure_docker

log "node $NODE_NAME: kubelet, device plugin, kube-proxy"
start_kubelet
wait_for kubelet "its device-plugin socket" test -S "$DEVICE_PLUGIN_DIR/kubelet.sock"
start_gpu_plugin
start_kube_proxy
wait_for kubelet "node $NODE_NAME Ready" node_ready
wait_for gpu-device-plugin "$GPU_COUNT nvidia.com/gpu on the node" node_gpus

log "add-ons: CoreDNS, SeaweedFS, JobSet, metrics-server, Traefik, Prometheus, prometheus-adapter, CRDs, operator"
apply_addon coredns
install_s3 mlcycle-system mlcycle-demo
# The CRDs come with the chart below (crds.install), as a platform team installs them.
install_jobset
install_metrics_server
install_traefik
install_prometheus
apply_addon prometheus-adapter
helm_admin upgrade --install mlcycle "$REPO_ROOT/helm/mlcycle" --namespace mlcycle-system \
  --create-namespace --set image.pullPolicy=Never >/dev/null
wait_for kubelet "CoreDNS Ready" rollout_done kube-system coredns
wait_for kubelet "SeaweedFS Ready" rollout_done mlcycle-storage seaweedfs
wait_for kubelet "bucket mlcycle" s3_create_bucket mlcycle
wait_for kubelet "operator Ready" rollout_done mlcycle-system mlcycle-operator
wait_for kubelet "JobSet controller Ready" rollout_done jobset-system jobset-controller-manager
wait_for kubelet "metrics-server Ready" rollout_done kube-system metrics-server
wait_for kubelet "Traefik Ready" rollout_done traefik-system traefik
wait_for kubelet "Prometheus Ready" rollout_done mlcycle-monitoring prometheus
wait_for kubelet "prometheus-adapter Ready" rollout_done mlcycle-monitoring prometheus-adapter
wait_for kubelet "custom.metrics.k8s.io served" api_service_available v1beta1.custom.metrics.k8s.io

log "cluster up in ${SECONDS} s: export KUBECONFIG=$ADMIN_KUBECONFIG (kubectl: $BIN_DIR/kubectl)"
