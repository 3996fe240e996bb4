#!/bin/sh
# Memcheck on a sample of the conformance suite and on the unit tests of the
# unsafe modules (vm::*, bytecode::*). Needs valgrind and a release build:
#   cargo build --release && cargo test --release --no-run -p kiln && sh tests/valgrind.sh
set -u
cd "$(dirname "$0")/.." || exit 1
status=0
for n in closures coroutine_yield coroutine_close tbc mt_gc weak_tables string_gsub table_sort errors hostile_gc generic_for_tables cstack_tforcall gc_generational tailcalls gc_hooks hook_semantics gc_ephemeron_chain; do
    if (cd tests/lua && valgrind --error-exitcode=1 -q ../../target/release/kiln "$n.lua" > /tmp/kiln-vg.out 2>/tmp/kiln-vg.err \
        && cmp -s /tmp/kiln-vg.out "$n.expected"); then
        echo "ok   $n"
    else
        echo "FAIL $n"; cat /tmp/kiln-vg.err; status=1
    fi
done
# the library's unit-test binary (cargo names it; `ls` could pick the CLI)
bin=$(cargo test --release --no-run -p kiln --lib 2>&1 | sed -n 's/.*Executable.*(\(.*\))$/\1/p' | head -n 1)
if valgrind --error-exitcode=1 -q "$bin" vm:: bytecode:: > /tmp/kiln-vg.out 2>&1; then
    echo "ok   unit tests of vm:: and bytecode::"
else
    echo "FAIL unit tests"; cat /tmp/kiln-vg.out; status=1
fi
exit $status
