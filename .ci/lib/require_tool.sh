# shellcheck shell=bash
# Sourced by the checks: `require_tool COMMAND DEBIAN_PACKAGE` installs the package with apt
# (non-interactive, through sudo when not root) when COMMAND is missing, so a check also
# passes on a fresh machine.
require_tool() {
  local command=$1 package=$2
  command -v "$command" >/dev/null 2>&1 && return 0

  local sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null 2>&1 || { echo "Install the Debian package $package" >&2; return 1; }
    sudo=(sudo -n)
  fi
  echo "Installing $package (apt)"
  export DEBIAN_FRONTEND=noninteractive
  "${sudo[@]}" apt-get update -qq >/dev/null
  "${sudo[@]}" apt-get install -y -qq --no-install-recommends "$package" >/dev/null
  command -v "$command" >/dev/null 2>&1
}
