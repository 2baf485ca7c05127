# Sourced by ./ironkube and ./mvnw: sets JAVA_HOME to a JDK of version 21 or newer when the
# current one is missing or older, so a fresh machine needs no set-up by hand.

# The major version from the JDK's `release` file (every JDK since 9 has one); starting a JVM to
# ask costs about 50 ms per candidate, which the launcher pays on every command.
ironkube_java_major() {
  if [ -f "$1/release" ]; then
    sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$1/release"
  else
    "$1/bin/java" -XshowSettings:properties -version 2>&1 |
      sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p'
  fi
}
ironkube_find_jdk() {
  local candidate major
  for candidate in "${JAVA_HOME:-}" \
    "$(command -v javac >/dev/null 2>&1 && dirname "$(dirname "$(readlink -f "$(command -v javac)")")")" \
    /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/temurin-25-jdk-arm64 \
    /usr/lib/jvm/*25* /usr/lib/jvm/*24* /usr/lib/jvm/*23* /usr/lib/jvm/*22* /usr/lib/jvm/*21* \
    /Library/Java/JavaVirtualMachines/*/Contents/Home "$HOME"/.sdkman/candidates/java/*; do
    [ -n "$candidate" ] && [ -x "$candidate/bin/javac" ] || continue
    major=$(ironkube_java_major "$candidate")
    if [ -n "$major" ] && [ "$major" -ge 21 ]; then
      echo "$major $candidate"
      return 0
    fi
  done
  return 1
}
if ! found_jdk=$(ironkube_find_jdk); then
  echo "ironkube: no JDK 21 or newer found (looked at JAVA_HOME, PATH and /usr/lib/jvm); install one and set JAVA_HOME." >&2
  exit 1
fi
export JAVA_HOME="${found_jdk#* }"
IRONKUBE_JAVA_MAJOR="${found_jdk%% *}"
unset found_jdk
