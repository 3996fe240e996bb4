//! The `table` library (manual §6.6).
//!
//! Every element access goes through `__index`/`__newindex` and lengths
//! through `__len`, as in the reference implementation. Values a function
//! must keep while it may call back into Lua (metamethods, the comparator of
//! `sort`) are kept in stack slots so that the collector sees them.

use crate::vm::arith;
use crate::vm::conv::push_number;
use crate::vm::gc::Gc;
use crate::vm::meta::Tm;
use crate::vm::state::MAX_STACK;
use crate::vm::table::Table;
use crate::vm::{Args, LResult, Value, Vm};

/// Operations a non-table argument must support through its metatable.
const TAB_R: u8 = 1;
const TAB_W: u8 = 2;
const TAB_L: u8 = 4;

/// Check that argument `i` is a table, or has a metatable providing the
/// metamethods needed for `what`.
fn check_tab(vm: &mut Vm, a: Args, i: usize, what: u8) -> LResult<Value> {
    let v = vm.arg(a, i);
    if matches!(v, Value::Table(_)) {
        return Ok(v);
    }
    if let Some(mt) = vm.get_metatable(v) {
        let has = |vm: &mut Vm, name: &str| !vm.get_field(mt, name).is_nil();
        if (what & TAB_R == 0 || has(vm, "__index"))
            && (what & TAB_W == 0 || has(vm, "__newindex"))
            && (what & TAB_L == 0 || has(vm, "__len"))
        {
            return Ok(v);
        }
    }
    Err(vm.arg_type_error(a, i, "table"))
}

/// `#t` as an integer (`luaL_len`: the result of `__len` may also be a
/// string convertible to an integer).
fn len(vm: &mut Vm, t: Value) -> LResult<i64> {
    let n = vm.len_of(t)?;
    match arith::to_integer(n) {
        Some(i) => Ok(i),
        None => Err(vm.error_l1("object length is not an integer")),
    }
}

/// Check argument `i` as a table (or table-like value) and get its length.
fn aux_getn(vm: &mut Vm, a: Args, i: usize, what: u8) -> LResult<(Value, i64)> {
    if let Some(tt) = plain_table(vm.arg(a, i)) {
        return Ok((Value::Table(tt), tt.length() as i64));
    }
    let t = check_tab(vm, a, i, what | TAB_L)?;
    let n = len(vm, t)?;
    Ok((t, n))
}

/// `t[i]` honouring `__index`.
fn geti(vm: &mut Vm, t: Value, i: i64) -> LResult<Value> {
    if let Value::Table(tt) = t {
        let v = tt.get_int(i);
        if !v.is_nil() {
            return Ok(v);
        }
    }
    vm.index(t, Value::Int(i))
}

/// `t[i] = v` honouring `__newindex`.
fn seti(vm: &mut Vm, t: Value, i: i64, v: Value) -> LResult<()> {
    if let Value::Table(tt) = t {
        if tt.metatable().is_none() {
            tt.set_int(vm.heap(), i, v);
            return Ok(());
        }
        // an existing (non-nil) entry is overwritten without consulting __newindex
        if tt.replace_existing_int(vm.heap(), i, v) {
            return Ok(());
        }
    }
    vm.set_index(t, Value::Int(i), v)
}

/// A table without a metatable, whose elements can be moved in bulk (no
/// metamethod can observe the moves).
fn plain_table(t: Value) -> Option<Gc<Table>> {
    match t {
        Value::Table(tt) if tt.metatable().is_none() => Some(tt),
        _ => None,
    }
}

/// For a table read and written raw (no `__index`/`__newindex`): a bound
/// past which every integer key is absent, so moving values between such
/// positions changes nothing. Lets `insert`/`remove`/`move` over huge ranges
/// (a `__len` that returns `math.maxinteger`, say) skip the no-op part that
/// lua5.4 would loop through for ages.
fn raw_bound(vm: &Vm, t: Value) -> Option<i64> {
    let Value::Table(tt) = t else { return None };
    if let Some(mt) = tt.metatable() {
        if vm.fast_tm(mt, Tm::Index).is_some() || vm.fast_tm(mt, Tm::NewIndex).is_some() {
            return None;
        }
    }
    Some(tt.int_key_bound())
}

/// Ranges longer than this look for a `raw_bound` first.
const LONG_RANGE: u64 = 4096;

fn insert(vm: &mut Vm, a: Args) -> LResult<usize> {
    let (t, n) = aux_getn(vm, a, 0, TAB_R | TAB_W)?;
    let e = n.wrapping_add(1); // first empty slot
    let pos = match a.n {
        2 => e,
        3 => {
            let pos = vm.check_int(a, 1)?;
            // pos must be in [1, e]
            if (pos as u64).wrapping_sub(1) >= e as u64 {
                return Err(vm.arg_error(2, "position out of bounds"));
            }
            // move t[pos..e-1] up by one (t[i] = t[i-1] is a no-op while
            // both are past the table's integer keys)
            let mut i = e;
            if (e as u64).wrapping_sub(pos as u64) > LONG_RANGE {
                if let Some(last) = raw_bound(vm, t) {
                    i = i.min(last.saturating_add(1).max(pos));
                }
            }
            while i > pos {
                if let Some(tt) = plain_table(t) {
                    let arr = tt.array_mut(vm.heap());
                    if i as u64 <= arr.len() as u64 {
                        // the rest lies in the array part of a plain table
                        arr.copy_within((pos - 1) as usize..(i - 1) as usize, pos as usize);
                        break;
                    }
                }
                let v = geti(vm, t, i - 1)?;
                seti(vm, t, i, v)?;
                i -= 1;
            }
            pos
        }
        _ => return Err(vm.error_l1("wrong number of arguments to 'insert'")),
    };
    let v = vm.arg(a, a.n - 1);
    seti(vm, t, pos, v)?;
    Ok(0)
}

fn remove(vm: &mut Vm, a: Args) -> LResult<usize> {
    let (t, size) = aux_getn(vm, a, 0, TAB_R | TAB_W)?;
    let mut pos = vm.opt_int(a, 1, size)?;
    // an explicit position must be in [1, size + 1] (Lua 5.4.4 reports it as
    // argument #1)
    if pos != size && (pos as u64).wrapping_sub(1) > size as u64 {
        return Err(vm.arg_error(1, "position out of bounds"));
    }
    let v = geti(vm, t, pos)?;
    // the result stays on the stack (rooted) while elements move
    vm.push(v)?;
    if pos < size && pos >= 1 {
        if let Some(tt) = plain_table(t) {
            let arr = tt.array_mut(vm.heap());
            if size as u64 <= arr.len() as u64 {
                // plain table, range in the array part: shift t[pos+1..size] down
                arr.copy_within(pos as usize..size as usize, (pos - 1) as usize);
                pos = size;
            }
        }
    }
    // t[pos] = t[pos+1] is a no-op once both are past the integer keys
    let mut stop = size;
    if (size as u64).wrapping_sub(pos as u64) > LONG_RANGE && pos < size {
        if let Some(last) = raw_bound(vm, t) {
            stop = size.min(last.saturating_add(1).max(pos));
        }
    }
    while pos < stop {
        let next = geti(vm, t, pos + 1)?;
        seti(vm, t, pos, next)?;
        pos += 1;
    }
    seti(vm, t, pos.max(size), Value::Nil)?;
    Ok(1)
}

fn move_(vm: &mut Vm, a: Args) -> LResult<usize> {
    let f = vm.check_int(a, 1)?;
    let e = vm.check_int(a, 2)?;
    let t = vm.check_int(a, 3)?;
    let dst_arg = if vm.arg(a, 4).is_nil() { 0 } else { 4 };
    let src = check_tab(vm, a, 0, TAB_R)?;
    let dst = check_tab(vm, a, dst_arg, TAB_W)?;
    if e >= f {
        if !(f > 0 || e < i64::MAX.wrapping_add(f)) {
            return Err(vm.arg_error(3, "too many elements to move"));
        }
        let n = e - f + 1; // number of elements to move
        if t > i64::MAX - n + 1 {
            return Err(vm.arg_error(4, "destination wrap around"));
        }
        let forward = t > e || t <= f || (dst_arg != 0 && !vm.equals(src, dst)?);
        // dst[t+i] = src[f+i] changes nothing once both positions are past
        // the tables' integer keys
        let mut n = n;
        if n as u64 > LONG_RANGE {
            if let (Some(ls), Some(ld)) = (raw_bound(vm, src), raw_bound(vm, dst)) {
                let need = ls
                    .saturating_sub(f)
                    .max(ld.saturating_sub(t))
                    .saturating_add(1);
                n = n.min(need.max(0));
            }
        }
        if forward {
            for i in 0..n {
                let v = geti(vm, src, f + i)?;
                seti(vm, dst, t + i, v)?;
            }
        } else {
            for i in (0..n).rev() {
                let v = geti(vm, src, f + i)?;
                seti(vm, dst, t + i, v)?;
            }
        }
    }
    vm.ret1(dst)
}

/// Append `t[i]` to `buf` (it must be a string or a number).
fn add_field(vm: &mut Vm, buf: &mut Vec<u8>, t: Value, i: i64) -> LResult<()> {
    let v = geti(vm, t, i)?;
    match v {
        Value::Str(s) => buf.extend_from_slice(s.as_bytes()),
        Value::Int(_) | Value::Float(_) => push_number(v, buf),
        _ => {
            return Err(vm.error_l1(format!(
                "invalid value ({}) at index {} in table for 'concat'",
                v.type_name(),
                i
            )))
        }
    }
    Ok(())
}

fn concat(vm: &mut Vm, a: Args) -> LResult<usize> {
    let (t, n) = aux_getn(vm, a, 0, TAB_R)?;
    let sep: Vec<u8> = match vm.opt_str(a, 1)? {
        Some(s) => s.as_bytes().to_vec(),
        None => Vec::new(),
    };
    let mut i = vm.opt_int(a, 2, 1)?;
    let last = vm.opt_int(a, 3, n)?;
    let mut buf = Vec::new();
    // (the result is copied into a string: it may use half the memory left)
    let cap = vm.memory_room() / 2;
    while i < last {
        add_field(vm, &mut buf, t, i)?;
        buf.extend_from_slice(&sep);
        if buf.len() > cap {
            return Err(vm.memory_error());
        }
        i += 1;
    }
    if i == last {
        add_field(vm, &mut buf, t, i)?;
    }
    vm.ret_str(&buf)
}

fn pack(vm: &mut Vm, a: Args) -> LResult<usize> {
    let t = vm.new_table_sized(a.n, 1);
    for i in 0..a.n {
        let v = vm.arg(a, i);
        t.set_int(vm.heap(), i as i64 + 1, v);
    }
    vm.set_field(t, "n", Value::Int(a.n as i64));
    vm.ret1(Value::Table(t))
}

fn unpack(vm: &mut Vm, a: Args) -> LResult<usize> {
    let t = vm.arg(a, 0);
    let mut i = vm.opt_int(a, 1, 1)?;
    let e = if vm.arg(a, 2).is_nil() {
        len(vm, t)?
    } else {
        vm.check_int(a, 2)?
    };
    if i > e {
        return Ok(0);
    }
    // number of elements minus one (no overflow in unsigned arithmetic)
    let n = (e as u64).wrapping_sub(i as u64);
    if n >= i32::MAX as u64 || vm.top() as u64 + n + 1 + 5 > MAX_STACK as u64 {
        return Err(vm.error_l1("too many results to unpack"));
    }
    let n = n as usize + 1;
    vm.ensure_stack(n)?;
    while i < e {
        let v = geti(vm, t, i)?;
        vm.push(v)?;
        i += 1;
    }
    let v = geti(vm, t, e)?;
    vm.push(v)?;
    Ok(n)
}

// ----- sort -------------------------------------------------------------------

/// Below this size the pivot is always the middle element.
const RANLIMIT: u32 = 100;

/// State of one `table.sort` call. Values in use live in four stack slots
/// starting at `slots` so that they stay reachable while the comparator runs.
struct Sorter {
    t: Value,
    /// The order function, or nil for `<`.
    cmp: Value,
    slots: usize,
}

/// Scratch slot indices (relative to `Sorter::slots`).
const PIVOT: usize = 0;
const SA: usize = 1;
const SB: usize = 2;

impl Sorter {
    fn hold(&self, vm: &mut Vm, slot: usize, v: Value) {
        vm.st.stack[self.slots + slot] = v;
    }

    fn held(&self, vm: &Vm, slot: usize) -> Value {
        vm.st.stack[self.slots + slot]
    }

    /// Fetch `t[i]` into scratch slot `slot`.
    fn get(&self, vm: &mut Vm, i: u32, slot: usize) -> LResult<Value> {
        let v = geti(vm, self.t, i as i64)?;
        self.hold(vm, slot, v);
        Ok(v)
    }

    fn set(&self, vm: &mut Vm, i: u32, v: Value) -> LResult<()> {
        seti(vm, self.t, i as i64, v)
    }

    /// `a < b` by the order function.
    fn lt(&self, vm: &mut Vm, a: Value, b: Value) -> LResult<bool> {
        if self.cmp.is_nil() {
            vm.less_than(a, b)
        } else {
            Ok(vm.call_value1(self.cmp, &[a, b])?.truthy())
        }
    }

    fn invalid_order(vm: &mut Vm) -> crate::vm::LuaError {
        vm.error_l1("invalid order function for sorting")
    }

    /// Partition `t[lo..=up]` around the pivot held in the `PIVOT` slot, which
    /// is also stored at `t[up - 1]`. Returns the final pivot position.
    fn partition(&self, vm: &mut Vm, lo: u32, up: u32) -> LResult<u32> {
        let mut i = lo;
        let mut j = up - 1;
        loop {
            // advance i while t[i] < P
            let ai = loop {
                i += 1;
                let v = self.get(vm, i, SA)?;
                let p = self.held(vm, PIVOT);
                if !self.lt(vm, v, p)? {
                    break v;
                }
                if i == up - 1 {
                    // t[i] < P but t[up - 1] == P
                    return Err(Self::invalid_order(vm));
                }
            };
            // retreat j while P < t[j]
            let aj = loop {
                j -= 1;
                let v = self.get(vm, j, SB)?;
                let p = self.held(vm, PIVOT);
                if !self.lt(vm, p, v)? {
                    break v;
                }
                if j < i {
                    // j < i but t[j] > P
                    return Err(Self::invalid_order(vm));
                }
            };
            if j < i {
                // no more elements to exchange: put the pivot in its place
                let p = self.held(vm, PIVOT);
                self.set(vm, up - 1, ai)?;
                self.set(vm, i, p)?;
                return Ok(i);
            }
            self.set(vm, i, aj)?;
            self.set(vm, j, ai)?;
        }
    }

    fn sort(&self, vm: &mut Vm, mut lo: u32, mut up: u32, mut rnd: u32) -> LResult<()> {
        while lo < up {
            // order t[lo] and t[up]
            let a_lo = self.get(vm, lo, SA)?;
            let a_up = self.get(vm, up, SB)?;
            if self.lt(vm, a_up, a_lo)? {
                self.set(vm, lo, a_up)?;
                self.set(vm, up, a_lo)?;
            }
            if up - lo == 1 {
                break;
            }
            let mut p = if up - lo < RANLIMIT || rnd == 0 {
                lo.wrapping_add(up) / 2
            } else {
                choose_pivot(lo, up, rnd)
            };
            // order t[p] between t[lo] and t[up]
            let a_p = self.get(vm, p, SA)?;
            let a_lo = self.get(vm, lo, SB)?;
            if self.lt(vm, a_p, a_lo)? {
                self.set(vm, p, a_lo)?;
                self.set(vm, lo, a_p)?;
            } else {
                let a_up = self.get(vm, up, SB)?;
                if self.lt(vm, a_up, a_p)? {
                    self.set(vm, p, a_up)?;
                    self.set(vm, up, a_p)?;
                }
            }
            if up - lo == 2 {
                break;
            }
            // move the pivot to up - 1
            let pivot = self.get(vm, p, PIVOT)?;
            let a_up1 = self.get(vm, up - 1, SA)?;
            self.set(vm, p, a_up1)?;
            self.set(vm, up - 1, pivot)?;
            p = self.partition(vm, lo, up)?;
            // recurse into the smaller half, loop on the larger one
            let n;
            if p - lo < up - p {
                self.sort(vm, lo, p - 1, rnd)?;
                n = p - lo;
                lo = p + 1;
            } else {
                self.sort(vm, p + 1, up, rnd)?;
                n = up - p;
                up = p - 1;
            }
            if up.wrapping_sub(lo) / 128 > n {
                // badly unbalanced partition: pick pivots at random from now on
                rnd = random_pivot_seed();
            }
        }
        Ok(())
    }
}

/// A pivot in the middle half of `[lo, up]`, chosen with `rnd`.
fn choose_pivot(lo: u32, up: u32, rnd: u32) -> u32 {
    let r4 = (up - lo) / 4;
    rnd % (r4 * 2) + (lo + r4)
}

/// Some varying bits to randomize pivots (clock and time, like the reference).
fn random_pivot_seed() -> u32 {
    let d = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap_or_default();
    (d.as_secs() as u32).wrapping_add(d.subsec_nanos())
}

fn sort(vm: &mut Vm, a: Args) -> LResult<usize> {
    let (t, n) = aux_getn(vm, a, 0, TAB_R | TAB_W)?;
    if n > 1 {
        if n >= i32::MAX as i64 {
            return Err(vm.arg_error(1, "array too big"));
        }
        let cmp = vm.arg(a, 1);
        if !cmp.is_nil() && !cmp.is_function() {
            return Err(vm.arg_type_error(a, 1, "function"));
        }
        let slots = vm.top();
        for _ in 0..3 {
            vm.push(Value::Nil)?;
        }
        let s = Sorter { t, cmp, slots };
        s.sort(vm, 1, n as u32, 0)?;
    }
    Ok(0)
}

/// Register the library.
pub fn open(vm: &mut Vm) {
    super::register_lib(
        vm,
        "table",
        &[
            ("concat", concat),
            ("insert", insert),
            ("pack", pack),
            ("unpack", unpack),
            ("remove", remove),
            ("move", move_),
            ("sort", sort),
        ],
    );
}

#[cfg(test)]
mod tests {
    /// Inconsistent comparators and odd contents must end in a sorted table or
    /// an error, never in a panic or an endless loop.
    #[test]
    fn sort_with_bad_comparators_terminates() {
        let mut lua = crate::Lua::new();
        let n = lua
            .eval_int(
                r#"
                local seed = 7
                local function rnd(n)
                  seed = (seed * 1103515245 + 12345) % 2147483648
                  return seed % n
                end
                local cmps = {
                  function() return true end,
                  function() return false end,
                  function(a, b) return a <= b end,
                  function() return rnd(2) == 0 end,
                  function(a, b) return (a + b) % 3 == 0 end,
                }
                local done = 0
                for _, size in ipairs({2, 3, 4, 7, 50, 99, 100, 101, 130, 300, 1000}) do
                  for _, cmp in ipairs(cmps) do
                    local t = {}
                    for i = 1, size do t[i] = rnd(10) end
                    pcall(table.sort, t, cmp)
                    local seen = 0
                    for i = 1, size do if t[i] ~= nil then seen = seen + 1 end end
                    assert(seen == size)
                    done = done + 1
                  end
                  -- a comparator that shrinks the table while sorting
                  local t = {}
                  for i = 1, size do t[i] = rnd(10) end
                  pcall(table.sort, t, function(a, b)
                    t[#t] = nil
                    return (a or 0) < (b or 0)
                  end)
                end
                return done
                "#,
            )
            .unwrap();
        assert_eq!(n, 55);
    }
}
