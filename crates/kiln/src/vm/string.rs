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
    /// next string in the same bucket of the string table
    hnext: Cell<Option<NonNull<LStr>>>,
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
                hnext: Cell::new(None),
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

/// The intern table for short strings: buckets chained through `LStr::hnext`.
pub struct StringTable {
    buckets: Vec<Option<NonNull<LStr>>>,
    count: usize,
}

impl StringTable {
    pub(crate) fn new() -> StringTable {
        StringTable {
            buckets: vec![None; 256],
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
        let mask = self.buckets.len() - 1;
        let mut cur = self.buckets[h as usize & mask];
        while let Some(p) = cur {
            // SAFETY: strings in the table are live: the collector removes a string
            // from the table before freeing it (`sweep_dead`).
            let s = unsafe { p.as_ref() };
            if s.hash.get() == h && s.as_bytes() == bytes {
                // SAFETY: live (see above).
                return unsafe { Gc::from_raw(p) };
            }
            cur = s.hnext.get();
        }
        // (past the memory limit the chains just get longer)
        if self.count >= self.buckets.len() && heap.reserve(self.buckets.len() * 16) {
            self.resize(self.buckets.len() * 2);
        }
        let mask = self.buckets.len() - 1;
        let p = LStr::alloc_raw(bytes, true, h);
        let idx = h as usize & mask;
        // SAFETY: fresh allocation.
        unsafe { p.as_ref() }.hnext.set(self.buckets[idx]);
        self.buckets[idx] = Some(p);
        self.count += 1;
        // SAFETY: fresh live allocation.
        let s = unsafe { Gc::from_raw(p) };
        heap.link(s.header_ptr(), LStr::alloc_size(bytes.len()));
        s
    }

    fn resize(&mut self, n: usize) {
        let mut nb: Vec<Option<NonNull<LStr>>> = vec![None; n];
        for b in self.buckets.iter() {
            let mut cur = *b;
            while let Some(p) = cur {
                // SAFETY: strings in the table are live.
                let s = unsafe { p.as_ref() };
                cur = s.hnext.get();
                let idx = s.hash.get() as usize & (n - 1);
                s.hnext.set(nb[idx]);
                nb[idx] = Some(p);
            }
        }
        self.buckets = nb;
    }

    /// Unlink string `s` (about to be freed) from the table.
    pub(crate) fn remove(&mut self, s: Gc<LStr>) {
        if !s.is_short() || self.buckets.is_empty() {
            return;
        }
        let idx = s.hash.get() as usize & (self.buckets.len() - 1);
        let target = NonNull::from(&*s);
        let mut prev: Option<NonNull<LStr>> = None;
        let mut cur = self.buckets[idx];
        while let Some(p) = cur {
            // SAFETY: strings in the table are live.
            let next = unsafe { p.as_ref() }.hnext.get();
            if p == target {
                match prev {
                    // SAFETY: `q` is a live string earlier in this chain.
                    Some(q) => unsafe { q.as_ref() }.hnext.set(next),
                    None => self.buckets[idx] = next,
                }
                self.count -= 1;
                return;
            }
            prev = Some(p);
            cur = next;
        }
    }

    /// Remove every string that the collector did not mark (`epoch`: the
    /// mark value; called before sweeping).
    pub(crate) fn remove_unmarked(&mut self, epoch: u8) {
        for b in self.buckets.iter_mut() {
            let mut prev: Option<NonNull<LStr>> = None;
            let mut cur = *b;
            while let Some(p) = cur {
                // SAFETY: strings in the table are live until this sweep frees them.
                let s = unsafe { p.as_ref() };
                let next = s.hnext.get();
                if s.hdr.marked.get() != epoch {
                    match prev {
                        // SAFETY: `q` is a live string earlier in this chain.
                        Some(q) => unsafe { q.as_ref() }.hnext.set(next),
                        None => *b = next,
                    }
                    self.count -= 1;
                } else {
                    prev = Some(p);
                }
                cur = next;
            }
        }
        if self.buckets.len() > 256 && self.count < self.buckets.len() / 4 {
            self.resize(self.buckets.len() / 2);
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
