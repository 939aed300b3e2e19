#!/usr/bin/env bash
# Installs the Debian packages in scripts/system-packages.txt that are missing.
# As root it installs them; otherwise it names what is missing and goes on (tests that need a
# missing service say so loudly).
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

mapfile -t wanted < <(sed -e 's/#.*//' -e 's/[[:space:]]//g' "$MYNATERM_ROOT/scripts/system-packages.txt" | grep -v '^$' || true)
missing=()
for p in "${wanted[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
  say "missing Debian packages (run as root to install them): ${missing[*]}"
  exit 0
fi
say "installing Debian packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
# An old package list gives 404s: refresh it once, then install without recommends.
apt-get update -qq >/dev/null
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
say "installed ${#missing[@]} packages"
