#!/usr/bin/env bash
# Smoke run of every fuzz target (not part of `cargo test`).
#
#   fuzz/smoke.sh              each target for 60 s
#   SECS=600 fuzz/smoke.sh run # only `run`, for 10 minutes
#
# Needs cargo-fuzz (`cargo install cargo-fuzz`) and lua5.4 (for `diff`).
# SAN=address builds with AddressSanitizer (7x slower here); the default is
# no sanitizer (debug assertions and overflow checks stay on). Each setting
# has its own target dir, target/san-$SAN.
# Only the stable toolchain exists here: RUSTC_BOOTSTRAP=1 lets cargo-fuzz
# pass its nightly-only flags (-Zsanitizer=address, sancov passes) to it.
# Runs one target at a time at the lowest priority; new corpus entries go to
# fuzz/corpus/<target> (ignored by git), crashes to fuzz/artifacts/<target>.
# Exits non-zero if any target found a crash.
set -u
cd "$(dirname "${BASH_SOURCE[0]}")" || exit 1
SECS="${SECS:-60}"
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(compile run diff binary)
export RUSTC_BOOTSTRAP=1
SAN="${SAN:-none}"
build_flags=(-s "$SAN" --target-dir "target/san-$SAN")

# Per-target libFuzzer options: run/diff/binary programs are bounded by the
# driver's budget hook; -timeout catches anything that still hangs.
opts() {
    case "$1" in
        compile) echo "-max_len=65536 -timeout=10" ;;
        run)     echo "-max_len=4096 -timeout=20 -rss_limit_mb=4096 -malloc_limit_mb=2048" ;;
        diff)    echo "-max_len=4096 -timeout=60 -rss_limit_mb=4096 -malloc_limit_mb=2048" ;;
        binary)  echo "-max_len=16384 -timeout=20 -rss_limit_mb=4096 -malloc_limit_mb=2048" ;;
    esac
}

nice -n 19 cargo fuzz build "${build_flags[@]}" >/dev/null 2>&1 ||
    { nice -n 19 cargo fuzz build "${build_flags[@]}"; exit 1; }
status=0
for t in "${targets[@]}"; do
    mkdir -p "corpus/$t" "artifacts/$t"
    echo "== $t ($SECS s)"
    # the conformance scripts seed `compile` too (read in place, not copied)
    extra=()
    if [ "$t" = compile ] && [ -d ../tests/lua ]; then extra=(../tests/lua); fi
    # shellcheck disable=SC2046
    nice -n 19 cargo fuzz run "${build_flags[@]}" "$t" "corpus/$t" "seeds/$t" "${extra[@]}" -- \
        -max_total_time="$SECS" -print_final_stats=1 $(opts "$t") \
        >"artifacts/$t/last-run.log" 2>&1
    rc=$?
    grep -E '^(#[0-9]+.*DONE|stat::number_of_executed_units|stat::peak_rss_mb)' "artifacts/$t/last-run.log" | tail -3
    grep -E '^#[0-9]+' "artifacts/$t/last-run.log" | tail -1
    if [ $rc -ne 0 ]; then
        echo "!! $t failed (exit $rc): see fuzz/artifacts/$t/last-run.log"
        grep -m1 -E 'panicked|ERROR: (AddressSanitizer|libFuzzer)|SUMMARY' "artifacts/$t/last-run.log"
        status=1
    fi
done
exit $status
