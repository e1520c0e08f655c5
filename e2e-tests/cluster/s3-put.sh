#!/usr/bin/env bash
# Puts a file into the cluster's S3 store (bucket mlcycle), signed with the keys of Secret mlcycle-s3, from the host
# (which reaches the store's ClusterIP over the bridge route).
#
# Usage: s3-put.sh KEY FILE      e.g. s3-put.sh datasets/iris.csv /tmp/iris.csv  →  s3://mlcycle/datasets/iris.csv
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
[[ $# -eq 2 && -f $2 ]] || die "usage: s3-put.sh KEY FILE"
code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 30 -X PUT --data-binary "@$2" \
  -H "x-amz-content-sha256: UNSIGNED-PAYLOAD" --aws-sigv4 "aws:amz:$S3_REGION:s3" \
  --user "$(s3_key AWS_ACCESS_KEY_ID):$(s3_key AWS_SECRET_ACCESS_KEY)" "$(s3_host_endpoint)/mlcycle/$1")
[[ $code == 200 ]] || die "PUT s3://mlcycle/$1 answered HTTP $code"
log "put s3://mlcycle/$1 ($(stat -c %s "$2") bytes)"
