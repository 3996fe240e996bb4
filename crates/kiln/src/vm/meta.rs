//! Metamethod events and lookup.

use super::gc::Gc;
use super::table::Table;
use super::value::Value;
use super::Vm;

/// Metamethod events, in the reference order (the first six are cached as
/// "absent" bits in each metatable).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub enum Tm {
    Index = 0,
    NewIndex,
    Gc,
    Mode,
    Len,
    Eq,
    Add,
    Sub,
    Mul,
    Mod,
    Pow,
    Div,
    IDiv,
    BAnd,
    BOr,
    BXor,
    Shl,
    Shr,
    Unm,
    BNot,
    Lt,
    Le,
    Concat,
    Call,
    Close,
    Name,
    Tostring,
    Metatable,
    Pairs,
}

impl Tm {
    /// Event names, indexed by `Tm as usize`.
    pub const NAMES: [&'static str; 29] = [
        "__index",
        "__newindex",
        "__gc",
        "__mode",
        "__len",
        "__eq",
        "__add",
        "__sub",
        "__mul",
        "__mod",
        "__pow",
        "__div",
        "__idiv",
        "__band",
        "__bor",
        "__bxor",
        "__shl",
        "__shr",
        "__unm",
        "__bnot",
        "__lt",
        "__le",
        "__concat",
        "__call",
        "__close",
        "__name",
        "__tostring",
        "__metatable",
        "__pairs",
    ];

    /// Arithmetic/bitwise event for an MMBIN operand (Tm::Add + n).
    pub fn from_arith(n: u32) -> Tm {
        const ORDER: [Tm; 14] = [
            Tm::Add,
            Tm::Sub,
            Tm::Mul,
            Tm::Mod,
            Tm::Pow,
            Tm::Div,
            Tm::IDiv,
            Tm::BAnd,
            Tm::BOr,
            Tm::BXor,
            Tm::Shl,
            Tm::Shr,
            Tm::Unm,
            Tm::BNot,
        ];
        ORDER[(n as usize).saturating_sub(Tm::Add as usize).min(13)]
    }

    /// The name without the leading underscores (for messages).
    pub fn short_name(self) -> &'static str {
        &Tm::NAMES[self as usize][2..]
    }
}

impl Vm {
    /// Name string of an event.
    #[inline(always)]
    pub(crate) fn tm_name(&self, e: Tm) -> Gc<super::string::LStr> {
        self.tm_names[e as usize]
    }

    /// Look up event `e` in metatable `mt`, using the absent-bit cache for the
    /// first six events.
    #[inline]
    pub(crate) fn fast_tm(&self, mt: Gc<Table>, e: Tm) -> Option<Value> {
        let bit = e as u8;
        if bit < 6 && mt.flags() & (1 << bit) != 0 {
            return None;
        }
        let v = mt.get_str(self.tm_name(e));
        if v.is_nil() {
            if bit < 6 {
                mt.set_flag(1 << bit);
            }
            None
        } else {
            Some(v)
        }
    }

    /// Metamethod `e` of value `v`, if any.
    #[inline]
    pub fn get_tm(&self, v: Value, e: Tm) -> Option<Value> {
        let mt = self.get_metatable(v)?;
        self.fast_tm(mt, e)
    }
}
