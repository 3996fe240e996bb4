#!/usr/bin/env bash
# Regenerate the expected outputs of the Lua conformance corpus using the
# reference interpreter (lua5.4 by default; override with LUA=/path/to/lua).
#
#   tests/regen-expected.sh            # regenerate everything
#   tests/regen-expected.sh foo bar    # only tests/lua/foo.lua and bar.lua
#
# For every tests/lua/<name>.lua (except names listed in tests/lua/SKIP) this
# writes <name>.expected with the script's stdout. For scripts whose name
# starts with "err_" it also writes <name>.expected-stderr (stderr, with the
# interpreter name at the start of a line replaced by "kiln:") and
# <name>.expected-status (the exit code).
set -u

LUA="${LUA:-lua5.4}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$here/lua" || exit 1

if ! command -v "$LUA" >/dev/null 2>&1; then
    echo "regen-expected: '$LUA' not found" >&2
    exit 1
fi

skipped() {
    local name="$1"
    [ -f SKIP ] || return 1
    # SKIP holds one entry per line (with or without .lua); '#' starts a comment.
    sed -e 's/#.*//' -e 's/[[:space:]]*$//' -e 's/^[[:space:]]*//' SKIP |
        grep -qxF -e "$name" -e "$name.lua"
}

if [ "$#" -gt 0 ]; then
    files=()
    for a in "$@"; do
        a="${a##*/}"; a="${a%.lua}"
        files+=("$a.lua")
    done
else
    files=(*.lua)
fi

count=0
for f in "${files[@]}"; do
    [ -f "$f" ] || { echo "regen-expected: no such script: $f" >&2; continue; }
    name="${f%.lua}"
    if skipped "$name"; then
        echo "skip  $name"
        continue
    fi
    case "$name" in
        err_*)
            "$LUA" "$f" >"$name.expected" 2>"$name.stderr.tmp" </dev/null
            status=$?
            awk -v p="$LUA:" '{ if (index($0, p) == 1) $0 = "kiln:" substr($0, length(p) + 1); print }' \
                "$name.stderr.tmp" >"$name.expected-stderr"
            rm -f "$name.stderr.tmp"
            echo "$status" >"$name.expected-status"
            ;;
        *)
            "$LUA" "$f" >"$name.expected" </dev/null
            status=$?
            if [ "$status" -ne 0 ]; then
                echo "regen-expected: warning: $f exited with status $status" >&2
            fi
            ;;
    esac
    count=$((count + 1))
done
echo "regenerated $count script(s)"
