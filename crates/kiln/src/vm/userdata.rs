//! Full userdata: a block of Rust data with a metatable and user values.

use super::gc::{Gc, GcHeader, GcObject, Heap, Kind};
use super::table::Table;
use super::value::Value;
use std::any::Any;
use std::cell::{Cell, RefCell};

/// A userdata object.
#[repr(C)]
pub struct UserData {
    hdr: GcHeader,
    pub(crate) metatable: Cell<Option<Gc<Table>>>,
    /// Lua values associated with the userdata (`debug.getuservalue`).
    pub(crate) user_values: Box<[Cell<Value>]>,
    /// The Rust payload.
    pub data: RefCell<Box<dyn Any>>,
}

// SAFETY: `UserData` is `#[repr(C)]` with the header first.
unsafe impl GcObject for UserData {
    const KIND: Kind = Kind::UserData;
}

impl UserData {
    pub(crate) fn new(data: Box<dyn Any>, nuv: usize) -> UserData {
        UserData {
            hdr: GcHeader::new(Kind::UserData),
            metatable: Cell::new(None),
            user_values: (0..nuv).map(|_| Cell::new(Value::Nil)).collect(),
            data: RefCell::new(data),
        }
    }

    /// The metatable.
    pub fn metatable(&self) -> Option<Gc<Table>> {
        self.metatable.get()
    }

    /// Replace the metatable.
    pub fn set_metatable(&self, heap: &Heap, mt: Option<Gc<Table>>) {
        heap.barrier(&self.hdr);
        self.metatable.set(mt)
    }
}
