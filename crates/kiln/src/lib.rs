//! Kiln: a Lua 5.4 runtime.
//!
//! Source text is compiled to register bytecode (`compiler`, `bytecode`) and
//! run by the interpreter in `vm`; `stdlib` holds the standard libraries.
//!
//! ```
//! let mut lua = kiln::Lua::new();
//! lua.exec("x = 6 * 7").unwrap();
//! assert_eq!(lua.eval_int("return x").unwrap(), 42);
//! ```

#![deny(clippy::undocumented_unsafe_blocks)]

pub mod api;
pub mod bytecode;
pub mod compiler;
pub mod jit;
pub mod number;
pub mod stdlib;
pub mod syntax;
pub mod vm;

pub use api::{Error, Lua};

/// The C library's text for an I/O error (`strerror`), as Lua prints it.
pub fn errno_text(e: &std::io::Error) -> String {
    match e.raw_os_error() {
        Some(code) => {
            // SAFETY: strerror returns a pointer to a static (or thread-local)
            // NUL-terminated string.
            let p = unsafe { libc::strerror(code) };
            if p.is_null() {
                return e.to_string();
            }
            // SAFETY: `p` is a valid C string (see above).
            unsafe { std::ffi::CStr::from_ptr(p) }
                .to_string_lossy()
                .into_owned()
        }
        None => e.to_string(),
    }
}
