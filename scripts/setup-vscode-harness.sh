#!/usr/bin/env bash
# Installs what the real-VS-Code test harness needs, idempotently:
#   - Debian packages: chromium (the browser Playwright drives), libkrb5-dev and pkg-config
#     (code-server's kerberos addon builds against them), ripgrep (stands in for the binary
#     that @vscode/ripgrep would download);
#   - code-server 4.100.3 (VS Code 1.100.3 with a Node extension host) into .cache/code-server/.
#
# A plain `npm install code-server` fails offline (its postinstall downloads ripgrep and asks
# before installing node-gyp), and a failed postinstall rolls the whole install back. So the
# install skips every script and redoes by hand what the postinstall would have done.
#
# A marker file is written only once the installed code-server answers `--version`: with the
# marker present a run returns at once; without it, whatever is in the folder is a half-finished
# install and is wiped and redone.
#
# Usage: bash scripts/setup-vscode-harness.sh   (as root on Debian, or with the packages present)
set -euo pipefail

CODE_SERVER_VERSION="4.100.3"
APT_PACKAGES=(chromium libkrb5-dev pkg-config ripgrep)

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
INSTALL_DIR="$REPO_ROOT/.cache/code-server"
MARKER="$INSTALL_DIR/.installed"
LOG="$REPO_ROOT/.cache/code-server-install.log"
PKG_DIR="$INSTALL_DIR/node_modules/code-server"
VSCODE_DIR="$PKG_DIR/lib/vscode"

say() { echo "[setup-vscode-harness] $*"; }

fail() {
  echo "[setup-vscode-harness] ERROR: $*" >&2
  if ((LOG_STARTED == 1)) && [[ -s "$LOG" ]]; then
    echo "[setup-vscode-harness] last lines of $LOG:" >&2
    tail -n 30 "$LOG" >&2
  fi
  exit 1
}

# Runs a step with its output in the log file, so the terminal stays short but a failure
# still shows what went wrong. The log starts afresh with the first step of a run, so a run with
# nothing to do keeps the log of the last install.
LOG_STARTED=0
step() {
  local title="$1"
  shift
  say "$title"
  if ((LOG_STARTED == 0)); then
    : >"$LOG"
    LOG_STARTED=1
  fi
  echo "==== $title: $*" >>"$LOG"
  "$@" >>"$LOG" 2>&1 || fail "step failed: $title"
}

missing_apt_packages() {
  local pkg status
  for pkg in "${APT_PACKAGES[@]}"; do
    status="$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)"
    [[ "$status" == "install ok installed" ]] || echo "$pkg"
  done
}

ensure_apt_packages() {
  local missing
  mapfile -t missing < <(missing_apt_packages)
  if ((${#missing[@]} == 0)); then
    return
  fi
  command -v apt-get >/dev/null || fail "missing packages (${missing[*]}) and no apt-get to install them"
  [[ "$(id -u)" == 0 ]] || fail "missing packages (${missing[*]}); run as root or install them first"
  step "apt-get update" apt-get update
  step "apt-get install ${missing[*]}" env DEBIAN_FRONTEND=noninteractive \
    apt-get install -y --no-install-recommends "${missing[@]}"
}

# code-server writes a default config file on its first start, even for --version: point its
# XDG folders at a throwaway place so nothing lands in the home folder. The log line it prints
# then is skipped by keeping only the line that starts with a version number.
installed_version() {
  local scratch
  scratch="$(mktemp -d)"
  XDG_CONFIG_HOME="$scratch/config" XDG_DATA_HOME="$scratch/data" \
    node "$PKG_DIR/out/node/entry.js" --version 2>/dev/null | grep -Eo '^[0-9]+\.[0-9]+\.[0-9]+' | head -n 1 || true
  rm -rf "$scratch"
}

install_is_complete() {
  [[ -f "$MARKER" && "$(cat "$MARKER")" == "$CODE_SERVER_VERSION" && -f "$PKG_DIR/out/node/entry.js" ]]
}

install_code_server() {
  rm -rf "$INSTALL_DIR"
  mkdir -p "$INSTALL_DIR"
  # A package.json of its own: without it npm would walk up and install into the repository.
  echo '{ "name": "ssad-vscode-harness", "private": true }' >"$INSTALL_DIR/package.json"

  cd "$INSTALL_DIR"
  step "npm install code-server@$CODE_SERVER_VERSION (no scripts)" \
    npm install --ignore-scripts --no-audit --no-fund --loglevel=error "code-server@$CODE_SERVER_VERSION"
  step "build argon2" npm rebuild argon2

  cd "$VSCODE_DIR"
  step "install VS Code's dependencies (no scripts)" \
    npm install --ignore-scripts --omit=dev --no-audit --no-fund --loglevel=error
  # @vscode/ripgrep's postinstall downloads its binary unless bin/ already exists.
  mkdir -p node_modules/@vscode/ripgrep/bin
  cp "$(command -v rg)" node_modules/@vscode/ripgrep/bin/rg
  # npm_config_yes: node-pty's build calls npx node-gyp, which would otherwise ask.
  step "build native modules (node-pty, spdlog, kerberos, ...)" \
    env npm_config_yes=true npm rebuild

  # The links code-server's own postinstall would have made.
  ln -sfn node_modules node_modules.asar
  (cd bin/remote-cli && ln -sf code-linux.sh code-server)
  (cd bin/helpers && ln -sf browser-linux.sh browser.sh)

  cd "$VSCODE_DIR/extensions"
  step "install the built-in extensions' dependencies" \
    npm install --omit=dev --no-audit --no-fund --loglevel=error
}

# npm reports success even where it skipped a build script, so look for the binaries themselves.
check_native_modules() {
  local file missing=()
  for file in \
    "$INSTALL_DIR/node_modules/argon2/lib/binding/napi-v3/argon2.node" \
    "$VSCODE_DIR/node_modules/node-pty/build/Release/pty.node" \
    "$VSCODE_DIR/node_modules/@vscode/spdlog/build/Release/spdlog.node" \
    "$VSCODE_DIR/node_modules/kerberos/build/Release/kerberos.node" \
    "$VSCODE_DIR/node_modules/native-watchdog/build/Release/watchdog.node" \
    "$VSCODE_DIR/node_modules/@vscode/ripgrep/bin/rg"; do
    [[ -e "$file" ]] || missing+=("${file#"$INSTALL_DIR/"}")
  done
  ((${#missing[@]} == 0)) || fail "native modules missing after the build: ${missing[*]}"
}

main() {
  mkdir -p "$REPO_ROOT/.cache"
  command -v node >/dev/null || fail "node is not on PATH"
  command -v npm >/dev/null || fail "npm is not on PATH"
  local node_major
  node_major="$(node -p 'process.versions.node.split(".")[0]')"
  [[ "$node_major" == 20 ]] || say "warning: code-server $CODE_SERVER_VERSION is made for Node 20, this is Node $node_major"

  ensure_apt_packages

  if install_is_complete; then
    say "code-server $CODE_SERVER_VERSION already installed ($INSTALL_DIR)"
    return
  fi
  if [[ -e "$INSTALL_DIR" ]]; then
    say "found an unfinished code-server install: redoing it"
  fi
  say "installing code-server $CODE_SERVER_VERSION into .cache/code-server (a few minutes; log: $LOG)"
  install_code_server
  check_native_modules

  local version
  version="$(installed_version)"
  [[ "$version" == "$CODE_SERVER_VERSION" ]] ||
    fail "code-server --version printed '$version', expected $CODE_SERVER_VERSION"
  echo "$CODE_SERVER_VERSION" >"$MARKER"
  say "code-server $version installed"
}

main "$@"
