#!/usr/bin/env bash
# Runs the whole Maven build with every test, then the Debian packages' test (scripts/test-package.sh).
# Extra arguments go to Maven (e.g. -pl protocol) and skip the packages' test.
# Afterwards: which dependencies and plugins have newer releases (a report, never a failure), and as the
# last line how many tests were skipped and why. The exit status is Maven's, or 1 when the packages' test failed.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
find_jdk
say "running the whole test suite with $("$JAVA_HOME/bin/java" -version 2>&1 | head -n 1)"
if [ -n "${MYNATERM_TEST_SKIP:-}" ]; then
  say "MYNATERM_TEST_SKIP=$MYNATERM_TEST_SKIP: tests that need these components skip instead of failing when they are missing"
fi
# Reports of an earlier run (or of a test class since removed) would be counted with this run's.
rm -rf "$MYNATERM_ROOT"/*/target/surefire-reports
rc=0
mvn_cmd verify "$@" || rc=$?
# The whole suite (no Maven arguments) also tests the Debian packages, built from the jars Maven just
# made (marked current, so the packaging builds nothing again): scripts/test-package.sh.
if [ $# -eq 0 ]; then
  [ "$rc" -ne 0 ] || touch "$MYNATERM_ROOT/launcher/target/lib/.built"
  "$MYNATERM_ROOT/scripts/test-package.sh" || rc=1
fi
versions_report
skipped_summary
exit "$rc"
