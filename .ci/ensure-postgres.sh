#!/usr/bin/env bash
# Makes sure PostgreSQL server binaries exist for the storage tests (they start a throwaway server from them).
# Skipped when WOPKIT_TEST_POSTGRES_URL points at a server someone else runs.
set -euo pipefail
[ -n "${WOPKIT_TEST_POSTGRES_URL:-}" ] && exit 0
if ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || command -v initdb >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "PostgreSQL server binaries are missing; install them (apt-get install -y postgresql) or set WOPKIT_TEST_POSTGRES_URL" >&2
  exit 1
fi
echo "installing PostgreSQL server binaries for the storage tests…" >&2
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
