#!/usr/bin/env bash
# Runs node's test runner on every file under the given folders whose name ends with SUFFIX.
# Fails when none is found: `node --test` with no files would search the whole tree instead.
# Usage: scripts/run-tests.sh SUFFIX FOLDER... [-- NODE_TEST_FLAGS...]
set -euo pipefail
suffix="$1"; shift
folders=()
while (($#)) && [[ "$1" != "--" ]]; do folders+=("$1"); shift; done
[[ "${1:-}" == "--" ]] && shift
mapfile -t files < <(find "${folders[@]}" -name "*$suffix" 2>/dev/null | sort)
if ((${#files[@]} == 0)); then
  echo "no *$suffix files under ${folders[*]}" >&2
  exit 1
fi
exec node --import tsx --test --test-reporter=spec "$@" "${files[@]}"
