//! The garbage collector: stop-the-world mark and sweep, generational with
//! sticky marks (see `gc.rs`), with weak tables (`__mode`), ephemerons and
//! finalizers (`__gc`).
//!
//! In generational mode (the default, as in the standalone `lua5.4`) most
//! collections are minor: they mark from the roots, the remembered old
//! objects and every coroutine stack, without entering old objects, and
//! sweep the young list only. A major collection (every collection in
//! incremental mode, `collectgarbage()`, or when the old generation has grown
//! by `major_mul` percent since the last major one) marks and sweeps everything.
//!
//! Collections happen only at safepoints (`Vm::gc_safepoint`): in the
//! interpreter after instructions that allocate, and after native calls return.
//! Native functions therefore never see a collection in the middle of their work
//! unless they call back into Lua, and then every value they still need must be
//! on the Lua stack.

use super::func::{LuaClosure, NativeClosure, Proto, UpVal};
use super::gc::{Gc, GcHeader, Kind, FLAG_FINALIZABLE, FLAG_SURVIVED, FLAG_TOUCHED, YOUNG};
use super::meta::Tm;
use super::pool::TablePool;
use super::state::{CoStatus, ThreadState};
use super::string::LStr;
use super::table::Table;
use super::thread::Thread;
use super::userdata::UserData;
use super::value::Value;
use super::Vm;
use std::collections::HashMap;
use std::ptr::NonNull;

/// Header of the object a value refers to, if it is collectable.
fn header_of(v: Value) -> Option<NonNull<GcHeader>> {
    Some(match v {
        Value::Str(s) => s.header_ptr(),
        Value::Table(t) => t.header_ptr(),
        Value::LuaFn(c) => c.header_ptr(),
        Value::NativeClosure(c) => c.header_ptr(),
        Value::UserData(u) => u.header_ptr(),
        Value::Thread(t) => t.header_ptr(),
        _ => return None,
    })
}

/// Is `v` marked (`epoch`: the mark value of this collection)? Values
/// that are not objects count as marked.
fn is_marked(v: Value, epoch: u8) -> bool {
    match header_of(v) {
        // SAFETY: a value seen by the collector refers to a live object.
        Some(h) => unsafe { h.as_ref() }.marked.get() == epoch,
        None => true,
    }
}

struct Marker {
    gray: Vec<NonNull<GcHeader>>,
    weak: Vec<(Gc<Table>, bool, bool)>,
    ephemerons: Vec<Gc<Table>>,
    /// Ephemeron values waiting for their key (its header address) to be
    /// marked (see `converge`).
    pending: HashMap<usize, Vec<Value>>,
    /// The mark value of this collection.
    epoch: u8,
}

/// Mark an object and queue it for tracing (strings have nothing to trace).
#[inline]
fn mark_into(gray: &mut Vec<NonNull<GcHeader>>, h: NonNull<GcHeader>, epoch: u8) {
    // SAFETY: `h` is the header of a live object reachable from a root.
    let hdr = unsafe { h.as_ref() };
    if hdr.marked.get() != epoch {
        hdr.marked.set(epoch);
        if hdr.kind != Kind::Str {
            gray.push(h);
        }
    }
}

impl Marker {
    #[inline]
    fn mark_header(&mut self, h: NonNull<GcHeader>) -> bool {
        // SAFETY: `h` is the header of a live object reachable from a root.
        let hdr = unsafe { h.as_ref() };
        if hdr.marked.get() == self.epoch {
            return false;
        }
        hdr.marked.set(self.epoch);
        if hdr.kind != Kind::Str {
            self.gray.push(h);
        }
        true
    }

    #[inline]
    fn mark(&mut self, v: Value) -> bool {
        match header_of(v) {
            Some(h) => self.mark_header(h),
            None => false,
        }
    }

    fn mark_state(&mut self, st: &mut ThreadState) {
        let live = st.live_extent();
        for v in &st.stack[..live] {
            self.mark(*v);
        }
        for v in st.stack[live..].iter_mut() {
            *v = Value::Nil;
        }
        for uv in &st.open_upvals {
            self.mark_header(uv.header_ptr());
        }

        if let Some(e) = st.err {
            self.mark(e);
        }
        for ci in &st.frames {
            if let Some(cl) = ci.cl {
                self.mark_header(cl.header_ptr());
            }
        }
    }

    fn propagate(&mut self, vm: &Vm) {
        while let Some(h) = self.gray.pop() {
            if !self.pending.is_empty() {
                if let Some(vals) = self.pending.remove(&(h.as_ptr() as usize)) {
                    for v in vals {
                        self.mark(v);
                    }
                }
            }
            // SAFETY: gray objects are live, and the kind says the concrete type.
            let kind = unsafe { h.as_ref() }.kind;
            match kind {
                Kind::Str => {}
                Kind::Table => {
                    // SAFETY: kind is Table.
                    let t: Gc<Table> = unsafe { Gc::from_raw(h.cast()) };
                    let (wk, wv) = weak_mode(vm, t);
                    if let Some(mt) = t.metatable() {
                        self.mark(Value::Table(mt));
                    }
                    if wk && !wv {
                        self.ephemerons.push(t);
                        self.weak.push((t, true, false));
                        // mark nothing else now: ephemeron pass later
                        t.trace(true, true, |_| {});
                    } else {
                        if wk || wv {
                            self.weak.push((t, wk, wv));
                        }
                        let gray = &mut self.gray;
                        let epoch = self.epoch;
                        t.trace(wk, wv, |v| {
                            if let Some(h) = header_of(v) {
                                mark_into(gray, h, epoch);
                            }
                        });
                    }
                }
                Kind::LuaClosure => {
                    // SAFETY: kind is LuaClosure.
                    let c: Gc<LuaClosure> = unsafe { Gc::from_raw(h.cast()) };
                    self.mark_header(c.proto.header_ptr());
                    for uv in c.upvals.iter() {
                        self.mark_header(uv.get().header_ptr());
                    }
                }
                Kind::NativeClosure => {
                    // SAFETY: kind is NativeClosure.
                    let c: Gc<NativeClosure> = unsafe { Gc::from_raw(h.cast()) };
                    for uv in c.upvals.iter() {
                        self.mark(uv.get());
                    }
                    if let Some(n) = c.name {
                        self.mark(Value::Str(n));
                    }
                }
                Kind::UserData => {
                    // SAFETY: kind is UserData.
                    let u: Gc<UserData> = unsafe { Gc::from_raw(h.cast()) };
                    if let Some(mt) = u.metatable() {
                        self.mark(Value::Table(mt));
                    }
                    for uv in u.user_values.iter() {
                        self.mark(uv.get());
                    }
                }
                Kind::Thread => {
                    // SAFETY: kind is Thread.
                    let t: Gc<Thread> = unsafe { Gc::from_raw(h.cast()) };
                    if t != vm.cur {
                        self.mark_state(t.state_mut());
                    }
                    if let Some(hk) = t.hook_mut().hook {
                        self.mark(hk.func);
                    }
                }
                Kind::Proto => {
                    // SAFETY: kind is Proto.
                    let p: Gc<Proto> = unsafe { Gc::from_raw(h.cast()) };
                    for v in p.k.iter() {
                        self.mark(*v);
                    }
                    for q in p.protos.iter() {
                        self.mark_header(q.header_ptr());
                    }
                }
                Kind::UpVal => {
                    // SAFETY: kind is UpVal.
                    let u: Gc<UpVal> = unsafe { Gc::from_raw(h.cast()) };
                    self.mark(u.get());
                }
            }
        }
    }

    /// Mark ephemeron values whose keys are marked, until nothing changes.
    /// Each ephemeron table is scanned once: a value whose key is marked is
    /// marked at once; the others wait in `pending` under their key until
    /// `propagate` meets the key (every object but a string passes through
    /// it when marked; string keys count as marked). So the work is linear
    /// even for long chains of entries whose values are keys of others.
    fn converge(&mut self, vm: &Vm) {
        let epoch = self.epoch;
        self.pending.clear();
        let mut scanned = 0;
        loop {
            self.propagate(vm);
            if scanned == self.ephemerons.len() {
                break;
            }
            while scanned < self.ephemerons.len() {
                let t = self.ephemerons[scanned];
                scanned += 1;
                t.trace_ephemeron(|key, v| {
                    let waits_for = match key {
                        None => None,
                        Some(Value::Str(s)) => {
                            s.header().marked.set(epoch);
                            None
                        }
                        Some(k) if is_marked(k, epoch) => None,
                        Some(k) => header_of(k),
                    };
                    match waits_for {
                        None => {
                            self.mark(v);
                        }
                        Some(h) => self.pending.entry(h.as_ptr() as usize).or_default().push(v),
                    }
                });
            }
        }
        self.pending.clear();
    }
}

fn weak_mode(vm: &Vm, t: Gc<Table>) -> (bool, bool) {
    let Some(mt) = t.metatable() else {
        return (false, false);
    };
    match vm.fast_tm(mt, Tm::Mode) {
        Some(Value::Str(s)) => {
            let b = s.as_bytes();
            (b.contains(&b'k'), b.contains(&b'v'))
        }
        _ => (false, false),
    }
}

/// Free one object; returns the bytes released.
///
/// # Safety
/// `h` must be an unreachable object of the heap list, not used afterwards.
unsafe fn free_object(h: NonNull<GcHeader>, pool: Option<&mut TablePool>) -> usize {
    // SAFETY: the caller guarantees `h` is a live heap object; each arm casts to
    // the type its kind names, which is the type it was allocated as.
    unsafe {
        match h.as_ref().kind {
            Kind::Str => LStr::free(h.cast()),
            Kind::Table => {
                let b = Box::from_raw(h.cast::<Table>().as_ptr());
                let bytes = std::mem::size_of::<Table>() + b.extra_bytes();
                if let Some(pool) = pool {
                    pool.give_table(b);
                }
                bytes
            }
            Kind::LuaClosure => {
                let b = Box::from_raw(h.cast::<LuaClosure>().as_ptr());
                std::mem::size_of::<LuaClosure>() + b.upvals.len() * 8
            }
            Kind::NativeClosure => {
                let b = Box::from_raw(h.cast::<NativeClosure>().as_ptr());
                std::mem::size_of::<NativeClosure>()
                    + match b.code {
                        super::func::NativeCode::Boxed(_) => 64,
                        _ => b.upvals.len() * 16,
                    }
            }
            Kind::UserData => {
                let b = Box::from_raw(h.cast::<UserData>().as_ptr());
                std::mem::size_of::<UserData>() + 64 + b.user_values.len() * 16
            }
            Kind::Thread => {
                let b = Box::from_raw(h.cast::<Thread>().as_ptr());
                // allocation accounted the initial stack; growth was added later
                std::mem::size_of::<Thread>() + b.state().stack.len() * std::mem::size_of::<Value>()
            }
            Kind::Proto => {
                let b = Box::from_raw(h.cast::<Proto>().as_ptr());
                std::mem::size_of::<Proto>() + b.extra_bytes()
            }
            Kind::UpVal => {
                drop(Box::from_raw(h.cast::<UpVal>().as_ptr()));
                std::mem::size_of::<UpVal>()
            }
        }
    }
}

/// Free every object (when the VM is dropped).
pub(crate) fn free_all(vm: &mut Vm) {
    for list in [&vm.heap.all, &vm.heap.old] {
        let mut cur = list.get();
        list.set(None);
        while let Some(h) = cur {
            // SAFETY: objects of the list are live until freed here, once each.
            cur = unsafe { h.as_ref() }.next.get();
            // SAFETY: the VM is going away; nothing uses the object afterwards.
            unsafe { free_object(h, None) };
        }
    }
}

impl Vm {
    /// Is a collection due?
    #[inline(always)]
    pub(crate) fn gc_due(&self) -> bool {
        self.heap.due() || self.gc.stress
    }

    /// Collect if due and the collector runs; then run pending finalizers.
    pub(crate) fn gc_safepoint(&mut self) {
        if self.gc.busy {
            return;
        }
        if self.gc.running || self.gc.stress {
            let major = !self.gc.generational
                || self.gc.major_due
                || (self.gc.stress && self.gc.stress_count.is_multiple_of(16));
            self.gc.stress_count = self.gc.stress_count.wrapping_add(1);
            self.collect(major);
            if self.gc.major_due {
                // the old generation outgrew its budget: collect it now
                self.collect(true);
            }
        } else {
            // stopped: push the threshold away so we are not asked again at once
            self.heap
                .threshold
                .set(self.heap.bytes.get().saturating_mul(2).max(1 << 20));
        }
        self.run_finalizers();
    }

    /// A full (major) collection.
    pub fn full_gc(&mut self) {
        self.collect(true);
    }

    /// A collection: `major` marks and sweeps the whole heap, else only the
    /// young generation (see the module documentation).
    pub(crate) fn collect(&mut self, major: bool) {
        if self.gc.busy {
            return;
        }
        self.gc.busy = true;
        if major {
            // every object becomes unmarked at once
            self.heap.epoch.set(self.heap.epoch.get() ^ 1);
        }
        let epoch = self.heap.epoch.get();
        let mut m = Marker {
            gray: Vec::new(),
            weak: Vec::new(),
            ephemerons: Vec::new(),
            pending: HashMap::new(),
            epoch,
        };
        // remembered old objects and those to check again: traverse them
        // (minor); the remembered ones are checked again by the next minor
        let remembered = std::mem::take(&mut *self.heap.remembered.borrow_mut());
        let recheck = std::mem::take(&mut *self.heap.recheck.borrow_mut());
        let mut next_recheck = Vec::new();
        for h in remembered {
            // SAFETY: remembered objects are old objects, live until a major
            // collection frees them, and the list is emptied at every collection.
            let hdr = unsafe { h.as_ref() };
            hdr.flags.set(hdr.flags.get() & !FLAG_TOUCHED);
            if !major && hdr.kind != Kind::Str {
                m.gray.push(h);
                next_recheck.push(h);
            }
        }
        if !major {
            // (old objects: freed only by a major collection, which empties
            // this list)
            m.gray.extend(recheck);
        }
        // roots
        m.mark(Value::Table(self.registry));
        m.mark(Value::Table(self.globals));
        for mt in self.type_mt.iter().flatten() {
            m.mark(Value::Table(*mt));
        }
        for s in &self.tm_names {
            m.mark(Value::Str(*s));
        }
        m.mark(Value::Thread(self.main));
        m.mark(Value::Thread(self.cur));
        for t in &self.resumers {
            m.mark(Value::Thread(*t));
        }
        for v in &self.pinned {
            m.mark(*v);
        }
        for v in &self.gc.tobefnz {
            m.mark(*v);
        }
        for v in self.ext.slots.values() {
            m.mark(*v);
        }
        if let Some(h) = self.hook.hook {
            m.mark(h.func);
        }
        let mut st = std::mem::replace(&mut self.st, ThreadState::empty(CoStatus::Running));
        m.mark_state(&mut st);
        self.st = st;
        if !major {
            // coroutine stacks change without barriers: a minor collection
            // looks at every one (a dead one keeps its values one cycle more)
            if self.cur != self.main {
                m.mark_state(self.main.state_mut());
            }
            for &t in &self.threads {
                if t != self.cur {
                    m.mark_state(t.state_mut());
                }
            }
            // so do hook states (set on other threads and moved between
            // threads and the `Vm` at switches)
            if self.hooks_used {
                for &t in self.threads.iter().chain(std::iter::once(&self.main)) {
                    if let Some(hk) = t.hook_mut().hook {
                        m.mark(hk.func);
                    }
                }
            }
        }
        m.converge(self);

        // finalizers: unreached objects with __gc are resurrected for one call
        // weak values are cleared before resurrection (resurrected objects
        // disappear from weak-value tables), weak keys after it
        for (t, _, wv) in m.weak.iter() {
            if *wv {
                t.clear_weak(false, true, |v| match v {
                    Value::Str(s) => {
                        s.header().marked.set(epoch);
                        false
                    }
                    _ => !is_marked(v, epoch),
                });
            }
        }
        let (newly, keep): (Vec<Value>, Vec<Value>) = std::mem::take(&mut self.gc.finobj)
            .into_iter()
            .partition(|v| !is_marked(*v, epoch));
        self.gc.finobj = keep;
        if !newly.is_empty() {
            for v in &newly {
                m.mark(*v);
            }
            m.converge(self);
            // `run_finalizers` pops from the end: newest registration first
            self.gc.tobefnz.extend(newly);
        }

        // clear weak entries
        for (t, wk, wv) in m.weak.iter() {
            t.clear_weak(*wk, *wv, |v| match v {
                Value::Str(s) => {
                    s.header().marked.set(epoch);
                    false
                }
                _ => !is_marked(v, epoch),
            });
        }

        // sweep
        if major {
            self.strings.remove_unmarked(epoch);
        }
        // close open upvalues of dead coroutines before anything is freed
        self.threads.retain(|t| {
            if t.header().marked.get() == epoch {
                true
            } else {
                for uv in t.state_mut().open_upvals.drain(..) {
                    uv.close(&self.heap);
                }
                false
            }
        });
        let mut freed = 0usize;
        let mut pool = self.heap.pool.borrow_mut();
        let mut nfreed = 0usize;
        // survivors go to the old list (keeping their mark), except young
        // objects of a minor collection that survive for the first time
        let mut old = if major { None } else { self.heap.old.get() };
        let mut young = None;
        let lists = if major {
            [self.heap.all.take(), self.heap.old.take()]
        } else {
            [self.heap.all.take(), None]
        };
        for mut cur in lists {
            while let Some(h) = cur {
                // SAFETY: heap objects are live until freed below.
                let hdr = unsafe { h.as_ref() };
                let next = hdr.next.get();
                if hdr.marked.get() == epoch {
                    let flags = hdr.flags.get();
                    if major || flags & FLAG_SURVIVED != 0 {
                        hdr.flags.set(flags & !FLAG_SURVIVED);
                        hdr.next.set(old);
                        old = Some(h);
                        if !major && hdr.kind != Kind::Str {
                            next_recheck.push(h);
                        }
                    } else {
                        hdr.flags.set(flags | FLAG_SURVIVED);
                        hdr.marked.set(YOUNG);
                        hdr.next.set(young);
                        young = Some(h);
                    }
                } else {
                    nfreed += 1;
                    if !major && hdr.kind == Kind::Str {
                        // (a major collection unlinked dead strings above)
                        // SAFETY: `h` is a string (kind).
                        self.strings.remove(unsafe { Gc::from_raw(h.cast()) });
                    }
                    // SAFETY: unreachable, unlinked, freed exactly once.
                    freed += unsafe { free_object(h, Some(&mut pool)) };
                }
                cur = next;
            }
        }
        self.heap.old.set(old);
        self.heap.all.set(young);
        *self.heap.recheck.borrow_mut() = next_recheck;
        drop(pool);
        self.heap.shrink(freed);
        self.heap
            .count
            .set(self.heap.count.get().saturating_sub(nfreed));
        let live = self.heap.bytes.get();
        self.heap.pool.borrow_mut().set_budget(live);
        if major {
            self.gc.major_base = live;
        }
        self.gc.major_due = self.gc.generational
            && live > (self.gc.major_base / 100).saturating_mul(100 + self.gc.major_mul);
        let threshold = if self.gc.generational && !self.gc.major_due {
            // the next minor collection after `minor_mul` percent more
            live.saturating_add((live / 100).saturating_mul(self.gc.minor_mul).max(1 << 18))
        } else {
            (live / 100).saturating_mul(self.gc.pause).max(1 << 20)
        };
        let threshold = threshold.min(self.heap.limit.get().max(live + (1 << 20)));
        self.heap.threshold.set(threshold);
        self.gc.busy = false;
    }

    /// Register an object whose metatable has `__gc` (called by `setmetatable`).
    pub(crate) fn check_finalizer(&mut self, v: Value, mt: Option<Gc<Table>>) {
        let Some(mt) = mt else { return };
        if self.fast_tm(mt, Tm::Gc).is_none() {
            return;
        }
        let Some(h) = header_of(v) else { return };
        // SAFETY: `v` is a live object.
        let hdr = unsafe { h.as_ref() };
        if hdr.flags.get() & FLAG_FINALIZABLE != 0 {
            return;
        }
        hdr.flags.set(hdr.flags.get() | FLAG_FINALIZABLE);
        self.gc.finobj.push(v);
    }

    /// Call pending finalizers (errors become warnings).
    pub(crate) fn run_finalizers(&mut self) {
        if self.gc.tobefnz.is_empty() || self.gc.busy {
            return;
        }
        self.gc.busy = true;
        let saved_top = self.st.top;
        if let Some(ci) = self.st.frames.last() {
            self.st.top = self.st.top.max(ci.top);
        }
        while let Some(v) = self.gc.tobefnz.pop() {
            if let Some(h) = header_of(v) {
                // SAFETY: pending objects are kept alive by `tobefnz` until here.
                let hdr = unsafe { h.as_ref() };
                hdr.flags.set(hdr.flags.get() & !FLAG_FINALIZABLE);
            }
            let Some(tm) = self.get_tm(v, Tm::Gc) else {
                continue;
            };
            if !tm.is_function() && self.get_tm(tm, Tm::Call).is_none() {
                let t = self.obj_type_name(tm);
                let msg = format!("attempt to call a {t} value (metamethod '__gc')");
                self.warn(b"error in __gc (", true);
                self.warn(msg.as_bytes(), true);
                self.warn(b")", false);
                continue;
            }
            let func = self.st.top;
            if self.ensure_stack(3).is_err() {
                break;
            }
            self.st.stack[func] = tm;
            self.st.stack[func + 1] = v;
            self.st.top = func + 2;
            let old_errfunc = self.st.errfunc.take();
            if let Err(e) = self.pcall_at(func, 0) {
                let msg = match e {
                    Value::Str(s) => s.as_bytes().to_vec(),
                    _ => b"error object is not a string".to_vec(),
                };
                self.warn(b"error in ", true);
                self.warn(b"__gc", true);
                self.warn(b" (", true);
                self.warn(&msg, true);
                self.warn(b")", false);
            }
            self.st.errfunc = old_errfunc;
            self.st.top = func;
        }
        self.st.top = saved_top;
        self.gc.busy = false;
    }

    /// Run every pending finalizer, including those of live objects (at close).
    pub fn close_state(&mut self) {
        // pending to-be-closed variables of the main thread are closed first
        let vals: Vec<Value> = {
            let st = if self.cur == self.main {
                &mut self.st
            } else {
                self.main.state_mut()
            };
            let tbc = std::mem::take(&mut st.tbc);
            tbc.iter().rev().map(|&s| st.stack[s]).collect()
        };
        for v in vals {
            if let Some(tm) = self.get_tm(v, Tm::Close) {
                let func = self.st.top;
                if self.ensure_stack(4).is_err() {
                    break;
                }
                self.st.stack[func] = tm;
                self.st.stack[func + 1] = v;
                self.st.stack[func + 2] = Value::Nil;
                self.st.top = func + 3;
                let _ = self.pcall_at(func, 0);
                self.st.top = func;
            }
        }
        self.st.frames.clear();
        self.st.top = 0;
        self.st.tbc.clear();
        self.full_gc();
        let all = std::mem::take(&mut self.gc.finobj);
        self.gc.tobefnz.extend(all);
        self.run_finalizers();
        self.flush_out();
    }

    /// Bytes in use by the heap.
    pub fn heap_bytes(&self) -> usize {
        self.heap.bytes.get()
    }
}
