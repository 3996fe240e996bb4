#!/usr/bin/env bash
# Regenerates the expected outputs of the compiler corpus from the reference
# implementation (luac5.4 / lua5.4; override with LUAC=... LUA=...).
#
#   cases/NAME.lua     -> expected/NAME.txt: `luac -l -l` listing without
#                         addresses, then "== raw" and the instruction words
#                         and upvalue kinds of every function (undump.lua)
#   gen.lua cases      -> expected/gen_NAME.txt: digests of the generated
#                         source and of its expected text, or its error
#   errors.txt         -> errors.expected: one message per case (errors.lua)
#
# The Rust side is crates/kiln/tests/compiler_listing.rs.
set -euo pipefail
LUAC="${LUAC:-luac5.4}"
LUA="${LUA:-lua5.4}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

# luac's listing minus memory addresses
normalize() {
    sed -E -e 's/ at 0x[0-9a-f]+\)$/)/' \
           -e 's/ for 0x[0-9a-f]+:$/:/' \
           -e 's/^(\t[0-9]+\t\[[0-9-]+\]\tCLOSURE  \t[0-9]+ [0-9]+)\t; 0x[0-9a-f]+$/\1/'
}

# expected text of one source file (run from its directory)
expected() {
    "$LUAC" -l -l -p "$1" | normalize
    echo "== raw"
    "$LUAC" -o "$tmp/luac.out" "$1"
    "$LUA" "$here/undump.lua" "$tmp/luac.out"
}

cd "$here/cases"
rm -f "$here"/expected/*.txt
for f in *.lua; do
    expected "$f" > "$here/expected/${f%.lua}.txt"
done

cd "$tmp"
for name in $("$LUA" "$here/gen.lua"); do
    "$LUA" "$here/gen.lua" "$name" > "$name.lua"
    {
        echo "source: $("$LUA" "$here/fnv.lua" "$name.lua")"
        if err="$("$LUAC" -p "$name.lua" 2>&1)"; then
            expected "$name.lua" > "$name.txt"
            echo "expected: $("$LUA" "$here/fnv.lua" "$name.txt")"
        else
            echo "error: ${err#"$LUAC": }"
        fi
    } > "$here/expected/gen_$name.txt"
done

"$LUA" "$here/errors.lua" "$here/errors.txt" > "$here/errors.expected"
echo "regenerated $(ls "$here"/expected | wc -l) expected files and $(wc -l < "$here/errors.expected") error messages"
