#!/bin/sh
# Regenerate expected.txt from the reference interpreter (needs lua5.4).
cd "$(dirname "$0")" || exit 1
LUA="${LUA:-lua5.4}" sh cases.sh | sed -e "s/lua5\.4/kiln/g" > expected.txt
