#!/usr/bin/env bash
# Validates docker/compose.yml offline (no Docker engine needed) with Debian's docker-compose,
# and with the Compose plugin too where one is installed (GitHub's runners).
set -euo pipefail
cd "$(dirname "$0")/../.."
# shellcheck source=.ci/lib/require_tool.sh
source .ci/lib/require_tool.sh

require_tool docker-compose docker-compose

# A fresh clone has no .env yet: the documented example stands in for it.
export NEXUS_ENV_FILE=../.env.example
docker-compose -f docker/compose.yml config -q
if docker compose version >/dev/null 2>&1; then
  docker compose -f docker/compose.yml config -q
fi
echo 'docker/compose.yml is valid'
