//! Lua tables: an array part for keys 1..n and a hash part of chained nodes.
//!
//! The hash part is a closed table (all nodes in one allocation) whose collisions
//! are chained through a relative `next` offset; a key that collides with a node
//! sitting outside its own main position evicts that node to a free slot. The sizes
//! of the two parts are recomputed only when the hash part is full, choosing the
//! largest power of two `n` such that more than half of the slots `1..n` would be in
//! use. With the same hash functions for numbers and booleans as the reference
//! implementation, iteration order over non-string keys matches lua5.4's.

use super::gc::{Gc, GcHeader, GcObject, Heap, Kind};
use super::string::LStr;
use super::value::{tag, Value};
use std::cell::UnsafeCell;

/// Tag stored for a key whose object was collected (the entry is dead).
const DEADKEY: u8 = 12;
/// Largest power-of-two exponent for the array part.
const MAXABITS: usize = 31;

/// A node of the hash part.
#[derive(Clone, Copy)]
#[repr(C)]
pub(crate) struct Node {
    pub(crate) val: Value,
    key_tag: u8,
    next: i32,
    key_payload: u64,
}

pub(crate) const EMPTY_NODE: Node = Node {
    val: Value::Nil,
    key_tag: tag::NIL,
    next: 0,
    key_payload: 0,
};

/// Errors when storing a key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyError {
    /// `t[nil] = v`
    Nil,
    /// `t[0/0] = v`
    NaN,
}

impl KeyError {
    /// Lua's message.
    pub fn message(self) -> &'static str {
        match self {
            KeyError::Nil => "table index is nil",
            KeyError::NaN => "table index is NaN",
        }
    }
}

/// Key encoding: (tag, payload). The caller has normalized floats with integral values.
#[inline(always)]
fn encode_key(k: Value) -> (u8, u64) {
    match k {
        Value::Nil => (tag::NIL, 0),
        Value::Bool(b) => (tag::BOOL, b as u64),
        Value::Int(i) => (tag::INT, i as u64),
        Value::Float(f) => (tag::FLOAT, f.to_bits()),
        Value::Str(s) => (tag::STR, s.as_ptr() as u64),
        Value::Table(t) => (tag::TABLE, t.as_ptr() as u64),
        Value::LuaFn(c) => (tag::LUAFN, c.as_ptr() as u64),
        Value::NativeFn(f) => (tag::NATIVEFN, f as usize as u64),
        Value::NativeClosure(c) => (tag::NATIVECLOSURE, c.as_ptr() as u64),
        Value::UserData(u) => (tag::USERDATA, u.as_ptr() as u64),
        Value::LightUserData(p) => (tag::LIGHTUSERDATA, p as u64),
        Value::Thread(t) => (tag::THREAD, t.as_ptr() as u64),
    }
}

impl Node {
    #[inline(always)]
    fn key_is_nil(&self) -> bool {
        self.key_tag == tag::NIL
    }

    /// Rebuild the key as a value. Only valid for live (non-dead, non-nil) keys.
    fn key(&self) -> Value {
        let p = self.key_payload;
        // SAFETY: (for every pointer case below) a live key's payload is the address
        // of an object that this table keeps alive (live entries are marked by the
        // collector; entries whose key died become DEADKEY and are never rebuilt).
        unsafe {
            match self.key_tag {
                tag::BOOL => Value::Bool(p != 0),
                tag::INT => Value::Int(p as i64),
                tag::FLOAT => Value::Float(f64::from_bits(p)),
                tag::STR => Value::Str(Gc::from_raw(nonnull(p))),
                tag::TABLE => Value::Table(Gc::from_raw(nonnull(p))),
                tag::LUAFN => Value::LuaFn(Gc::from_raw(nonnull(p))),
                tag::NATIVEFN => Value::NativeFn(std::mem::transmute::<
                    usize,
                    super::value::NativeFn,
                >(p as usize)),
                tag::NATIVECLOSURE => Value::NativeClosure(Gc::from_raw(nonnull(p))),
                tag::USERDATA => Value::UserData(Gc::from_raw(nonnull(p))),
                tag::LIGHTUSERDATA => Value::LightUserData(p as usize),
                tag::THREAD => Value::Thread(Gc::from_raw(nonnull(p))),
                _ => Value::Nil,
            }
        }
    }

    #[inline(always)]
    fn key_is_collectable(&self) -> bool {
        matches!(
            self.key_tag,
            tag::STR | tag::TABLE | tag::LUAFN | tag::NATIVECLOSURE | tag::USERDATA | tag::THREAD
        )
    }
}

fn nonnull<T>(p: u64) -> std::ptr::NonNull<T> {
    std::ptr::NonNull::new(p as usize as *mut T).expect("null key pointer")
}

/// The mutable contents of a table.
pub(crate) struct TableInner {
    /// Cache of absent metamethods (bit i set: metamethod i is known to be absent).
    pub(crate) flags: u8,
    pub(crate) array: Box<[Value]>,
    pub(crate) node: Box<[Node]>,
    /// Free-slot search position in `node` (a node count: fits in 32 bits).
    lastfree: u32,
    pub(crate) metatable: Option<Gc<Table>>,
    /// The reference implementation's `alimit`: a hint for the length
    /// operator (only `length` reads it, so `#` gives the same borders as
    /// lua5.4 on tables with holes).
    /// (32 bits keep the table header small; arrays of 2^32 or more slots
    /// would need 64 GB, so the saturating store never matters.)
    alimit: std::cell::Cell<u32>,
}

/// A Lua table object.
#[repr(C)]
pub struct Table {
    hdr: GcHeader,
    inner: UnsafeCell<TableInner>,
}

// SAFETY: `Table` is `#[repr(C)]` with the header first.
unsafe impl GcObject for Table {
    const KIND: Kind = Kind::Table;
}

/// `x` as u32, saturating (see `TableInner::alimit`).
#[inline(always)]
fn sat32(x: usize) -> u32 {
    x.min(u32::MAX as usize) as u32
}

fn ceil_log2(x: usize) -> u32 {
    if x <= 1 {
        0
    } else {
        usize::BITS - (x - 1).leading_zeros()
    }
}

/// `frexp`-based float hash, the same as the reference implementation.
fn hash_float(n: f64) -> u32 {
    if !n.is_finite() {
        return 0;
    }
    let (m, e) = frexp(n);
    let m = m * 2147483648.0; // -(INT_MIN)
                              // m is in (-2^31, 2^31): truncation fits
    let ni = m as i64;
    let u = (e as u32).wrapping_add(ni as u32);
    if u <= i32::MAX as u32 {
        u
    } else {
        !u
    }
}

/// Split a finite float into a mantissa in [0.5, 1) (with sign) and a power of two.
pub(crate) fn frexp(x: f64) -> (f64, i32) {
    if x == 0.0 || !x.is_finite() {
        return (x, 0);
    }
    let bits = x.to_bits();
    let exp = ((bits >> 52) & 0x7ff) as i32;
    if exp == 0 {
        // subnormal: scale up
        let (m, e) = frexp(x * f64::from_bits(0x4350_0000_0000_0000)); // 2^54
        return (m, e - 54);
    }
    let e = exp - 1022;
    let m = f64::from_bits((bits & !(0x7ff << 52)) | (1022u64 << 52));
    (m, e)
}

impl TableInner {
    #[inline(always)]
    fn node_mask_mod(&self) -> u64 {
        // (an empty node vector gives a harmless divisor: lookups check
        // for it before using a position)
        (self.node.len() as u64).wrapping_sub(1) | 1
    }

    /// Main position of a key in the (non-empty) node vector.
    #[inline]
    fn main_position(&self, ktag: u8, payload: u64) -> usize {
        let size = self.node.len();
        debug_assert!(size > 0);
        match ktag {
            tag::STR => {
                // SAFETY: a string key is a live string (it is being looked up or stored).
                let s: &LStr = unsafe { &*(payload as usize as *const LStr) };
                s.hash() as usize & (size - 1)
            }
            tag::INT => {
                let ui = payload;
                (ui % self.node_mask_mod()) as usize
            }
            tag::BOOL => payload as usize & (size - 1),
            tag::FLOAT => {
                (hash_float(f64::from_bits(payload)) as u64 % self.node_mask_mod()) as usize
            }
            _ => ((payload & 0xffff_ffff) % self.node_mask_mod()) as usize,
        }
    }

    /// Find the node holding a key (encoded), if any. No calls and no
    /// panics (the interpreter's inline paths use it): every index is masked
    /// into the node vector, so the walk stays in bounds whatever the chain
    /// links hold, and the index returned is below `node.len()`.
    #[inline(always)]
    fn find_node(&self, ktag: u8, payload: u64) -> Option<usize> {
        if self.node.is_empty() {
            return None;
        }
        self.find_in_chain(self.main_position(ktag, payload), ktag, payload)
    }

    /// `find_node` from node `start` (the key's main position) of a
    /// non-empty node vector.
    #[inline(always)]
    fn find_in_chain(&self, start: usize, ktag: u8, payload: u64) -> Option<usize> {
        let mask = self.node.len() - 1;
        let mut i = start & mask;
        loop {
            // SAFETY: `i <= mask < node.len()`.
            let n = unsafe { self.node.get_unchecked(i) };
            if n.key_tag == ktag && n.key_payload == payload {
                return Some(i);
            }
            if n.next == 0 {
                return None;
            }
            i = (i as isize).wrapping_add(n.next as isize) as usize & mask;
        }
    }

    /// Find the node holding a long string key (compared by content).
    fn find_long_str(&self, s: Gc<LStr>) -> Option<usize> {
        if self.node.is_empty() {
            return None;
        }
        let mut i = self.main_position(tag::STR, s.as_ptr() as u64);
        loop {
            let n = &self.node[i];
            if n.key_tag == tag::STR {
                if n.key_payload == s.as_ptr() as u64 {
                    return Some(i);
                }
                // SAFETY: the node's key is a live string (STR tag, not DEADKEY).
                let ks: &LStr = unsafe { &*(n.key_payload as usize as *const LStr) };
                if !ks.is_short() && ks.as_bytes() == s.as_bytes() {
                    return Some(i);
                }
            }
            if n.next == 0 {
                return None;
            }
            i = (i as isize + n.next as isize) as usize;
        }
    }

    #[inline(always)]
    fn get_int(&self, k: i64) -> Value {
        let idx = (k as u64).wrapping_sub(1);
        if idx < self.array.len() as u64 {
            self.touch(idx as usize);
            return self.array[idx as usize];
        }
        match self.find_node(tag::INT, k as u64) {
            Some(i) => self.node[i].val,
            None => Value::Nil,
        }
    }

    #[inline(always)]
    fn get_str(&self, s: Gc<LStr>) -> Value {
        let found = if s.is_short() {
            self.find_node(tag::STR, s.as_ptr() as u64)
        } else {
            self.find_long_str(s)
        };
        match found {
            Some(i) => self.node[i].val,
            None => Value::Nil,
        }
    }

    fn get(&self, k: Value) -> Value {
        match k {
            Value::Nil => Value::Nil,
            Value::Int(i) => self.get_int(i),
            Value::Str(s) => self.get_str(s),
            Value::Float(f) => match crate::number::float_to_int_exact(f) {
                Some(i) => self.get_int(i),
                None => {
                    if f.is_nan() {
                        return Value::Nil;
                    }
                    let (t, p) = encode_key(k);
                    self.find_node(t, p)
                        .map_or(Value::Nil, |i| self.node[i].val)
                }
            },
            _ => {
                let (t, p) = encode_key(k);
                self.find_node(t, p)
                    .map_or(Value::Nil, |i| self.node[i].val)
            }
        }
    }

    /// The slot for an existing key, for in-place assignment.
    fn slot_mut(&mut self, k: Value) -> Option<&mut Value> {
        match k {
            Value::Int(i) => {
                let idx = (i as u64).wrapping_sub(1);
                if idx < self.array.len() as u64 {
                    self.touch(idx as usize);
                    return Some(&mut self.array[idx as usize]);
                }
                let n = self.find_node(tag::INT, i as u64)?;
                Some(&mut self.node[n].val)
            }
            Value::Str(s) => {
                let n = if s.is_short() {
                    self.find_node(tag::STR, s.as_ptr() as u64)?
                } else {
                    self.find_long_str(s)?
                };
                Some(&mut self.node[n].val)
            }
            Value::Nil => None,
            Value::Float(f) if f.is_nan() => None,
            _ => {
                let (t, p) = encode_key(k);
                let n = self.find_node(t, p)?;
                Some(&mut self.node[n].val)
            }
        }
    }

    fn get_free_pos(&mut self) -> Option<usize> {
        while self.lastfree > 0 {
            self.lastfree -= 1;
            if self.node[self.lastfree as usize].key_is_nil() {
                return Some(self.lastfree as usize);
            }
        }
        None
    }

    /// Insert a key known to be absent (normalized, not nil/NaN) with a non-nil value.
    fn new_key(&mut self, heap: &Heap, k: Value, v: Value) {
        let (kt, kp) = encode_key(k);
        if self.node.is_empty() {
            if !self.rehash(heap, k) {
                return;
            }
            self.set_normalized(heap, k, v);
            return;
        }
        let mut mp = self.main_position(kt, kp);
        if !self.node[mp].val.is_nil() {
            // main position is taken: need a free slot
            let Some(f) = self.get_free_pos() else {
                if !self.rehash(heap, k) {
                    return;
                }
                self.set_normalized(heap, k, v);
                return;
            };
            let other = self.node[mp];
            let othern_start = self.main_position(other.key_tag, other.key_payload);
            if othern_start != mp {
                // the colliding node is out of its main position: move it to the free slot
                let mut prev = othern_start;
                loop {
                    let nx = (prev as isize + self.node[prev].next as isize) as usize;
                    if nx == mp {
                        break;
                    }
                    prev = nx;
                }
                self.node[prev].next = (f as isize - prev as isize) as i32;
                self.node[f] = other;
                if other.next != 0 {
                    self.node[f].next = (other.next as isize + mp as isize - f as isize) as i32;
                }
                self.node[mp].next = 0;
                self.node[mp].val = Value::Nil;
            } else {
                // the colliding node is in its own main position: new key goes to the free slot
                if self.node[mp].next != 0 {
                    self.node[f].next =
                        (mp as isize + self.node[mp].next as isize - f as isize) as i32;
                } else {
                    self.node[f].next = 0;
                }
                self.node[mp].next = (f as isize - mp as isize) as i32;
                mp = f;
            }
        }
        let n = &mut self.node[mp];
        n.key_tag = kt;
        n.key_payload = kp;
        n.val = v;
    }

    /// Set with a normalized key (not nil, not NaN, floats with integral value already ints).
    fn set_normalized(&mut self, heap: &Heap, k: Value, v: Value) {
        if let Some(slot) = self.slot_mut(k) {
            *slot = v;
            return;
        }
        if v.is_nil() {
            return;
        }
        self.new_key(heap, k, v);
    }

    fn count_int(k: i64, nums: &mut [usize; MAXABITS + 1]) -> usize {
        if k >= 1 && (k as u64) <= (1u64 << MAXABITS) {
            nums[ceil_log2(k as usize) as usize] += 1;
            1
        } else {
            0
        }
    }

    fn num_use_array(&self, nums: &mut [usize; MAXABITS + 1]) -> usize {
        let mut ause = 0;
        let mut i = 1usize; // next index to examine (1-based)
        let asize = self.array.len();
        let mut ttlg = 1usize;
        #[allow(clippy::needless_range_loop)] // mirrors the reference algorithm
        for lg in 0..=MAXABITS {
            let mut lc = 0;
            let mut lim = ttlg;
            if lim > asize {
                lim = asize;
                if i > lim {
                    break;
                }
            }
            while i <= lim {
                if !self.array[i - 1].is_nil() {
                    lc += 1;
                }
                i += 1;
            }
            nums[lg] += lc;
            ause += lc;
            ttlg *= 2;
        }
        ause
    }

    /// Grow for one more key. False when memory was refused (the key is then
    /// not inserted and `heap.oom` is set).
    fn rehash(&mut self, heap: &Heap, extra: Value) -> bool {
        let mut nums = [0usize; MAXABITS + 1];
        let mut na = self.num_use_array(&mut nums);
        let mut total = na;
        for n in self.node.iter() {
            if !n.val.is_nil() {
                if n.key_tag == tag::INT {
                    na += Self::count_int(n.key_payload as i64, &mut nums);
                }
                total += 1;
            }
        }
        if let Value::Int(k) = extra {
            na += Self::count_int(k, &mut nums);
        }
        total += 1;
        let (asize, na) = compute_sizes(&nums, na);
        self.resize(heap, asize, total - na)
    }

    /// Resize both parts and reinsert (the reference implementation's order).
    fn resize(&mut self, heap: &Heap, new_asize: usize, nhsize: usize) -> bool {
        let old_bytes = self.alloc_bytes();
        let hsize = if nhsize == 0 {
            0
        } else {
            1usize << ceil_log2(nhsize)
        };
        let new_bytes = new_asize.saturating_mul(std::mem::size_of::<Value>())
            + hsize.saturating_mul(std::mem::size_of::<Node>());
        if new_bytes > old_bytes && !heap.reserve(new_bytes - old_bytes) {
            return false;
        }
        let old_node = std::mem::replace(&mut self.node, heap.pool.borrow_mut().nodes(hsize));
        self.lastfree = sat32(hsize);
        self.alimit.set(sat32(new_asize));
        let old_asize = self.array.len();
        if new_asize < old_asize {
            let old_array = std::mem::take(&mut self.array);
            self.array = old_array[..new_asize].to_vec().into_boxed_slice();
            for (i, v) in old_array.iter().enumerate().skip(new_asize) {
                if !v.is_nil() {
                    self.set_normalized(heap, Value::Int(i as i64 + 1), *v);
                }
            }
        } else if new_asize > old_asize {
            let mut a = heap.pool.borrow_mut().array(new_asize);
            a[..old_asize].copy_from_slice(&self.array);
            let old_array = std::mem::replace(&mut self.array, a);
            heap.pool.borrow_mut().give_array(old_array);
        }
        for n in old_node.iter() {
            if !n.val.is_nil() {
                self.set_normalized(heap, n.key(), n.val);
            }
        }
        heap.pool.borrow_mut().give_nodes(old_node);
        let new_bytes = self.alloc_bytes();
        if new_bytes > old_bytes {
            heap.grow(new_bytes - old_bytes);
        } else {
            heap.shrink(old_bytes - new_bytes);
        }
        true
    }

    /// The value slot of the hash-part node holding key (`ktag`,
    /// `payload`), whose main position is `start`, or null.
    #[inline(always)]
    fn node_slot(&mut self, start: usize, ktag: u8, payload: u64) -> *mut Value {
        if self.node.is_empty() {
            return std::ptr::null_mut();
        }
        match self.find_in_chain(start, ktag, payload) {
            // SAFETY: `find_node` returns an index inside the node vector.
            Some(i) => unsafe { &mut (*self.node.as_mut_ptr().add(i)).val },
            None => std::ptr::null_mut(),
        }
    }

    /// The slot of integer key `k` (array or hash part), or null.
    #[inline(always)]
    fn int_slot(&mut self, k: i64) -> *mut Value {
        let idx = (k as u64).wrapping_sub(1);
        if idx < self.array.len() as u64 {
            self.touch(idx as usize);
            // SAFETY: `idx` is inside the array part.
            return unsafe { self.array.as_mut_ptr().add(idx as usize) };
        }
        let start = (k as u64 % self.node_mask_mod()) as usize;
        self.node_slot(start, tag::INT, k as u64)
    }

    /// The slot of short (interned) string key `s`, or null.
    #[inline(always)]
    fn short_str_slot(&mut self, s: &LStr) -> *mut Value {
        self.node_slot(s.hash() as usize, tag::STR, s as *const LStr as u64)
    }

    /// An access to array slot `idx` beyond the length hint moves the hint
    /// there (as the reference `luaH_getint` does).
    #[inline(always)]
    fn touch(&self, idx: usize) {
        if idx >= self.alimit.get() as usize {
            self.alimit.set(sat32(idx + 1));
        }
    }

    fn alloc_bytes(&self) -> usize {
        self.array.len() * std::mem::size_of::<Value>()
            + self.node.len() * std::mem::size_of::<Node>()
    }

    /// `#t` following the reference `luaH_getn`, including its `alimit` hint.
    fn length(&mut self) -> u64 {
        fn binsearch(array: &[Value], mut i: usize, mut j: usize) -> usize {
            while j - i > 1 {
                let m = (i + j) / 2;
                if array[m - 1].is_nil() {
                    j = m;
                } else {
                    i = m;
                }
            }
            i
        }
        let asize = self.array.len();
        let pow2 = asize & asize.wrapping_sub(1) == 0;
        let mut limit = (self.alimit.get() as usize).min(asize);
        if limit > 0 && self.array[limit - 1].is_nil() {
            if limit >= 2 && !self.array[limit - 2].is_nil() {
                let l1 = limit - 1;
                if pow2 && l1 & (l1 - 1) != 0 {
                    self.alimit.set(sat32(l1));
                }
                return l1 as u64;
            }
            let border = binsearch(&self.array, 0, limit);
            if pow2 && border > asize / 2 {
                self.alimit.set(sat32(border));
            }
            return border as u64;
        }
        if limit != asize {
            if self.array[limit].is_nil() {
                return limit as u64;
            }
            limit = asize;
            if self.array[limit - 1].is_nil() {
                let border = binsearch(&self.array, self.alimit.get() as usize, limit);
                self.alimit.set(sat32(border));
                return border as u64;
            }
            self.alimit.set(sat32(limit));
        }
        if self.node.is_empty() || self.get_int(limit as i64 + 1).is_nil() {
            return limit as u64;
        }
        self.hash_search(limit as u64)
    }

    fn hash_search(&self, mut j: u64) -> u64 {
        let mut i;
        if j == 0 {
            j += 1;
        }
        loop {
            i = j;
            if j <= (i64::MAX as u64) / 2 {
                j *= 2;
            } else {
                j = i64::MAX as u64;
                if self.get_int(j as i64).is_nil() {
                    break;
                }
                return j;
            }
            if self.get_int(j as i64).is_nil() {
                break;
            }
        }
        while j - i > 1 {
            let m = (i + j) / 2;
            if self.get_int(m as i64).is_nil() {
                j = m;
            } else {
                i = m;
            }
        }
        i
    }
}

/// Choose the array size: the largest power of two `n` with more than `n/2` keys in `1..=n`.
fn compute_sizes(nums: &[usize; MAXABITS + 1], na_total: usize) -> (usize, usize) {
    let mut a = 0usize;
    let mut na = 0usize;
    let mut optimal = 0usize;
    let mut twotoi = 1usize;
    let mut i = 0;
    while i <= MAXABITS && na_total > twotoi / 2 {
        a += nums[i];
        if a > twotoi / 2 {
            optimal = twotoi;
            na = a;
        }
        i += 1;
        twotoi *= 2;
    }
    (optimal, na)
}

/// Normalize a key for lookup/storage: floats with integral values become integers.
#[inline(always)]
pub(crate) fn normalize_key(k: Value) -> Result<Value, KeyError> {
    match k {
        Value::Nil => Err(KeyError::Nil),
        Value::Float(f) => match crate::number::float_to_int_exact(f) {
            Some(i) => Ok(Value::Int(i)),
            None if f.is_nan() => Err(KeyError::NaN),
            None => Ok(k),
        },
        _ => Ok(k),
    }
}

impl Table {
    /// A new empty table (not linked into the heap; use `Vm::new_table`).
    pub(crate) fn new(narray: usize, nhash: usize) -> Table {
        let hsize = if nhash == 0 {
            0
        } else {
            1usize << ceil_log2(nhash)
        };
        Table {
            hdr: GcHeader::new(Kind::Table),
            inner: UnsafeCell::new(TableInner {
                flags: 0,
                array: vec![Value::Nil; narray].into_boxed_slice(),
                node: vec![EMPTY_NODE; hsize].into_boxed_slice(),
                lastfree: sat32(hsize),
                alimit: std::cell::Cell::new(sat32(narray)),
                metatable: None,
            }),
        }
    }

    /// A new empty table with the given (nil-filled / empty) parts.
    pub(crate) fn with_parts(array: Box<[Value]>, node: Box<[Node]>) -> Table {
        let (narray, hsize) = (array.len(), node.len());
        Table {
            hdr: GcHeader::new(Kind::Table),
            inner: UnsafeCell::new(TableInner {
                flags: 0,
                array,
                node,
                lastfree: sat32(hsize),
                alimit: std::cell::Cell::new(sat32(narray)),
                metatable: None,
            }),
        }
    }

    /// Take the parts out of a dead table (for `TablePool`); it is left empty.
    pub(crate) fn take_parts(&mut self) -> (Box<[Value]>, Box<[Node]>) {
        let inner = self.inner.get_mut();
        inner.metatable = None;
        (
            std::mem::take(&mut inner.array),
            std::mem::take(&mut inner.node),
        )
    }

    /// Bytes owned besides the struct itself.
    pub(crate) fn extra_bytes(&self) -> usize {
        self.inner().alloc_bytes()
    }

    #[inline(always)]
    fn inner(&self) -> &TableInner {
        // SAFETY: the VM is single-threaded and no method hands out references into
        // the inner state that outlive the call, so no `&mut` is alive here.
        unsafe { &*self.inner.get() }
    }

    #[inline(always)]
    #[allow(clippy::mut_from_ref)]
    pub(crate) fn inner_mut(&self) -> &mut TableInner {
        // SAFETY: as for `inner`: single-threaded, and callers keep the returned
        // reference only for the duration of one table operation that does not call
        // back into Lua.
        unsafe { &mut *self.inner.get() }
    }

    /// Raw get.
    #[inline]
    pub fn get(&self, k: Value) -> Value {
        self.inner().get(k)
    }

    /// Raw get with an integer key.
    #[inline(always)]
    pub fn get_int(&self, k: i64) -> Value {
        self.inner().get_int(k)
    }

    /// Raw get with a string key.
    #[inline(always)]
    pub fn get_str(&self, k: Gc<LStr>) -> Value {
        self.inner().get_str(k)
    }

    /// Raw set. Storing nil into an absent key is a no-op.
    pub fn set(&self, heap: &Heap, k: Value, v: Value) -> Result<(), KeyError> {
        let k = normalize_key(k)?;
        heap.barrier(&self.hdr);
        let inner = self.inner_mut();
        if matches!(k, Value::Str(_)) {
            inner.flags = 0;
        }
        inner.set_normalized(heap, k, v);
        Ok(())
    }

    /// Raw set with an integer key.
    #[inline]
    pub fn set_int(&self, heap: &Heap, k: i64, v: Value) {
        heap.barrier(&self.hdr);
        let inner = self.inner_mut();
        let idx = (k as u64).wrapping_sub(1);
        if idx < inner.array.len() as u64 {
            inner.touch(idx as usize);
            inner.array[idx as usize] = v;
            return;
        }
        inner.set_normalized(heap, Value::Int(k), v);
    }

    /// Raw set with a string key.
    #[inline]
    pub fn set_str(&self, heap: &Heap, k: Gc<LStr>, v: Value) {
        heap.barrier(&self.hdr);
        let inner = self.inner_mut();
        inner.flags = 0;
        inner.set_normalized(heap, Value::Str(k), v);
    }

    /// The value slot of integer key `k`, or null when absent (interpreter
    /// fast paths: inlined, without calls). The pointer is valid until the
    /// table is next modified or collected. A caller that stores through it
    /// calls `Heap::barrier` on the table first.
    #[inline(always)]
    pub(crate) fn int_slot(&self, k: i64) -> *mut Value {
        self.inner_mut().int_slot(k)
    }

    /// Raw set of key `k` (an integer or a short string) whose slot lookup
    /// (`int_slot`/`short_str_slot`) just found nothing: inserted without
    /// looking it up again. A refused allocation drops the store and flags
    /// the heap (`check_oom`).
    pub(crate) fn insert_absent(&self, heap: &Heap, k: Value, v: Value) {
        heap.barrier(&self.hdr);
        let inner = self.inner_mut();
        if matches!(k, Value::Str(_)) {
            inner.flags = 0;
        }
        if !v.is_nil() {
            inner.new_key(heap, k, v);
        }
    }

    /// Forget the cached absence of metamethods (after a string key got a
    /// value by a path other than `set`).
    #[inline(always)]
    pub(crate) fn clear_tm_cache(&self) {
        self.inner_mut().flags = 0;
    }

    /// The value slot of string key `k` when it is a short string present
    /// in the table, else null (see `int_slot`).
    #[inline(always)]
    pub(crate) fn short_str_slot(&self, k: Gc<LStr>) -> *mut Value {
        if !k.is_short() {
            return std::ptr::null_mut();
        }
        self.inner_mut().short_str_slot(&k)
    }

    /// Overwrite the value of an existing key whose current value is not nil.
    /// Returns false (and does nothing) when the key is absent or its value is nil,
    /// which is when `__newindex` must be consulted.
    #[inline(always)]
    pub(crate) fn replace_existing(&self, heap: &Heap, k: Value, v: Value) -> bool {
        heap.barrier(&self.hdr);
        let inner = self.inner_mut();
        match inner.slot_mut(k) {
            Some(slot) if !slot.is_nil() => {
                *slot = v;
                true
            }
            _ => false,
        }
    }

    /// Overwrite an existing non-nil integer-keyed value (see `replace_existing`).
    #[inline(always)]
    pub(crate) fn replace_existing_int(&self, heap: &Heap, k: i64, v: Value) -> bool {
        heap.barrier(&self.hdr);
        let p = self.inner_mut().int_slot(k);
        // SAFETY: a non-null slot points into this table, unchanged since.
        if p.is_null() || unsafe { (*p).is_nil() } {
            return false;
        }
        // SAFETY: as above.
        unsafe { *p = v };
        true
    }

    /// The border (`#t` without `__len`).
    pub fn length(&self) -> u64 {
        self.inner_mut().length()
    }

    /// The metatable.
    #[inline(always)]
    pub fn metatable(&self) -> Option<Gc<Table>> {
        self.inner().metatable
    }

    /// Replace the metatable.
    pub fn set_metatable(&self, heap: &Heap, mt: Option<Gc<Table>>) {
        heap.barrier(&self.hdr);
        self.inner_mut().metatable = mt;
    }

    /// Absent-metamethod cache flags.
    #[inline(always)]
    pub(crate) fn flags(&self) -> u8 {
        self.inner().flags
    }

    /// Record that metamethod bit `bit` is absent.
    #[inline(always)]
    pub(crate) fn set_flag(&self, bit: u8) {
        self.inner_mut().flags |= bit;
    }

    /// Size of the array part.
    pub fn array_len(&self) -> usize {
        self.inner().array.len()
    }

    /// An upper bound of the positive integer keys with non-nil values: the
    /// array size or the largest such key in the hash part (0 when none).
    /// Scans the hash part.
    pub fn int_key_bound(&self) -> i64 {
        let inner = self.inner();
        let mut hi = inner.array.len() as i64;
        for n in inner.node.iter() {
            if n.key_tag == tag::INT && !n.val.is_nil() {
                hi = hi.max(n.key_payload as i64);
            }
        }
        hi
    }

    /// Size of the hash part.
    pub fn hash_len(&self) -> usize {
        self.inner().node.len()
    }

    /// Resize to hold at least `narray` array items and `nhash` other keys
    /// (table constructors). The hash part keeps at least its allocated size,
    /// free slots included, as the reference's `luaH_resizearray` does: where
    /// later keys go, and so what `#` answers for tables with holes, depends
    /// on it.
    pub(crate) fn presize(&self, heap: &Heap, narray: usize, nhash: usize) {
        let inner = self.inner_mut();
        if narray > inner.array.len() || nhash > inner.node.len() {
            let na = narray.max(inner.array.len());
            let nh = nhash.max(inner.node.len());
            inner.resize(heap, na, nh);
        }
    }

    /// Iteration: the entry after `key` (nil = first). `Err` for a key not in the table.
    #[allow(clippy::result_unit_err)] // the only failure is "invalid key"
    pub fn next(&self, key: Value) -> Result<Option<(Value, Value)>, ()> {
        let inner = self.inner();
        let asize = inner.array.len();
        let mut i = match key {
            Value::Nil => 0,
            _ => {
                let k = match normalize_key(key) {
                    Ok(k) => k,
                    Err(_) => return Err(()),
                };
                match k {
                    Value::Int(n) if n >= 1 && (n as u64) <= asize as u64 => n as usize,
                    _ => {
                        let found = match k {
                            Value::Str(s) if !s.is_short() => inner.find_long_str(s),
                            _ => {
                                let (t, p) = encode_key(k);
                                inner.find_node(t, p).or_else(|| {
                                    // a dead key still identifies its node
                                    inner
                                        .node
                                        .iter()
                                        .position(|n| n.key_tag == DEADKEY && n.key_payload == p)
                                })
                            }
                        };
                        match found {
                            Some(n) => asize + n + 1,
                            None => return Err(()),
                        }
                    }
                }
            }
        };
        while i < asize {
            if !inner.array[i].is_nil() {
                return Ok(Some((Value::Int(i as i64 + 1), inner.array[i])));
            }
            i += 1;
        }
        let mut n = i - asize;
        while n < inner.node.len() {
            let node = &inner.node[n];
            if !node.val.is_nil() {
                return Ok(Some((node.key(), node.val)));
            }
            n += 1;
        }
        Ok(None)
    }

    /// Visit every value and key the table holds strongly, for the collector.
    /// `weak_keys`/`weak_values` say which side is weak. Entries with nil values have
    /// their collectable keys turned into dead keys.
    pub(crate) fn trace(&self, weak_keys: bool, weak_values: bool, mut mark: impl FnMut(Value)) {
        let inner = self.inner_mut();
        if let Some(mt) = inner.metatable {
            mark(Value::Table(mt));
        }
        if !weak_values {
            for v in inner.array.iter() {
                mark(*v);
            }
        }
        for n in inner.node.iter_mut() {
            if n.val.is_nil() {
                if n.key_is_collectable() {
                    n.key_tag = DEADKEY;
                }
                continue;
            }
            if !weak_keys {
                mark(n.key());
            }
            if !weak_values {
                mark(n.val);
            }
        }
    }

    /// Ephemeron pass: `visit(key, value)` for each live entry (key `None`
    /// for the array part).
    pub(crate) fn trace_ephemeron(&self, mut visit: impl FnMut(Option<Value>, Value)) {
        let inner = self.inner();
        for v in inner.array.iter() {
            visit(None, *v);
        }
        for n in inner.node.iter() {
            if !n.val.is_nil() && n.key_tag != DEADKEY {
                visit(Some(n.key()), n.val);
            }
        }
    }

    /// Remove entries whose weak key or weak value was not marked.
    pub(crate) fn clear_weak(
        &self,
        weak_keys: bool,
        weak_values: bool,
        is_dead: impl Fn(Value) -> bool,
    ) {
        let inner = self.inner_mut();
        if weak_values {
            for v in inner.array.iter_mut() {
                if is_dead(*v) {
                    *v = Value::Nil;
                }
            }
        }
        for n in inner.node.iter_mut() {
            if n.val.is_nil() || n.key_tag == DEADKEY {
                continue;
            }
            let dead = (weak_keys && is_dead(n.key())) || (weak_values && is_dead(n.val));
            if dead {
                n.val = Value::Nil;
                if n.key_is_collectable() {
                    n.key_tag = DEADKEY;
                }
            }
        }
    }

    /// Direct access to the array part (for `SETLIST` and `table` library fast paths).
    #[allow(clippy::mut_from_ref)]
    pub(crate) fn array_mut(&self, heap: &Heap) -> &mut [Value] {
        heap.barrier(&self.hdr);
        &mut self.inner_mut().array
    }
}

/// Where machine code finds a table's parts: byte offsets from the
/// table's address (and within a hash node).
#[derive(Clone, Copy, Debug)]
pub(crate) struct JitLayout {
    pub(crate) array_ptr: i32,
    pub(crate) array_len: i32,
    pub(crate) alimit: i32,
    pub(crate) node_ptr: i32,
    pub(crate) node_len: i32,
    pub(crate) node_size: i32,
    pub(crate) node_key_tag: i32,
    pub(crate) node_key_payload: i32,
    pub(crate) marked: i32,
    pub(crate) flags: i32,
}

/// The offsets of the data pointer and the length inside a boxed slice
/// (a two-word fat pointer whose word order the language leaves open).
fn boxed_slice_words() -> (usize, usize) {
    let b: Box<[u64]> = vec![0u64; 3].into_boxed_slice();
    // SAFETY: `Box<[u64]>` is a fat pointer of two machine words; reading
    // them as two `usize` copies plain integers.
    let words: [usize; 2] = unsafe { std::mem::transmute_copy(&b) };
    if words[0] == b.as_ptr() as usize {
        (0, 8)
    } else {
        (8, 0)
    }
}

impl JitLayout {
    /// The layout of this build.
    pub(crate) fn get() -> JitLayout {
        let inner = std::mem::offset_of!(Table, inner);
        let (p, l) = boxed_slice_words();
        let arr = inner + std::mem::offset_of!(TableInner, array);
        let node = inner + std::mem::offset_of!(TableInner, node);
        JitLayout {
            array_ptr: (arr + p) as i32,
            array_len: (arr + l) as i32,
            alimit: (inner + std::mem::offset_of!(TableInner, alimit)) as i32,
            node_ptr: (node + p) as i32,
            node_len: (node + l) as i32,
            node_size: std::mem::size_of::<Node>() as i32,
            node_key_tag: std::mem::offset_of!(Node, key_tag) as i32,
            node_key_payload: std::mem::offset_of!(Node, key_payload) as i32,
            marked: std::mem::offset_of!(GcHeader, marked) as i32,
            flags: std::mem::offset_of!(GcHeader, flags) as i32,
        }
    }
}

impl Table {
    /// The node index of short string key `k`, if present.
    pub(crate) fn short_str_node(&self, k: Gc<LStr>) -> Option<usize> {
        let p = self.short_str_slot(k);
        if p.is_null() {
            return None;
        }
        let base = self.inner().node.as_ptr() as usize;
        Some((p as usize - base) / std::mem::size_of::<Node>())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn heap() -> Heap {
        Heap::new()
    }

    /// Slot lookups on a table without a hash part find nothing (found by
    /// the `diff` fuzzer: the hash divisor underflowed for an empty node
    /// vector, an overflow panic in debug builds).
    #[test]
    fn slots_of_a_table_without_hash_part() {
        let heap = Heap::new();
        let t = Table::new(2, 0);
        assert!(t.int_slot(3).is_null());
        assert!(t.int_slot(-1).is_null());
        assert!(t.int_slot(i64::MIN).is_null());
        t.set_int(&heap, 1, Value::Int(7));
        assert!(!t.int_slot(1).is_null());
        let e = Table::new(0, 0);
        assert!(e.int_slot(1).is_null());
    }

    #[test]
    fn int_key_bound_covers_both_parts() {
        let heap = Heap::new();
        let t = Table::new(4, 0);
        assert_eq!(t.int_key_bound(), 4);
        for i in 1..=4 {
            t.set_int(&heap, i, Value::Int(i));
        }
        t.set_int(&heap, 1000, Value::Int(1));
        t.set_int(&heap, -5, Value::Int(1));
        assert_eq!(t.int_key_bound(), 1000);
        t.set_int(&heap, 1000, Value::Nil);
        assert!((4..1000).contains(&t.int_key_bound()));
    }

    #[test]
    fn array_and_hash_parts() {
        let h = heap();
        let t = Table::new(0, 0);
        for i in 1..=100 {
            t.set(&h, Value::Int(i), Value::Int(i * 10)).unwrap();
        }
        assert_eq!(t.length(), 100);
        assert!(t.array_len() >= 64);
        for i in 1..=100 {
            assert!(matches!(t.get_int(i), Value::Int(v) if v == i * 10));
        }
        t.set(&h, Value::Float(3.0), Value::Bool(true)).unwrap();
        assert!(matches!(t.get_int(3), Value::Bool(true)));
        assert_eq!(t.set(&h, Value::Nil, Value::Int(1)), Err(KeyError::Nil));
        assert_eq!(
            t.set(&h, Value::Float(f64::NAN), Value::Int(1)),
            Err(KeyError::NaN)
        );
    }

    #[test]
    fn iteration_order_matches_reference_for_int_keys() {
        // lua5.4: t = {} for i=1,10 do t[i*7] = i end; pairs order
        let h = heap();
        let t = Table::new(0, 0);
        for i in 1..=10i64 {
            t.set(&h, Value::Int(i * 7), Value::Int(i)).unwrap();
        }
        let mut keys = vec![];
        let mut k = Value::Nil;
        while let Some((nk, _)) = t.next(k).unwrap() {
            if let Value::Int(i) = nk {
                keys.push(i);
            }
            k = nk;
        }
        assert_eq!(keys, vec![63, 49, 35, 21, 7, 70, 56, 42, 28, 14]);
    }

    #[test]
    fn border_of_sequence_with_hash_tail() {
        let h = heap();
        let t = Table::new(0, 0);
        for i in [1i64, 2, 3, 4, 5] {
            t.set(&h, Value::Int(i), Value::Int(i)).unwrap();
        }
        t.set(&h, Value::Int(6), Value::Int(6)).unwrap();
        assert_eq!(t.length(), 6);
        t.set(&h, Value::Int(6), Value::Nil).unwrap();
        assert_eq!(t.length(), 5);
    }

    #[test]
    fn frexp_matches_definition() {
        for x in [1.0f64, 0.5, 3.75, -10.0, 123456.789] {
            let (m, e) = frexp(x);
            assert!((0.5..1.0).contains(&m.abs()), "{x}: {m}");
            assert_eq!(m * 2f64.powi(e), x);
        }
        // subnormal input
        let (m, e) = frexp(1e-310);
        assert!((0.5..1.0).contains(&m));
        assert_eq!(e, -1029);
    }
}
