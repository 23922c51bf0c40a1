#!/usr/bin/env bash
# Everything the project and its tests need, on a fresh Debian machine with Python >= 3.11:
# Dovecot (IMAP tests), Chromium (the evidence report's rendering test), then the package.
set -euo pipefail
cd "$(dirname "$0")/.."
missing=()
command -v dovecot >/dev/null || missing+=(dovecot-imapd)
command -v chromium >/dev/null || missing+=(chromium)
command -v systemd-analyze >/dev/null || missing+=(systemd)
command -v git >/dev/null || missing+=(git)  # tests compare followup grep with git grep
if [ ${#missing[@]} -gt 0 ]; then
    sudo=$([ "$(id -u)" -eq 0 ] && echo "" || echo sudo)
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
python3 -m pip install --quiet --disable-pip-version-check -e '.[test]'
