#!/usr/bin/env bash
# Quick start, part 1: install what is missing, build listen, and read the sample article aloud.
# Extra arguments go to listen (e.g. --rate 1.5).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
[ -x "$HOME/.cargo/bin/cargo" ] && export PATH="$HOME/.cargo/bin:$PATH"
cargo build --release --quiet
exec target/release/listen "$@" articles/kenya-reinforcements-haiti.html
