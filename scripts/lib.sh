# Shared shell functions for ./mynaterm and the scripts. Source it; it defines, runs nothing.
# shellcheck shell=bash

MYNATERM_ROOT=${MYNATERM_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}

say() { printf 'mynaterm: %s\n' "$*" >&2; }

# The major version of the JDK at $1 (a JDK home), or nothing if it has no java or javac. From its
# release file where it has one (every JDK build since 9): starting a JVM to ask took a tenth of a
# second of every command, an agent's start included.
jdk_major() {
  local v
  [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] || return 1
  v=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$1/release" 2>/dev/null || true)
  if [ -n "$v" ]; then echo "$v"; return 0; fi
  "$1/bin/java" -XshowSettings:properties -version 2>&1 \
    | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -n 1
}

# Sets JAVA_HOME to a JDK >= 21 (and MYNATERM_JDK_MAJOR to its version): JAVA_HOME if it is one, else
# the newest under /usr/lib/jvm.
find_jdk() {
  local v best="" best_v=0 j
  if [ -n "${JAVA_HOME:-}" ]; then
    v=$(jdk_major "$JAVA_HOME" || true)
    if [ -n "$v" ] && [ "$v" -ge 21 ]; then export JAVA_HOME MYNATERM_JDK_MAJOR=$v; return 0; fi
  fi
  for j in /usr/lib/jvm/*/; do
    j=${j%/}
    [ -L "$j" ] && continue
    v=$(jdk_major "$j" || true)
    if [ -n "$v" ] && [ "$v" -gt "$best_v" ]; then best_v=$v; best=$j; fi
  done
  if [ "$best_v" -ge 21 ]; then export JAVA_HOME=$best MYNATERM_JDK_MAJOR=$best_v; return 0; fi
  say "no JDK 21 or newer found (JAVA_HOME or /usr/lib/jvm): install one (Debian 12 has only OpenJDK 17: Temurin 21+ from Adoptium; Debian 13: 'apt-get install openjdk-21-jdk-headless'), or set JAVA_HOME"
  return 1
}

# The PC/SC library javax.smartcardio must load on this architecture (Debian multiarch path).
# The machine's own name for it first: dpkg-architecture is a Perl program, a twentieth of a second
# here at every command (more on a Pi); it answers where the guess finds no library (a 32-bit system
# on a 64-bit kernel).
pcsclite_path() {
  local arch f
  case "$(uname -m)" in
    x86_64) arch=x86_64-linux-gnu ;;
    aarch64 | arm64) arch=aarch64-linux-gnu ;;
    *) arch= ;;
  esac
  if [ -z "$arch" ] || [ ! -e "/usr/lib/$arch/libpcsclite.so.1" ]; then
    arch=$(dpkg-architecture -qDEB_HOST_MULTIARCH 2>/dev/null || gcc -print-multiarch 2>/dev/null || echo "$(uname -m)-linux-gnu")
  fi
  for f in "/usr/lib/$arch/libpcsclite.so.1" /usr/lib/libpcsclite.so.1 /lib/"$arch"/libpcsclite.so.1; do
    [ -e "$f" ] && { echo "$f"; return 0; }
  done
  echo "/usr/lib/$arch/libpcsclite.so.1"
}

# Maven itself runs on the chosen JDK; its Guava would warn about sun.misc.Unsafe (see jdk_options).
mvn_cmd() {
  local opts=${MAVEN_OPTS:-}
  if [ "${MYNATERM_JDK_MAJOR:-21}" -ge 23 ]; then opts="$opts --sun-misc-unsafe-memory-access=allow"; fi
  MAVEN_OPTS=$opts mvn -B --no-transfer-progress -f "$MYNATERM_ROOT/pom.xml" "$@"
}

# Builds the launcher's jars when a source, resource or pom is newer than the last build, then the
# terminals' class data archive (terminal_class_data) when it is missing or older than what it is made of.
build_if_stale() {
  local stamp="$MYNATERM_ROOT/launcher/target/lib/.built" log="$MYNATERM_ROOT/target/build.log"
  if [ -f "$stamp" ] && [ -z "$(cd "$MYNATERM_ROOT" && find . -path ./.git -prune -o -path '*/target' -prune -o \
        \( -name '*.java' -o -name 'pom.xml' -o -path '*/src/main/resources/*' \) -newer "$stamp" -print -quit)" ]; then
    # The class data archive again if a jar (a Maven build of its own), the class list or the flags changed.
    if class_data_stale "$(terminal_class_data_file)"; then terminal_class_data || true; fi
    return 0
  fi
  mkdir -p "$MYNATERM_ROOT/target"
  # copy-dependencies never removes a jar: an old version left here would sit on the class path
  # beside its successor. Start the folder afresh on every build.
  rm -rf "$MYNATERM_ROOT/launcher/target/lib"
  say "building (first use or sources changed; about a minute, log in target/build.log) ..."
  if ! mvn_cmd -q -DskipTests package >"$log" 2>&1; then
    grep -E '^\[ERROR\]' "$log" | head -n 20 >&2
    say "build failed; see $log"
    return 1
  fi
  touch "$stamp"
  say "build done"
  terminal_class_data || true   # terminals start without it, slower
}

# The JVM flags file (a JDK @argfile in config/jvm/) for a command: the agent's production flags for
# `agent`; the same for `kiosk` with room for laying out certificates (PDFBox parses the Japanese
# font; a later -Xmx wins); the hub's (embedded broker) for hub, demo and bench.
# JDK 25 and newer also get agent-jdk25.options after the agent's flags (that file says why).
jvm_options_for() {
  local d=${MYNATERM_JVM_CONFIG:-$MYNATERM_ROOT/config/jvm} a
  a="@$d/agent.options"
  if [ "${MYNATERM_JDK_MAJOR:-21}" -ge 25 ]; then a="$a @$d/agent-jdk25.options"; fi
  case "${1:-}" in
    agent) echo "$a" ;;
    kiosk) echo "$a -Xmx160m" ;;
    hub|demo|bench|pki) echo "@$d/hub.options" ;;
  esac
}

# The flags every command's JVM gets: config/jvm/cli.options, and those only newer JDKs know. From JDK 24
# on, a library's first use of sun.misc.Unsafe's memory access (Guava and Netty in the embedded HiveMQ)
# prints a warning; JDK 23 added the option that allows it quietly (JDK 21 rejects it as unknown).
jdk_options() {
  local o="@${MYNATERM_JVM_CONFIG:-$MYNATERM_ROOT/config/jvm}/cli.options"
  if [ "${MYNATERM_JDK_MAJOR:-21}" -ge 23 ]; then o="$o --sun-misc-unsafe-memory-access=allow"; fi
  echo "$o"
}

# The class path of a command. Every command but one: the launcher and every jar in the lib folder.
# A terminal (`agent`): the launcher, the jars terminal-agent needs at run time (its build lists them,
# terminal.classpath: terminal-agent/pom.xml says why), and the launcher's own (picocli, Logback and
# its JUL bridge, and the hub's jar for `agent enroll`'s enrolment client): about 70 jars of 140.
# A jar it lists that the folder lacks stops the command with one line (a build out of step).
# From a checkout: the build's folders; an installed package sets MYNATERM_LIB (the folder, launcher
# included) and MYNATERM_TERMINAL_JARS.
class_path_for() {
  local lib=${MYNATERM_LIB:-$MYNATERM_ROOT/launcher/target/lib} launcher cp jar name
  launcher=$MYNATERM_ROOT/launcher/target/mynaterm.jar
  [ -n "${MYNATERM_LIB:-}" ] && launcher=$lib/mynaterm.jar
  if [ "${1:-}" != agent ]; then echo "$launcher:$lib/*"; return 0; fi
  local list=${MYNATERM_TERMINAL_JARS:-$MYNATERM_ROOT/terminal-agent/target/terminal.classpath}
  [ -f "$list" ] || { say "no $list: build first (./mynaterm builds when sources change)"; return 1; }
  cp=$launcher
  for name in $(tr ':' ' ' <"$list"); do
    jar=$lib/${name#lib/}
    [ -f "$jar" ] || { say "$list names ${name#lib/}, which $lib lacks: rebuild (mvn package)"; return 1; }
    cp=$cp:$jar
  done
  for name in mynaterm-terminal-agent mynaterm-hub picocli logback-classic logback-core jul-to-slf4j; do
    for jar in "$lib/$name"-[0-9]*.jar; do
      [ -f "$jar" ] || { say "$lib lacks $name: rebuild (mvn package)"; return 1; }
      cp=$cp:$jar
    done
  done
  echo "$cp"
}

# A terminal's class data archive (CDS): the classes a taxi agent loads (config/jvm/terminal.classlist),
# parsed, verified and laid out once for this JDK and the terminal's class path, then mapped by every
# agent's JVM instead of read from the jars: measured with bench drain, a start 0.3 to 0.7 s shorter,
# 0.6 s less CPU and 3.5 MiB less at peak. Made here after each build, and by the package's postinst on
# the device with the runtime it ships (an archive is only valid for the JVM that made it). The JVM
# checks the archive against its class path and jars; one that no longer fits is left unused, quietly.
terminal_class_data_file() {
  local id
  if [ -n "${MYNATERM_CDS:-}" ]; then echo "$MYNATERM_CDS"; return 0; fi
  # In a checkout, one per JDK: an archive fits only the JVM that made it.
  id=$(cksum <"$JAVA_HOME/release" 2>/dev/null | cut -d' ' -f1)
  echo "$MYNATERM_ROOT/terminal-agent/target/terminal-jdk${id:-unknown}.jsa"
}

# Whether the archive is missing or, in a checkout, older than a jar, the class list, the JVM flags or
# this script (the dump's own flags) it was made with (a failed attempt counts as made until one of
# them changes: no second try at every command). An installed version's files never change; its
# archive is compared with nothing (a Pi's clock before NTP may be behind the package's file times).
class_data_stale() { # class_data_stale ARCHIVE
  local archive=$1 ref
  ref=$archive
  [ -f "$ref" ] || ref=$archive.failed
  [ -f "$ref" ] || return 0
  [ -z "${MYNATERM_CDS:-}" ] || return 1
  [ -n "$(find "$MYNATERM_ROOT/launcher/target/lib" "$MYNATERM_ROOT/launcher/target/mynaterm.jar" \
    "${MYNATERM_JVM_CONFIG:-$MYNATERM_ROOT/config/jvm}" "$MYNATERM_ROOT/scripts/lib.sh" -newer "$ref" -print -quit 2>/dev/null)" ]
}

# Makes the archive; returns 1 (saying so) if it could not.
terminal_class_data() {
  local archive list cp tmp linking
  archive=$(terminal_class_data_file)
  list=${MYNATERM_JVM_CONFIG:-$MYNATERM_ROOT/config/jvm}/terminal.classlist
  cp=$(class_path_for agent) || return 1
  mkdir -p "$(dirname "$archive")" || return 1
  say "making the class data archive for terminals (a few seconds) ..."
  # Its own temporary file: two commands making it at once each rename a whole archive into place.
  tmp=$(mktemp "$archive.XXXXXX") || return 1
  # JDK 25 writes the list with @cp lines (resolved constants), which older JDKs' dump refuses.
  if [ "${MYNATERM_JDK_MAJOR:-21}" -lt 25 ]; then
    grep -v '^@cp ' "$list" >"$tmp.list" || true
    list=$tmp.list
  fi
  # Linked ahead of time where the JDK can; should that dump fail, the archive without it (still faster).
  linking=$(class_linking)
  # shellcheck disable=SC2086
  if { dump_class_data "$list" "$tmp" "$cp" $linking || { [ -n "$linking" ] && dump_class_data "$list" "$tmp" "$cp"; }; } \
      && mv -f "$tmp" "$archive"; then
    rm -f "$tmp.list" "$archive.failed"
    return 0
  fi
  rm -f "$tmp" "$tmp.list"
  touch "$archive.failed" 2>/dev/null || true
  say "class data archive for terminals not made (terminals start without it, slower)"
  return 1
}

# The archive's flags for a terminal, if there is one that is not older than what it is made of: a JVM
# given an archive that no longer fits its jars runs with no class data sharing at all, slower than
# with the JDK's own. Its messages are turned off: the agent's output is its own.
class_data_options() {
  local archive
  archive=$(terminal_class_data_file)
  [ -f "$archive" ] || return 0
  class_data_stale "$archive" && return 0
  echo "-XX:SharedArchiveFile=$archive $(class_data_quiet)"
}

# One dump of the class list into an archive: dump_class_data LIST ARCHIVE CLASS_PATH [FLAG ...]
dump_class_data() {
  local list=$1 out=$2 cp=$3
  shift 3
  # shellcheck disable=SC2046
  "$JAVA_HOME/bin/java" -Xshare:dump -XX:SharedClassListFile="$list" -XX:SharedArchiveFile="$out" "$@" \
    $(jvm_options_for agent) $(class_data_quiet) -cp "$cp" >/dev/null 2>&1
}

# From JDK 24 the archive's classes are also linked ahead of time (JEP 483, -XX:+AOTClassLinking): an
# agent's JVM finds them loaded and linked, and the lambdas and string concatenations of the class list
# resolved, when it maps the archive; nothing to give at run time. Measured from launch to the first
# connection attempt (./mynaterm agent, six starts each, alternating): 0.92-1.06 s against 1.05-1.37 s,
# peak RSS 0.5 MiB less. Classes of class-file version 49 and older (picocli's) are left out of such
# an archive and load from their jar, as before the archive.
class_linking() {
  if [ "${MYNATERM_JDK_MAJOR:-21}" -ge 24 ]; then echo "-XX:+AOTClassLinking"; fi
}

class_data_quiet() {
  if [ "${MYNATERM_JDK_MAJOR:-21}" -ge 25 ]; then echo "-Xlog:cds=off -Xlog:aot=off"; else echo "-Xlog:cds=off"; fi
}

# SQLite's JDBC driver loads its native library from the folder the build unpacked it into (the package
# sets MYNATERM_NATIVE), instead of extracting it from its jar into /tmp at every start: a third of a
# second of every command that opens a database. Nothing when the folder lacks it (another
# architecture): the driver extracts it as before.
sqlite_native_options() {
  local d=${MYNATERM_NATIVE:-}
  if [ -z "$d" ]; then
    case "$(uname -m)" in
      x86_64) d=x86_64 ;;
      aarch64 | arm64) d=aarch64 ;;
      *) return 0 ;;
    esac
    d=$MYNATERM_ROOT/launcher/target/native/org/sqlite/native/Linux/$d
  fi
  if [ -f "$d/libsqlitejdbc.so" ]; then echo "-Dorg.sqlite.lib.path=$d -Dorg.sqlite.lib.name=libsqlitejdbc.so"; fi
}

# Runs jp.mynaterm.cli.Main. From a checkout: the jars the build made, data under the checkout. An
# installed package (/usr/bin/mynaterm) sets MYNATERM_LIB, MYNATERM_TERMINAL_JARS, MYNATERM_NATIVE,
# MYNATERM_CDS, MYNATERM_JVM_CONFIG, MYNATERM_HOME (/var/lib/mynaterm) and MYNATERM_VERSION before it calls this.
run_java() {
  local cp
  cp=$(class_path_for "${1:-}") || return 1
  local class_data=
  if [ "${1:-}" = agent ]; then class_data=$(class_data_options); fi
  # shellcheck disable=SC2046,SC2086
  exec "$JAVA_HOME/bin/java" $(jdk_options) $(jvm_options_for "${1:-}") $class_data $(sqlite_native_options) ${MYNATERM_JAVA_OPTS:-} \
    -Dsun.security.smartcardio.library="$(pcsclite_path)" \
    -Dmynaterm.home="${MYNATERM_HOME:-$MYNATERM_ROOT}" \
    ${MYNATERM_VERSION:+-Dmynaterm.version="$MYNATERM_VERSION"} \
    -cp "$cp" \
    jp.mynaterm.cli.Main "$@"
}

# The dependencies and plugins with newer stable releases on Maven Central (versions-maven-plugin, on the
# root pom: its dependencyManagement holds every version). One line if the registry cannot be reached.
versions_report() {
  local out lines
  if ! out=$(mvn_cmd -N versions:display-dependency-updates versions:display-plugin-updates 2>&1); then
    say "versions: could not check for newer releases (Maven Central unreachable?); going on"
    return 0
  fi
  lines=$(printf '%s\n' "$out" | awk '
    /have newer versions:|plugin updates are available:/ { on = 1; next }
    /^\[INFO\] *$/ { on = 0 }
    on && /->/ { sub(/^\[INFO\] */, ""); print }' | sort -u)
  if [ -z "$lines" ]; then
    say "versions: every dependency and plugin is at its newest stable release"
  else
    say "versions: newer stable releases exist (pom.xml says why a version is held):"
    printf '%s\n' "$lines" | sed 's/^/  /' >&2
  fi
}

# One line: how many tests the surefire reports of every module say were skipped, by component (the
# reasons jp.mynaterm.testsupport.RealComponent gives start "MYNATERM_TEST_SKIP: <component> missing";
# surefire writes a reason as the <skipped> element's message attribute or its text).
skipped_summary() {
  local reasons total by
  reasons=$(cat "$MYNATERM_ROOT"/*/target/surefire-reports/TEST-*.xml 2>/dev/null | awk '
    /<skipped/ { inside = 1; text = "" }
    inside { text = text $0 "\n" }
    inside && (/<skipped.*\/>/ || /<\/skipped>/) {
      if (match(text, /MYNATERM_TEST_SKIP: [a-z]+ missing/)) print substr(text, RSTART + 20, RLENGTH - 28)
      else print "other"
      inside = 0
    }' || true)
  total=$(printf '%s' "$reasons" | grep -c . || true)
  if [ "$total" -eq 0 ]; then
    echo "skipped: 0"
    return 0
  fi
  by=$(printf '%s\n' "$reasons" | sort | uniq -c | sort -rn | awk '{ printf "%s%s: %s", (NR > 1 ? ", " : ""), $2, $1 }')
  echo "skipped: $total ($by${MYNATERM_TEST_SKIP:+; opted out by MYNATERM_TEST_SKIP=$MYNATERM_TEST_SKIP})"
}
