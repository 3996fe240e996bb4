//! Garbage-collected object headers, the `Gc` handle, the heap's object lists
//! and the write barrier.
//!
//! Every collectable object is a `#[repr(C)]` struct whose first field is a
//! [`GcHeader`]. Objects are allocated individually and never move. New
//! objects are linked into the *young* list; a collection moves the ones that
//! survive to the *old* list. The collector (`collect.rs`) marks from the
//! roots and frees what it did not reach.
//!
//! Marks are sticky: an object is marked when its `marked` byte equals the
//! heap's `epoch`, and old objects keep their mark between collections, so
//! every old object counts as marked. A minor collection therefore traverses
//! and sweeps young objects only; a major one flips `epoch` (unmarking
//! everything at once) and traverses and sweeps the whole heap. A young
//! object becomes old when it survives its second minor collection (after
//! the first it is flagged `FLAG_SURVIVED` and stays young), so objects that
//! merely happen to be alive during one collection are not promoted.
//!
//! An old object that is given a reference (a table store, an upvalue write,
//! a new metatable) goes through [`Heap::barrier`], which records it so that
//! the next minor collection traverses it again (it may now point to young
//! objects). Objects remembered by one minor collection, and those it made
//! old, are traversed by the next one too: they may point to objects that
//! survived without becoming old.
//!
//! Collection only happens at explicit check points where every live
//! reference is stored in a root (a VM stack slot, the registry, a table,
//! ...), never in a Rust local that the collector cannot see; this is what
//! makes `Gc` dereferences sound.

use std::cell::Cell;
use std::marker::PhantomData;
use std::ops::Deref;
use std::ptr::NonNull;

/// The kind of a collectable object.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
#[repr(u8)]
pub enum Kind {
    Str,
    Table,
    LuaClosure,
    NativeClosure,
    UserData,
    Thread,
    Proto,
    UpVal,
}

/// Object flag: the object has a `__gc` metamethod and is not yet finalized.
pub const FLAG_FINALIZABLE: u8 = 1;
/// Object flag: an old object written to since the last collection (it is
/// in the heap's remembered list).
pub const FLAG_TOUCHED: u8 = 2;
/// Object flag: a young object that survived one minor collection (the
/// next one it survives makes it old).
pub const FLAG_SURVIVED: u8 = 4;
/// `GcHeader::marked` of an object allocated since the last collection: it
/// equals neither epoch, so the object is unmarked in minor and major
/// collections alike.
pub const YOUNG: u8 = 2;

/// The common header of all collectable objects.
#[repr(C)]
pub struct GcHeader {
    pub(crate) next: Cell<Option<NonNull<GcHeader>>>,
    pub(crate) kind: Kind,
    /// Mark state: the heap's `epoch` (0 or 1) when marked, `YOUNG` for an
    /// object not yet seen by any collection.
    pub(crate) marked: Cell<u8>,
    pub(crate) flags: Cell<u8>,
}

impl GcHeader {
    pub(crate) fn new(kind: Kind) -> GcHeader {
        GcHeader {
            next: Cell::new(None),
            kind,
            marked: Cell::new(YOUNG),
            flags: Cell::new(0),
        }
    }
}

/// Implemented by every collectable object type.
///
/// # Safety
/// The implementing type must be `#[repr(C)]` with a `GcHeader` as its first field,
/// so that a pointer to the object is also a valid pointer to its header.
pub unsafe trait GcObject {
    /// The kind stored in the header of objects of this type.
    const KIND: Kind;
}

/// A reference to a collectable object. Copyable; equality is identity.
#[repr(transparent)]
pub struct Gc<T> {
    ptr: NonNull<T>,
    _marker: PhantomData<*const T>,
}

impl<T> Clone for Gc<T> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<T> Copy for Gc<T> {}
impl<T> PartialEq for Gc<T> {
    fn eq(&self, other: &Self) -> bool {
        self.ptr == other.ptr
    }
}
impl<T> Eq for Gc<T> {}
impl<T> std::hash::Hash for Gc<T> {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.ptr.hash(state)
    }
}
impl<T> std::fmt::Debug for Gc<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Gc({:p})", self.ptr)
    }
}

impl<T> Gc<T> {
    /// Wrap a raw object pointer.
    ///
    /// # Safety
    /// `ptr` must point to a live object allocated by the heap.
    pub(crate) unsafe fn from_raw(ptr: NonNull<T>) -> Gc<T> {
        Gc {
            ptr,
            _marker: PhantomData,
        }
    }

    /// The raw pointer.
    #[inline(always)]
    pub fn as_ptr(self) -> *mut T {
        self.ptr.as_ptr()
    }
}

impl<T: GcObject> Gc<T> {
    /// The object's header.
    #[inline(always)]
    pub(crate) fn header(&self) -> &GcHeader {
        // SAFETY: `T: GcObject` guarantees the header is the first field of a
        // `#[repr(C)]` struct, and the object is live (see the module docs).
        unsafe { &*(self.ptr.as_ptr() as *const GcHeader) }
    }

    /// The header pointer, for the heap's lists.
    pub(crate) fn header_ptr(self) -> NonNull<GcHeader> {
        self.ptr.cast()
    }
}

impl<T> Deref for Gc<T> {
    type Target = T;
    #[inline(always)]
    fn deref(&self) -> &T {
        // SAFETY: a `Gc` is only created for live heap objects, and the collector
        // frees an object only when no root reaches it; the VM keeps every `Gc` it
        // still uses reachable from a root across collection points.
        unsafe { self.ptr.as_ref() }
    }
}

/// The object lists plus allocation accounting.
pub struct Heap {
    /// Objects allocated since the last collection (young).
    pub(crate) all: Cell<Option<NonNull<GcHeader>>>,
    /// Objects that survived a collection (old).
    pub(crate) old: Cell<Option<NonNull<GcHeader>>>,
    /// The value of `GcHeader::marked` that means "marked" (old objects
    /// carry it between collections); flipped by every major collection.
    pub(crate) epoch: Cell<u8>,
    /// Old objects written to since the last collection.
    pub(crate) remembered: std::cell::RefCell<Vec<NonNull<GcHeader>>>,
    /// Old objects the next minor collection traverses again: those just
    /// made old and those remembered by the last one (they may point to
    /// objects that survived it without becoming old).
    pub(crate) recheck: std::cell::RefCell<Vec<NonNull<GcHeader>>>,
    /// Bytes currently allocated (estimate of what objects own).
    pub(crate) bytes: Cell<usize>,
    /// Collect when `bytes` reaches this.
    pub(crate) threshold: Cell<usize>,
    /// Number of objects in `all`.
    pub(crate) count: Cell<usize>,
    /// Most bytes the heap may hold; beyond it allocations are refused and
    /// the VM raises "not enough memory" (instead of the process aborting).
    pub(crate) limit: Cell<usize>,
    /// An allocation was refused since the VM last looked.
    pub(crate) oom: Cell<bool>,
    /// Freed tables and table parts for reuse.
    pub(crate) pool: std::cell::RefCell<super::pool::TablePool>,
}

impl Heap {
    pub(crate) fn new() -> Heap {
        Heap {
            all: Cell::new(None),
            old: Cell::new(None),
            epoch: Cell::new(0),
            remembered: std::cell::RefCell::new(Vec::new()),
            recheck: std::cell::RefCell::new(Vec::new()),
            bytes: Cell::new(0),
            threshold: Cell::new(1 << 20),
            count: Cell::new(0),
            limit: Cell::new(usize::MAX),
            oom: Cell::new(false),
            pool: std::cell::RefCell::new(super::pool::TablePool::new()),
        }
    }

    /// Account for `n` more bytes owned by existing objects.
    /// May `n` more bytes be allocated? Records a refusal in `oom`.
    #[inline]
    pub(crate) fn reserve(&self, n: usize) -> bool {
        if self.bytes.get().saturating_add(n) > self.limit.get() {
            self.oom.set(true);
            false
        } else {
            true
        }
    }

    #[inline]
    pub(crate) fn grow(&self, n: usize) {
        self.bytes.set(self.bytes.get() + n);
    }

    /// Account for `n` fewer bytes.
    #[inline]
    pub(crate) fn shrink(&self, n: usize) {
        self.bytes.set(self.bytes.get().saturating_sub(n));
    }

    /// True when a collection is due.
    #[inline(always)]
    pub(crate) fn due(&self) -> bool {
        self.bytes.get() >= self.threshold.get()
    }

    /// The write barrier: call before storing a reference into the object
    /// with header `h`. An old object is remembered (once per collection
    /// cycle) so that the next minor collection traverses it.
    #[inline(always)]
    pub(crate) fn barrier(&self, h: &GcHeader) {
        if h.marked.get() == self.epoch.get() && h.flags.get() & FLAG_TOUCHED == 0 {
            self.remember(h);
        }
    }

    #[cold]
    #[inline(never)]
    fn remember(&self, h: &GcHeader) {
        h.flags.set(h.flags.get() | FLAG_TOUCHED);
        self.remembered.borrow_mut().push(NonNull::from(h));
    }

    /// Link a freshly allocated object into the young list.
    pub(crate) fn link(&self, hdr: NonNull<GcHeader>, size: usize) {
        // SAFETY: `hdr` points to the header of an object that was just allocated
        // and is not yet linked anywhere.
        let h = unsafe { hdr.as_ref() };
        h.marked.set(YOUNG);
        h.next.set(self.all.get());
        self.all.set(Some(hdr));
        self.count.set(self.count.get() + 1);
        self.grow(size);
    }

    /// Allocate a boxed object and link it.
    pub(crate) fn alloc<T: GcObject>(&self, obj: T, extra: usize) -> Gc<T> {
        self.adopt(Box::new(obj), extra)
    }

    /// Link an already boxed object into the heap.
    pub(crate) fn adopt<T: GcObject>(&self, b: Box<T>, extra: usize) -> Gc<T> {
        let ptr = NonNull::from(Box::leak(b));
        // SAFETY: the pointer comes from a fresh Box, so it is a live object.
        let gc = unsafe { Gc::from_raw(ptr) };
        self.link(gc.header_ptr(), std::mem::size_of::<T>() + extra);
        gc
    }
}
