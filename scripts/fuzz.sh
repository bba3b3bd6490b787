#!/usr/bin/env bash
# Fuzzes one harness of Sources/CallFlowFuzz with libFuzzer and AddressSanitizer.
#
#   scripts/fuzz.sh TARGET SECONDS     TARGET: lint, expression, table, session, scenario, platform, or all
#   scripts/fuzz.sh build              only build .build-fuzz/callflow-fuzz
#
# SwiftPM renames an executable's `main`, which libFuzzer's own main cannot live with, so the
# harnesses are a library target built with `-sanitize=fuzzer,address` in a scratch path of its
# own (.build-fuzz, never the normal .build) and its objects are linked here by `swiftc`.
# Seeds are generated at run time (example flows, test fixtures, compiled tables, scenarios,
# expressions) into .build-fuzz/corpus/TARGET; a crash is copied to
# Tests/CallFlowCompilerTests/FuzzRegressions/TARGET/, where the test suite replays it.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
SCRATCH="$ROOT/.build-fuzz"
BIN="$SCRATCH/callflow-fuzz"
TARGETS=(lint expression table session scenario platform)

build() {
    echo "== building the fuzzing binary (debug, -sanitize=fuzzer,address) in .build-fuzz"
    swift build --scratch-path "$SCRATCH" --target CallFlowFuzz \
        -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library >&2
    local objects=()
    for module in CallFlowFuzz CallFlowCompiler CallFlowRuntime; do
        objects+=("$SCRATCH"/debug/$module.build/*.o)
    done
    swiftc -sanitize=fuzzer,address -use-ld=lld "${objects[@]}" $(pkg-config --libs yaml-0.1) -o "$BIN"
}

# The ordinary debug binary makes the seeds (examples, compiled tables): built if missing.
callflow() {
    [ -x "$ROOT/.build/debug/callflow" ] || swift build --product callflow >&2
    "$ROOT/.build/debug/callflow" "$@"
}

seeds() {
    local target=$1 dir="$SCRATCH/corpus/$1"
    mkdir -p "$dir"
    case $target in
        lint)
            find flows Tests/CallFlowCLITests/Fixtures -name '*.yaml' -o -name '*.yml' | while read -r f; do
                cp "$f" "$dir/$(echo "$f" | tr '/' '_')"
            done
            # Every check's examples.
            callflow checks --markdown 2>/dev/null \
                | awk -v d="$dir" '/^```yaml/{n++; f=d"/example-"n".yaml"; on=1; next} /^```/{on=0} on{print > f}' || true
            ;;
        expression)
            local i=0
            for e in 'caller.tier == "vip"' 'not a and b or c' 'n > 5 and n <= 1e15' 'd >= 1m30s' \
                     's in ["a", "b"] or s not in []' 'starts_with(s, "+49") and contains(s, "x")' \
                     'open("office") and not (m != -2.5)' 'caller.tier in ["gold", "vip"]' 'n == 22222222222222220000000000000000000'; do
                i=$((i + 1)); printf '%s' "$e" > "$dir/seed-$i"
            done
            ;;
        table)
            for f in flows/*.yaml flows/*/*.yaml; do
                case $f in *.tests.yaml) continue ;; esac
                callflow compile "$f" -o "$dir/$(basename "$f" .yaml).cflt" >/dev/null 2>&1 || true
            done
            ;;
        session)
            head -c 64 /dev/zero > "$dir/zeros"
            printf '\x03\x01\x02\x03\x04\x05\x06\x07\x08\x09' > "$dir/counting"
            ;;
        platform)
            # The importer tests' platform flows (the shared corpus is read in place by the tests,
            # never copied; a local campaign may add it: cp ../shared/corpora/*/*/*.json DIR).
            callflow checks --markdown 2>/dev/null \
                | awk -v d="$dir" '/^```json/{n++; f=d"/example-"n".json"; on=1; next} /^```/{on=0} on{print > f}' || true
            if [ -d ../shared/corpora ]; then
                local f
                while IFS= read -r f; do
                    cp "$f" "$dir/$(echo "$f" | tr '/ ' '__')"
                done < <(find ../shared/corpora -name '*.json' -size -64k | sort | sed -n '1,40p')
            fi
            ;;
        scenario)
            cp flows/*.tests.yaml "$dir/" 2>/dev/null || true
            find flows -name '*.tests.yaml' -exec cp {} "$dir/" \;
            ;;
    esac
}

run() {
    local target=$1 seconds=$2
    seeds "$target"
    local artifacts="$SCRATCH/crashes/$target"
    mkdir -p "$artifacts" "$SCRATCH/work/$target"
    echo "== fuzzing $target for ${seconds}s"
    local status=0
    CALLFLOW_FUZZ_TARGET=$target ASAN_OPTIONS=detect_leaks=0 "$BIN" \
        -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
        -dict=scripts/fuzz.dict -artifact_prefix="$artifacts/" -print_final_stats=1 \
        "$SCRATCH/work/$target" "$SCRATCH/corpus/$target" 2>&1 | tee "$SCRATCH/$target.log" | grep -E '^(#[0-9]+[[:space:]]+(DONE|INITED)|stat::(number_of_executed_units|average_exec_per_sec|peak_rss_mb)|==[0-9]+==ERROR|SUMMARY|callflow-fuzz)' || true
    status=${PIPESTATUS[0]}
    local found=0
    for crash in "$artifacts"/*; do
        [ -e "$crash" ] || continue
        found=1
        mkdir -p "Tests/CallFlowCompilerTests/FuzzRegressions/$target"
        cp "$crash" "Tests/CallFlowCompilerTests/FuzzRegressions/$target/"
        echo "crash kept as Tests/CallFlowCompilerTests/FuzzRegressions/$target/$(basename "$crash")"
    done
    if [ "$status" -ne 0 ] || [ "$found" -ne 0 ]; then
        echo "fuzzing $target found a crash (exit $status)"; return 1
    fi
}

case "${1:-}" in
    build) build ;;
    lint|expression|table|session|scenario|platform)
        [ -x "$BIN" ] || build
        run "$1" "${2:-60}" ;;
    all)
        build
        failed=0
        for t in "${TARGETS[@]}"; do run "$t" "${2:-60}" || failed=1; done
        exit $failed ;;
    *) echo "usage: scripts/fuzz.sh TARGET SECONDS (TARGET: ${TARGETS[*]} all) | scripts/fuzz.sh build" >&2; exit 2 ;;
esac
