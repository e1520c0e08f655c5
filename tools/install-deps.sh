#!/usr/bin/env bash
# Installs what building and testing mlcycle needs from Debian's packages, when it is missing: a JDK, Maven, Go,
# make, the tools the cluster scripts call, Python with venv (the tests' interop clients and XGBoost writers run in
# virtualenvs from PyPI), libgomp1 (XGBoost's native library links it) and python3-torch (TorchScriptModelTest has
# real PyTorch write the model it loads). The cluster scripts install their own packages (containerd, runc, ...).
# `make test`, `make demo` and .ci/run all call this; a second run installs nothing.
set -euo pipefail

need() { command -v "$1" >/dev/null 2>&1; }
missing=()
need javac || missing+=(openjdk-17-jdk-headless)
need mvn || missing+=(maven)
need go || missing+=(golang-go)
need make || missing+=(make)
need openssl || missing+=(openssl)
need ip || missing+=(iproute2)
need ss || missing+=(iproute2)
need flock || missing+=(util-linux)
need curl || missing+=(curl)
if ! need python3; then
    missing+=(python3 python3-venv)
elif ! python3 -c 'import venv, ensurepip' >/dev/null 2>&1; then
    missing+=(python3-venv)
fi
# Not `ldconfig -p | grep -q`: under pipefail grep's early exit fails the pipe; ldconfig is in /sbin, off a user's PATH.
[[ $(/sbin/ldconfig -p 2>/dev/null) == *libgomp.so.1* ]] || missing+=(libgomp1)
# Debian's build of PyTorch, for Debian's python (/usr/bin/python3), whatever python3 is first on PATH.
no_recommends=()
[[ -x /usr/bin/python3 ]] && /usr/bin/python3 -c 'import torch' >/dev/null 2>&1 || no_recommends+=(python3-torch)
# PyYAML for Debian's python: helm/mlcycle/values-table.py (the values table of docs/platform.md, checked by a test).
[[ -x /usr/bin/python3 ]] && /usr/bin/python3 -c 'import yaml' >/dev/null 2>&1 || missing+=(python3-yaml)

((${#missing[@]} + ${#no_recommends[@]})) || exit 0

sudo=()
if ((EUID != 0)); then
    need sudo || { echo "install-deps: run as root, or install: ${missing[*]} ${no_recommends[*]}" >&2; exit 1; }
    sudo=(sudo)
fi
echo "install-deps: installing ${missing[*]} ${no_recommends[*]}" >&2
# DEBIAN_FRONTEND on the command line: sudo does not pass the environment on.
apt=("${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get)
"${apt[@]}" update -qq
if ((${#missing[@]})); then "${apt[@]}" install -y -qq "${missing[@]}"; fi
if ((${#no_recommends[@]})); then "${apt[@]}" install -y -qq --no-install-recommends "${no_recommends[@]}"; fi
