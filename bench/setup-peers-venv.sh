#!/usr/bin/env bash
# Creates the virtualenv of the peer model servers for the runtime benchmark (once; reused after):
# MLServer + mlserver-xgboost and KServe's Python server, with xgboost, from PyPI (versions and traps: docs/dependencies.md).
set -euo pipefail
VENV=${MLCYCLE_PEERS_VENV:-$HOME/.cache/mlcycle/venv/peers}
if [[ -x $VENV/bin/mlserver && -f $VENV/.complete ]]; then echo "$VENV"; exit 0; fi
python3 -m venv "$VENV"
"$VENV/bin/pip" install -q --disable-pip-version-check \
  mlserver==1.7.1 mlserver-xgboost==1.7.1 kserve==0.16.0 xgboost==3.2.0 >&2
touch "$VENV/.complete"
echo "$VENV"
