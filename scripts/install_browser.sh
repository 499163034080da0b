#!/usr/bin/env bash
# Install Debian's headless browser for sitrep's browser tests (tests/test_web.py):
# `chromium` and `chromium-driver` from the distribution's own packages, never a
# browser build downloaded by a tool at run time.
#
# Installs only when something is missing and we are root; otherwise it says how to
# install and exits 0, so `make test` goes on and the browser tests skip with a reason.
set -euo pipefail

missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v chromedriver >/dev/null 2>&1 || missing+=(chromium-driver)

if [ ${#missing[@]} -eq 0 ]; then
    echo "install_browser: chromium and chromedriver are installed ($(chromium --version 2>/dev/null || echo '?'))"
    exit 0
fi

if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
    echo "install_browser: missing ${missing[*]}; the browser tests will be skipped." >&2
    echo "install_browser: to run them, as root on Debian/Ubuntu: apt-get update && apt-get install -y chromium chromium-driver" >&2
    exit 0
fi

echo "install_browser: installing ${missing[*]} with apt-get" >&2
export DEBIAN_FRONTEND=noninteractive
if ! { apt-get update -qq && apt-get install -y -qq --no-install-recommends chromium chromium-driver fonts-dejavu-core >/dev/null; }; then
    echo "install_browser: apt-get failed; the browser tests will be skipped." >&2
    exit 0
fi
echo "install_browser: $(chromium --version)"
