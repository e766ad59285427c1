#!/usr/bin/env bash
# Validates docker/compose.yml offline (no Docker engine needed) with every Compose at hand:
# Debian's docker-compose (installed when no Compose is present) and the Compose plugin
# (`docker compose`, as on GitHub's runners).
set -euo pipefail
cd "$(dirname "$0")/../.."
# shellcheck source=.ci/lib/require_tool.sh
source .ci/lib/require_tool.sh

has_plugin=
if command -v docker >/dev/null 2>&1 && docker compose version >/dev/null 2>&1; then
  has_plugin=yes
fi
if [ -z "$has_plugin" ]; then
  require_tool docker-compose docker-compose
fi

# A fresh clone has no .env yet: the documented example stands in for it.
export NEXUS_ENV_FILE=../.env.example
validated=0
if command -v docker-compose >/dev/null 2>&1; then
  docker-compose -f docker/compose.yml config -q
  validated=$((validated + 1))
fi
if [ -n "$has_plugin" ]; then
  docker compose -f docker/compose.yml config -q
  validated=$((validated + 1))
fi
[ "$validated" -gt 0 ] || { echo 'No Compose to validate docker/compose.yml with' >&2; exit 1; }
echo 'docker/compose.yml is valid'
