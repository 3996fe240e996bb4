//! Arbitrary and mutated binary chunks given to load(..., "b"): rejected or
//! run safely, never a crash or hang.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    kiln_fuzz::binary::run(data);
});
