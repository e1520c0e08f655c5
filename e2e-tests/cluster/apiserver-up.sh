#!/usr/bin/env bash
# Starts a local Kubernetes control plane as host processes: etcd, kube-apiserver,
# kube-controller-manager and kube-scheduler, with state in $MLCYCLE_CLUSTER_DIR
# (default /tmp/mlcycle-cluster) and an admin kubeconfig at $MLCYCLE_CLUSTER_DIR/kubeconfig.
# Waits until /readyz answers ok and the `default` ServiceAccount exists. Does nothing when
# the control plane is already running; cleans up after an unclean stop first.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

ensure_cmd openssl openssl
ensure_cmd ip iproute2
ensure_cmd ss iproute2
ensure_cmd setsid util-linux
ensure_cmd curl curl

CONTROL_PLANE=(etcd kube-apiserver kube-controller-manager kube-scheduler)

"$CLUSTER_SRC_DIR/build.sh"
take_lock

running=0
for c in "${CONTROL_PLANE[@]}"; do daemon_pid "$c" >/dev/null && running=$((running + 1)); done
if ((running == ${#CONTROL_PLANE[@]})) && kubectl_admin get --raw /readyz >/dev/null 2>&1; then
  log "control plane already running (kubeconfig: $ADMIN_KUBECONFIG); nothing to do"
  exit 0
fi
# (cluster-up cleans up itself and already starts node parts in the state dir meanwhile)
if [[ -z ${MLCYCLE_FRESH_STATE:-} ]] && { ((running > 0)) || [[ -e $CLUSTER_DIR ]] || [[ -n $(stray_pids) ]]; }; then
  log "cleaning up leftovers of an earlier run in $CLUSTER_DIR"
  teardown_node
  remove_state_dir
fi

check_ports_free "$ETCD_CLIENT_PORT" "$ETCD_PEER_PORT" "$APISERVER_PORT" \
  "$CONTROLLER_MANAGER_PORT" "$SCHEDULER_PORT"

NODE_IP=$(node_ip)
mkdir -p "$LOG_DIR" "$RUN_DIR" "$ETCD_DATA_DIR"
chmod 700 "$ETCD_DATA_DIR"
log "certificates and kubeconfigs in $PKI_DIR (node IP $NODE_IP)"
make_control_plane_pki "$NODE_IP"

# Loopback only. No fsync: the state is thrown away at every up, and it is much faster.
start_daemon etcd "$BIN_DIR/etcd" \
  --name default --data-dir "$ETCD_DATA_DIR" \
  --listen-client-urls "http://127.0.0.1:$ETCD_CLIENT_PORT" \
  --advertise-client-urls "http://127.0.0.1:$ETCD_CLIENT_PORT" \
  --listen-peer-urls "http://127.0.0.1:$ETCD_PEER_PORT" \
  --initial-advertise-peer-urls "http://127.0.0.1:$ETCD_PEER_PORT" \
  --initial-cluster "default=http://127.0.0.1:$ETCD_PEER_PORT" \
  --unsafe-no-fsync
wait_for etcd "healthy /health" etcd_healthy

# Audit, for the e2e suite's checks of the operator's RBAC and of "the operator never writes spec": the operator's
# requests (who, verb, resource, response code), with the body of its writes to the mlcycle.io objects themselves;
# and anyone's creating and deleting ClusterRoleBindings (a helm uninstall takes the operator's permissions away).
cat >"$CLUSTER_DIR/audit-policy.yaml" <<EOF
apiVersion: audit.k8s.io/v1
kind: Policy
omitStages: [RequestReceived, ResponseStarted]
rules:
  - level: Request
    users: ["$OPERATOR_USER"]
    verbs: [patch, update]
    resources: [{group: mlcycle.io, resources: [trainingjobs, modelversions, inferenceservices, driftmonitors]}]
  - level: Metadata
    users: ["$OPERATOR_USER"]
  - level: Metadata
    verbs: [create, delete]
    resources: [{group: rbac.authorization.k8s.io, resources: [clusterrolebindings]}]
  - level: None
EOF

# Binds all addresses; advertised on the node IP, which pods reach through the `kubernetes`
# Service (loopback is not reachable from a pod).
start_daemon kube-apiserver "$BIN_DIR/kube-apiserver" \
  --etcd-servers "http://127.0.0.1:$ETCD_CLIENT_PORT" \
  --bind-address 0.0.0.0 --secure-port "$APISERVER_PORT" --advertise-address "$NODE_IP" \
  --tls-cert-file "$PKI_DIR/apiserver.crt" --tls-private-key-file "$PKI_DIR/apiserver.key" \
  --client-ca-file "$PKI_DIR/ca.crt" \
  --authorization-mode Node,RBAC \
  --audit-policy-file "$CLUSTER_DIR/audit-policy.yaml" --audit-log-path "$OPERATOR_AUDIT_LOG" \
  --audit-log-maxsize 500 --audit-log-maxbackup 1 \
  --allow-privileged \
  --service-cluster-ip-range "$SERVICE_CIDR" \
  --service-account-issuer "$SERVICE_ACCOUNT_ISSUER" \
  --service-account-key-file "$PKI_DIR/sa.pub" \
  --service-account-signing-key-file "$PKI_DIR/sa.key" \
  --kubelet-preferred-address-types InternalIP \
  --kubelet-client-certificate "$PKI_DIR/apiserver-kubelet-client.crt" \
  --kubelet-client-key "$PKI_DIR/apiserver-kubelet-client.key" \
  --requestheader-client-ca-file "$PKI_DIR/front-proxy-ca.crt" \
  --requestheader-allowed-names front-proxy-client \
  --requestheader-username-headers X-Remote-User --requestheader-group-headers X-Remote-Group \
  --requestheader-extra-headers-prefix X-Remote-Extra- \
  --proxy-client-cert-file "$PKI_DIR/front-proxy-client.crt" \
  --proxy-client-key-file "$PKI_DIR/front-proxy-client.key"
wait_for kube-apiserver "ok from /readyz" kubectl_admin get --raw /readyz

start_daemon kube-controller-manager "$BIN_DIR/kube-controller-manager" \
  --kubeconfig "$CLUSTER_DIR/controller-manager.kubeconfig" \
  --authentication-kubeconfig "$CLUSTER_DIR/controller-manager.kubeconfig" \
  --authorization-kubeconfig "$CLUSTER_DIR/controller-manager.kubeconfig" \
  --bind-address 127.0.0.1 --secure-port "$CONTROLLER_MANAGER_PORT" \
  --leader-elect=false \
  --root-ca-file "$PKI_DIR/ca.crt" \
  --service-account-private-key-file "$PKI_DIR/sa.key" \
  --use-service-account-credentials \
  --cluster-cidr "$POD_CIDR" --allocate-node-cidrs \
  --service-cluster-ip-range "$SERVICE_CIDR" \
  --cluster-signing-cert-file "$PKI_DIR/ca.crt" --cluster-signing-key-file "$PKI_DIR/ca.key"

start_daemon kube-scheduler "$BIN_DIR/kube-scheduler" \
  --kubeconfig "$CLUSTER_DIR/scheduler.kubeconfig" \
  --authentication-kubeconfig "$CLUSTER_DIR/scheduler.kubeconfig" \
  --authorization-kubeconfig "$CLUSTER_DIR/scheduler.kubeconfig" \
  --bind-address 127.0.0.1 --secure-port "$SCHEDULER_PORT" \
  --leader-elect=false

wait_for kube-controller-manager "ok from :$CONTROLLER_MANAGER_PORT/healthz" https_healthz "$CONTROLLER_MANAGER_PORT"
wait_for kube-scheduler "ok from :$SCHEDULER_PORT/healthz" https_healthz "$SCHEDULER_PORT"
wait_for kube-controller-manager "the default ServiceAccount" \
  kubectl_admin get serviceaccount default --namespace default

log "control plane up in ${SECONDS} s: export KUBECONFIG=$ADMIN_KUBECONFIG (kubectl: $BIN_DIR/kubectl)"
