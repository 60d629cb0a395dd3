#!/usr/bin/env bash
# `make test`: every test project of the solution (arguments go to dotnet test), then each skipped
# test with the reason it was skipped, and one closing line over all projects:
# "N passed, N failed, N skipped". The exit status is dotnet test's.
set -uo pipefail
cd "$(dirname "$0")/.."
results=$(mktemp -d)
trap 'rm -rf "$results"' EXIT
dotnet test Zfpe.Hdl.sln --logger "trx;LogFilePrefix=tests" --results-directory "$results" "$@"
status=$?
shopt -s nullglob
reports=("$results"/*.trx)
awk -f scripts/test-summary.awk /dev/null "${reports[@]}"
if [[ $status -ne 0 && ${#reports[@]} -eq 0 ]]; then
  echo "make test: dotnet test failed before any test ran (exit $status; see above)" >&2
fi
exit $status
