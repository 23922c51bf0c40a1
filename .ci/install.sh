#!/usr/bin/env bash
# Everything the project and its tests need, on a fresh Debian machine with Python >= 3.11.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m pip install --quiet --disable-pip-version-check -e '.[test]'
