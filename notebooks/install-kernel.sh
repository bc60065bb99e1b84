#!/usr/bin/env bash
# Installs what the researchers' notebooks need, then writes the Jupyter kernel spec "lhs-java" (Java 17 + Spark +
# this project's classes) under jobs/target/jupyter/ — it never touches ~/.local or /usr/share. Prints the
# JUPYTER_PATH to use. Called by `bin/lhs notebook`; notebooks/README.md explains the route.
#
#   notebooks/install-kernel.sh [--classpath CP]
#
# --classpath CP   the project classes and dependencies for the kernel (':'-separated). Default: the jar and runtime
#                  classpath that bin/lhs builds (jobs/target/lhs-jobs.jar, jobs/target/runtime-classpath.txt).
# Environment: JAVA (java binary, default `java`), LHS_NOTEBOOK_JAVA_OPTS (extra kernel JVM options, e.g. -Xmx6g).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
NB_TARGET="$ROOT/jobs/target/notebook"
JUPYTER_DIR="$ROOT/jobs/target/jupyter"
KERNEL_DIR="$JUPYTER_DIR/kernels/lhs-java"
JAVA="${JAVA:-java}"
PY=/usr/bin/python3 # Debian's Jupyter lives in the system Python; a pyenv `python3` on PATH would not see it.

classpath=""
while (($#)); do
  case "$1" in
    --classpath) classpath="$2"; shift 2 ;;
    -h|--help) sed -n '2,11p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "install-kernel: unknown option $1" >&2; exit 2 ;;
  esac
done

# 1. Jupyter from Debian (PyPI is not needed): nbconvert + nbclient run notebooks headless, ipykernel/jupyter-client
#    provide the kernel protocol. --no-install-recommends keeps it to ~57 packages.
if ! "$PY" -c 'import nbconvert, nbclient, jupyter_client' >/dev/null 2>&1; then
  pkgs=(jupyter-nbconvert python3-nbclient python3-ipykernel jupyter-client)
  echo "install-kernel: installing ${pkgs[*]} (apt)" >&2
  sudo=()
  if ((EUID != 0)); then
    command -v sudo >/dev/null || { echo "install-kernel: run as root or install: apt-get install --no-install-recommends ${pkgs[*]}" >&2; exit 1; }
    sudo=(sudo)
  fi
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${pkgs[@]}" >&2 \
    || { DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get update -qq >&2 \
         && DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${pkgs[@]}" >&2; }
fi

# 2. The kernel jar and XChart: copied from Maven Central by the build (jobs/pom.xml, execution notebook-jars).
KERNEL_JAR="$NB_TARGET/rapaio-jupyter-kernel.jar"
if [[ ! -f "$KERNEL_JAR" ]]; then
  echo "install-kernel: $KERNEL_JAR is missing; build first (bin/lhs --help, or mvn -B package -DskipTests)" >&2
  exit 1
fi

# 3. The classpath the notebook code sees (JShell inside the kernel), ';'-separated as rapaio's RJK_CLASSPATH wants.
if [[ -z "$classpath" ]]; then
  [[ -f "$ROOT/jobs/target/lhs-jobs.jar" && -f "$ROOT/jobs/target/runtime-classpath.txt" ]] \
    || { echo "install-kernel: build first (bin/lhs --help)" >&2; exit 1; }
  classpath="$ROOT/jobs/target/lhs-jobs.jar:$(cat "$ROOT/jobs/target/runtime-classpath.txt")"
fi
for jar in "$NB_TARGET"/lib/*.jar; do classpath="$classpath:$jar"; done
rjk_classpath="${classpath//:/;}"

# 4. kernel.json: Spark 3.5's --add-opens list (the same as bin/lhs and the parent pom's lhs.jvm.opens), headless AWT
#    for PNG charts, UTC like every LHS job, and Spark's log4j2 quiet configuration.
# shellcheck source=bin/lib/jvm-opens.sh
source "$ROOT/bin/lib/jvm-opens.sh"
# shellcheck disable=SC2206
EXTRA=(${LHS_NOTEBOOK_JAVA_OPTS:-})
mkdir -p "$KERNEL_DIR"
"$PY" - "$KERNEL_DIR/kernel.json" "$rjk_classpath" "$JAVA" "${OPENS[@]}" -Djava.awt.headless=true \
  -Duser.timezone=UTC "-Dlog4j2.configurationFile=$ROOT/conf/log4j2.properties" ${EXTRA[@]+"${EXTRA[@]}"} \
  -jar "$KERNEL_JAR" <<'PYEOF'
import json, sys
out, classpath, argv = sys.argv[1], sys.argv[2], sys.argv[3:]
spec = {
    "argv": argv + ["{connection_file}"],
    "display_name": "Java 17 (LHS Lakehouse, Spark)",
    "language": "java",
    "interrupt_mode": "message",
    "env": {"RJK_CLASSPATH": classpath, "RJK_TIMEOUT_MILLIS": "-1", "RJK_COMPILER_OPTIONS": "", "RJK_INIT_SCRIPT": ""},
}
with open(out, "w") as f:
    json.dump(spec, f, indent=1)
PYEOF
echo "$JUPYTER_DIR"
