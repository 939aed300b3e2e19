#!/usr/bin/env bash
# ./mynaterm package --out DIR [--arch amd64|arm64]...: the Debian packages of a city's machines.
#
#   mynaterm-common   (amd64, arm64) the commands, their jars and a jlink-ed Java runtime (no JDK on the
#                     device), /usr/bin/mynaterm, the system user, upgrades that keep the previous version
#   mynaterm-hub      (all) the hub's unit and /etc/mynaterm/hub.yaml
#   mynaterm-terminal (all) the terminal roles' units (kiosk, taxi, library, hospital) and their files
#                     in /etc/mynaterm; pcscd, CUPS and the certificate font
#   mynaterm-kiosk    (all) the kiosk's screen: cage + Chromium, their unit and Chromium's policy
#
# Built with dpkg-deb from a staged tree rather than jdeb: the runtime differs per architecture and is
# made by jlink outside Maven anyway, maintainer scripts and conffiles are plain Debian files that
# lintian reads as written, and dpkg-deb is the tool Debian itself builds with (no plugin to learn).
#
# arm64: jlink links a foreign architecture from that architecture's jmods of the same feature release
# as the jlink that runs (25.0.x here). Debian 13 (trixie) ships them in openjdk-25-jdk-headless:arm64,
# downloaded once with apt (a private list of trixie, for download only; the system's sources are not
# touched) into var/package-cache. Its libraries need glibc 2.38: Raspberry Pi OS based on trixie.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

out="" arches=()
while [ $# -gt 0 ]; do
  case "$1" in
    --out) out=$2; shift 2 ;;
    --arch) arches+=("$2"); shift 2 ;;
    *) say "package: unknown option $1 (--out DIR [--arch amd64|arm64]...)"; exit 2 ;;
  esac
done
[ -n "$out" ] || { say "package: --out DIR is required"; exit 2; }
[ ${#arches[@]} -gt 0 ] || arches=(amd64 arm64)
for tool in dpkg-deb fakeroot jdeps jlink; do
  command -v "$tool" >/dev/null || [ -x "$JAVA_HOME/bin/$tool" ] || { say "package: $tool is missing"; exit 1; }
done
mkdir -p "$out"
out=$(cd "$out" && pwd)
build_if_stale

# A Debian version that sorts by commit time, so each build upgrades the one before:
# 0.1.0~git20261201140501.abc1234 (MYNATERM_PACKAGE_VERSION overrides it, e.g. for the upgrade test).
pom_version=$(sed -n 's:^  <version>\(.*\)</version>:\1:p' "$MYNATERM_ROOT/pom.xml" | head -n 1)
version=${MYNATERM_PACKAGE_VERSION:-${pom_version%-SNAPSHOT}~git$(git -C "$MYNATERM_ROOT" log -1 --format=%cd --date=format:%Y%m%d%H%M%S).$(git -C "$MYNATERM_ROOT" rev-parse --short HEAD)}
maintainer=${MYNATERM_PACKAGE_MAINTAINER:-"mynaterm developers <mynaterm@example.org>"}
lib="$MYNATERM_ROOT/launcher/target/lib"
cache="$MYNATERM_ROOT/var/package-cache"
mkdir -p "$MYNATERM_ROOT/target" "$cache"
# A staging tree per run (two builds at once, e.g. the package test beside a release build, never mix).
stage=$(mktemp -d "$MYNATERM_ROOT/target/package.XXXXXX")
trap 'rm -rf "$stage"' EXIT

# The modules the jars use (jdeps), and those it cannot see: naming (LDAP in PostgreSQL's driver is found;
# JNDI lookups by name are not), the TLS cipher providers, zip file systems, and the localedata Japanese needs.
# jdeps reads every class (about 40 s on 2 cores): its answer is kept per set of jars (names and sizes).
jars_key=$(cd "$lib" && ls -l ./*.jar ../mynaterm.jar | awk '{ print $5, $NF }' | md5sum | cut -c1-16)
if [ -s "$cache/modules-$jars_key" ]; then
  modules=$(cat "$cache/modules-$jars_key")
else
  modules=$("$JAVA_HOME/bin/jdeps" --ignore-missing-deps --multi-release "$MYNATERM_JDK_MAJOR" --print-module-deps \
    --class-path "$lib/*" "$MYNATERM_ROOT/launcher/target/mynaterm.jar" "$lib"/*.jar 2>/dev/null | tail -n 1)
  echo "$modules" >"$cache/modules-$jars_key"
fi
modules="$modules,jdk.crypto.ec,jdk.localedata,jdk.zipfs,jdk.charsets,jdk.naming.dns"
say "package $version: runtime modules $modules"

# jlink options shared by both architectures: no Java debug attributes, headers or man pages; compressed
# classes; without the AWT display and sound libraries (the runtime is headless) so X11 is not a
# dependency. Native code is stripped afterwards with the target's strip (jlink's own stripping runs the
# build machine's objcopy, which cannot read arm64 files).
jlink_opts=(--add-modules "$modules" --no-header-files --no-man-pages --compress=zip-6 --strip-java-debug-attributes
  --exclude-files='**libawt_xawt.so,**libsplashscreen.so,**libjsound.so,**.debuginfo')

# The arm64 jmods: the JDK package's jmods of this feature release from Debian, cached. Prints the
# directory, or explains why there is none and returns 1.
arm64_jmods() {
  local pkg="openjdk-$MYNATERM_JDK_MAJOR-jdk-headless" dir="$cache/arm64-jdk-$MYNATERM_JDK_MAJOR" apt="$cache/apt" jmods
  jmods=$(ls -d "$dir"/usr/lib/jvm/*/jmods 2>/dev/null | head -n 1 || true)
  if [ -z "$jmods" ]; then
    mkdir -p "$apt/lists/partial" "$apt/archives/partial" "$dir"
    echo "deb [arch=arm64 signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://deb.debian.org/debian trixie main" >"$apt/sources.list"
    : >"$apt/status"
    local conf=(-o Dir::Etc::SourceList="$apt/sources.list" -o Dir::Etc::SourceParts=/dev/null
      -o Dir::State::Lists="$apt/lists" -o Dir::State::status="$apt/status" -o Dir::Cache="$apt"
      -o APT::Architectures::=arm64 -o APT::Sandbox::User=root)
    say "arm64: downloading $pkg:arm64 from Debian trixie (about 300 MB, once) ..."
    if ! apt-get "${conf[@]}" -qq update >"$apt/log" 2>&1 \
        || ! (cd "$apt/archives" && apt-get "${conf[@]}" -qq download "$pkg:arm64" >>"$apt/log" 2>&1); then
      say "arm64: $pkg:arm64 could not be downloaded (see $apt/log)"
      return 1
    fi
    dpkg-deb --fsys-tarfile "$apt"/archives/"$pkg"_*_arm64.deb | tar -x -C "$dir" --wildcards './usr/lib/jvm/*/jmods/*'
    rm -f "$apt"/archives/*.deb
    jmods=$(ls -d "$dir"/usr/lib/jvm/*/jmods 2>/dev/null | head -n 1 || true)
    [ -n "$jmods" ] || { say "arm64: $pkg:arm64 has no jmods"; return 1; }
  fi
  echo "$jmods"
}

# The shared libraries the headless runtime loads, as Debian packages, per architecture (Temurin's amd64
# runtime carries its image and font libraries inside; Debian's arm64 one links the system's).
runtime_depends() {
  case "$1" in
    amd64) echo "libc6 (>= 2.17), zlib1g, libpcsclite1" ;;
    arm64) echo "libc6 (>= 2.38), libgcc-s1, libstdc++6, zlib1g, libjpeg62-turbo, liblcms2-2, libfreetype6, libharfbuzz0b, libpng16-16t64, libgif7, libpcsclite1" ;;
  esac
}

# Writes DEBIAN/control and md5sums for the staged tree $1, then builds it into $out.
build_deb() {
  local root=$1 name=$2 arch=$3 depends=$4 description=$5 extra=${6:-}
  local size
  mkdir -p "$root/usr/share/doc/$name"
  doc_files "$root/usr/share/doc/$name"
  size=$(du -sk --exclude=DEBIAN "$root" | cut -f1)
  {
    echo "Package: $name"
    echo "Version: $version"
    echo "Architecture: $arch"
    echo "Maintainer: $maintainer"
    echo "Installed-Size: $size"
    echo "Depends: $depends"
    [ -z "$extra" ] || printf '%s\n' "$extra"
    echo "Section: misc"
    echo "Priority: optional"
    echo "Homepage: https://github.com/mynaterm/mynaterm"
    printf 'Description: %s\n' "$description"
  } >"$root/DEBIAN/control"
  (cd "$root" && find . -path ./DEBIAN -prune -o -path ./etc -prune -o -type f -print0 | sort -z \
    | xargs -0 -r md5sum | sed 's: \./: :' >DEBIAN/md5sums)
  [ -s "$root/DEBIAN/md5sums" ] || rm -f "$root/DEBIAN/md5sums"
  find "$root" -type d -exec chmod 0755 {} +
  # gzip, not xz: the jars and the runtime's modules are compressed already; xz took minutes to save a few per cent.
  fakeroot dpkg-deb --root-owner-group -Zgzip -z6 --build "$root" "$out/${name}_${version}_${arch}.deb" >/dev/null
  say "built $out/${name}_${version}_${arch}.deb ($(du -h "$out/${name}_${version}_${arch}.deb" | cut -f1))"
}

doc_files() {
  cat >"$1/copyright" <<EOF
Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
Upstream-Name: mynaterm
Source: https://github.com/mynaterm/mynaterm

Files: *
Copyright: mynaterm developers
License: Apache-2.0
 On Debian systems, the full text of the Apache License, Version 2.0 is in
 /usr/share/common-licenses/Apache-2.0. The Java runtime inside is OpenJDK (GPL-2 with the Classpath
 Exception; its legal notices are under /usr/lib/mynaterm/VERSION/runtime/legal); the jars keep their
 own licences, listed in their manifests.
EOF
  printf 'mynaterm (%s) unstable; urgency=medium\n\n  * Built by ./mynaterm package from commit %s.\n\n -- %s  %s\n' \
    "$version" "$(git -C "$MYNATERM_ROOT" rev-parse --short HEAD)" "$maintainer" "$(date -R -d @"$(git -C "$MYNATERM_ROOT" log -1 --format=%ct)")" \
    | gzip -9n >"$1/changelog.Debian.gz"
}

maint() { # maint ROOT NAME: the package's maintainer scripts from deploy/debian, version filled in
  local f
  for f in "$MYNATERM_ROOT"/deploy/debian/"$2".{preinst,postinst,prerm,postrm}; do
    [ -f "$f" ] || continue
    sed "s/@VERSION@/$version/g" "$f" >"$1/DEBIAN/$(basename "${f##*.}")"
    chmod 0755 "$1/DEBIAN/$(basename "${f##*.}")"
  done
}

# mynaterm-common, per architecture.
for arch in "${arches[@]}"; do
  root="$stage/common-$arch"
  app="$root/usr/lib/mynaterm/$version"
  mkdir -p "$root/DEBIAN" "$app/lib" "$app/jvm" "$root/usr/bin"
  case "$arch" in
    amd64)
      [ "$(dpkg --print-architecture)" = amd64 ] || { say "amd64: build it on an amd64 machine"; exit 1; }
      # Temurin 25 ships no jmods: jlink links from the running JDK's own image (JEP 493).
      jmods=()
      [ -d "$JAVA_HOME/jmods" ] && jmods=(--module-path "$JAVA_HOME/jmods")
      "$JAVA_HOME/bin/jlink" "${jmods[@]}" "${jlink_opts[@]}" --output "$app/runtime"
      ;;
    arm64)
      if ! jm=$(arm64_jmods); then
        say "arm64: skipped (no arm64 jmods of JDK $MYNATERM_JDK_MAJOR)"; continue
      fi
      command -v aarch64-linux-gnu-strip >/dev/null || { say "arm64: needs aarch64-linux-gnu-strip (apt-get install binutils-aarch64-linux-gnu)"; exit 1; }
      "$JAVA_HOME/bin/jlink" --module-path "$jm" "${jlink_opts[@]}" --output "$app/runtime"
      ;;
    *) say "package: no such architecture: $arch"; exit 2 ;;
  esac
  # Stripped as Debian strips (lintian: unstripped-binary-or-object); jlink only removes debug sections.
  strip_tool=strip
  [ "$arch" = arm64 ] && strip_tool=aarch64-linux-gnu-strip
  find "$app/runtime" -type f \( -name '*.so' -o -path '*/bin/*' -o -name jexec -o -name jspawnhelper \) -print0 \
    | xargs -0 "$strip_tool" --strip-unneeded --remove-section=.comment --remove-section=.note
  # Temurin's amd64 runtime carries its own zlib, FreeType, LittleCMS and libjpeg inside (Debian's arm64
  # one links the system's): a private runtime, as Debian's own JDK packages' overrides say of theirs.
  if [ "$arch" = amd64 ]; then
    mkdir -p "$root/usr/share/lintian/overrides"
    printf 'mynaterm-common: embedded-library %s [usr/lib/mynaterm/%s/runtime/lib/%s]\n' \
      freetype "$version" libfreetype.so lcms2 "$version" liblcms.so libjpeg "$version" libjavajpeg.so \
      zlib "$version" libjli.so zlib "$version" libzip.so >"$root/usr/share/lintian/overrides/mynaterm-common"
  fi
  cp "$MYNATERM_ROOT/launcher/target/mynaterm.jar" "$lib"/*.jar "$app/lib/"
  cp "$MYNATERM_ROOT"/config/jvm/*.options "$MYNATERM_ROOT/config/jvm/terminal.classlist" "$app/jvm/"   # the class list: postinst makes the archive
  cp "$MYNATERM_ROOT/terminal-agent/target/terminal.classpath" "$app/"   # a terminal's jars (scripts/lib.sh)
  # SQLite's native library, loaded from here rather than extracted to /tmp at every start (scripts/lib.sh).
  native_arch=x86_64
  [ "$arch" = arm64 ] && native_arch=aarch64
  install -D -m 0644 "$MYNATERM_ROOT/launcher/target/native/org/sqlite/native/Linux/$native_arch/libsqlitejdbc.so" "$app/native/libsqlitejdbc.so"
  "$strip_tool" --strip-unneeded --remove-section=.comment --remove-section=.note "$app/native/libsqlitejdbc.so"
  install -m 0644 "$MYNATERM_ROOT/scripts/lib.sh" "$app/lib.sh"   # sourced, not run
  echo "$version" >"$app/VERSION"
  sed -e "s/@VERSION@/$version/" -e "s/@JDK_MAJOR@/$MYNATERM_JDK_MAJOR/" "$MYNATERM_ROOT/deploy/debian/mynaterm" >"$root/usr/bin/mynaterm"
  chmod 0755 "$root/usr/bin/mynaterm"
  chmod -R u=rwX,go=rX "$app"
  mkdir -p "$root/usr/share/doc/mynaterm-common"
  cp "$MYNATERM_ROOT/README.md" "$root/usr/share/doc/mynaterm-common/README.md"
  maint "$root" mynaterm-common
  build_deb "$root" mynaterm-common "$arch" "adduser, $(runtime_depends "$arch")" \
    "My Number card terminals and hub: commands and Java runtime
 The mynaterm command for every role (hub, kiosk, taxi, library, hospital)
 with the Java runtime it runs on. Install mynaterm-hub or mynaterm-terminal
 for a role's service."
done

# The role packages: units, configuration (conffiles), maintainer scripts.
# Configuration from the examples, with the paths of an installed machine: data under /var/lib/mynaterm,
# the hub's public issuing key in /etc/mynaterm, GPIO through gpiod.
install_config() { # install_config ROOT ROLE...
  local root=$1 role; shift
  mkdir -p "$root/etc/mynaterm"
  for role in "$@"; do
    sed -e "s#dataDir: var/[a-z0-9-]*#dataDir: /var/lib/mynaterm/$role#" \
        -e 's#var/hub/issuing-key.pub#/etc/mynaterm/issuing-key.pub#' \
        -e "s#var/[a-z]*-1/#/var/lib/mynaterm/$role/#g" \
        -e 's#config/examples/#/var/lib/mynaterm/hub/extracts/#' \
        -e 's#provider: mock #provider: gpiod#' \
        "$MYNATERM_ROOT/config/examples/$role.yaml" >"$root/etc/mynaterm/$role.yaml"
    chmod 0640 "$root/etc/mynaterm/$role.yaml"
    echo "/etc/mynaterm/$role.yaml" >>"$root/DEBIAN/conffiles"
  done
}
units() { # units ROOT UNIT...
  mkdir -p "$1/lib/systemd/system"
  local u r=$1; shift
  for u in "$@"; do install -m 0644 "$MYNATERM_ROOT/deploy/systemd/$u" "$r/lib/systemd/system/$u"; done
}

root="$stage/hub"; mkdir -p "$root/DEBIAN"
install_config "$root" hub
units "$root" mynaterm-hub.service
maint "$root" mynaterm-hub
build_deb "$root" mynaterm-hub all "mynaterm-common (= $version)" \
  "My Number card terminals' hub: service and configuration
 The hub's systemd unit and its configuration in /etc/mynaterm/hub.yaml:
 embedded MQTT broker, ingest, registries, certificate issuance, on SQLite
 or PostgreSQL." \
  "Recommends: postgresql-client"

root="$stage/terminal"; mkdir -p "$root/DEBIAN"
install_config "$root" kiosk taxi library hospital
units "$root" mynaterm-kiosk.service mynaterm-agent@.service
mkdir -p "$root/usr/share/polkit-1/rules.d"
install -m 0644 "$MYNATERM_ROOT/deploy/debian/60-mynaterm-pcscd.rules" "$root/usr/share/polkit-1/rules.d/"
maint "$root" mynaterm-terminal
build_deb "$root" mynaterm-terminal all "mynaterm-common (= $version), pcscd, cups, fonts-ipaexfont" \
  "My Number card terminals: kiosk, taxi, library and hospital services
 The terminal roles' systemd units (mynaterm-kiosk, mynaterm-agent@taxi,
 @library, @hospital) and their configuration in /etc/mynaterm." \
  "Recommends: open-jtalk, open-jtalk-mecab-naist-jdic, espeak-ng, fonts-noto-cjk"

root="$stage/kiosk"; mkdir -p "$root/DEBIAN" "$root/etc/chromium/policies/managed"
units "$root" mynaterm-kiosk-screen.service
install -m 0644 "$MYNATERM_ROOT/deploy/debian/mynaterm-kiosk-policy.json" "$root/etc/chromium/policies/managed/mynaterm-kiosk.json"
echo /etc/chromium/policies/managed/mynaterm-kiosk.json >"$root/DEBIAN/conffiles"
maint "$root" mynaterm-kiosk
build_deb "$root" mynaterm-kiosk all "mynaterm-terminal (= $version), cage, chromium" \
  "My Number card kiosk screen: Chromium under cage
 The kiosk's screen as a systemd unit: Chromium in kiosk mode on the kiosk's
 local page under the cage compositor, restarted when it ends, and a Chromium
 policy that allows that page only."
