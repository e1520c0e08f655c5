#!/usr/bin/env bash
# Creates the virtualenv the Triton client interop test runs in, or reuses it when it already holds the pinned
# client; prints the venv's python. tritonclient gets a venv of its own: beside MLServer its protobuf is too old.
set -euo pipefail

venv="${MLCYCLE_TRITON_VENV:-$HOME/.cache/mlcycle/venv/tritonclient}"
requirements=("tritonclient[http,grpc]==2.73.0" "numpy")
stamp="$venv/.mlcycle-requirements"

if [[ -x "$venv/bin/python" && -f "$stamp" && "$(cat "$stamp")" == "${requirements[*]}" ]]; then
    echo "$venv/bin/python"
    exit 0
fi

command -v python3 >/dev/null || { echo "setup-venv: python3 is not installed" >&2; exit 1; }
rm -rf "$venv"
mkdir -p "$(dirname "$venv")"
python3 -m venv "$venv" >&2
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check "${requirements[@]}" >&2
"$venv/bin/python" -c "import numpy, tritonclient.grpc, tritonclient.http" >&2
echo "${requirements[*]}" > "$stamp"
echo "$venv/bin/python"
