#!/usr/bin/env bash
# Smoke test of a built image against PostgreSQL and Redis listening on this host (the CI
# job's service containers): the image's contract (non-root, no tests or source maps), the
# migrations as a one-shot command, the API answering /health/ready, its HEALTHCHECK turning
# healthy, and `docker stop` (SIGTERM through tini) ending it with exit code 0.
# Usage: .ci/image_smoke.sh IMAGE
set -euo pipefail
image=${1:?usage: .ci/image_smoke.sh IMAGE}
port=3999

fail() {
  echo "image smoke test: $*" >&2
  exit 1
}

app_env=(
  -e "APP_KEY=$(head -c 32 /dev/urandom | base64 | tr -d '\n')"
  -e DB_HOST=127.0.0.1 -e DB_USER=postgres -e DB_PASSWORD=postgres -e DB_DATABASE=postgres
  -e REDIS_HOST=127.0.0.1
  -e "PORT=$port"
)

user=$(docker run --rm --entrypoint id "$image" -u)
[ "$user" != 0 ] || fail 'the image runs as root'
shipped=$(docker run --rm --entrypoint sh "$image" -c \
  'find /app -path /app/node_modules -prune -o \( -name "*.map" -o -name "*.ts" -o -name tests \) -print')
[ -z "$shipped" ] || fail "the image ships development files: $shipped"

docker run --rm --network host "${app_env[@]}" "$image" node ace migration:run --force

container=$(docker run -d --network host "${app_env[@]}" "$image")
trap 'docker rm -f "$container" >/dev/null 2>&1 || true' EXIT

ready=
for _ in $(seq 1 60); do
  if curl -fsS "http://127.0.0.1:$port/health/ready" >/dev/null 2>&1; then
    ready=yes
    break
  fi
  sleep 1
done
[ -n "$ready" ] || { docker logs "$container"; fail 'the API never became ready'; }

health=
for _ in $(seq 1 60); do
  health=$(docker inspect -f '{{.State.Health.Status}}' "$container")
  [ "$health" = healthy ] && break
  sleep 1
done
[ "$health" = healthy ] || fail "the HEALTHCHECK reports $health"

docker stop -t 30 "$container" >/dev/null
code=$(docker inspect -f '{{.State.ExitCode}}' "$container")
docker logs "$container" 2>&1 | tail -n 5
[ "$code" = 0 ] || fail "the API exited with $code after SIGTERM"
echo 'image smoke test passed'
