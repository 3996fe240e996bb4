//! The dispatch loop. Lua-to-Lua calls, returns and tail calls push and pop
//! frames here without native recursion; metamethods implemented in Lua run as
//! frames flagged `FIN_OP`, whose result `finish_op` stores when they return.

use super::arith::{self, ArOp};
use super::debuginfo::Operand;
use super::error::{LResult, LuaError};
use super::func::LuaClosure;
use super::meta::Tm;
use super::state::{cf, MULTRET};
use super::value::Value;
use super::Vm;
use crate::bytecode::*;
use crate::number::{float_to_int_ceil, float_to_int_floor};

/// Fields of a frame replaced by a tail call.
struct OldFrame {
    func: usize,
    flags: u16,
    nresults: i32,
}

/// Longest `__index`/`__newindex` chain followed before giving up.
const MAX_TAG_LOOP: usize = 2000;

/// Store a number or boolean into a stack slot with one 16-byte write, so a
/// later full-width copy of the slot can be forwarded from the store (two
/// partial writes followed by a 16-byte read stall the CPU).
#[inline(always)]
fn put(p: *mut Value, tag: u8, payload: u64) {
    #[cfg(target_arch = "x86_64")]
    // SAFETY: `p` points to a valid, aligned stack slot; the 16 bytes written
    // form a valid `Value` (tag byte, zero padding, payload at offset 8).
    unsafe {
        use std::arch::x86_64::{_mm_set_epi64x, _mm_storeu_si128};
        _mm_storeu_si128(p as *mut _, _mm_set_epi64x(payload as i64, tag as i64));
    }
    #[cfg(not(target_arch = "x86_64"))]
    // SAFETY: as above.
    unsafe {
        *p = match tag {
            super::value::tag::INT => Value::Int(payload as i64),
            super::value::tag::FLOAT => Value::Float(f64::from_bits(payload)),
            _ => Value::Bool(payload != 0),
        };
    }
}

#[inline(always)]
fn put_int(p: *mut Value, x: i64) {
    put(p, super::value::tag::INT, x as u64)
}

#[inline(always)]
fn put_flt(p: *mut Value, x: f64) {
    put(p, super::value::tag::FLOAT, x.to_bits())
}

#[inline(always)]
fn put_nil(p: *mut Value) {
    put(p, super::value::tag::NIL, 0)
}

#[inline(always)]
fn put_bool(p: *mut Value, b: bool) {
    put(p, super::value::tag::BOOL, b as u64)
}

macro_rules! arith_op {
    ($self:ident, $ra:expr, $a:expr, $b:expr, $iop:expr, $fop:expr, $pc:ident) => {{
        match ($a, $b) {
            (&Value::Int(x), &Value::Int(y)) => {
                put_int($ra, $iop(x, y));
                // SAFETY: an arithmetic instruction is followed by its MMBIN (verified).
                $pc = unsafe { $pc.add(1) };
            }
            (&Value::Float(x), &Value::Float(y)) => {
                put_flt($ra, $fop(x, y));
                // SAFETY: an arithmetic instruction is followed by its MMBIN (verified).
                $pc = unsafe { $pc.add(1) };
            }
            (&Value::Int(x), &Value::Float(y)) => {
                put_flt($ra, $fop(x as f64, y));
                // SAFETY: an arithmetic instruction is followed by its MMBIN (verified).
                $pc = unsafe { $pc.add(1) };
            }
            (&Value::Float(x), &Value::Int(y)) => {
                put_flt($ra, $fop(x, y as f64));
                // SAFETY: an arithmetic instruction is followed by its MMBIN (verified).
                $pc = unsafe { $pc.add(1) };
            }
            _ => {}
        }
    }};
}

macro_rules! float_op {
    ($self:ident, $ra:expr, $a:expr, $b:expr, $fop:expr, $pc:ident) => {{
        if let (Some(x), Some(y)) = ($a.as_f64(), $b.as_f64()) {
            put_flt($ra, $fop(x, y));
            // SAFETY: an arithmetic instruction is followed by its MMBIN (verified).
            $pc = unsafe { $pc.add(1) };
        }
    }};
}

macro_rules! divmod_op {
    ($self:ident, $ra:expr, $a:expr, $b:expr, $iop:expr, $fop:expr, $pc:ident, $slow:block) => {{
        let dst = $ra;
        match ($a, $b) {
            (&Value::Int(x), &Value::Int(y)) if y != 0 => {
                put_int(dst, $iop(x, y));
                // SAFETY: an arithmetic instruction is followed by its MMBIN (verified).
                $pc = unsafe { $pc.add(1) };
            }
            (&Value::Float(x), &Value::Float(y)) => {
                put_flt(dst, $fop(x, y));
                // SAFETY: as above.
                $pc = unsafe { $pc.add(1) };
            }
            (&Value::Int(x), &Value::Float(y)) => {
                put_flt(dst, $fop(x as f64, y));
                // SAFETY: as above.
                $pc = unsafe { $pc.add(1) };
            }
            (&Value::Float(x), &Value::Int(y)) => {
                put_flt(dst, $fop(x, y as f64));
                // SAFETY: as above.
                $pc = unsafe { $pc.add(1) };
            }
            // division by zero, strings and metamethods
            _ => $slow,
        }
    }};
}

/// Floor division of floats.
#[inline(always)]
fn fidiv(a: f64, b: f64) -> f64 {
    (a / b).floor()
}

macro_rules! bit_op {
    ($self:ident, $ra:expr, $a:expr, $b:expr, $iop:expr, $pc:ident) => {{
        if let (Some(x), Some(y)) = (arith::to_integer_ns(*$a), arith::to_integer_ns(*$b)) {
            put_int($ra, $iop(x, y));
            // SAFETY: an arithmetic instruction is followed by its MMBIN (verified).
            $pc = unsafe { $pc.add(1) };
        }
    }};
}

/// One step of a generic `for` whose iterator is the library's `next` or
/// `ipairs` iterator over table `t` (`None`: not one of those, or a case the
/// real call must handle: an invalid key, an `__index` to consult).
#[inline(always)]
fn table_step(
    f: super::value::NativeFn,
    t: super::gc::Gc<super::table::Table>,
    control: Value,
) -> Option<(Value, Value)> {
    // (a false negative would only mean the slow path)
    if std::ptr::fn_addr_eq(f, crate::stdlib::base::next as super::value::NativeFn) {
        match t.next(control) {
            Ok(Some(kv)) => Some(kv),
            Ok(None) => Some((Value::Nil, Value::Nil)),
            Err(()) => None,
        }
    } else if std::ptr::fn_addr_eq(f, crate::stdlib::base::ipairs_aux as super::value::NativeFn) {
        let Value::Int(n) = control else { return None };
        let j = n.wrapping_add(1);
        let v = t.get_int(j);
        if !v.is_nil() {
            Some((Value::Int(j), v))
        } else if t.metatable().is_none() {
            Some((Value::Nil, Value::Nil))
        } else {
            None
        }
    } else {
        None
    }
}

impl Vm {
    /// Interpret until the frame count drops to `entry`.
    pub(crate) fn run(&mut self, entry: usize) -> LResult<()> {
        // (kept in the VM rather than in a register of the dispatch loop)
        let outer = std::mem::replace(&mut self.run_entry, entry);
        let r = self.run_frames();
        self.run_entry = outer;
        r
    }

    /// The dispatch loop of `run`, down to frame count `self.run_entry`.
    // The register/constant macros nest `unsafe` blocks when combined.
    #[allow(unused_unsafe)]
    fn run_frames(&mut self) -> LResult<()> {
        // The top frame may be a native frame waiting for a continuation.
        if !self.st.frames.last().is_some_and(|c| c.is_lua()) {
            return Ok(());
        }
        'newframe: loop {
            let ci = self.st.frames.last().expect("frame");
            let Some(cl) = ci.cl else {
                unreachable!("Lua frame expected")
            };
            let (base0, ci_pc, ci_flags) = (ci.base, ci.pc, ci.flags);
            let proto = cl.proto;
            let code: &[u32] = &proto.code;
            // SAFETY: the prototype is kept alive by the closure in the frame's
            // function slot for as long as this frame runs; the slices are never
            // resized after creation.
            let code: &'static [u32] =
                // SAFETY: the closure in the frame's function slot keeps `proto` alive.
                unsafe { std::mem::transmute::<&[u32], &'static [u32]>(code) };
            let k: &'static [Value] =
                // SAFETY: as for `code`: the closure in the frame keeps `proto.k` alive.
                unsafe { std::mem::transmute::<&[Value], &'static [Value]>(&proto.k) };
            // SAFETY: `ci_pc` is inside `code` (verified code only jumps inside it).
            let mut ip: *const u32 = unsafe { code.as_ptr().add(ci_pc) };
            // SAFETY: `base` is inside the stack; `rb` is recomputed (`refresh!`)
            // after every operation that can reallocate the stack (calls,
            // metamethods, collections, stack growth).
            // SAFETY: `base` is inside the stack (the frame was sized by `precall`).
            let mut rb: *mut Value = unsafe { self.st.stack.as_mut_ptr().add(base0) };
            // SAFETY (all pointer macros below): `precall` sized the stack for
            // `base + maxstack`; verified code keeps register operands below
            // `maxstack`, constants inside `k` and every jump, skip and fetch
            // inside `code` (`bytecode::verify`; the compiler's own output obeys
            // the same rules), and `ip` always points into `code`.
            macro_rules! slot {
                ($x:expr) => {
                    // SAFETY: see above (register inside the frame).
                    unsafe { rb.add(($x) as usize) }
                };
            }
            macro_rules! ip_add {
                ($n:expr) => {
                    // SAFETY: see above (target inside `code`).
                    unsafe { ip.add($n) }
                };
            }
            macro_rules! ip_sub {
                ($n:expr) => {
                    // SAFETY: see above (target inside `code`).
                    unsafe { ip.sub($n) }
                };
            }
            macro_rules! ip_off {
                ($n:expr) => {
                    // SAFETY: see above (target inside `code`).
                    unsafe { ip.offset($n) }
                };
            }
            macro_rules! instr_at_ip {
                () => {
                    // SAFETY: see above (`ip` inside `code`).
                    unsafe { *ip }
                };
            }
            macro_rules! instr_before {
                ($n:expr) => {
                    // SAFETY: see above (MMBIN follows its operation).
                    unsafe { *ip.sub($n) }
                };
            }
            macro_rules! pc_now {
                () => {
                    // SAFETY: `ip` and the start of the code are in the same slice.
                    (unsafe { ip.offset_from(cl.proto.code.as_ptr()) } as usize)
                };
            }
            // The base of the running frame (the top one while its loop runs);
            // read from the frame rather than kept in a register.
            macro_rules! base {
                () => {
                    self.st.frames.last().map_or(0, |c| c.base)
                };
            }
            macro_rules! refresh {
                () => {
                    // SAFETY: the frame's base is inside the stack (the frame was
                    // sized by `precall`).
                    rb = unsafe { self.st.stack.as_mut_ptr().add(base!()) }
                };
            }
            macro_rules! savepc {
                () => {
                    // (the running frame is the top one while its loop runs)
                    if let Some(c) = self.st.frames.last_mut() {
                        c.pc = pc_now!();
                    }
                };
            }
            // SAFETY (for `reg!`, `kst!` and `code_at!`): `precall` made the stack hold
            // at least `base + maxstack` slots, and the compiler only emits register
            // operands below `maxstack`, constant indices inside `k` and jumps
            // inside `code` (binary chunks are verified on load).
            macro_rules! reg {
                ($x:expr) => {
                    // SAFETY: register operands are below `maxstack` (verified).
                    *unsafe { &mut *rb.add(($x) as usize) }
                };
            }
            // A register read by reference: matching on it reads only the tag
            // and the payload it needs (a copy of the whole value tends to go
            // through the native stack). Use it before any call that can move
            // the stack.
            macro_rules! rref {
                ($x:expr) => {
                    // SAFETY: register operands are below `maxstack` (verified).
                    unsafe { &*rb.add(($x) as usize) }
                };
            }
            macro_rules! kref {
                ($x:expr) => {
                    // SAFETY: constant operands are inside `k` (verified).
                    unsafe { k.get_unchecked(($x) as usize) }
                };
            }
            macro_rules! kst {
                ($x:expr) => {
                    // SAFETY: constant operands are inside `k` (verified).
                    *unsafe { k.get_unchecked(($x) as usize) }
                };
            }
            macro_rules! upv {
                ($x:expr) => {
                    cl.upvals[$x as usize].get()
                };
            }
            macro_rules! cond_jump {
                ($cond:expr, $i:expr) => {{
                    if $cond != get_k($i) {
                        ip = ip_add!(1);
                    } else {
                        let ni = instr_at_ip!();
                        ip = ip_off!(get_sj(ni) as isize + 1);
                    }
                }};
            }
            // `R[A] = x % y` or `x // y` (`$op`), integer or float; division
            // by zero, strings and metamethods go to `arith_fast` / MMBIN.
            macro_rules! divmod {
                ($a:ident, $x:expr, $y:expr, $iop:expr, $fop:expr, $op:expr) => {{
                    let (x, y) = ($x, $y);
                    divmod_op!(self, slot!($a), x, y, $iop, $fop, ip, {
                        savepc!();
                        if self.arith_fast(base!() + $a, $op, *x, *y)? {
                            ip = ip_add!(1);
                        }
                        refresh!();
                    });
                }};
            }
            // `R[A] op R[B]` (`$le`: `<=`, else `<`).
            macro_rules! cmp_regs {
                ($a:ident, $i:ident, $op:tt, $le:expr) => {{
                    let (xr, yr) = (rref!($a), rref!(get_b($i)));
                    let r = match (xr, yr) {
                        (&Value::Int(p), &Value::Int(q)) => p $op q,
                        (&Value::Float(p), &Value::Float(q)) => p $op q,
                        _ if xr.is_number() && yr.is_number() => {
                            if $le {
                                arith::num_le(*xr, *yr)
                            } else {
                                arith::num_lt(*xr, *yr)
                            }
                        }
                        _ => {
                            let (x, y) = (*xr, *yr);
                            savepc!();
                            match self.order_op(x, y, $le, true)? {
                                Some(r) => {
                                    refresh!();
                                    r
                                }
                                None => continue 'newframe,
                            }
                        }
                    };
                    cond_jump!(r, $i);
                }};
            }
            // `R[A] op sB` (`$swap`: the metamethod gets the operands the
            // other way round, `$le`: `__le` rather than `__lt`).
            macro_rules! cmp_imm {
                ($a:ident, $i:ident, $op:tt, $swap:expr, $le:expr) => {{
                    let xr = rref!($a);
                    let imm = get_sb($i) as i64;
                    let r = match *xr {
                        Value::Int(n) => n $op imm,
                        Value::Float(f) => f $op imm as f64,
                        _ => {
                            let x = *xr;
                            let iv = if get_c($i) != 0 {
                                Value::Float(imm as f64)
                            } else {
                                Value::Int(imm)
                            };
                            savepc!();
                            let res = if $swap {
                                self.order_op(iv, x, $le, true)?
                            } else {
                                self.order_op(x, iv, $le, true)?
                            };
                            match res {
                                Some(r) => {
                                    refresh!();
                                    r
                                }
                                None => continue 'newframe,
                            }
                        }
                    };
                    cond_jump!(r, $i);
                }};
            }
            macro_rules! get_fast {
                ($a:expr, $t:expr, $key:expr) => {
                    if let Value::Table(tt) = $t {
                        if let Some(v) = self.index_fast(tt, $key) {
                            reg!($a) = v;
                            continue;
                        }
                    }
                };
            }
            macro_rules! finish_get {
                ($a:expr, $t:expr, $key:expr, $o:expr) => {{
                    savepc!();
                    match self.get_slow($t, $key, $o, true)? {
                        Some(v) => {
                            refresh!();
                            reg!($a) = v
                        }
                        None => continue 'newframe,
                    }
                }};
            }
            if self.trap {
                if ci_pc == 0 {
                    self.hook_oldpc = 0;
                    let ev = if ci_flags & cf::TAIL != 0 {
                        "tail call"
                    } else {
                        "call"
                    };
                    self.call_hook(ev, None)?;
                } else {
                    self.hook_oldpc = ci_pc.saturating_sub(1);
                }
                refresh!();
            }
            loop {
                if self.trap {
                    savepc!();
                    self.trace_exec(pc_now!())?;
                    refresh!();
                }
                let i = instr_at_ip!();
                ip = ip_add!(1);
                let a = get_a(i) as usize;
                match get_op(i) {
                    OP_MOVE => {
                        reg!(a) = reg!(get_b(i));
                    }
                    OP_LOADI => {
                        put_int(slot!((a) as usize), get_sbx(i) as i64);
                    }
                    OP_LOADF => {
                        put_flt(slot!((a) as usize), get_sbx(i) as f64);
                    }
                    OP_LOADK => {
                        reg!(a) = kst!(get_bx(i) as usize);
                    }
                    OP_LOADKX => {
                        reg!(a) = kst!(get_ax(instr_at_ip!()));
                        ip = ip_add!(1);
                    }
                    OP_LOADFALSE => put_bool(slot!((a) as usize), false),
                    OP_LFALSESKIP => {
                        put_bool(slot!((a) as usize), false);
                        ip = ip_add!(1);
                    }
                    OP_LOADTRUE => put_bool(slot!((a) as usize), true),
                    OP_LOADNIL => {
                        let b = get_b(i) as usize;
                        for j in 0..=b {
                            put_nil(slot!(a + j));
                        }
                    }
                    OP_GETUPVAL => {
                        reg!(a) = upv!(get_b(i)).get();
                    }
                    OP_SETUPVAL => {
                        upv!(get_b(i)).set(reg!(a));
                    }
                    OP_GETTABUP => {
                        let t = upv!(get_b(i)).get();
                        let key = kst!(get_c(i) as usize);
                        get_fast!(a, t, key);
                        finish_get!(a, t, key, Operand::Upval(get_b(i) as usize));
                    }
                    OP_GETTABLE => {
                        let t = reg!(get_b(i));
                        let key = reg!(get_c(i));
                        get_fast!(a, t, key);
                        finish_get!(a, t, key, Operand::Reg(get_b(i) as usize));
                    }
                    OP_GETI => {
                        let t = reg!(get_b(i));
                        let n = get_c(i) as i64;
                        get_fast!(a, t, Value::Int(n));
                        finish_get!(a, t, Value::Int(n), Operand::Reg(get_b(i) as usize));
                    }
                    OP_GETFIELD => {
                        let t = reg!(get_b(i));
                        let key = kst!(get_c(i) as usize);
                        get_fast!(a, t, key);
                        finish_get!(a, t, key, Operand::Reg(get_b(i) as usize));
                    }
                    OP_SETTABUP => {
                        let t = upv!(a).get();
                        let key = kst!(get_b(i) as usize);
                        let v = if get_k(i) {
                            kst!(get_c(i) as usize)
                        } else {
                            reg!(get_c(i))
                        };
                        if let Value::Table(tt) = t {
                            let done = match key {
                                Value::Str(ks) => tt.replace_existing_str(ks, v),
                                _ => tt.replace_existing(key, v),
                            };
                            if done {
                                continue;
                            }
                        }
                        savepc!();
                        if !self.set_slow(t, key, v, Operand::Upval(a), true)? {
                            continue 'newframe;
                        }
                        refresh!();
                    }
                    OP_SETTABLE => {
                        let t = reg!(a);
                        let key = reg!(get_b(i));
                        let v = if get_k(i) {
                            kst!(get_c(i) as usize)
                        } else {
                            reg!(get_c(i))
                        };
                        if let Value::Table(tt) = t {
                            let done = match key {
                                Value::Int(n) => tt.replace_existing_int(n, v),
                                Value::Str(ks) => tt.replace_existing_str(ks, v),
                                Value::Nil => false,
                                Value::Float(f) if f.is_nan() => false,
                                _ => tt.replace_existing(key, v),
                            };
                            if done {
                                continue;
                            }
                        }
                        savepc!();
                        if !self.set_slow(t, key, v, Operand::Reg(a), true)? {
                            continue 'newframe;
                        }
                        refresh!();
                    }
                    OP_SETI => {
                        let t = reg!(a);
                        let n = get_b(i) as i64;
                        let v = if get_k(i) {
                            kst!(get_c(i) as usize)
                        } else {
                            reg!(get_c(i))
                        };
                        if let Value::Table(tt) = t {
                            if tt.replace_existing_int(n, v) {
                                continue;
                            }
                        }
                        savepc!();
                        if !self.set_slow(t, Value::Int(n), v, Operand::Reg(a), true)? {
                            continue 'newframe;
                        }
                        refresh!();
                    }
                    OP_SETFIELD => {
                        let t = reg!(a);
                        let key = kst!(get_b(i) as usize);
                        let v = if get_k(i) {
                            kst!(get_c(i) as usize)
                        } else {
                            reg!(get_c(i))
                        };
                        if let Value::Table(tt) = t {
                            let done = match key {
                                Value::Str(ks) => tt.replace_existing_str(ks, v),
                                _ => tt.replace_existing(key, v),
                            };
                            if done {
                                continue;
                            }
                        }
                        savepc!();
                        if !self.set_slow(t, key, v, Operand::Reg(a), true)? {
                            continue 'newframe;
                        }
                        refresh!();
                    }
                    OP_NEWTABLE => {
                        let b = get_b(i);
                        let mut c = get_c(i) as usize;
                        let nh = if b > 0 {
                            1usize.checked_shl(b - 1).unwrap_or(usize::MAX)
                        } else {
                            0
                        };
                        if get_k(i) {
                            c += get_ax(instr_at_ip!()) as usize * (MAXARG_C as usize + 1);
                        }
                        ip = ip_add!(1);
                        // sizes come from the chunk: refuse absurd ones (hand-made
                        // binary chunks) instead of aborting on the allocation
                        let bytes = c.saturating_add(nh).saturating_mul(32);
                        if !self.heap.reserve(bytes) {
                            savepc!();
                            self.check_oom()?;
                        }
                        let t = self.new_table_sized(c, nh);
                        reg!(a) = Value::Table(t);
                        if self.gc_due() {
                            savepc!();
                            self.st.top = base!() + a + 1;
                            self.gc_safepoint();
                            refresh!();
                            self.check_heap_limit()?;
                        }
                    }
                    OP_SELF => {
                        let t = reg!(get_b(i));
                        let key = if get_k(i) {
                            kst!(get_c(i) as usize)
                        } else {
                            reg!(get_c(i))
                        };
                        reg!(a + 1) = t;
                        get_fast!(a, t, key);
                        finish_get!(a, t, key, Operand::Reg(get_b(i) as usize));
                    }
                    OP_ADDI => {
                        let x = rref!(get_b(i));
                        let imm = get_sc(i) as i64;
                        match *x {
                            Value::Int(n) => {
                                put_int(slot!((a) as usize), n.wrapping_add(imm));
                                ip = ip_add!(1);
                            }
                            Value::Float(f) => {
                                put_flt(slot!((a) as usize), f + imm as f64);
                                ip = ip_add!(1);
                            }
                            _ => {}
                        }
                    }
                    OP_ADDK => {
                        let (x, y) = (rref!(get_b(i)), kref!(get_c(i)));
                        arith_op!(
                            self,
                            slot!(a),
                            x,
                            y,
                            i64::wrapping_add,
                            |p: f64, q: f64| p + q,
                            ip
                        );
                    }
                    OP_SUBK => {
                        let (x, y) = (rref!(get_b(i)), kref!(get_c(i)));
                        arith_op!(
                            self,
                            slot!(a),
                            x,
                            y,
                            i64::wrapping_sub,
                            |p: f64, q: f64| p - q,
                            ip
                        );
                    }
                    OP_MULK => {
                        let (x, y) = (rref!(get_b(i)), kref!(get_c(i)));
                        arith_op!(
                            self,
                            slot!(a),
                            x,
                            y,
                            i64::wrapping_mul,
                            |p: f64, q: f64| p * q,
                            ip
                        );
                    }
                    OP_DIVK => {
                        let (x, y) = (rref!(get_b(i)), kref!(get_c(i)));
                        float_op!(self, slot!(a), x, y, |p: f64, q: f64| p / q, ip);
                    }
                    OP_MODK => divmod!(
                        a,
                        rref!(get_b(i)),
                        kref!(get_c(i)),
                        arith::imod,
                        arith::fmod,
                        ArOp::Mod
                    ),
                    OP_IDIVK => divmod!(
                        a,
                        rref!(get_b(i)),
                        kref!(get_c(i)),
                        arith::idiv,
                        fidiv,
                        ArOp::IDiv
                    ),
                    OP_POWK => {
                        let (x, y) = (rref!(get_b(i)), kref!(get_c(i)));
                        float_op!(
                            self,
                            slot!(a),
                            x,
                            y,
                            |p: f64, q: f64| arith::arith_float(ArOp::Pow, p, q),
                            ip
                        );
                    }
                    OP_BANDK => {
                        let (x, y) = (rref!(get_b(i)), kref!(get_c(i)));
                        bit_op!(self, slot!(a), x, y, |p: i64, q: i64| p & q, ip);
                    }
                    OP_BORK => {
                        let (x, y) = (rref!(get_b(i)), kref!(get_c(i)));
                        bit_op!(self, slot!(a), x, y, |p: i64, q: i64| p | q, ip);
                    }
                    OP_BXORK => {
                        let (x, y) = (rref!(get_b(i)), kref!(get_c(i)));
                        bit_op!(self, slot!(a), x, y, |p: i64, q: i64| p ^ q, ip);
                    }
                    OP_SHRI => {
                        let x = reg!(get_b(i));
                        if let Some(n) = arith::to_integer_ns(x) {
                            put_int(slot!((a) as usize), arith::shl(n, -(get_sc(i) as i64)));
                            ip = ip_add!(1);
                        }
                    }
                    OP_SHLI => {
                        let x = reg!(get_b(i));
                        if let Some(n) = arith::to_integer_ns(x) {
                            put_int(slot!((a) as usize), arith::shl(get_sc(i) as i64, n));
                            ip = ip_add!(1);
                        }
                    }
                    OP_ADD => {
                        let (x, y) = (rref!(get_b(i)), rref!(get_c(i)));
                        arith_op!(
                            self,
                            slot!(a),
                            x,
                            y,
                            i64::wrapping_add,
                            |p: f64, q: f64| p + q,
                            ip
                        );
                    }
                    OP_SUB => {
                        let (x, y) = (rref!(get_b(i)), rref!(get_c(i)));
                        arith_op!(
                            self,
                            slot!(a),
                            x,
                            y,
                            i64::wrapping_sub,
                            |p: f64, q: f64| p - q,
                            ip
                        );
                    }
                    OP_MUL => {
                        let (x, y) = (rref!(get_b(i)), rref!(get_c(i)));
                        arith_op!(
                            self,
                            slot!(a),
                            x,
                            y,
                            i64::wrapping_mul,
                            |p: f64, q: f64| p * q,
                            ip
                        );
                    }
                    OP_DIV => {
                        let (x, y) = (rref!(get_b(i)), rref!(get_c(i)));
                        float_op!(self, slot!(a), x, y, |p: f64, q: f64| p / q, ip);
                    }
                    OP_POW => {
                        let (x, y) = (rref!(get_b(i)), rref!(get_c(i)));
                        float_op!(
                            self,
                            slot!(a),
                            x,
                            y,
                            |p: f64, q: f64| arith::arith_float(ArOp::Pow, p, q),
                            ip
                        );
                    }
                    OP_MOD => divmod!(
                        a,
                        rref!(get_b(i)),
                        rref!(get_c(i)),
                        arith::imod,
                        arith::fmod,
                        ArOp::Mod
                    ),
                    OP_IDIV => divmod!(
                        a,
                        rref!(get_b(i)),
                        rref!(get_c(i)),
                        arith::idiv,
                        fidiv,
                        ArOp::IDiv
                    ),
                    OP_BAND => {
                        let (x, y) = (rref!(get_b(i)), rref!(get_c(i)));
                        bit_op!(self, slot!(a), x, y, |p: i64, q: i64| p & q, ip);
                    }
                    OP_BOR => {
                        let (x, y) = (rref!(get_b(i)), rref!(get_c(i)));
                        bit_op!(self, slot!(a), x, y, |p: i64, q: i64| p | q, ip);
                    }
                    OP_BXOR => {
                        let (x, y) = (rref!(get_b(i)), rref!(get_c(i)));
                        bit_op!(self, slot!(a), x, y, |p: i64, q: i64| p ^ q, ip);
                    }
                    OP_SHL => {
                        let (x, y) = (rref!(get_b(i)), rref!(get_c(i)));
                        bit_op!(self, slot!(a), x, y, arith::shl, ip);
                    }
                    OP_SHR => {
                        let (x, y) = (rref!(get_b(i)), rref!(get_c(i)));
                        bit_op!(
                            self,
                            slot!(a),
                            x,
                            y,
                            |p: i64, q: i64| arith::shl(p, q.wrapping_neg()),
                            ip
                        );
                    }
                    OP_MMBIN | OP_MMBINI | OP_MMBINK => {
                        let x = reg!(a);
                        let (y, oy) = match get_op(i) {
                            OP_MMBIN => (reg!(get_b(i)), Operand::Reg(get_b(i) as usize)),
                            OP_MMBINI => (Value::Int(get_sb(i) as i64), Operand::None),
                            _ => (kst!(get_b(i) as usize), Operand::None),
                        };
                        let (p1, p2, o1, o2) = if get_op(i) != OP_MMBIN && get_k(i) {
                            (y, x, oy, Operand::Reg(a))
                        } else {
                            (x, y, Operand::Reg(a), oy)
                        };
                        let prev = instr_before!(2);
                        let tm = get_c(i);
                        savepc!();
                        match self.arith_tm(p1, p2, o1, o2, tm, true)? {
                            Some(v) => {
                                refresh!();
                                reg!(get_a(prev)) = v
                            }
                            None => continue 'newframe,
                        }
                    }
                    OP_UNM => {
                        let x = reg!(get_b(i));
                        match x {
                            Value::Int(n) => put_int(slot!((a) as usize), n.wrapping_neg()),
                            Value::Float(f) => put_flt(slot!((a) as usize), -f),
                            _ => {
                                savepc!();
                                let o = Operand::Reg(get_b(i) as usize);
                                match self.arith_tm(x, x, o, o, Tm::Unm as u32, true)? {
                                    Some(v) => {
                                        refresh!();
                                        reg!(a) = v
                                    }
                                    None => continue 'newframe,
                                }
                            }
                        }
                    }
                    OP_BNOT => {
                        let x = reg!(get_b(i));
                        match arith::to_integer_ns(x) {
                            Some(n) => put_int(slot!((a) as usize), !n),
                            None => {
                                savepc!();
                                let o = Operand::Reg(get_b(i) as usize);
                                match self.arith_tm(x, x, o, o, Tm::BNot as u32, true)? {
                                    Some(v) => {
                                        refresh!();
                                        reg!(a) = v
                                    }
                                    None => continue 'newframe,
                                }
                            }
                        }
                    }
                    OP_NOT => {
                        put_bool(slot!((a) as usize), !reg!(get_b(i)).truthy());
                    }
                    OP_LEN => {
                        let x = reg!(get_b(i));
                        savepc!();
                        match self.len_op(x, Operand::Reg(get_b(i) as usize), true)? {
                            Some(v) => {
                                refresh!();
                                reg!(a) = v
                            }
                            None => continue 'newframe,
                        }
                    }
                    OP_CONCAT => {
                        let n = get_b(i) as usize;
                        savepc!();
                        if self.concat(base!() + a, n, true)? {
                            continue 'newframe;
                        }
                        refresh!();
                        if self.gc_due() {
                            self.st.top = base!() + a + 1;
                            self.gc_safepoint();
                            refresh!();
                            self.check_heap_limit()?;
                        }
                    }
                    OP_CLOSE => {
                        savepc!();
                        self.close_upvals(base!() + a);
                        self.close_tbc(base!() + a)?;
                        refresh!();
                    }
                    OP_TBC => {
                        savepc!();
                        self.new_tbc(base!() + a, Some(a))?;
                    }
                    OP_JMP => {
                        ip = ip_off!(get_sj(i) as isize);
                    }
                    OP_EQ => {
                        let (x, y) = (reg!(a), reg!(get_b(i)));
                        let r = match (x, y) {
                            (Value::Table(p), Value::Table(q)) if p != q => {
                                savepc!();
                                match self.eq_tm(x, y, true)? {
                                    Some(r) => {
                                        refresh!();
                                        r
                                    }
                                    None => continue 'newframe,
                                }
                            }
                            (Value::UserData(p), Value::UserData(q)) if p != q => {
                                savepc!();
                                match self.eq_tm(x, y, true)? {
                                    Some(r) => {
                                        refresh!();
                                        r
                                    }
                                    None => continue 'newframe,
                                }
                            }
                            _ => x.raw_eq(&y),
                        };
                        cond_jump!(r, i);
                    }
                    OP_LT => cmp_regs!(a, i, <, false),
                    OP_LE => cmp_regs!(a, i, <=, true),
                    OP_EQK => {
                        let r = reg!(a).raw_eq(&kst!(get_b(i) as usize));
                        cond_jump!(r, i);
                    }
                    OP_EQI => {
                        let imm = get_sb(i) as i64;
                        let r = match *rref!(a) {
                            Value::Int(n) => n == imm,
                            Value::Float(f) => f == imm as f64,
                            _ => false,
                        };
                        cond_jump!(r, i);
                    }
                    OP_LTI => cmp_imm!(a, i, <, false, false),
                    OP_LEI => cmp_imm!(a, i, <=, false, true),
                    OP_GTI => cmp_imm!(a, i, >, true, false),
                    OP_GEI => cmp_imm!(a, i, >=, true, true),
                    OP_TEST => {
                        let r = rref!(a).truthy();
                        cond_jump!(r, i);
                    }
                    OP_TESTSET => {
                        let v = reg!(get_b(i));
                        if v.truthy() != get_k(i) {
                            ip = ip_add!(1);
                        } else {
                            reg!(a) = v;
                            let ni = instr_at_ip!();
                            ip = ip_off!(get_sj(ni) as isize + 1);
                        }
                    }
                    OP_CALL => {
                        let b = get_b(i) as usize;
                        let nresults = get_c(i) as i32 - 1;
                        let func = base!() + a;
                        savepc!();
                        if b != 0 {
                            self.st.top = func + b;
                        } else {
                            self.check_top(func + 1)?;
                        }
                        // Fast path: a Lua function with fixed parameters and room
                        // on the stack.
                        if let Value::LuaFn(ncl) = *rref!(a) {
                            let p = ncl.proto;
                            let newbase = func + 1;
                            let newtop = newbase + p.maxstack as usize;
                            if !p.is_vararg
                                && newtop + super::state::MIN_STACK <= self.st.stack.len()
                                && self.st.frames.len() < super::state::MAX_FRAMES
                            {
                                let nargs = self.st.top - newbase;
                                for j in nargs..p.numparams as usize {
                                    self.st.stack[newbase + j] = Value::Nil;
                                }
                                self.st.frames.push(super::state::CallInfo {
                                    func,
                                    base: newbase,
                                    top: newtop,
                                    pc: 0,
                                    nresults,
                                    cl: Some(ncl),
                                    flags: 0,
                                    nextra: 0,
                                    aux: 0,
                                    cont: super::state::Cont::None,
                                });
                                self.st.top = newtop;
                                continue 'newframe;
                            }
                        }
                        if self.precall(func, nresults, 0)? {
                            continue 'newframe;
                        }
                        refresh!();
                    }
                    OP_TAILCALL => {
                        let b = get_b(i) as usize;
                        if b != 0 {
                            self.st.top = base!() + a + b;
                        } else {
                            savepc!();
                            self.check_top(base!() + a + 1)?;
                        }
                        savepc!();
                        if get_k(i) {
                            self.close_upvals(base!());
                        }
                        let func = base!() + a;
                        // Resolve `__call` first so the callee kind is known.
                        let mut f = self.st.stack[func];
                        let mut tries = 0;
                        while !f.is_function() {
                            let Some(tm) = self.get_tm(f, Tm::Call) else {
                                return Err(self.tail_call_error(func));
                            };
                            tries += 1;
                            if tries > 2000 {
                                return Err(self.rt_error("'__call' chain too long; possible loop"));
                            }
                            self.ensure_stack(1)?;
                            let top = self.st.top;
                            self.st.stack.copy_within(func..top, func + 1);
                            self.st.stack[func] = tm;
                            self.st.top = top + 1;
                            f = tm;
                        }
                        if let Value::LuaFn(_) = f {
                            let nf = self.st.frames.len();
                            let c = &self.st.frames[nf - 1];
                            let old = (c.func, c.flags, c.nresults);
                            self.st.frames.truncate(nf - 1);
                            let old = OldFrame {
                                func: old.0,
                                flags: old.1,
                                nresults: old.2,
                            };
                            let n = self.st.top - func;
                            self.st.stack.copy_within(func..func + n, old.func);
                            self.st.top = old.func + n;
                            let flags = (old.flags & cf::FIN_OP) | cf::TAIL;
                            self.precall(old.func, old.nresults, flags)?;
                            continue 'newframe;
                        }
                        // Native callee: call it here; the RETURN that always
                        // follows a TAILCALL returns its results.
                        if self.precall(func, MULTRET, 0)? {
                            continue 'newframe;
                        }
                        refresh!();
                    }
                    OP_RETURN => {
                        if self.trap {
                            savepc!();
                            self.call_hook("return", None)?;
                            refresh!();
                        }
                        let b = get_b(i) as usize;
                        let n = if b != 0 {
                            b - 1
                        } else {
                            savepc!();
                            self.check_top(base!() + a)?;
                            self.st.top - (base!() + a)
                        };
                        if get_k(i) {
                            savepc!();
                            self.st.top = base!() + a + n;
                            self.close_upvals(base!());
                            self.close_tbc(base!())?;
                            refresh!();
                        }
                        self.st.top = base!() + a + n;
                        if let Some(r) = self.do_return(self.run_entry, n)? {
                            return r;
                        }
                        continue 'newframe;
                    }
                    OP_RETURN0 => {
                        if self.trap {
                            savepc!();
                            self.call_hook("return", None)?;
                            refresh!();
                        }
                        let nf = self.st.frames.len();
                        let c = &self.st.frames[nf - 1];
                        let ci = super::state::Popped {
                            func: c.func,
                            flags: c.flags,
                            lua: true,
                        };
                        let nresults = c.nresults;
                        self.st.frames.truncate(nf - 1);
                        if nresults == MULTRET {
                            self.st.top = ci.func;
                        } else {
                            for j in 0..nresults as usize {
                                self.st.stack[ci.func + j] = Value::Nil;
                            }
                            self.st.top = ci.func + nresults as usize;
                        }
                        if ci.flags & (cf::FIN_OP | cf::HOOKED) == 0
                            && self.st.frames.len() > self.run_entry
                        {
                            if let Some(c) = self.st.frames.last() {
                                if c.is_lua() {
                                    continue 'newframe;
                                }
                            }
                        }
                        if !self.settle(self.run_entry, ci)? {
                            return Ok(());
                        }
                        continue 'newframe;
                    }
                    OP_RETURN1 => {
                        if self.trap {
                            savepc!();
                            self.call_hook("return", None)?;
                            refresh!();
                        }
                        let v = reg!(a);
                        let nf = self.st.frames.len();
                        let c = &self.st.frames[nf - 1];
                        let ci = super::state::Popped {
                            func: c.func,
                            flags: c.flags,
                            lua: true,
                        };
                        let nresults = c.nresults;
                        self.st.frames.truncate(nf - 1);
                        if nresults == MULTRET {
                            self.st.stack[ci.func] = v;
                            self.st.top = ci.func + 1;
                        } else if nresults > 0 {
                            self.st.stack[ci.func] = v;
                            for j in 1..nresults as usize {
                                self.st.stack[ci.func + j] = Value::Nil;
                            }
                            self.st.top = ci.func + nresults as usize;
                        } else {
                            self.st.top = ci.func;
                        }
                        if ci.flags & (cf::FIN_OP | cf::HOOKED) == 0
                            && self.st.frames.len() > self.run_entry
                        {
                            if let Some(c) = self.st.frames.last() {
                                if c.is_lua() {
                                    continue 'newframe;
                                }
                            }
                        }
                        if !self.settle(self.run_entry, ci)? {
                            return Ok(());
                        }
                        continue 'newframe;
                    }
                    OP_FORLOOP => match *rref!(a + 2) {
                        Value::Int(step) => {
                            if let Value::Int(count) = *rref!(a + 1) {
                                if count > 0 {
                                    put_int(slot!((a + 1) as usize), count - 1);
                                    let Value::Int(idx) = *rref!(a) else {
                                        savepc!();
                                        return Err(self.bad_code());
                                    };
                                    let idx = idx.wrapping_add(step);
                                    put_int(slot!((a) as usize), idx);
                                    put_int(slot!((a + 3) as usize), idx);
                                    ip = ip_sub!(get_bx(i) as usize);
                                }
                            }
                        }
                        Value::Float(step) => {
                            let (&Value::Float(idx), &Value::Float(limit)) =
                                (rref!(a), rref!(a + 1))
                            else {
                                savepc!();
                                return Err(self.bad_code());
                            };
                            let idx = idx + step;
                            let go = if step > 0.0 {
                                idx <= limit
                            } else {
                                limit <= idx
                            };
                            if go {
                                put_flt(slot!((a) as usize), idx);
                                put_flt(slot!((a + 3) as usize), idx);
                                ip = ip_sub!(get_bx(i) as usize);
                            }
                        }
                        _ => {
                            savepc!();
                            return Err(self.bad_code());
                        }
                    },
                    OP_FORPREP => {
                        savepc!();
                        if self.for_prep(base!() + a)? {
                            ip = ip_add!(get_bx(i) as usize + 1);
                        }
                    }
                    OP_TFORPREP => {
                        savepc!();
                        self.new_tbc(base!() + a + 3, Some(a + 3))?;
                        ip = ip_add!(get_bx(i) as usize);
                    }
                    OP_TFORCALL => {
                        // the iterator call counts toward the C-stack limit, as
                        // the reference's luaD_call does
                        if self.n_ccalls + self.st.nfin + 1 >= super::MAX_CCALLS {
                            savepc!();
                            return Err(self.rt_error("C stack overflow"));
                        }
                        // `pairs` and `ipairs` loops over tables: step the
                        // iteration here instead of calling `next`/the ipairs
                        // iterator (same results; any other case, an error or
                        // a hook goes through the call below)
                        if !self.trap {
                            if let (Value::NativeFn(f), Value::Table(t)) = (reg!(a), reg!(a + 1)) {
                                if let Some((k, v)) = table_step(f, t, reg!(a + 2)) {
                                    let nres = get_c(i) as usize;
                                    reg!(a + 4) = k;
                                    if nres >= 2 {
                                        reg!(a + 5) = v;
                                        for j in 2..nres {
                                            reg!(a + 4 + j) = Value::Nil;
                                        }
                                    }
                                    continue;
                                }
                            }
                        }
                        let ra = base!() + a;
                        self.st.stack.copy_within(ra..ra + 3, ra + 4);
                        self.st.top = ra + 4 + 3;
                        savepc!();
                        // a Lua iterator runs as a counted frame (`FIN_OP`,
                        // nothing to finish), so iterators that loop over
                        // themselves end in "C stack overflow" as in lua5.4
                        // (a native iterator counts while it runs)
                        self.n_ccalls += 1;
                        let r = self.precall(ra + 4, get_c(i) as i32, cf::FIN_OP);
                        self.n_ccalls -= 1;
                        if r? {
                            self.st.nfin += 1;
                            continue 'newframe;
                        }
                        refresh!();
                    }
                    OP_TFORLOOP => {
                        let v = reg!(a + 4);
                        if !v.is_nil() {
                            reg!(a + 2) = v;
                            ip = ip_sub!(get_bx(i) as usize);
                        }
                    }
                    OP_SETLIST => {
                        let mut n = get_b(i) as usize;
                        let mut last = get_c(i) as usize;
                        if n == 0 {
                            n = match self.st.top.checked_sub(base!() + a + 1) {
                                Some(n) if self.st.top <= self.st.stack.len() => n,
                                _ => {
                                    savepc!();
                                    return Err(self.bad_code());
                                }
                            };
                        }
                        if get_k(i) {
                            last += get_ax(instr_at_ip!()) as usize * (MAXARG_C as usize + 1);
                            ip = ip_add!(1);
                        }
                        last += n;
                        let Value::Table(t) = reg!(a) else {
                            savepc!();
                            return Err(self.bad_code());
                        };
                        if last > t.array_len() {
                            t.presize(&self.heap, last, 0);
                            if last > t.array_len() {
                                savepc!();
                                self.check_oom()?;
                                return Err(self.bad_code());
                            }
                        }
                        let arr = t.array_mut();
                        let ra = base!() + a;
                        for j in (1..=n).rev() {
                            arr[last - n + j - 1] = self.st.stack[ra + j];
                        }
                    }
                    OP_CLOSURE => {
                        let p = cl.proto.protos[get_bx(i) as usize];
                        let mut ups = Vec::with_capacity(p.upvals.len());
                        for d in p.upvals.iter() {
                            if d.in_stack {
                                ups.push(self.find_upval(base!() + d.index as usize));
                            } else {
                                ups.push(cl.upvals[d.index as usize].get());
                            }
                        }
                        let n = ups.len();
                        let ncl = self.heap.alloc(LuaClosure::new(p, ups), n * 8);
                        reg!(a) = Value::LuaFn(ncl);
                        if self.gc_due() {
                            savepc!();
                            self.st.top = base!() + a + 1;
                            self.gc_safepoint();
                            refresh!();
                            self.check_heap_limit()?;
                        }
                    }
                    OP_VARARG => {
                        let wanted = get_c(i) as i32 - 1;
                        let ci = *self.st.frames.last().expect("frame");
                        let nextra = ci.nextra as usize;
                        let from = ci.func + 1 + cl.proto.numparams as usize;
                        if wanted < 0 {
                            let need = base!() + a + nextra + super::state::MIN_STACK;
                            if need > self.st.stack.len() {
                                savepc!();
                                self.grow_stack(need)?;
                                refresh!();
                            }
                            self.st.stack.copy_within(from..from + nextra, base!() + a);
                            self.st.top = base!() + a + nextra;
                        } else {
                            let w = wanted as usize;
                            for j in 0..w {
                                reg!(a + j) = if j < nextra {
                                    self.st.stack[from + j]
                                } else {
                                    Value::Nil
                                };
                            }
                        }
                    }
                    OP_VARARGPREP => {}
                    OP_EXTRAARG => {}
                    _ => {
                        savepc!();
                        return Err(self.rt_error("invalid instruction"));
                    }
                }
            }
        }
    }

    /// Call the debug hook for `event` (the running frame is on top).
    #[cold]
    pub(crate) fn call_hook(&mut self, event: &str, line: Option<i64>) -> LResult<()> {
        let Some(h) = self.hook.clone() else {
            return Ok(());
        };
        let wanted = match event {
            "call" | "tail call" => h.call,
            "return" => h.ret,
            "line" => h.line,
            _ => true,
        };
        if !wanted || self.in_hook {
            return Ok(());
        }
        let saved_top = self.st.top;
        if let Some(ci) = self.st.frames.last() {
            self.st.top = self.st.top.max(ci.top);
        }
        self.in_hook = true;
        self.sync_trap();
        let ev = self.str_value(event.as_bytes());
        let r = match line {
            Some(l) => self.call_value(h.func, &[ev, Value::Int(l)]),
            None => self.call_value(h.func, &[ev]),
        };
        self.in_hook = false;
        self.sync_trap();
        self.st.top = saved_top;
        r.map(|_| ())
    }

    /// Count and line events before executing instruction `pc`.
    #[cold]
    fn trace_exec(&mut self, pc: usize) -> LResult<()> {
        let Some(h) = self.hook.clone() else {
            return Ok(());
        };
        if h.count > 0 {
            if self.hook_count_left <= 1 {
                self.hook_count_left = h.count;
                self.call_hook("count", None)?;
            } else {
                self.hook_count_left -= 1;
            }
        }
        if h.line {
            let Some(p) = self.running_proto() else {
                return Ok(());
            };
            let oldpc = if self.hook_oldpc < p.code.len() {
                self.hook_oldpc
            } else {
                0
            };
            let skip_prep = pc == 0 && p.is_vararg;
            if !skip_prep && (pc <= oldpc || p.line_at(pc) != p.line_at(oldpc) || pc == 0) {
                let line = p.line_at(pc) as i64;
                self.call_hook("line", Some(line))?;
            }
            self.hook_oldpc = pc;
        }
        Ok(())
    }

    /// A B=0 operand uses the top set by the previous instruction; make sure it
    /// is sane (it always is for compiled code).
    #[inline]
    fn check_top(&mut self, from: usize) -> LResult<()> {
        if self.st.top < from || self.st.top > self.st.stack.len() {
            return Err(self.bad_code());
        }
        Ok(())
    }

    /// Error for instruction sequences the compiler never produces (possible
    /// only in hand-made binary chunks that pass verification).
    #[cold]
    fn bad_code(&mut self) -> LuaError {
        self.rt_error("invalid bytecode sequence")
    }

    /// Return `n` results (ending at `top`) from the running Lua frame.
    /// `Some(result)` means `run` must return.
    #[inline]
    fn do_return(&mut self, entry: usize, n: usize) -> LResult<Option<LResult<()>>> {
        let popped = self.poscall(n);
        if !self.settle(entry, popped)? {
            return Ok(Some(Ok(())));
        }
        Ok(None)
    }

    #[cold]
    fn tail_call_error(&mut self, func: usize) -> LuaError {
        let v = self.st.stack[func];
        let base = self.st.frames.last().map(|c| c.base).unwrap_or(0);
        self.type_error(v, Operand::Reg(func - base), "call")
    }

    /// Arithmetic with a possible error that is not a metamethod case (MOD/IDIV by zero).
    #[inline]
    fn arith_fast(&mut self, ra: usize, op: ArOp, x: Value, y: Value) -> LResult<bool> {
        match arith::arith_raw(op, x, y) {
            Ok(v) => {
                self.st.stack[ra] = v;
                Ok(true)
            }
            Err(arith::ArithError::DivZero) => Err(self.rt_error("attempt to divide by zero")),
            Err(arith::ArithError::ModZero) => Err(self.rt_error("attempt to perform 'n%0'")),
            Err(_) => Ok(false),
        }
    }

    /// Numeric `for` preparation; returns true when the loop must be skipped.
    fn for_prep(&mut self, ra: usize) -> LResult<bool> {
        let init = self.st.stack[ra];
        let limit = self.st.stack[ra + 1];
        let step = self.st.stack[ra + 2];
        if let (Value::Int(init), Value::Int(step)) = (init, step) {
            if step == 0 {
                return Err(self.rt_error("'for' step is zero"));
            }
            let lim = match limit {
                Value::Int(l) => l,
                _ => {
                    let conv = match arith::to_number(limit) {
                        Some(Value::Int(l)) => Some(l),
                        Some(Value::Float(f)) => {
                            if step < 0 {
                                float_to_int_ceil(f)
                            } else {
                                float_to_int_floor(f)
                            }
                        }
                        _ => None,
                    };
                    match conv {
                        Some(l) => l,
                        None => {
                            let Some(fl) = arith::to_f64(limit) else {
                                return Err(self.for_error(limit, "limit"));
                            };
                            if 0.0 < fl {
                                if step < 0 {
                                    return Ok(true);
                                }
                                i64::MAX
                            } else {
                                if step > 0 {
                                    return Ok(true);
                                }
                                i64::MIN
                            }
                        }
                    }
                }
            };
            if if step > 0 { init > lim } else { init < lim } {
                return Ok(true);
            }
            let count = if step > 0 {
                ((lim as u64).wrapping_sub(init as u64)) / step as u64
            } else {
                let s = (-(step + 1)) as u64 + 1;
                ((init as u64).wrapping_sub(lim as u64)) / s
            };
            self.st.stack[ra + 1] = Value::Int(count as i64);
            self.st.stack[ra + 3] = Value::Int(init);
            return Ok(false);
        }
        let Some(fl) = arith::to_f64(limit) else {
            return Err(self.for_error(limit, "limit"));
        };
        let Some(fs) = arith::to_f64(step) else {
            return Err(self.for_error(step, "step"));
        };
        let Some(fi) = arith::to_f64(init) else {
            return Err(self.for_error(init, "initial"));
        };
        if fs == 0.0 {
            return Err(self.rt_error("'for' step is zero"));
        }
        if if fs > 0.0 { fl < fi } else { fi < fl } {
            return Ok(true);
        }
        self.st.stack[ra] = Value::Float(fi);
        self.st.stack[ra + 1] = Value::Float(fl);
        self.st.stack[ra + 2] = Value::Float(fs);
        self.st.stack[ra + 3] = Value::Float(fi);
        Ok(false)
    }

    #[cold]
    fn for_error(&mut self, v: Value, what: &str) -> LuaError {
        let what = if what == "initial" {
            "initial value"
        } else {
            what
        };
        let t = self.obj_type_name(v);
        self.rt_error(format!("bad 'for' {what} (number expected, got {t})"))
    }

    /// Store the result of a metamethod frame into the interrupted instruction of
    /// the (Lua) frame on top. Returns true if another frame was pushed.
    pub(crate) fn finish_op(&mut self, v: Value) -> LResult<bool> {
        let ci = *self.st.frames.last().expect("frame");
        let Some(cl) = ci.cl else { return Ok(false) };
        let code = &cl.proto.code;
        let i = code[ci.pc - 1];
        let base = ci.base;
        match get_op(i) {
            OP_MMBIN | OP_MMBINI | OP_MMBINK => {
                let prev = code[ci.pc - 2];
                self.st.stack[base + get_a(prev) as usize] = v;
            }
            OP_UNM | OP_BNOT | OP_LEN | OP_GETTABUP | OP_GETTABLE | OP_GETI | OP_GETFIELD
            | OP_SELF => {
                self.st.stack[base + get_a(i) as usize] = v;
            }
            OP_LT | OP_LE | OP_LTI | OP_LEI | OP_GTI | OP_GEI | OP_EQ => {
                let mut res = v.truthy();
                // `<=` answered by `__lt` (see `order_op`)
                if matches!(get_op(i), OP_LE | OP_LEI | OP_GEI) && ci.aux == 1 {
                    res = !res;
                }
                if res != get_k(i) {
                    self.st.frames.last_mut().expect("frame").pc += 1;
                }
            }
            OP_CONCAT => {
                let a = base + get_a(i) as usize;
                let n = ci.aux as usize;
                self.st.stack[a + n - 2] = v;
                if n - 1 > 1 {
                    return self.concat(a, n - 1, true);
                }
            }
            _ => {}
        }
        Ok(false)
    }

    /// Slow path of indexing: metamethods and errors. `interp` selects frame
    /// calls (`None` = frame pushed).
    pub(crate) fn get_slow(
        &mut self,
        t: Value,
        key: Value,
        o: Operand,
        interp: bool,
    ) -> LResult<Option<Value>> {
        #[inline(always)]
        fn raw(tt: super::gc::Gc<super::table::Table>, key: Value) -> Value {
            match key {
                Value::Str(ks) => tt.get_str(ks),
                Value::Int(n) => tt.get_int(n),
                _ => tt.get(key),
            }
        }
        let mut t = t;
        // (the interpreter already looked in the first table)
        if !interp {
            if let Value::Table(tt) = t {
                let v = raw(tt, key);
                if !v.is_nil() {
                    return Ok(Some(v));
                }
            }
        }
        for loop_n in 0..MAX_TAG_LOOP {
            let tm = match t {
                Value::Table(tt) => match tt.metatable().and_then(|mt| self.fast_tm(mt, Tm::Index))
                {
                    None => return Ok(Some(Value::Nil)),
                    Some(tm) => tm,
                },
                _ => match self.get_tm(t, Tm::Index) {
                    Some(tm) => tm,
                    None => {
                        let o = if loop_n == 0 { o } else { Operand::None };
                        return Err(self.index_error(t, key, o));
                    }
                },
            };
            if tm.is_function() {
                return if interp {
                    self.call_tm_interp(tm, &[t, key])
                } else {
                    self.call_value1(tm, &[t, key]).map(Some)
                };
            }
            t = tm;
            if let Value::Table(tt) = t {
                let v = raw(tt, key);
                if !v.is_nil() {
                    return Ok(Some(v));
                }
            }
        }
        Err(self.rt_error("'__index' chain too long; possible loop"))
    }

    #[cold]
    fn index_error(&mut self, t: Value, key: Value, o: Operand) -> LuaError {
        let _ = key;
        self.type_error(t, o, "index")
    }

    /// `t[key]` when it can be answered without a call: a raw hit, the key
    /// in the chain of `__index` tables above `t` (classes and their parents,
    /// up to four levels, string keys), or nil when no `__index` is left to
    /// ask. `None`: the slow path decides (an `__index` function, a longer
    /// chain, a non-string key with a metatable).
    #[inline(always)]
    fn index_fast(&self, t: super::gc::Gc<super::table::Table>, key: Value) -> Option<Value> {
        let v = match key {
            Value::Int(n) => t.get_int(n),
            Value::Str(ks) => t.get_str(ks),
            _ => t.get(key),
        };
        if !v.is_nil() {
            return Some(v);
        }
        let Value::Str(ks) = key else {
            return t.metatable().is_none().then_some(Value::Nil);
        };
        let mut t = t;
        for _ in 0..4 {
            let Some(mt) = t.metatable() else {
                return Some(Value::Nil);
            };
            match self.fast_tm(mt, Tm::Index) {
                None => return Some(Value::Nil),
                Some(Value::Table(c)) => {
                    let v = c.get_str(ks);
                    if !v.is_nil() {
                        return Some(v);
                    }
                    t = c;
                }
                Some(_) => return None,
            }
        }
        None
    }

    /// Slow path of assignment. Returns false when a frame was pushed.
    pub(crate) fn set_slow(
        &mut self,
        t: Value,
        key: Value,
        v: Value,
        o: Operand,
        interp: bool,
    ) -> LResult<bool> {
        let mut t = t;
        for loop_n in 0..MAX_TAG_LOOP {
            let tm = match t {
                Value::Table(tt) => {
                    // (the interpreter already tried the first table)
                    if !(interp && loop_n == 0) && tt.replace_existing(key, v) {
                        return Ok(true);
                    }
                    match tt.metatable().and_then(|mt| self.fast_tm(mt, Tm::NewIndex)) {
                        None => {
                            if let Err(e) = tt.set(&self.heap, key, v) {
                                return Err(self.rt_error(e.message()));
                            }
                            self.check_oom()?;
                            return Ok(true);
                        }
                        Some(tm) => tm,
                    }
                }
                _ => match self.get_tm(t, Tm::NewIndex) {
                    Some(tm) => tm,
                    None => {
                        let o = if loop_n == 0 { o } else { Operand::None };
                        return Err(self.index_error(t, key, o));
                    }
                },
            };
            if tm.is_function() {
                return if interp {
                    Ok(self.call_tm_interp(tm, &[t, key, v])?.is_some())
                } else {
                    self.call_value(tm, &[t, key, v]).map(|_| true)
                };
            }
            t = tm;
        }
        Err(self.rt_error("'__newindex' chain too long; possible loop"))
    }

    /// Arithmetic metamethod (or error) for event `tm` (an MMBIN C operand).
    pub(crate) fn arith_tm(
        &mut self,
        a: Value,
        b: Value,
        oa: Operand,
        ob: Operand,
        tm: u32,
        interp: bool,
    ) -> LResult<Option<Value>> {
        let ev = Tm::from_arith(tm);
        let f = self.get_tm(a, ev).or_else(|| self.get_tm(b, ev));
        match f {
            Some(f) => {
                if interp {
                    self.call_tm_interp(f, &[a, b])
                } else {
                    self.call_value1(f, &[a, b]).map(Some)
                }
            }
            None => {
                let op = ArOp::from_tm(tm);
                if matches!(op, ArOp::Unm | ArOp::BNot) {
                    let msg = if op == ArOp::BNot {
                        "perform bitwise operation on"
                    } else {
                        "perform arithmetic on"
                    };
                    if op == ArOp::BNot && a.is_number() {
                        return Err(self.arith_error(a, a, oa, oa, true));
                    }
                    return Err(self.type_error(a, oa, msg));
                }
                Err(self.arith_error(a, b, oa, ob, op.is_bitwise()))
            }
        }
    }

    /// `#v`.
    pub(crate) fn len_op(&mut self, v: Value, o: Operand, interp: bool) -> LResult<Option<Value>> {
        match v {
            Value::Str(s) => Ok(Some(Value::Int(s.len() as i64))),
            Value::Table(t) => {
                if let Some(tm) = t.metatable().and_then(|mt| self.fast_tm(mt, Tm::Len)) {
                    return if interp {
                        self.call_tm_interp(tm, &[v, v])
                    } else {
                        self.call_value1(tm, &[v, v]).map(Some)
                    };
                }
                Ok(Some(Value::Int(t.length() as i64)))
            }
            _ => match self.get_tm(v, Tm::Len) {
                Some(tm) => {
                    if interp {
                        self.call_tm_interp(tm, &[v, v])
                    } else {
                        self.call_value1(tm, &[v, v]).map(Some)
                    }
                }
                None => Err(self.type_error(v, o, "get length of")),
            },
        }
    }

    /// `__eq` for two distinct tables or userdata.
    pub(crate) fn eq_tm(&mut self, a: Value, b: Value, interp: bool) -> LResult<Option<bool>> {
        let f = self.get_tm(a, Tm::Eq).or_else(|| self.get_tm(b, Tm::Eq));
        match f {
            None => Ok(Some(false)),
            Some(f) => {
                let r = if interp {
                    self.call_tm_interp(f, &[a, b])?
                } else {
                    Some(self.call_value1(f, &[a, b])?)
                };
                Ok(r.map(|v| v.truthy()))
            }
        }
    }

    /// `a < b` / `a <= b` for non-numbers: strings or metamethods.
    pub(crate) fn order_op(
        &mut self,
        a: Value,
        b: Value,
        le: bool,
        interp: bool,
    ) -> LResult<Option<bool>> {
        if a.is_number() && b.is_number() {
            return Ok(Some(if le {
                arith::num_le(a, b)
            } else {
                arith::num_lt(a, b)
            }));
        }
        if let (Value::Str(x), Value::Str(y)) = (a, b) {
            let (x, y) = (x.as_bytes(), y.as_bytes());
            return Ok(Some(if le { x <= y } else { x < y }));
        }
        let ev = if le { Tm::Le } else { Tm::Lt };
        let mut f = self.get_tm(a, ev).or_else(|| self.get_tm(b, ev));
        // Without `__le`, `a <= b` is `not (b < a)` through `__lt` (lua5.4 is
        // built with LUA_COMPAT_LT_LE, which keeps this 5.3 behaviour).
        let mut negate = false;
        let (mut x, mut y) = (a, b);
        if f.is_none() && le {
            f = self.get_tm(b, Tm::Lt).or_else(|| self.get_tm(a, Tm::Lt));
            negate = true;
            (x, y) = (b, a);
        }
        match f {
            None => Err(self.order_error(a, b)),
            Some(f) => {
                let r = if interp {
                    // a metamethod frame's result is finished by `finish_op`,
                    // which negates it when the frame's `aux` says so
                    if let Some(ci) = self.st.frames.last_mut() {
                        ci.aux = negate as u32;
                    }
                    self.call_tm_interp(f, &[x, y])?
                } else {
                    Some(self.call_value1(f, &[x, y])?)
                };
                Ok(r.map(|v| v.truthy() != negate))
            }
        }
    }

    /// Concatenate the `n` values at `ra..ra+n` into `ra`. Returns true when a
    /// metamethod frame was pushed (interpreter mode).
    pub(crate) fn concat(&mut self, ra: usize, n: usize, interp: bool) -> LResult<bool> {
        let mut n = n;
        while n > 1 {
            let top = ra + n;
            let x = self.st.stack[top - 2];
            let y = self.st.stack[top - 1];
            let isstr = |v: Value| matches!(v, Value::Str(_) | Value::Int(_) | Value::Float(_));
            if isstr(x) && isstr(y) {
                let mut cnt = 2;
                while cnt < n && isstr(self.st.stack[top - cnt - 1]) {
                    cnt += 1;
                }
                let mut buf: Vec<u8> = Vec::new();
                let mut total = 0usize;
                for j in (top - cnt)..top {
                    total += match self.st.stack[j] {
                        Value::Str(s) => s.len(),
                        _ => 24,
                    };
                }
                if total >= (i32::MAX as usize) {
                    return Err(self.rt_error("string length overflow"));
                }
                if !self.heap.reserve(total.saturating_mul(2)) {
                    self.check_oom()?;
                }
                buf.reserve(total);
                for j in (top - cnt)..top {
                    match self.st.stack[j] {
                        Value::Str(s) => buf.extend_from_slice(s.as_bytes()),
                        v => super::conv::push_number(v, &mut buf),
                    }
                }
                let s = self.new_str(&buf);
                self.st.stack[top - cnt] = Value::Str(s);
                n -= cnt - 1;
            } else {
                let f = self
                    .get_tm(x, Tm::Concat)
                    .or_else(|| self.get_tm(y, Tm::Concat));
                let Some(f) = f else {
                    let (bad, idx) = if isstr(x) { (y, top - 1) } else { (x, top - 2) };
                    let o = match self.st.frames.last() {
                        Some(ci) if ci.is_lua() && interp => Operand::Reg(idx - ci.base),
                        _ => Operand::None,
                    };
                    return Err(self.type_error(bad, o, "concatenate"));
                };
                if interp {
                    self.st.frames.last_mut().expect("frame").aux = n as u32;
                    match self.call_tm_interp(f, &[x, y])? {
                        Some(v) => {
                            self.st.stack[top - 2] = v;
                            n -= 1;
                        }
                        None => return Ok(true),
                    }
                } else {
                    let v = self.call_value1(f, &[x, y])?;
                    self.st.stack[top - 2] = v;
                    n -= 1;
                }
            }
        }
        Ok(false)
    }
}
