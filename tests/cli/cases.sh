#!/bin/sh
# Command-line behaviour cases. Run with LUA=<interpreter>; run from this
# directory. regen.sh records lua5.4's output (program name rewritten to
# "kiln"); crates/kiln-cli/tests/cli.rs runs the same cases with kiln.
run() { echo "### $*"; eval "$@" 2>&1; echo "[status $?]"; }
unset LUA_INIT LUA_INIT_5_4
run '"$LUA" -e "print(1+1)"'
run '"$LUA" -e "x=5" -e "print(x)"'
run '"$LUA" script.lua a b'
run 'echo "print(\"in\", ...)" | "$LUA" - p q'
run '"$LUA" -- script.lua z'
run '"$LUA" -e "error(\"boom\")"'
run '"$LUA" -e "error({})"'
run '"$LUA" -e "error(setmetatable({}, {__tostring=function() return \"TS\" end}))"'
run '"$LUA" nofile.lua'
run '"$LUA" -e "x="'
run 'LUA_INIT="print(\"init\")" "$LUA" -e "print(2)"'
run 'LUA_INIT="print(\"init\")" "$LUA" -E -e "print(2)"'
run '"$LUA" -W -e "warn(\"hello\")"'
run '"$LUA" -e "warn(\"hidden\")"'
run '"$LUA" -l nomod'
run '"$LUA" -x'
run '"$LUA" -e'
run 'printf "print(10)\n" | "$LUA"'
run 'printf "x = 1\nx + 1\nfor i=1,2 do\nprint(i)\nend\n= 5\nerror(\"e\")\n1,2,nil\n" | "$LUA" -i | tail -n +2'
