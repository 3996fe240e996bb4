//! Generated Lua programs run by Kiln under an instruction and memory
//! budget: no panic, crash, hang, or error escaping the driver.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let p = kiln_fuzz::generate(data, kiln_fuzz::gen::Mode::Run);
    let d = kiln_fuzz::driver(&p.0, false);
    if let Err(e) = kiln_fuzz::run_kiln(&d) {
        panic!("{e}\n--- program\n{}", p.0);
    }
});
