#!/usr/bin/env bash
# Makes conformance/.venv with the pinned packages of requirements.txt (again whenever that file
# changes) and prints the path of its python. Used by run.sh and bench/sdk-vs-midkv.sh.
set -euo pipefail
cd "$(dirname "$0")"

python="${PYTHON:-python3}"
venv="$(pwd)/.venv"
stamp="$venv/.requirements.sha256"
wanted="$(sha256sum requirements.txt | cut -d' ' -f1)"

if [ ! -x "$venv/bin/python" ] || [ "$(cat "$stamp" 2>/dev/null)" != "$wanted" ]; then
    if ! "$python" -m venv --help >/dev/null 2>&1; then
        echo "conformance: '$python -m venv' does not work; install python3-venv (apt-get install python3-venv)" >&2
        exit 1
    fi
    rm -rf "$venv"
    "$python" -m venv "$venv" >&2
    "$venv/bin/python" -m pip install --quiet --disable-pip-version-check --no-deps -r requirements.txt >&2
    "$venv/bin/python" -m pip check >&2
    echo "$wanted" >"$stamp"
fi
echo "$venv/bin/python"
