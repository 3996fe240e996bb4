//! Function prototypes, Lua closures, native closures and upvalues.

use super::gc::{Gc, GcHeader, GcObject, Heap, Kind};
use super::string::LStr;
use super::value::{Args, NativeFn, Value};
use super::Vm;
use crate::vm::error::LResult;
use std::cell::Cell;
use std::rc::Rc;

/// Describes where a closure finds an upvalue when it is created.
#[derive(Clone, Debug)]
pub struct UpvalDesc {
    /// The upvalue name (for debug info and error messages).
    pub name: Option<Rc<str>>,
    /// True: a local of the enclosing function (register `index`);
    /// false: an upvalue of the enclosing function (upvalue `index`).
    pub in_stack: bool,
    /// Register or upvalue index.
    pub index: u8,
    /// Variable kind of the captured local (0 regular, 1 const, 2 to-be-closed, 3 compile-time const).
    pub kind: u8,
}

/// Debug info: a local variable's name and the pc range where it is active.
#[derive(Clone, Debug)]
pub struct LocVar {
    /// The name.
    pub name: Rc<str>,
    /// First pc where the variable is active.
    pub start_pc: u32,
    /// First pc where the variable is dead.
    pub end_pc: u32,
}

/// A compiled function.
#[repr(C)]
pub struct Proto {
    hdr: GcHeader,
    /// Number of fixed parameters.
    pub numparams: u8,
    /// Whether the function is variadic.
    pub is_vararg: bool,
    /// Number of registers needed.
    pub maxstack: u8,
    /// Instructions.
    /// (this field, `k` and the three above share the first cache line with
    /// the header: a call reads all of them)
    pub code: Box<[u32]>,
    /// Constants.
    pub k: Box<[Value]>,
    /// Machine code and tiering counters (see `jit`; its entry pointer is
    /// read on every call, so it shares the first cache line too).
    pub(crate) jit: crate::jit::ProtoJit,
    /// Nested prototypes.
    pub protos: Box<[Gc<Proto>]>,
    /// Upvalue descriptors.
    pub upvals: Box<[UpvalDesc]>,
    /// Source line of each instruction.
    pub lineinfo: Box<[u32]>,
    /// Local variable debug info.
    pub locvars: Box<[LocVar]>,
    /// Chunk name (`@file`, `=name` or source text).
    pub source: Rc<[u8]>,
    /// Line where the function was defined (0 for the main chunk).
    pub linedefined: u32,
    /// Line where the definition ends.
    pub lastlinedefined: u32,
}

// SAFETY: `Proto` is `#[repr(C)]` with the header first.
unsafe impl GcObject for Proto {
    const KIND: Kind = Kind::Proto;
}

/// Everything a prototype holds, before it becomes a heap object.
#[derive(Default)]
pub struct ProtoParts {
    pub code: Vec<u32>,
    pub k: Vec<Value>,
    pub protos: Vec<Gc<Proto>>,
    pub upvals: Vec<UpvalDesc>,
    pub lineinfo: Vec<u32>,
    pub locvars: Vec<LocVar>,
    pub source: Option<Rc<[u8]>>,
    pub linedefined: u32,
    pub lastlinedefined: u32,
    pub numparams: u8,
    pub is_vararg: bool,
    pub maxstack: u8,
}

impl Proto {
    pub(crate) fn new(p: ProtoParts) -> Proto {
        Proto {
            hdr: GcHeader::new(Kind::Proto),
            code: p.code.into_boxed_slice(),
            k: p.k.into_boxed_slice(),
            protos: p.protos.into_boxed_slice(),
            upvals: p.upvals.into_boxed_slice(),
            lineinfo: p.lineinfo.into_boxed_slice(),
            locvars: p.locvars.into_boxed_slice(),
            source: p.source.unwrap_or_else(|| Rc::from(&b"?"[..])),
            linedefined: p.linedefined,
            lastlinedefined: p.lastlinedefined,
            numparams: p.numparams,
            is_vararg: p.is_vararg,
            maxstack: p.maxstack,
            jit: crate::jit::ProtoJit::default(),
        }
    }

    /// Approximate bytes owned.
    pub(crate) fn extra_bytes(&self) -> usize {
        self.code.len() * 4
            + self.k.len() * 16
            + self.protos.len() * 8
            + self.lineinfo.len() * 4
            + self.locvars.len() * 32
            + self.upvals.len() * 32
    }

    /// The line of instruction `pc`, or 0.
    pub fn line_at(&self, pc: usize) -> u32 {
        self.lineinfo.get(pc).copied().unwrap_or(0)
    }

    /// Name of the `n`-th (1-based) local variable active at `pc`.
    pub fn local_name(&self, n: usize, pc: usize) -> Option<&Rc<str>> {
        let mut n = n;
        for lv in self.locvars.iter() {
            if lv.start_pc as usize > pc {
                break;
            }
            if pc < lv.end_pc as usize {
                n -= 1;
                if n == 0 {
                    return Some(&lv.name);
                }
            }
        }
        None
    }
}

/// An upvalue: a variable captured by a closure. While the variable's function is
/// active the upvalue is *open* and points at the stack slot; when it goes out of
/// scope the value is copied into the upvalue (*closed*).
#[repr(C)]
pub struct UpVal {
    hdr: GcHeader,
    /// Points at the stack slot (open) or at `closed`.
    pub(crate) v: Cell<*mut Value>,
    pub(crate) closed: Cell<Value>,
    /// Stack index while open.
    pub(crate) level: Cell<usize>,
    pub(crate) open: Cell<bool>,
}

// SAFETY: `UpVal` is `#[repr(C)]` with the header first.
unsafe impl GcObject for UpVal {
    const KIND: Kind = Kind::UpVal;
}

impl UpVal {
    pub(crate) fn new_closed(v: Value) -> UpVal {
        UpVal {
            hdr: GcHeader::new(Kind::UpVal),
            v: Cell::new(std::ptr::null_mut()),
            closed: Cell::new(v),
            level: Cell::new(0),
            open: Cell::new(false),
        }
    }

    pub(crate) fn new_open(slot: *mut Value, level: usize) -> UpVal {
        UpVal {
            hdr: GcHeader::new(Kind::UpVal),
            v: Cell::new(slot),
            closed: Cell::new(Value::Nil),
            level: Cell::new(level),
            open: Cell::new(true),
        }
    }

    /// Point a closed upvalue at its own `closed` cell (once it sits at
    /// its final address, in the heap).
    pub(crate) fn fix_closed(&self) {
        if !self.open.get() {
            self.v.set(self.closed.as_ptr());
        }
    }

    /// Read the value.
    #[inline(always)]
    pub fn get(&self) -> Value {
        // SAFETY: `v` always points to the value: into the owning thread's
        // stack while open (the VM re-points it whenever that stack is
        // reallocated, and closes the upvalue before the slot goes out of
        // use), to this object's own `closed` cell once closed (heap objects
        // never move; `fix_closed` and `close` set it).
        unsafe { *self.v.get() }
    }

    /// Write the value.
    #[inline(always)]
    pub fn set(&self, heap: &Heap, v: Value) {
        if !self.open.get() {
            heap.barrier(&self.hdr);
        }
        // SAFETY: as in `get`.
        unsafe { *self.v.get() = v }
    }

    /// Close: copy the stack value in.
    pub(crate) fn close(&self, heap: &Heap) {
        heap.barrier(&self.hdr);
        let v = self.get();
        self.closed.set(v);
        self.open.set(false);
        self.v.set(self.closed.as_ptr());
    }
}

/// A Lua function: a prototype plus its upvalues.
#[repr(C)]
pub struct LuaClosure {
    hdr: GcHeader,
    /// The prototype.
    pub proto: Gc<Proto>,
    /// Captured variables.
    pub upvals: Box<[Cell<Gc<UpVal>>]>,
}

// SAFETY: `LuaClosure` is `#[repr(C)]` with the header first.
unsafe impl GcObject for LuaClosure {
    const KIND: Kind = Kind::LuaClosure;
}

impl LuaClosure {
    pub(crate) fn new(proto: Gc<Proto>, upvals: Vec<Gc<UpVal>>) -> LuaClosure {
        LuaClosure {
            hdr: GcHeader::new(Kind::LuaClosure),
            proto,
            upvals: upvals.into_iter().map(Cell::new).collect(),
        }
    }
}

/// A boxed Rust closure callable from Lua.
pub type BoxedNative = Box<dyn Fn(&mut Vm, Args) -> LResult<usize>>;

/// The code of a native closure.
pub enum NativeCode {
    /// A plain function pointer.
    Fn(NativeFn),
    /// A Rust closure.
    Boxed(BoxedNative),
}

/// A native function with upvalues, or a Rust closure.
#[repr(C)]
pub struct NativeClosure {
    hdr: GcHeader,
    /// The code.
    pub code: NativeCode,
    /// Upvalues (Lua values the function keeps).
    pub upvals: Box<[Cell<Value>]>,
    /// Name for tracebacks and error messages, if any.
    pub name: Option<Gc<LStr>>,
}

// SAFETY: `NativeClosure` is `#[repr(C)]` with the header first.
unsafe impl GcObject for NativeClosure {
    const KIND: Kind = Kind::NativeClosure;
}

impl NativeClosure {
    pub(crate) fn new(code: NativeCode, upvals: Vec<Value>) -> NativeClosure {
        NativeClosure {
            hdr: GcHeader::new(Kind::NativeClosure),
            code,
            upvals: upvals.into_iter().map(Cell::new).collect(),
            name: None,
        }
    }
}
