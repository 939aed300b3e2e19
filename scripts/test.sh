#!/usr/bin/env bash
# Runs the whole Maven build with every test. Extra arguments go to Maven (e.g. -pl protocol).
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
find_jdk
say "running the whole test suite with $("$JAVA_HOME/bin/java" -version 2>&1 | head -n 1)"
mvn_cmd verify "$@"
