#!/usr/bin/env bash
# Install everything the tests need on a fresh Debian machine with Python 3.11, then run them all.
# Usage: bash tests/run.sh [pytest arguments]
set -euo pipefail
cd "$(dirname "$0")/.."

# Debian packages: Chromium (browser test) and the language checkers for generated samples.
needed=""
for pair in chromium:chromium php:php-cli ruby:ruby gofmt:golang-go javac:default-jdk-headless \
            curl:curl node:nodejs npm:npm; do
  command -v "${pair%%:*}" >/dev/null 2>&1 || needed="$needed ${pair#*:}"
done
if [ -n "$needed" ]; then
  as_root=""
  [ "$(id -u)" -eq 0 ] || as_root="sudo"
  $as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $as_root apt-get install -y -qq $needed >/dev/null
fi

npm ci --prefix tests --no-audit --no-fund --silent

python3.11 -m venv .venv 2>/dev/null || python3 -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e '.[test]'
export PATH="$PWD/.venv/bin:$PATH" NO_MKDOCS_2_WARNING=1
# Every test, slow ones included (`-m "not slow"` is the quick run). pytest's exit code is this
# script's: 5 (no tests collected) fails CI like any other failure.
exec .venv/bin/python -m pytest "$@"
