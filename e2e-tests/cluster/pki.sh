# shellcheck shell=bash
# Certificates and kubeconfigs of the local cluster, made with openssl. Sourced by lib.sh.
# One CA (pki/ca.crt) signs every serving and client certificate, and the controller-manager
# signs CSRs with it, so certificates it issues (e.g. a kubelet's) are trusted everywhere.
# A second one (front-proxy-ca) only vouches for the aggregator's requests to extension
# API servers, as kubeadm sets it up.

# pki_ca NAME CN: a CA valid 10 years.
pki_ca() {
  openssl req -x509 -new -noenc -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 \
    -keyout "$PKI_DIR/$1.key" -out "$PKI_DIR/$1.crt" -days 3650 -subj "/CN=$2" \
    -addext "basicConstraints=critical,CA:TRUE" \
    -addext "keyUsage=critical,keyCertSign,cRLSign,digitalSignature" 2>>"$LOG_DIR/pki.log"
}

# pki_cert CA NAME SUBJECT USAGE [SAN]: NAME.key + NAME.crt signed by CA.
# USAGE: clientAuth, serverAuth or both ("serverAuth,clientAuth"); SAN: "DNS:a,IP:1.2.3.4".
pki_cert() {
  local ca=$1 name=$2 subject=$3 usage=$4 san=${5:-}
  local ext="basicConstraints=critical,CA:FALSE
keyUsage=critical,digitalSignature
extendedKeyUsage=$usage"
  [[ -n $san ]] && ext+=$'\n'"subjectAltName=$san"
  # RSA, not EC: Fabric8's client (the operator, the tests) reads EC client keys only with
  # BouncyCastle on the class path, and these keys end up in kubeconfigs it reads.
  openssl req -new -noenc -newkey rsa:2048 \
    -keyout "$PKI_DIR/$name.key" -out "$PKI_DIR/$name.csr" -subj "$subject" 2>>"$LOG_DIR/pki.log"
  openssl x509 -req -in "$PKI_DIR/$name.csr" -CA "$PKI_DIR/$ca.crt" -CAkey "$PKI_DIR/$ca.key" \
    -set_serial "0x$(openssl rand -hex 16)" -days 3650 -sha256 -extfile <(printf '%s\n' "$ext") \
    -out "$PKI_DIR/$name.crt" 2>>"$LOG_DIR/pki.log"
  rm -f "$PKI_DIR/$name.csr"
}

# pki_service_account_keys: the key pair that signs and verifies ServiceAccount tokens.
pki_service_account_keys() {
  openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$PKI_DIR/sa.key" 2>>"$LOG_DIR/pki.log"
  openssl pkey -in "$PKI_DIR/sa.key" -pubout -out "$PKI_DIR/sa.pub" 2>>"$LOG_DIR/pki.log"
}

# write_kubeconfig FILE CERT_NAME: a kubeconfig for the local apiserver that authenticates
# with pki/CERT_NAME.{crt,key}; everything embedded.
write_kubeconfig() {
  local file=$1 cert=$2
  local k=(kubectl --kubeconfig "$file" config)
  rm -f "$file"
  "${k[@]}" set-cluster mlcycle --server "https://127.0.0.1:$APISERVER_PORT" \
    --certificate-authority "$PKI_DIR/ca.crt" --embed-certs >/dev/null
  "${k[@]}" set-credentials "$cert" --client-certificate "$PKI_DIR/$cert.crt" \
    --client-key "$PKI_DIR/$cert.key" --embed-certs >/dev/null
  "${k[@]}" set-context mlcycle --cluster mlcycle --user "$cert" >/dev/null
  "${k[@]}" use-context mlcycle >/dev/null
  chmod 600 "$file"
}

# make_control_plane_pki NODE_IP: everything apiserver-up needs under pki/ and the kubeconfigs.
make_control_plane_pki() {
  local ip=$1
  mkdir -p "$PKI_DIR" "$LOG_DIR"
  chmod 700 "$PKI_DIR"
  pki_ca ca mlcycle-cluster-ca
  pki_cert ca apiserver "/CN=kube-apiserver" serverAuth \
    "IP:127.0.0.1,IP:$ip,IP:$KUBERNETES_SERVICE_IP,DNS:localhost,DNS:kubernetes,DNS:kubernetes.default,DNS:kubernetes.default.svc,DNS:kubernetes.default.svc.$CLUSTER_DOMAIN"
  pki_cert ca apiserver-kubelet-client "/O=system:masters/CN=kube-apiserver-kubelet-client" clientAuth
  pki_cert ca admin "/O=system:masters/CN=mlcycle-admin" clientAuth
  # the identities the bootstrap RBAC policy grants to these components
  pki_cert ca controller-manager "/CN=system:kube-controller-manager" clientAuth
  pki_cert ca scheduler "/CN=system:kube-scheduler" clientAuth
  pki_ca front-proxy-ca mlcycle-front-proxy-ca
  pki_cert front-proxy-ca front-proxy-client "/CN=front-proxy-client" clientAuth
  pki_service_account_keys
  write_kubeconfig "$ADMIN_KUBECONFIG" admin
  write_kubeconfig "$CLUSTER_DIR/controller-manager.kubeconfig" controller-manager
  write_kubeconfig "$CLUSTER_DIR/scheduler.kubeconfig" scheduler
}
