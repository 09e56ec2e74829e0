#!/usr/bin/env bash
# Runs every xunit project (host tests, then the boot tests that start QEMU) and prints, as the very last
# line, "N passed, N failed, N skipped" summed from their TRX result files. Exits non-zero when a test
# failed or a project gave no trustworthy results (a build error or a crashed test host counts as a failure).
# Called by `make test`, which first builds what the boot tests boot and sets MINIMALOS_BUILD_DIR.
set -uo pipefail
cd "$(dirname "$0")/.."

build_dir=${MINIMALOS_BUILD_DIR:-$PWD/build}
configuration=${DOTNET_CONFIGURATION:-Debug}
results=$build_dir/test-results
projects=(tests/Host/Host.csproj tests/Boot/Boot.csproj)

rm -rf "$results"
mkdir -p "$results"

# One counter attribute of a TRX file's <Counters .../> element (0 when absent).
counter() {
    local value
    value=$(grep -o '<Counters [^>]*>' "$2" | head -n 1 | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]\+')
    echo "${value:-0}"
}

passed=0 failed=0 skipped=0 problems=()
for project in "${projects[@]}"; do
    name=$(basename "$project" .csproj)
    echo "== $project"
    dotnet test "$project" -c "$configuration" --nologo --logger "trx;LogFileName=$name.trx" --results-directory "$results" </dev/null
    exit_code=$?
    trx=$results/$name.trx
    if [ ! -f "$trx" ]; then
        problems+=("$project produced no test results (exit code $exit_code): see the build output above")
        failed=$((failed + 1))
        continue
    fi
    project_failed=$(( $(counter failed "$trx") + $(counter error "$trx") + $(counter timeout "$trx") + $(counter aborted "$trx") ))
    passed=$((passed + $(counter passed "$trx")))
    # xunit's skipped tests are counted in "total" but not in "executed" (notExecuted stays 0).
    skipped=$((skipped + $(counter total "$trx") - $(counter executed "$trx")))
    failed=$((failed + project_failed))
    if [ "$exit_code" -ne 0 ] && [ "$project_failed" -eq 0 ]; then
        problems+=("dotnet test $project exited with code $exit_code although no test failed (test host crash?)")
        failed=$((failed + 1))
    fi
done

for problem in "${problems[@]}"; do
    echo "error: $problem" >&2
done
echo "Test results: $results"
if [ "$skipped" -eq 0 ]; then
    echo "$passed passed, $failed failed"
else
    echo "$passed passed, $failed failed, $skipped skipped"
fi
[ "$failed" -eq 0 ]
