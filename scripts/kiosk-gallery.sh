#!/usr/bin/env bash
# The kiosk README's gallery: every screen in each display mode and the first screen in each language,
# from headless Chromium on the 1080×1920 portrait screen, as PNGs in kiosk/docs/gallery/ (a third of
# full size). Runs the KioskGallery class over the kiosk's fakes: no card reader, so no hardware lock.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
find_jdk || exit 1
out="$MYNATERM_ROOT/kiosk/docs/gallery"
rm -rf "$out"
mkdir -p "$out"
cd "$MYNATERM_ROOT"
MYNATERM_GALLERY="$out" mvn -q -pl kiosk -am verify -Dsurefire.failIfNoSpecifiedTests=false -Dtest=KioskGallery
say "gallery: $(ls "$out" | wc -l) screens in $out ($(du -sh "$out" | cut -f1))"
