#!/usr/bin/env bash
# Quick start, part 2: install what is missing and run the whole test suite: formatting, lints,
# unit and integration tests, including the live speech tests (which start their own private
# PulseAudio and speech-dispatcher; nothing plays on your speakers). This is what CI runs.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh --test
[ -x "$HOME/.cargo/bin/cargo" ] && export PATH="$HOME/.cargo/bin:$PATH"
cargo fmt --all -- --check
cargo clippy --all-targets --quiet -- -D warnings
cargo test
