//! Generated deterministic Lua programs run by Kiln and by lua5.4: the same
//! output and the same error messages.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let p = kiln_fuzz::generate(data, kiln_fuzz::gen::Mode::Diff);
    if let kiln_fuzz::Diff::Differs(k, l) = kiln_fuzz::diff(&p.0) {
        panic!(
            "kiln and lua5.4 differ\n--- program\n{}\n--- kiln\n{k}\n--- lua5.4\n{l}\n",
            p.0
        );
    }
});
