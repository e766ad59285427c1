#!/usr/bin/env bash
# Runs shellcheck on every shell script in the repository: files ending in .sh and files whose
# first line names bash or sh.
set -euo pipefail
cd "$(dirname "$0")/../.."
# shellcheck source=.ci/lib/require_tool.sh
source .ci/lib/require_tool.sh

require_tool shellcheck shellcheck

scripts=()
while IFS= read -r -d '' file; do
  [ -f "$file" ] || continue
  if [[ $file == *.sh ]] || head -n 1 "$file" | grep -Eq '^#!.*[/ ](ba)?sh( |$)'; then
    scripts+=("$file")
  fi
done < <(git ls-files -z --cached --others --exclude-standard)

if [ "${#scripts[@]}" -eq 0 ]; then
  echo 'No shell script found' >&2
  exit 1
fi
shellcheck --external-sources "${scripts[@]}"
echo "shellcheck: ${#scripts[@]} scripts clean"
