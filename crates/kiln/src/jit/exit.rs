//! The exit protocol between machine code and the interpreter.
//!
//! A compiled function returns one 64-bit word: the pc of the instruction
//! the interpreter must take over at (low 32 bits) and why (high 32 bits).
//! Values never need writing back: compiled code keeps every register in its
//! VM stack slot, so the frame is exactly as the interpreter would have left
//! it before that instruction.

/// Run the instruction at `pc` in the interpreter, then come back.
pub(crate) const STEP: u32 = 0;
/// The instruction at `pc` stored into a table and the heap went past its
/// limit: raise "not enough memory" there.
pub(crate) const OOM: u32 = 1;
/// The frame returned to its caller, which is compiled code that is not
/// running (the frame was re-entered after an exit): the trampoline
/// continues with the caller.
pub(crate) const RETURNED: u32 = 2;
/// A call made at `pc` raised the error in `Vm::exit_err` (the frame's pc
/// was saved by the helper).
pub(crate) const ERROR: u32 = 3;
/// A call made at `pc` pushed a frame the trampoline must run (a Lua
/// iterator, a `pcall` continuation, a coroutine switch).
pub(crate) const FRAME: u32 = 4;
/// The instruction at `pc` completed and the frame's pc is saved past it:
/// the interpreter goes on from there.
pub(crate) const AFTER: u32 = 5;
/// (between the `step` helper and machine code only) the interpreter ran
/// the instruction and the frame goes on at `pc`.
pub(crate) const CONTINUE: u32 = 6;
/// The instruction ended the interpreter's run (returned from its entry
/// frame).
pub(crate) const DONE: u32 = 7;

/// Pack an exit word.
pub(crate) fn word(pc: u32, reason: u32) -> u64 {
    ((reason as u64) << 32) | pc as u64
}

/// Unpack an exit word into `(pc, reason)`.
pub(crate) fn unpack(w: u64) -> (usize, u32) {
    ((w & 0xffff_ffff) as usize, (w >> 32) as u32)
}
