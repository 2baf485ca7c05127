# Sourced by ./ironkube and ./mvnw (POSIX sh): sets JAVA_HOME to a JDK of version 21 or newer when
# the current one is missing or older, so a fresh machine needs no set-up by hand.
#
# The launcher runs this before every command, so it starts as few processes as it can: each costs
# a fork and an exec, 2-5 ms on a quiet machine and 15-40 ms on a busy one, against about 100 ms
# for a whole `java -version`. Only shell built-ins run when JAVA_HOME (or the launcher's memo,
# below) names a JDK 21+; finding the JDK behind `javac` on the PATH takes one readlink.

# Sets ironkube_major to a JDK's major version, from its `release` file (every JDK since 9 has
# one); starting a JVM to ask costs about 50 ms per candidate.
ironkube_java_major() {
  ironkube_major=
  if [ -f "$1/release" ]; then
    while IFS= read -r ironkube_line || [ -n "$ironkube_line" ]; do
      case $ironkube_line in
        JAVA_VERSION=\"*)
          ironkube_line=${ironkube_line#JAVA_VERSION=\"}
          ironkube_major=${ironkube_line%%[!0-9]*}
          break
          ;;
      esac
    done <"$1/release"
  else
    ironkube_major=$("$1/bin/java" -XshowSettings:properties -version 2>&1 |
      sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p')
  fi
}

# Whether $1 is a JDK of version 21 or newer; sets ironkube_major.
ironkube_jdk_ok() {
  [ -n "$1" ] && [ -x "$1/bin/javac" ] || return 1
  ironkube_java_major "$1"
  [ -n "$ironkube_major" ] && [ "$ironkube_major" -ge 21 ]
}

# The JDK of `javac` on the PATH, or nothing.
ironkube_path_jdk() {
  ironkube_javac=$(command -v javac 2>/dev/null) || return 0
  ironkube_javac=$(readlink -f "$ironkube_javac") || return 0
  ironkube_javac=${ironkube_javac%/*}
  printf '%s' "${ironkube_javac%/*}"
}

# Sets ironkube_found to "MAJOR PATH" of the first JDK 21+ among JAVA_HOME, the JDK of `javac` on
# the PATH and the usual install folders; fails when there is none.
ironkube_find_jdk() {
  ironkube_found=
  if ironkube_jdk_ok "${JAVA_HOME:-}"; then
    ironkube_found="$ironkube_major $JAVA_HOME"
    return 0
  fi
  for ironkube_candidate in "$(ironkube_path_jdk)" \
    /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/temurin-25-jdk-arm64 \
    /usr/lib/jvm/*25* /usr/lib/jvm/*24* /usr/lib/jvm/*23* /usr/lib/jvm/*22* /usr/lib/jvm/*21* \
    /Library/Java/JavaVirtualMachines/*/Contents/Home "$HOME"/.sdkman/candidates/java/*; do
    if ironkube_jdk_ok "$ironkube_candidate"; then
      ironkube_found="$ironkube_major $ironkube_candidate"
      return 0
    fi
  done
  return 1
}

# The launcher keeps what it found in ironkube_jdk_memo (a file beside the jar, removed with each
# build) together with the JAVA_HOME and PATH it was found for, and uses it while those are
# unchanged and it is still a JDK 21+; the memo spares the PATH lookup's processes.
ironkube_memo_key="${JAVA_HOME:-}|$PATH"
ironkube_found=
if [ -n "${ironkube_jdk_memo:-}" ] && [ -f "$ironkube_jdk_memo" ]; then
  {
    IFS= read -r ironkube_line || true
    IFS= read -r ironkube_memo_jdk || true
  } <"$ironkube_jdk_memo"
  if [ "$ironkube_line" = "$ironkube_memo_key" ] && ironkube_jdk_ok "$ironkube_memo_jdk"; then
    ironkube_found="$ironkube_major $ironkube_memo_jdk"
  fi
fi
if [ -z "$ironkube_found" ]; then
  if ! ironkube_find_jdk; then
    echo "ironkube: no JDK 21 or newer found (looked at JAVA_HOME, PATH and /usr/lib/jvm); install one and set JAVA_HOME." >&2
    exit 1
  fi
  if [ -n "${ironkube_jdk_memo:-}" ] && [ -d "${ironkube_jdk_memo%/*}" ]; then
    printf '%s\n%s\n' "$ironkube_memo_key" "${ironkube_found#* }" >"$ironkube_jdk_memo" 2>/dev/null ||
      true
  fi
fi
export JAVA_HOME="${ironkube_found#* }"
IRONKUBE_JAVA_MAJOR="${ironkube_found%% *}"
unset ironkube_found ironkube_major ironkube_line ironkube_candidate ironkube_javac \
  ironkube_memo_key ironkube_memo_jdk
