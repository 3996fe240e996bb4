//! Lua strings: immutable byte strings stored inline after their header.
//!
//! Short strings (up to [`MAX_SHORT`] bytes) are interned in the [`StringTable`], so
//! two short strings are equal exactly when they are the same object. Long strings are
//! not interned; their hash is computed when first needed.

use super::gc::{Gc, GcHeader, GcObject, Heap, Kind};
use std::alloc::Layout;
use std::cell::Cell;
use std::ptr::NonNull;

/// Longest string that is interned.
pub const MAX_SHORT: usize = 40;

/// A string object; its bytes follow the struct in the same allocation.
#[repr(C)]
pub struct LStr {
    hdr: GcHeader,
    hash: Cell<u32>,
    /// 1 = short (interned), 0 = long
    short: bool,
    /// for long strings: whether `hash` is valid
    hashed: Cell<bool>,
    len: usize,
}

// SAFETY: `LStr` is `#[repr(C)]` with the header first.
unsafe impl GcObject for LStr {
    const KIND: Kind = Kind::Str;
}

/// Hash of a byte string (word at a time; not cryptographic).
#[inline]
pub fn hash_bytes(b: &[u8]) -> u32 {
    const K: u64 = 0x517c_c1b7_2722_0a95;
    let mut h: u64 = 0x9e37_79b9_7f4a_7c15 ^ (b.len() as u64);
    let mut chunks = b.chunks_exact(8);
    for c in &mut chunks {
        let w = u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]);
        h = (h.rotate_left(5) ^ w).wrapping_mul(K);
    }
    let rem = chunks.remainder();
    if !rem.is_empty() {
        let mut buf = [0u8; 8];
        buf[..rem.len()].copy_from_slice(rem);
        h = (h.rotate_left(5) ^ u64::from_le_bytes(buf)).wrapping_mul(K);
    }
    (h ^ (h >> 29) ^ (h >> 43)) as u32
}

impl LStr {
    fn layout(len: usize) -> Layout {
        Layout::from_size_align(
            std::mem::size_of::<LStr>() + len,
            std::mem::align_of::<LStr>(),
        )
        .expect("string too large")
    }

    /// The allocation size of a string of `len` bytes.
    pub(crate) fn alloc_size(len: usize) -> usize {
        std::mem::size_of::<LStr>() + len
    }

    /// Length in bytes.
    #[inline(always)]
    pub fn len(&self) -> usize {
        self.len
    }

    /// True for the empty string.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The bytes.
    #[inline(always)]
    pub fn as_bytes(&self) -> &[u8] {
        // SAFETY: the allocation holds `len` initialized bytes right after the struct
        // (see `alloc`), and they are never mutated after creation.
        unsafe {
            let p = (self as *const LStr as *const u8).add(std::mem::size_of::<LStr>());
            std::slice::from_raw_parts(p, self.len)
        }
    }

    /// The bytes as UTF-8 text, if valid.
    pub fn to_str(&self) -> Option<&str> {
        std::str::from_utf8(self.as_bytes()).ok()
    }

    /// Whether this string is interned.
    #[inline(always)]
    pub fn is_short(&self) -> bool {
        self.short
    }

    /// The hash (computed on first use for long strings).
    #[inline(always)]
    pub fn hash(&self) -> u32 {
        if self.short || self.hashed.get() {
            self.hash.get()
        } else {
            let h = hash_bytes(self.as_bytes());
            self.hash.set(h);
            self.hashed.set(true);
            h
        }
    }

    /// Free a string allocation.
    ///
    /// # Safety
    /// `p` must be a string allocated by `alloc_raw` and not used afterwards.
    pub(crate) unsafe fn free(p: NonNull<LStr>) -> usize {
        // SAFETY: guaranteed by the caller.
        let len = unsafe { p.as_ref() }.len;
        // SAFETY: same layout as used for the allocation.
        unsafe { std::alloc::dealloc(p.as_ptr() as *mut u8, LStr::layout(len)) };
        LStr::alloc_size(len)
    }

    /// Allocate an unlinked string object.
    fn alloc_raw(bytes: &[u8], short: bool, hash: u32) -> NonNull<LStr> {
        let layout = LStr::layout(bytes.len());
        // SAFETY: the layout has non-zero size (the struct itself is non-empty).
        let p = unsafe { std::alloc::alloc(layout) } as *mut LStr;
        let Some(p) = NonNull::new(p) else {
            std::alloc::handle_alloc_error(layout)
        };
        // SAFETY: `p` is a fresh allocation large enough for the struct plus `len`
        // bytes; we initialize the struct and then copy the bytes behind it.
        unsafe {
            p.as_ptr().write(LStr {
                hdr: GcHeader::new(Kind::Str),
                hash: Cell::new(hash),
                short,
                hashed: Cell::new(short),
                len: bytes.len(),
            });
            let data = (p.as_ptr() as *mut u8).add(std::mem::size_of::<LStr>());
            std::ptr::copy_nonoverlapping(bytes.as_ptr(), data, bytes.len());
        }
        p
    }
}

impl Gc<LStr> {
    /// Content equality (for long strings; short strings compare by identity).
    #[inline]
    pub fn content_eq(&self, other: &Gc<LStr>) -> bool {
        if self.is_short() && other.is_short() {
            return false; // distinct interned strings
        }
        self.as_bytes() == other.as_bytes()
    }
}

/// A slot of the intern table: a string and its hash (`ptr` is `None` in
/// free slots).
#[derive(Clone, Copy)]
struct Slot {
    hash: u32,
    ptr: Option<NonNull<LStr>>,
}

const FREE: Slot = Slot { hash: 0, ptr: None };

/// The intern table for short strings: open addressing with linear probing.
/// Each slot keeps the string's hash beside its pointer, so a lookup reads
/// string contents only on a hash match (a miss usually touches one cache
/// line of the table and no string at all). At most three quarters of the
/// slots are used.
pub struct StringTable {
    slots: Vec<Slot>,
    count: usize,
}

impl StringTable {
    pub(crate) fn new() -> StringTable {
        StringTable {
            slots: vec![FREE; 512],
            count: 0,
        }
    }

    /// Find or create a string.
    pub(crate) fn intern(&mut self, heap: &Heap, bytes: &[u8]) -> Gc<LStr> {
        if bytes.len() > MAX_SHORT {
            if !heap.reserve(bytes.len().saturating_mul(2)) {
                // refused: the caller's VM raises "not enough memory" at its
                // next check; meanwhile hand out an empty string
                return self.intern(heap, b"");
            }
            let p = LStr::alloc_raw(bytes, false, 0);
            // SAFETY: fresh live allocation.
            let s = unsafe { Gc::from_raw(p) };
            heap.link(s.header_ptr(), LStr::alloc_size(bytes.len()));
            return s;
        }
        let h = hash_bytes(bytes);
        let mask = self.slots.len() - 1;
        let mut i = h as usize & mask;
        loop {
            let slot = self.slots[i];
            let Some(p) = slot.ptr else { break };
            if slot.hash == h {
                // SAFETY: strings in the table are live: the collector removes
                // a string from the table before freeing it.
                let s = unsafe { p.as_ref() };
                if s.as_bytes() == bytes {
                    // SAFETY: live (see above).
                    return unsafe { Gc::from_raw(p) };
                }
            }
            i = (i + 1) & mask;
        }
        let p = LStr::alloc_raw(bytes, true, h);
        self.slots[i] = Slot {
            hash: h,
            ptr: Some(p),
        };
        self.count += 1;
        // (past the memory limit the table just gets fuller)
        if self.count * 4 > self.slots.len() * 3 && heap.reserve(self.slots.len() * 16) {
            self.resize(self.slots.len() * 2);
        }
        // SAFETY: fresh live allocation.
        let s = unsafe { Gc::from_raw(p) };
        heap.link(s.header_ptr(), LStr::alloc_size(bytes.len()));
        s
    }

    /// Rebuild with `n` slots (a power of two), keeping the strings for which
    /// `keep` holds.
    fn rebuild(&mut self, n: usize, keep: impl Fn(&LStr) -> bool) {
        let old = std::mem::replace(&mut self.slots, vec![FREE; n]);
        self.count = 0;
        let mask = n - 1;
        for slot in old {
            let Some(p) = slot.ptr else { continue };
            // SAFETY: strings in the table are live.
            if !keep(unsafe { p.as_ref() }) {
                continue;
            }
            let mut i = slot.hash as usize & mask;
            while self.slots[i].ptr.is_some() {
                i = (i + 1) & mask;
            }
            self.slots[i] = slot;
            self.count += 1;
        }
    }

    fn resize(&mut self, n: usize) {
        self.rebuild(n, |_| true);
    }

    /// Unlink string `s` (about to be freed) from the table.
    pub(crate) fn remove(&mut self, s: Gc<LStr>) {
        if !s.is_short() {
            return;
        }
        let target = NonNull::from(&*s);
        let mask = self.slots.len() - 1;
        let mut i = s.hash.get() as usize & mask;
        loop {
            match self.slots[i].ptr {
                None => return,
                Some(p) if p == target => break,
                Some(_) => i = (i + 1) & mask,
            }
        }
        // backward-shift deletion: move later members of the probe run into
        // the hole when their home position allows it
        let mut hole = i;
        let mut j = (i + 1) & mask;
        while self.slots[j].ptr.is_some() {
            let home = self.slots[j].hash as usize & mask;
            // can slot j move to `hole`? (its home is not cyclically in (hole, j])
            let dist_home = j.wrapping_sub(home) & mask;
            let dist_hole = j.wrapping_sub(hole) & mask;
            if dist_home >= dist_hole {
                self.slots[hole] = self.slots[j];
                hole = j;
            }
            j = (j + 1) & mask;
        }
        self.slots[hole] = FREE;
        self.count -= 1;
    }

    /// Remove every string that the collector did not mark (`epoch`: the
    /// mark value; called before sweeping).
    pub(crate) fn remove_unmarked(&mut self, epoch: u8) {
        self.rebuild(self.slots.len(), |s| s.hdr.marked.get() == epoch);
        let mut n = self.slots.len();
        while n > 512 && self.count * 8 < n {
            n /= 2;
        }
        if n != self.slots.len() {
            self.resize(n);
        }
    }

    /// Number of interned strings.
    pub fn len(&self) -> usize {
        self.count
    }

    /// No interned strings?
    pub fn is_empty(&self) -> bool {
        self.count == 0
    }
}
