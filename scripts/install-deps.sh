#!/usr/bin/env bash
# Installs what listen needs to build, speak and run its tests, if it is missing.
# Debian 12 / Ubuntu, as root or as a user with sudo. Safe to run again: it only installs what is
# not there yet.
#
#   scripts/install-deps.sh            build + speech packages
#   scripts/install-deps.sh --test     also what the test sandbox needs (PulseAudio, tmux)
set -euo pipefail

want_test=0
[ "${1:-}" = "--test" ] && want_test=1

packages=(
  # building: a C toolchain, bindgen's libclang, the speech-dispatcher and espeak-ng headers
  build-essential pkg-config curl ca-certificates libclang-dev libspeechd-dev libespeak-ng-dev
  # speaking: the speech engine and its espeak-ng voices
  speech-dispatcher speech-dispatcher-espeak-ng espeak-ng-data
)
if [ "$want_test" = 1 ]; then
  # the live tests' private audio sandbox (a PulseAudio null sink, recorded with parecord) and
  # the terminal tests (tmux)
  packages+=(pulseaudio pulseaudio-utils tmux)
fi

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "install-deps: need root or sudo to install: ${missing[*]}" >&2; exit 1; }
  sudo_cmd=(sudo)
fi

if [ "${#missing[@]}" -gt 0 ]; then
  echo "install-deps: installing ${missing[*]}" >&2
  "${sudo_cmd[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  "${sudo_cmd[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# Rust: the project needs a current stable toolchain (edition 2024); Debian's rustc is too old.
if ! command -v cargo >/dev/null 2>&1 && [ -x "$HOME/.cargo/bin/cargo" ]; then
  export PATH="$HOME/.cargo/bin:$PATH"
fi
if ! command -v cargo >/dev/null 2>&1; then
  echo "install-deps: installing Rust with rustup (https://rustup.rs)" >&2
  curl --proto '=https' --tlsv1.2 -sSf https://sh.rustup.rs | sh -s -- -y --profile minimal --component clippy,rustfmt >&2
fi
