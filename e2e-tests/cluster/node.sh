# shellcheck shell=bash
# The node of the local cluster: containerd, kubelet, the simulated-GPU device plugin and
# kube-proxy as host processes, a CNI bridge, and the teardown that removes all of it.
# Sourced by lib.sh. Recipe and traps: docs/cluster.md (from the repository root).

CNI_BIN_DIR=/usr/lib/cni
# kubelet, containerd and plugin files that live outside the state dir (fixed paths)
CNI_RESULTS_DIR=/var/lib/cni/results
CNI_NETWORK=mlcycle

ensure_node_packages() {
  ensure_cmd containerd containerd
  ensure_cmd runc runc
  ensure_cmd conntrack conntrack
  ensure_cmd iptables iptables
  PATH="$PATH:$CNI_BIN_DIR" ensure_cmd portmap containernetworking-plugins
}

# ---- configuration ---------------------------------------------------------------------------

make_node_pki() {
  # the node identity the Node authorizer and NodeRestriction expect
  pki_cert ca kubelet "/O=system:nodes/CN=system:node:$NODE_NAME" clientAuth
  pki_cert ca kube-proxy "/CN=system:kube-proxy" clientAuth  # bound to system:node-proxier
  write_kubeconfig "$CLUSTER_DIR/kubelet.kubeconfig" kubelet
  write_kubeconfig "$CLUSTER_DIR/kube-proxy.kubeconfig" kube-proxy
}

write_node_configs() {
  mkdir -p "$CLUSTER_DIR/cni" "$CLUSTER_DIR/containerd" "$KUBELET_ROOT"
  cat >"$CLUSTER_DIR/containerd.toml" <<EOF
version = 2
root = "$CLUSTER_DIR/containerd/root"
state = "$CONTAINERD_STATE"
[grpc]
  address = "$CONTAINERD_SOCK"
[plugins."io.containerd.grpc.v1.cri"]
  sandbox_image = "$IMAGE_PREFIX/pause:1"
  # no CAP_SYS_RESOURCE here: the sandbox's oom score -998 cannot be set
  restrict_oom_score_adj = true
  # network namespaces under the state dir, so teardown knows which are ours
  netns_mounts_under_state_dir = true
  [plugins."io.containerd.grpc.v1.cri".cni]
    bin_dir = "$CNI_BIN_DIR"
    conf_dir = "$CLUSTER_DIR/cni"
EOF
  # ipMasq false + the FORWARD drop: pod traffic never leaves the machine
  cat >"$CLUSTER_DIR/cni/10-mlcycle.conflist" <<EOF
{"cniVersion":"0.4.0","name":"$CNI_NETWORK","plugins":[
 {"type":"bridge","bridge":"$BRIDGE","isGateway":true,"ipMasq":false,"hairpinMode":true,
  "ipam":{"type":"host-local","dataDir":"$CLUSTER_DIR/cni-ipam",
          "ranges":[[{"subnet":"$NODE_POD_CIDR"}]],"routes":[{"dst":"0.0.0.0/0"}]}},
 {"type":"portmap","capabilities":{"portMappings":true}}]}
EOF
  cat >"$CLUSTER_DIR/kubelet.yaml" <<EOF
apiVersion: kubelet.config.k8s.io/v1beta1
kind: KubeletConfiguration
# no anonymous access to :10250; the apiserver's client cert and webhook-checked tokens only
authentication: {anonymous: {enabled: false}, webhook: {enabled: true}, x509: {clientCAFile: $PKI_DIR/ca.crt}}
authorization: {mode: Webhook}
cgroupDriver: cgroupfs
failSwapOn: false
failCgroupV1: false      # these machines run cgroup v1
containerRuntimeEndpoint: unix://$CONTAINERD_SOCK
clusterDomain: $CLUSTER_DOMAIN
clusterDNS: [$DNS_SERVICE_IP]
resolvConf: /etc/resolv.conf
readOnlyPort: 0
healthzBindAddress: 127.0.0.1
evictionHard: {memory.available: "100Mi", nodefs.available: "1%", imagefs.available: "1%"}
imageGCHighThresholdPercent: 100   # never delete the imported images: they cannot be pulled again
maxPods: 60
EOF
}

# ---- network ---------------------------------------------------------------------------------

# The bridge exists before any pod so the Service route and the drop rule can point at it;
# the CNI bridge plugin adopts it.
setup_node_network() {
  sysctl -qw net.ipv4.ip_forward=1
  # bridged pod-to-pod replies must pass conntrack to be un-NATed after a Service hop
  sysctl -qw net.bridge.bridge-nf-call-iptables=1 2>/dev/null || true
  ip link add "$BRIDGE" type bridge 2>/dev/null || true
  ip addr replace "${NODE_POD_CIDR%.*}.1/24" dev "$BRIDGE"
  ip link set "$BRIDGE" up
  ip route replace "$SERVICE_CIDR" dev "$BRIDGE"
  iptables -N "$IPTABLES_CHAIN" 2>/dev/null || iptables -F "$IPTABLES_CHAIN"
  # nothing from a pod leaves the machine: only the bridge is a way out of the pod range
  iptables -A "$IPTABLES_CHAIN" -s "$POD_CIDR" ! -o "$BRIDGE" -j DROP
  iptables -A "$IPTABLES_CHAIN" -i "$BRIDGE" -o "$BRIDGE" -j ACCEPT
  iptables -C FORWARD -j "$IPTABLES_CHAIN" 2>/dev/null || iptables -I FORWARD 1 -j "$IPTABLES_CHAIN"
}

# ---- start -----------------------------------------------------------------------------------

start_containerd() {
  mkdir -p "$CONTAINERD_STATE"
  start_daemon containerd containerd --config "$CLUSTER_DIR/containerd.toml"
  wait_for containerd "its socket" ctr -a "$CONTAINERD_SOCK" version
}

start_kubelet() {
  start_daemon kubelet "$BIN_DIR/kubelet" \
    --kubeconfig "$CLUSTER_DIR/kubelet.kubeconfig" --config "$CLUSTER_DIR/kubelet.yaml" \
    --root-dir "$KUBELET_ROOT" --hostname-override "$NODE_NAME" --node-ip "$(node_ip)" \
    --node-labels nvidia.com/gpu.present=true
}

start_gpu_plugin() {
  start_daemon gpu-device-plugin "$BIN_DIR/gpu-device-plugin" \
    --count "$GPU_COUNT" --state-dir "$CLUSTER_DIR/"
}

start_kube_proxy() {
  # conntrack-max-per-core 0: leave the machine's conntrack sysctls alone. NodePorts on loopback
  # only: nothing from outside the machine reaches the cluster.
  start_daemon kube-proxy "$BIN_DIR/kube-proxy" \
    --kubeconfig "$CLUSTER_DIR/kube-proxy.kubeconfig" --proxy-mode iptables \
    --cluster-cidr "$POD_CIDR" --hostname-override "$NODE_NAME" \
    --metrics-bind-address 127.0.0.1:10249 --healthz-bind-address 127.0.0.1:10256 \
    --conntrack-max-per-core 0 --nodeport-addresses 127.0.0.0/8
}

node_ready() {
  [[ $(kubectl_admin get node "$NODE_NAME" \
    -o jsonpath='{.status.conditions[?(@.type=="Ready")].status}') == True ]]
}

node_gpus() {
  [[ $(kubectl_admin get node "$NODE_NAME" -o jsonpath='{.status.allocatable.nvidia\.com/gpu}') == "$GPU_COUNT" ]]
}

# ---- teardown --------------------------------------------------------------------------------

# kubepods cgroups of every controller, deepest first
kubepods_cgroups() {
  find /sys/fs/cgroup/*/kubepods* -depth -type d 2>/dev/null || true
}

# mount points under the given folders, deepest first
mounts_under() {
  local dir
  for dir in "$@"; do
    awk -v d="$dir/" '{ if (index($5 "/", d) == 1) print $5 }' /proc/self/mountinfo
  done | sort -r -u
}

# teardown_node: every trace of the node, in an order that works at any stage of a crash.
teardown_node() {
  local pid p cg m
  # our dockerd takes seconds to stop: let it start now (stop_daemons waits for it below)
  if pid=$(daemon_pid dockerd); then kill -TERM "$pid" 2>/dev/null || true; fi
  # the kubelet first, or it restarts what is killed below
  if pid=$(daemon_pid kubelet); then log "stopping kubelet (pid $pid)"; stop_pids "$pid"; fi
  # containers: every process in the kubelet's pod cgroups, then their shims
  for cg in $(kubepods_cgroups); do
    for p in $(cat "$cg/cgroup.procs" 2>/dev/null); do kill -KILL "$p" 2>/dev/null || true; done
  done
  for p in $(stray_pids); do
    [[ $(readlink "/proc/$p/exe" 2>/dev/null) == */containerd-shim* ]] && kill -KILL "$p" 2>/dev/null
  done
  stop_daemons
  # tmpfs (tokens, secrets), overlay rootfs, shm and netns mounts
  for m in $(mounts_under "$KUBELET_ROOT" "$CONTAINERD_STATE" "$CLUSTER_DIR/containerd" "$DOCKER_EXEC_ROOT"); do
    umount "$m" 2>/dev/null || umount -l "$m" 2>/dev/null || log "cannot unmount $m"
  done
  for cg in $(kubepods_cgroups); do rmdir "$cg" 2>/dev/null || true; done
  # iptables: kube-proxy's chains, our FORWARD chain, portmap's chains (only CNI user here)
  [[ -x $BIN_DIR/kube-proxy ]] && "$BIN_DIR/kube-proxy" --cleanup >/dev/null 2>&1 || true
  if iptables -L "$IPTABLES_CHAIN" -n >/dev/null 2>&1; then
    while iptables -D FORWARD -j "$IPTABLES_CHAIN" 2>/dev/null; do :; done
    iptables -F "$IPTABLES_CHAIN"; iptables -X "$IPTABLES_CHAIN"
  fi
  remove_chains
  ip link del "$BRIDGE" 2>/dev/null || true
  rm -f "$CNI_RESULTS_DIR/$CNI_NETWORK"-* "$DEVICE_PLUGIN_DIR"/*.sock "$DEVICE_PLUGIN_DIR/kubelet_internal_checkpoint"
  rm -rf "$CONTAINERD_STATE" "$DOCKER_EXEC_ROOT"
}

# remove_chains: chains named KUBE-* (kube-proxy's leftovers, the kubelet's canaries and
# KUBE-FIREWALL) and CNI-* (portmap's), with the rules jumping to them, in every table of
# iptables and ip6tables. This cluster is the only Kubernetes and CNI user on the machine.
remove_chains() {
  local ipt table chains c
  for ipt in iptables ip6tables; do
    command -v "$ipt" >/dev/null || continue
    for table in filter nat mangle; do
      chains=$($ipt -t "$table" -S 2>/dev/null | awk '$1 == "-N" && $2 ~ /^(KUBE|CNI)-/ {print $2}' | sort -u)
      [[ -n $chains ]] || continue
      $ipt -t "$table" -S | grep -E -- '-j (KUBE|CNI)-' | grep -v '^-N' | sed 's/^-A/-D/' \
        | while read -r rule; do eval "$ipt -t $table $rule" 2>/dev/null || true; done || true
      for c in $chains; do $ipt -t "$table" -F "$c" 2>/dev/null || true; done
      for c in $chains; do $ipt -t "$table" -X "$c" 2>/dev/null || true; done
    done
  done
}

# node_leftovers: prints what teardown_node would have to remove (nothing = clean)
node_leftovers() {
  local p t
  stray_pids | sed 's/^/process /'
  mounts_under "$KUBELET_ROOT" "$CONTAINERD_STATE" "$CLUSTER_DIR/containerd" | sed 's/^/mount /'
  ip link show "$BRIDGE" >/dev/null 2>&1 && echo "bridge $BRIDGE"
  iptables -L "$IPTABLES_CHAIN" -n >/dev/null 2>&1 && echo "iptables chain $IPTABLES_CHAIN"
  for p in iptables ip6tables; do
    for t in filter nat mangle; do
      $p -t "$t" -S 2>/dev/null | awk -v w="$p $t" '$1 == "-N" && $2 ~ /^(KUBE|CNI)-/ {print w " chain " $2}'
    done
  done
  [[ -d $CONTAINERD_STATE ]] && echo "dir $CONTAINERD_STATE"
  [[ -d $CLUSTER_DIR ]] && echo "dir $CLUSTER_DIR"
  return 0
}

# ---- image building --------------------------------------------------------------------------

# ensure_docker: sets DOCKER to a client of a running dockerd. The machine's own when one
# answers; else ours (own exec root and socket, images kept in the cache, no iptables or bridge
# of its own since it only builds), stopped with the cluster by cluster-down.
ensure_docker() {
  local client=docker
  [[ -x /usr/bin/docker ]] && client=/usr/bin/docker   # Debian's, matching its dockerd
  if [[ ! -S $DOCKER_EXEC_ROOT/docker.sock ]] && $client version >/dev/null 2>&1; then
    DOCKER=$client; return 0
  fi
  DOCKER="$client -H unix://$DOCKER_EXEC_ROOT/docker.sock"
  $DOCKER version >/dev/null 2>&1 && return 0
  mkdir -p "$DOCKER_EXEC_ROOT" "$DOCKER_DATA_ROOT"
  start_daemon dockerd dockerd --host "unix://$DOCKER_EXEC_ROOT/docker.sock" \
    --exec-root "$DOCKER_EXEC_ROOT" --data-root "$DOCKER_DATA_ROOT" \
    --pidfile "$DOCKER_EXEC_ROOT/dockerd.pid" --iptables=false --ip-masq=false --bridge=none \
    --oom-score-adjust=0
  # shellcheck disable=SC2086
  wait_for dockerd "its socket" $DOCKER version
}

# load_images REF...: docker save | ctr import, in one stream so shared layers go once
load_images() {
  # shellcheck disable=SC2086
  $DOCKER save "$@" | ctr -a "$CONTAINERD_SOCK" -n k8s.io images import - >/dev/null
}
