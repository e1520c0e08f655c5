#!/usr/bin/env bash
# The virtualenv of Triton's Python client for the interop tests (runtime and cluster); prints its python.
exec bash "$(dirname "${BASH_SOURCE[0]}")/setup-venv.sh" tritonclient "tritonclient[http,grpc]==2.73.0" "numpy==2.4.6"
