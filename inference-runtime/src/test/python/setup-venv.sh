#!/usr/bin/env bash
# Creates a virtualenv under ~/.cache/mlcycle/venv/NAME holding exactly the given requirements, or reuses it when
# it already does; prints the venv's python. Each client or writer gets a venv of its own, so pins never clash
# (tritonclient beside MLServer has too old a protobuf; each XGBoost release needs its own numpy and scipy).
#   setup-venv.sh NAME REQUIREMENT...       e.g. setup-venv.sh xgboost-3.2.0 xgboost-cpu==3.2.0 numpy
set -euo pipefail

(($# >= 2)) || { echo "usage: setup-venv.sh NAME REQUIREMENT..." >&2; exit 2; }
name=$1
shift
requirements=("$@")
venv="${MLCYCLE_VENV_ROOT:-$HOME/.cache/mlcycle/venv}/$name"
stamp="$venv/.mlcycle-requirements"

if [[ -x "$venv/bin/python" && -f "$stamp" && "$(cat "$stamp")" == "${requirements[*]}" ]]; then
    echo "$venv/bin/python"
    exit 0
fi

command -v python3 >/dev/null || { echo "setup-venv: python3 is not installed" >&2; exit 1; }
mkdir -p "$(dirname "$venv")"
# Two test JVMs may ask for the same venv at once: one builds it, the other waits and reuses it.
exec 9>"$venv.lock"
flock 9
if [[ -x "$venv/bin/python" && -f "$stamp" && "$(cat "$stamp")" == "${requirements[*]}" ]]; then
    echo "$venv/bin/python"
    exit 0
fi
rm -rf "$venv"
python3 -m venv "$venv" >&2
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check "${requirements[@]}" >&2
echo "${requirements[*]}" > "$stamp"
echo "$venv/bin/python"
