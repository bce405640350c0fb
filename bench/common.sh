# Shared set-up of the bench scripts (sourced, from the repository root).

# The system interpreter: Debian's python3-* packages live there, which may not be the first python3 on PATH
# (pyenv, venvs). PYTHON overrides it.
PYTHON=${PYTHON:-$( [ -x /usr/bin/python3 ] && echo /usr/bin/python3 || echo python3 )}

# bench_python_module MODULE DEBIAN_PACKAGE: installs the package with apt when "import MODULE" fails.
bench_python_module() {
  if ! "$PYTHON" -c "import $1" 2>/dev/null; then
    echo "installing $2 (Debian) ..." >&2
    local sudo=""
    if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
    $sudo apt-get update -q >&2
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q "$2" >&2
  fi
}

# bench_build: builds core and bench with the modules they need (-am: on a fresh machine the contract jar is in no
# local repository yet) and sets CP to the bench's class path.
bench_build() {
  echo "building core and bench ..." >&2
  mvn -B -q -pl core,bench -am package dependency:build-classpath -DskipTests \
      -Dmdep.outputFile=target/classpath.txt >&2
  CP="bench/target/classes:$(cat bench/target/classpath.txt)"
}

# The engine's own JVM settings (the Jenkins plugin's EngineCommandLine and the edge-mlops launcher): DJL offline, one
# intra-op and one inter-op thread; for training also the serial collector with a 64 MB young generation.
DJL_OPTS=(-Dai.djl.offline=true -Dai.djl.pytorch.num_threads=1 -Dai.djl.pytorch.num_interop_threads=1)
TRAIN_OPTS=("${DJL_OPTS[@]}" -XX:+UseSerialGC -Xmn64m -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=20 )
