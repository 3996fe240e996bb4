//! The standard libraries.

pub mod base;
pub mod coroutine;
pub mod debug;
pub mod io;
pub mod lstring;
pub mod math;
pub mod os;
pub mod package;
pub mod table;
pub mod utf8;

use crate::vm::{NativeFn, Value, Vm};

/// Register a library table `name` with functions `funcs` in the globals and in
/// `package.loaded`. Returns the table.
pub fn register_lib(
    vm: &mut Vm,
    name: &str,
    funcs: &[(&str, NativeFn)],
) -> crate::vm::gc::Gc<crate::vm::table::Table> {
    let t = vm.new_table_sized(0, funcs.len());
    for (n, f) in funcs {
        vm.set_field(t, n, Value::NativeFn(*f));
    }
    vm.set_global(name, Value::Table(t));
    set_loaded(vm, name, Value::Table(t));
    t
}

/// `package.loaded[name] = v`.
pub fn set_loaded(vm: &mut Vm, name: &str, v: Value) {
    let reg = vm.registry();
    let loaded = match vm.get_field(reg, "_LOADED") {
        Value::Table(t) => t,
        _ => {
            let t = vm.new_table();
            vm.set_field(reg, "_LOADED", Value::Table(t));
            t
        }
    };
    vm.set_field(loaded, name, v);
}

/// Open every standard library.
pub fn open_all(vm: &mut Vm) {
    base::open(vm);
    coroutine::open(vm);
    io::open(vm);
    os::open(vm);
    lstring::open(vm);
    package::open(vm);
    debug::open(vm);
    table::open(vm);
    math::open(vm);
    utf8::open(vm);
}
