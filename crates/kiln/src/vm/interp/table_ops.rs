//! Handlers for table reads and writes, table constructors and `#`.
//!
//! A read looks in the table itself inline; a miss (or a value that is not a
//! table) goes to `index_slow`, which follows `__index` tables and calls
//! `__index` functions. A write replaces an existing non-nil value inline;
//! everything else (new keys, `__newindex`, errors) goes to `newindex_slow`.

use super::super::debuginfo::Operand;
use super::super::func::LuaClosure;
use super::super::gc::Gc;
use super::super::value::{LuaType, Value};
use super::super::Vm;
use super::*;

/// When table slot `p` (from `int_slot`/`short_str_slot`) holds a value,
/// store it into R[A] and run the next instruction.
macro_rules! hit {
    ($vm:ident, $p:expr, $ip:ident, $rb:ident, $k:ident, $cl:ident, $i:ident) => {{
        let p: *mut Value = $p;
        if !p.is_null() {
            // SAFETY: a non-null slot pointer points into the live table,
            // which nothing has modified since the lookup.
            let v = unsafe { *p };
            if !v.is_nil() {
                reg!($rb, get_a($i)) = v;
                next!($vm, $ip, $rb, $k, $cl)
            }
        }
    }};
}

/// The value operand of a store: register C or constant C.
macro_rules! store_value {
    ($rb:ident, $k:ident, $i:ident) => {
        if get_k($i) {
            *kref!($k, get_c($i))
        } else {
            reg!($rb, get_c($i))
        }
    };
}

/// Store `v` through table slot `p` (from `int_slot`/`short_str_slot`) of
/// table `t` and run the next instruction, when that is a raw assignment: the
/// slot holds a value, or it is empty and `t` has no metatable (so no
/// `__newindex` to ask). `$str`: the key is a string (which may name a
/// metamethod: the table's cache of absent ones is cleared). `$absent`: a
/// null slot means the key is absent (not so for long strings, which
/// `short_str_slot` does not look up); a new key in a table without a
/// metatable then goes to `insert_new`.
macro_rules! store_hit {
    ($vm:ident, $t:expr, $p:expr, $v:expr, $str:expr, $absent:expr, $ip:ident, $rb:ident, $k:ident, $cl:ident, $i:ident) => {{
        let p: *mut Value = $p;
        if !p.is_null() {
            $vm.heap.barrier($t.header());
            // SAFETY: a non-null slot pointer points into the live table,
            // which nothing has modified since the lookup.
            if unsafe { !(*p).is_nil() } {
                // SAFETY: as above.
                unsafe { *p = $v };
                next!($vm, $ip, $rb, $k, $cl)
            }
            if $t.metatable().is_none() {
                if $str {
                    $t.clear_tm_cache();
                }
                // SAFETY: as above.
                unsafe { *p = $v };
                next!($vm, $ip, $rb, $k, $cl)
            }
        } else if $absent && $t.metatable().is_none() {
            // a new key in a plain table
            return insert_new($vm, $ip, $rb, $k, $cl, $i);
        }
    }};
}

/// The table (or other value), key and operand description of a write
/// (SETTABUP, SETTABLE, SETI, SETFIELD).
#[inline(always)]
fn write_operands(
    rb: *mut Value,
    k: *const Value,
    cl: Gc<LuaClosure>,
    i: u32,
) -> (Value, Value, Operand) {
    let a = get_a(i) as usize;
    match get_op(i) {
        OP_SETTABUP => {
            // SAFETY: as in `op_settabup`.
            let uv = unsafe { cl.upvals.get_unchecked(a) }.get();
            (uv.get(), *kref!(k, get_b(i)), Operand::Upval(a))
        }
        OP_SETTABLE => (reg!(rb, a), reg!(rb, get_b(i)), Operand::Reg(a)),
        OP_SETI => (reg!(rb, a), Value::Int(get_b(i) as i64), Operand::Reg(a)),
        _ => (reg!(rb, a), *kref!(k, get_b(i)), Operand::Reg(a)),
    }
}

handler! {
    /// A store of a new integer or short-string key into a table without a
    /// metatable (the inline path found the key absent).
    #[inline(never)]
    fn insert_new(vm, ip, rb, k, cl, i) {
        let v = store_value!(rb, k, i);
        let (t, key, _) = write_operands(rb, k, cl, i);
        if let Value::Table(t) = t {
            t.insert_absent(&vm.heap, key, v);
            if vm.heap.oom.get() {
                savepc!(vm, ip, cl);
                tri!(vm, vm.check_oom());
            }
        }
        next_slow!(vm, ip, rb, k, cl)
    }
}

handler! {
    fn op_gettabup(vm, ip, rb, k, cl, i) {
        // SAFETY: upvalue operands are inside the closure's list (verified).
        let uv = unsafe { cl.upvals.get_unchecked(get_b(i) as usize) }.get();
        if let (Value::Table(t), &Value::Str(key)) = (uv.get(), kref!(k, get_c(i))) {
            hit!(vm, t.short_str_slot(key), ip, rb, k, cl, i);
        }
        index_slow(vm, ip, rb, k, cl, i)
    }
}

handler! {
    fn op_gettable(vm, ip, rb, k, cl, i) {
        if let Value::Table(t) = *rref!(rb, get_b(i)) {
            match *rref!(rb, get_c(i)) {
                Value::Int(n) => hit!(vm, t.int_slot(n), ip, rb, k, cl, i),
                Value::Str(key) => hit!(vm, t.short_str_slot(key), ip, rb, k, cl, i),
                _ => {}
            }
        }
        index_slow(vm, ip, rb, k, cl, i)
    }
}

handler! {
    fn op_geti(vm, ip, rb, k, cl, i) {
        if let Value::Table(t) = *rref!(rb, get_b(i)) {
            hit!(vm, t.int_slot(get_c(i) as i64), ip, rb, k, cl, i);
        }
        index_slow(vm, ip, rb, k, cl, i)
    }
}

handler! {
    fn op_getfield(vm, ip, rb, k, cl, i) {
        if let (&Value::Table(t), &Value::Str(key)) = (rref!(rb, get_b(i)), kref!(k, get_c(i))) {
            hit!(vm, t.short_str_slot(key), ip, rb, k, cl, i);
            if t.metatable().is_some() {
                return class_lookup(vm, ip, rb, k, cl, i);
            }
        }
        index_slow(vm, ip, rb, k, cl, i)
    }
}

handler! {
    fn op_self(vm, ip, rb, k, cl, i) {
        let t = reg!(rb, get_b(i));
        reg!(rb, get_a(i) + 1) = t;
        if let Value::Table(t) = t {
            let key = if get_k(i) {
                *kref!(k, get_c(i))
            } else {
                reg!(rb, get_c(i))
            };
            if let Value::Str(key) = key {
                hit!(vm, t.short_str_slot(key), ip, rb, k, cl, i);
                if t.metatable().is_some() {
                    return class_lookup(vm, ip, rb, k, cl, i);
                }
            }
        }
        index_slow(vm, ip, rb, k, cl, i)
    }
}

handler! {
    /// GETFIELD/SELF missed a string key in a table with a metatable: look
    /// through its `__index` tables (method lookups); an `__index` function
    /// goes to `index_meta`.
    #[inline(never)]
    fn class_lookup(vm, ip, rb, k, cl, i) {
        // (only GETFIELD and SELF come here)
        let key = if get_op(i) == OP_SELF && !get_k(i) {
            reg!(rb, get_c(i))
        } else {
            *kref!(k, get_c(i))
        };
        if let (Value::Table(t), Value::Str(ks)) = (reg!(rb, get_b(i)), key) {
            let found = match t.metatable() {
                Some(mt) if ks.is_short() => vm.index_chain_short(mt, ks),
                Some(mt) => vm.index_chain_mt(mt, ks),
                None => Some(Value::Nil),
            };
            match found {
                Some(v) => {
                    reg!(rb, get_a(i)) = v;
                    next!(vm, ip, rb, k, cl)
                }
                None => return index_meta(vm, ip, rb, k, cl, i),
            }
        }
        index_slow(vm, ip, rb, k, cl, i)
    }
}

/// The table (or other value), key and operand description of a read
/// (GETTABUP, GETTABLE, GETI, GETFIELD, SELF).
#[inline(always)]
fn read_operands(
    rb: *mut Value,
    k: *const Value,
    cl: Gc<LuaClosure>,
    i: u32,
) -> (Value, Value, Operand) {
    let b = get_b(i) as usize;
    match get_op(i) {
        OP_GETTABUP => {
            // SAFETY: as in `op_gettabup`.
            let uv = unsafe { cl.upvals.get_unchecked(b) }.get();
            (uv.get(), *kref!(k, get_c(i)), Operand::Upval(b))
        }
        OP_GETTABLE => (reg!(rb, b), reg!(rb, get_c(i)), Operand::Reg(b)),
        OP_GETI => (reg!(rb, b), Value::Int(get_c(i) as i64), Operand::Reg(b)),
        OP_SELF if !get_k(i) => (reg!(rb, b), reg!(rb, get_c(i)), Operand::Reg(b)),
        // GETFIELD, SELF with a constant key (R[A+1] already holds the object)
        _ => (reg!(rb, b), *kref!(k, get_c(i)), Operand::Reg(b)),
    }
}

handler! {
    /// A read the inline path did not answer: `__index` tables, other key
    /// types, string methods; the rest goes to `index_meta`.
    #[inline(never)]
    fn index_slow(vm, ip, rb, k, cl, i) {
        let (t, key, _) = read_operands(rb, k, cl, i);
        // did the inline path look `key` up in `t` already?
        let tried = match key {
            Value::Str(s) => s.is_short(),
            Value::Int(_) => matches!(get_op(i), OP_GETTABLE | OP_GETI),
            _ => false,
        };
        let found = match (t, key) {
            (Value::Table(tt), _) if tried => vm.index_chain(tt, key),
            (Value::Table(tt), _) => vm.index_fast(tt, key),
            // string methods (`s:sub(...)`): the string metatable's
            // `__index` table
            (Value::Str(_), Value::Str(name)) => vm.type_mt[LuaType::String.index()]
                .and_then(|mt| vm.index_chain_mt(mt, name)),
            _ => None,
        };
        if let Some(v) = found {
            reg!(rb, get_a(i)) = v;
            next_slow!(vm, ip, rb, k, cl)
        }
        index_meta(vm, ip, rb, k, cl, i)
    }
}

handler! {
    /// A read through an `__index` function, a longer chain, or an error.
    #[inline(never)]
    fn index_meta(vm, ip, rb, k, cl, i) {
        let (t, key, o) = read_operands(rb, k, cl, i);
        savepc!(vm, ip, cl);
        let r = tri!(vm, vm.get_slow(t, key, o, true));
        store_or_frame!(vm, r, get_a(i), ip, k, cl)
    }
}

handler! {
    fn op_settabup(vm, ip, rb, k, cl, i) {
        // SAFETY: upvalue operands are inside the closure's list (verified).
        let uv = unsafe { cl.upvals.get_unchecked(get_a(i) as usize) }.get();
        if let (Value::Table(t), &Value::Str(key)) = (uv.get(), kref!(k, get_b(i))) {
            store_hit!(vm, t, t.short_str_slot(key), store_value!(rb, k, i), true, key.is_short(), ip, rb, k, cl, i);
        }
        newindex_slow(vm, ip, rb, k, cl, i)
    }
}

handler! {
    fn op_settable(vm, ip, rb, k, cl, i) {
        if let Value::Table(t) = *rref!(rb, get_a(i)) {
            match *rref!(rb, get_b(i)) {
                Value::Int(n) => {
                    store_hit!(vm, t, t.int_slot(n), store_value!(rb, k, i), false, true, ip, rb, k, cl, i)
                }
                Value::Str(key) => {
                    store_hit!(vm, t, t.short_str_slot(key), store_value!(rb, k, i), true, key.is_short(), ip, rb, k, cl, i)
                }
                _ => {}
            }
        }
        newindex_slow(vm, ip, rb, k, cl, i)
    }
}

handler! {
    fn op_seti(vm, ip, rb, k, cl, i) {
        if let Value::Table(t) = *rref!(rb, get_a(i)) {
            store_hit!(vm, t, t.int_slot(get_b(i) as i64), store_value!(rb, k, i), false, true, ip, rb, k, cl, i);
        }
        newindex_slow(vm, ip, rb, k, cl, i)
    }
}

handler! {
    fn op_setfield(vm, ip, rb, k, cl, i) {
        if let (&Value::Table(t), &Value::Str(key)) = (rref!(rb, get_a(i)), kref!(k, get_b(i))) {
            store_hit!(vm, t, t.short_str_slot(key), store_value!(rb, k, i), true, key.is_short(), ip, rb, k, cl, i);
        }
        newindex_slow(vm, ip, rb, k, cl, i)
    }
}

handler! {
    /// A write the inline path did not do: new keys, `__newindex`, other key
    /// types, errors.
    #[inline(never)]
    fn newindex_slow(vm, ip, rb, k, cl, i) {
        let v = store_value!(rb, k, i);
        let (t, key, o) = write_operands(rb, k, cl, i);
        // (the inline path tried integer and short string keys in the
        // first table already)
        let tried = match key {
            Value::Int(_) => true,
            Value::Str(s) => s.is_short(),
            _ => false,
        };
        if let (Value::Table(tt), false) = (t, tried) {
            if !matches!(key, Value::Nil)
                && !matches!(key, Value::Float(f) if f.is_nan())
                && tt.replace_existing(&vm.heap, key, v)
            {
                next_slow!(vm, ip, rb, k, cl)
            }
        }
        savepc!(vm, ip, cl);
        if !tri!(vm, vm.set_slow(t, key, v, o, true)) {
            return Exit::Frame;
        }
        let rb = frame_rb(vm);
        next_slow!(vm, ip, rb, k, cl)
    }
}

handler! {
    fn op_newtable(vm, ip, rb, k, cl, i) {
        let b = get_b(i);
        let mut c = get_c(i) as usize;
        let nh = if b > 0 {
            1usize.checked_shl(b - 1).unwrap_or(usize::MAX)
        } else {
            0
        };
        if get_k(i) {
            c += get_ax(fetch!(ip)) as usize * (MAXARG_C as usize + 1);
        }
        let ip = ip_off!(ip, 1);
        // sizes come from the chunk: refuse absurd ones (hand-made binary
        // chunks) instead of aborting on the allocation
        let bytes = c.saturating_add(nh).saturating_mul(32);
        if !vm.heap.reserve(bytes) {
            savepc!(vm, ip, cl);
            tri!(vm, vm.check_oom());
        }
        let t = vm.new_table_sized(c, nh);
        reg!(rb, get_a(i)) = Value::Table(t);
        if vm.gc_due() {
            savepc!(vm, ip, cl);
            tri!(vm, collect_after(vm, get_a(i) as usize));
            let rb = frame_rb(vm);
            next_slow!(vm, ip, rb, k, cl)
        }
        next!(vm, ip, rb, k, cl)
    }
}

handler! {
    fn op_len(vm, ip, rb, k, cl, i) {
        match *rref!(rb, get_b(i)) {
            Value::Str(s) => {
                put_int(slot!(rb, get_a(i)), s.len() as i64);
                next!(vm, ip, rb, k, cl)
            }
            Value::Table(t) if t.metatable().is_none() => {
                put_int(slot!(rb, get_a(i)), t.length() as i64);
                next!(vm, ip, rb, k, cl)
            }
            _ => len_slow(vm, ip, rb, k, cl, i),
        }
    }
}

handler! {
    /// `#` through `__len` (or the error).
    #[inline(never)]
    fn len_slow(vm, ip, rb, k, cl, i) {
        let x = reg!(rb, get_b(i));
        savepc!(vm, ip, cl);
        let r = tri!(vm, vm.len_op(x, Operand::Reg(get_b(i) as usize), true));
        store_or_frame!(vm, r, get_a(i), ip, k, cl)
    }
}

handler! {
    #[inline(never)]
    fn op_setlist(vm, ip, rb, k, cl, i) {
        let a = get_a(i) as usize;
        let mut n = get_b(i) as usize;
        let mut last = get_c(i) as usize;
        let ra = slot_index(vm, a);
        if n == 0 {
            n = match vm.st.top.checked_sub(ra + 1) {
                Some(n) if vm.st.top <= vm.st.stack.len() => n,
                _ => return super::flow_ops::bad_code(vm, ip, cl),
            };
        }
        let mut ip = ip;
        if get_k(i) {
            last += get_ax(fetch!(ip)) as usize * (MAXARG_C as usize + 1);
            ip = ip_off!(ip, 1);
        }
        last += n;
        let Value::Table(t) = reg!(rb, a) else {
            return super::flow_ops::bad_code(vm, ip, cl);
        };
        if last > t.array_len() {
            t.presize(&vm.heap, last, 0);
            if last > t.array_len() {
                savepc!(vm, ip, cl);
                tri!(vm, vm.check_oom());
                return super::flow_ops::bad_code(vm, ip, cl);
            }
        }
        let arr = t.array_mut(&vm.heap);
        for j in (1..=n).rev() {
            arr[last - n + j - 1] = vm.st.stack[ra + j];
        }
        next_slow!(vm, ip, rb, k, cl)
    }
}
