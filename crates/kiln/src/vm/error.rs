//! Errors while running Lua code.
//!
//! Inside the VM an error is a Lua value in flight (`LuaError::Error`); a
//! coroutine yield travels the same way (`LuaError::Yield`) because both leave
//! the current native call early. The public embedding API converts these into
//! [`crate::Error`].

use super::value::Value;

/// Why a VM operation did not complete.
#[derive(Clone, Copy, Debug)]
pub enum LuaError {
    /// A Lua error carrying its error object.
    Error(Value),
    /// The running coroutine yields; the yielded values are at the top of its stack.
    Yield(usize),
}

/// Result of VM operations.
pub type LResult<T> = Result<T, LuaError>;
