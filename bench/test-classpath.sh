#!/usr/bin/env bash
# Sourced by bin/fault-trials, bin/cluster-smoke and bench scripts: compiles main and test classes (offline, both
# modules) and sets TEST_CP to the jobs test classpath (this worktree's classes first) and OPENS to Spark 3.5's
# Java 17 flags (the same list as bin/lhs and the parent pom).
ROOT="${ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}"
(cd "$ROOT" && mvn -o -q -B -Dstyle.color=never test-compile dependency:build-classpath -pl common,jobs \
    -Dmdep.includeScope=test -Dmdep.outputFile=target/test-classpath.txt) >&2
TEST_DEPS="$(tr ':' '\n' < "$ROOT/jobs/target/test-classpath.txt" | grep -v -e '/uk/lhs/' -e '/common/target/' | paste -sd: -)"
TEST_CP="$ROOT/jobs/target/test-classes:$ROOT/jobs/target/classes:$ROOT/common/target/test-classes:$ROOT/common/target/classes:$TEST_DEPS"
# shellcheck source=bin/lib/jvm-opens.sh
source "$ROOT/bin/lib/jvm-opens.sh"
# Runs a main class from the test classpath: test_main CLASS ARGS...
test_main() {
  # shellcheck disable=SC2086
  java "${OPENS[@]}" -Duser.timezone=UTC -Dlog4j2.configurationFile="$ROOT/conf/log4j2.properties" \
    ${LHS_TEST_JAVA_OPTS:--Xmx2g} -cp "$TEST_CP" "$@"
}
