#!/usr/bin/env bash
# Debian packages the real-component tests need: Chromium (browser tests driven by Playwright) and
# PostgreSQL (the shared-server store); wrk for bench/serve.py. Installed once; skipped with a message where apt is unavailable,
# in which case those tests skip themselves and say why.
set -uo pipefail
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
command -v wrk >/dev/null 2>&1 || need+=(wrk)
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then SUDO=sudo; else
    echo "system-deps: not root and no sudo; not installing ${need[*]} (their tests will skip)" >&2; exit 0
  fi
else SUDO=""; fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "system-deps: no apt-get; not installing ${need[*]} (their tests will skip)" >&2; exit 0
fi
echo "system-deps: installing ${need[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq >/dev/null && $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null \
  || echo "system-deps: apt-get install ${need[*]} failed (their tests will skip)" >&2
exit 0
