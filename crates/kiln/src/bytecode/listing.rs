//! Human-readable listings of compiled functions, in the format of
//! `luac -l -l` (minus memory addresses, which mean nothing here).
//!
//! For each function (the main one first, then nested ones depth-first),
//! with tab-separated columns:
//!
//! ```text
//!
//! main <file.lua:0,0> (4 instructions)
//! 0+ params, 2 slots, 1 upvalue, 0 locals, 2 constants, 0 functions
//!     1    [1]    VARARGPREP    0
//!     2    [1]    GETTABUP     0 0 0    ; _ENV "print"
//!     ...
//! constants (2):
//!     0    S    "print"
//! locals (0):
//! upvalues (1):
//!     0    _ENV    1    0
//! ```

use super::*;
use crate::number::fmt_float;
use std::fmt::Write as _;

/// Names of the metamethod events used by MMBIN* (indexed by event number).
const EVENTS: &[&str] = &crate::vm::meta::Tm::NAMES;

/// Appends a listing of `p` and all its nested functions to `out`.
pub fn listing(p: &FnProto, out: &mut String) {
    header(p, out);
    code(p, out);
    debug(p, out);
    for sub in &p.protos {
        listing(sub, out);
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

fn header(p: &FnProto, out: &mut String) {
    let src: &[u8] = p.source.as_deref().unwrap_or(b"=?");
    let name = match src.first() {
        Some(b'@') | Some(b'=') => String::from_utf8_lossy(&src[1..]).into_owned(),
        Some(0x1b) => "(bstring)".to_string(),
        _ => "(string)".to_string(),
    };
    let kind = if p.linedefined == 0 {
        "main"
    } else {
        "function"
    };
    let n = p.code.len();
    let _ = writeln!(
        out,
        "\n{kind} <{name}:{},{}> ({n} instruction{})",
        p.linedefined,
        p.lastlinedefined,
        plural(n)
    );
    let np = p.numparams as usize;
    let _ = write!(
        out,
        "{np}{} param{}, {} slot{}, {} upvalue{}, ",
        if p.is_vararg { "+" } else { "" },
        plural(np),
        p.maxstack,
        plural(p.maxstack as usize),
        p.upvals.len(),
        plural(p.upvals.len())
    );
    let _ = writeln!(
        out,
        "{} local{}, {} constant{}, {} function{}",
        p.locvars.len(),
        plural(p.locvars.len()),
        p.k.len(),
        plural(p.k.len()),
        p.protos.len(),
        plural(p.protos.len())
    );
}

/// Appends a constant as luac prints it.
pub fn write_constant(k: &Constant, out: &mut String) {
    match k {
        Constant::Nil => out.push_str("nil"),
        Constant::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Constant::Int(i) => {
            let _ = write!(out, "{i}");
        }
        Constant::Float(f) => {
            let mut buf = Vec::new();
            fmt_float(*f, &mut buf);
            out.push_str(&String::from_utf8_lossy(&buf));
        }
        Constant::Str(s) => write_string(s, out),
    }
}

/// Appends a string literal with luac's escaping.
fn write_string(s: &[u8], out: &mut String) {
    out.push('"');
    for &c in s {
        match c {
            b'"' => out.push_str("\\\""),
            b'\\' => out.push_str("\\\\"),
            7 => out.push_str("\\a"),
            8 => out.push_str("\\b"),
            12 => out.push_str("\\f"),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            b'\t' => out.push_str("\\t"),
            11 => out.push_str("\\v"),
            0x20..=0x7e => out.push(c as char),
            _ => {
                let _ = write!(out, "\\{c:03}");
            }
        }
    }
    out.push('"');
}

fn upval_name(p: &FnProto, i: u32) -> &str {
    p.upvals
        .get(i as usize)
        .and_then(|u| u.name.as_deref())
        .unwrap_or("-")
}

fn kst(p: &FnProto, i: u32, out: &mut String) {
    match p.k.get(i as usize) {
        Some(k) => write_constant(k, out),
        None => {
            let _ = write!(out, "?{i}");
        }
    }
}

fn event_name(c: u32) -> &'static str {
    EVENTS.get(c as usize).copied().unwrap_or("?")
}

fn code(p: &FnProto, out: &mut String) {
    for (pc, &i) in p.code.iter().enumerate() {
        let op = get_op(i);
        let (a, b, c) = (get_a(i), get_b(i), get_c(i));
        let (sb, sc, bx, sbx, ax) = (get_sb(i), get_sc(i), get_bx(i), get_sbx(i), get_ax(i));
        let isk = get_k(i);
        let ks = if isk { "k" } else { "" };
        let extra = p.code.get(pc + 1).map_or(0, |&n| get_ax(n));
        let pci = pc as i64;
        let line = p.lineinfo.get(pc).copied().unwrap_or(0);
        let _ = write!(out, "\t{}\t", pc + 1);
        if line > 0 {
            let _ = write!(out, "[{line}]\t");
        } else {
            out.push_str("[-]\t");
        }
        let name = OP_NAMES.get(op as usize).copied().unwrap_or("?");
        let _ = write!(out, "{name:<9}\t");
        const COMMENT: &str = "\t; ";
        match op {
            OP_MOVE | OP_UNM | OP_BNOT | OP_NOT | OP_LEN | OP_CONCAT => {
                let _ = write!(out, "{a} {b}");
            }
            OP_LOADI | OP_LOADF => {
                let _ = write!(out, "{a} {sbx}");
            }
            OP_LOADK => {
                let _ = write!(out, "{a} {bx}{COMMENT}");
                kst(p, bx, out);
            }
            OP_LOADKX => {
                let _ = write!(out, "{a}{COMMENT}");
                kst(p, extra, out);
            }
            OP_LOADFALSE | OP_LFALSESKIP | OP_LOADTRUE | OP_CLOSE | OP_TBC | OP_RETURN1
            | OP_VARARGPREP => {
                let _ = write!(out, "{a}");
            }
            OP_LOADNIL => {
                let _ = write!(out, "{a} {b}{COMMENT}{} out", b + 1);
            }
            OP_GETUPVAL | OP_SETUPVAL => {
                let _ = write!(out, "{a} {b}{COMMENT}{}", upval_name(p, b));
            }
            OP_GETTABUP => {
                let _ = write!(out, "{a} {b} {c}{COMMENT}{} ", upval_name(p, b));
                kst(p, c, out);
            }
            OP_GETTABLE | OP_GETI => {
                let _ = write!(out, "{a} {b} {c}");
            }
            OP_GETFIELD => {
                let _ = write!(out, "{a} {b} {c}{COMMENT}");
                kst(p, c, out);
            }
            OP_SETTABUP => {
                let _ = write!(out, "{a} {b} {c}{ks}{COMMENT}{} ", upval_name(p, a));
                kst(p, b, out);
                if isk {
                    out.push(' ');
                    kst(p, c, out);
                }
            }
            OP_SETTABLE | OP_SETI | OP_SELF => {
                let _ = write!(out, "{a} {b} {c}{ks}");
                if isk {
                    out.push_str(COMMENT);
                    kst(p, c, out);
                }
            }
            OP_SETFIELD => {
                let _ = write!(out, "{a} {b} {c}{ks}{COMMENT}");
                kst(p, b, out);
                if isk {
                    out.push(' ');
                    kst(p, c, out);
                }
            }
            OP_NEWTABLE => {
                let _ = write!(out, "{a} {b} {c}{COMMENT}{}", c + extra * (MAXARG_C + 1));
            }
            OP_ADDI | OP_SHRI | OP_SHLI => {
                let _ = write!(out, "{a} {b} {sc}");
            }
            OP_ADDK..=OP_BXORK => {
                let _ = write!(out, "{a} {b} {c}{COMMENT}");
                kst(p, c, out);
            }
            OP_ADD..=OP_SHR => {
                let _ = write!(out, "{a} {b} {c}");
            }
            OP_MMBIN => {
                let _ = write!(out, "{a} {b} {c}{COMMENT}{}", event_name(c));
            }
            OP_MMBINI => {
                let _ = write!(out, "{a} {sb} {c} {}{COMMENT}{}", isk as u8, event_name(c));
                if isk {
                    out.push_str(" flip");
                }
            }
            OP_MMBINK => {
                let _ = write!(out, "{a} {b} {c} {}{COMMENT}{} ", isk as u8, event_name(c));
                kst(p, b, out);
                if isk {
                    out.push_str(" flip");
                }
            }
            OP_JMP => {
                let sj = get_sj(i) as i64;
                let _ = write!(out, "{sj}{COMMENT}to {}", sj + pci + 2);
            }
            OP_EQ | OP_LT | OP_LE | OP_TESTSET => {
                let _ = write!(out, "{a} {b} {}", isk as u8);
            }
            OP_EQK => {
                let _ = write!(out, "{a} {b} {}{COMMENT}", isk as u8);
                kst(p, b, out);
            }
            OP_EQI | OP_LTI | OP_LEI | OP_GTI | OP_GEI => {
                let _ = write!(out, "{a} {sb} {}", isk as u8);
            }
            OP_TEST => {
                let _ = write!(out, "{a} {}", isk as u8);
            }
            OP_CALL => {
                let _ = write!(out, "{a} {b} {c}{COMMENT}");
                if b == 0 {
                    out.push_str("all in ");
                } else {
                    let _ = write!(out, "{} in ", b - 1);
                }
                if c == 0 {
                    out.push_str("all out");
                } else {
                    let _ = write!(out, "{} out", c - 1);
                }
            }
            OP_TAILCALL => {
                let _ = write!(out, "{a} {b} {c}{ks}{COMMENT}{} in", b as i64 - 1);
            }
            OP_RETURN => {
                let _ = write!(out, "{a} {b} {c}{ks}{COMMENT}");
                if b == 0 {
                    out.push_str("all out");
                } else {
                    let _ = write!(out, "{} out", b - 1);
                }
            }
            OP_RETURN0 => {}
            OP_FORLOOP | OP_TFORLOOP => {
                let _ = write!(out, "{a} {bx}{COMMENT}to {}", pci - bx as i64 + 2);
            }
            OP_FORPREP => {
                let _ = write!(out, "{a} {bx}{COMMENT}exit to {}", pci + bx as i64 + 3);
            }
            OP_TFORPREP => {
                let _ = write!(out, "{a} {bx}{COMMENT}to {}", pci + bx as i64 + 2);
            }
            OP_TFORCALL => {
                let _ = write!(out, "{a} {c}");
            }
            OP_SETLIST => {
                let _ = write!(out, "{a} {b} {c}");
                if isk {
                    let _ = write!(out, "{COMMENT}{}", c + extra * (MAXARG_C + 1));
                }
            }
            OP_CLOSURE => {
                let _ = write!(out, "{a} {bx}");
            }
            OP_VARARG => {
                let _ = write!(out, "{a} {c}{COMMENT}");
                if c == 0 {
                    out.push_str("all out");
                } else {
                    let _ = write!(out, "{} out", c - 1);
                }
            }
            OP_EXTRAARG => {
                let _ = write!(out, "{ax}");
            }
            _ => {
                let _ = write!(out, "{a} {b} {c}");
            }
        }
        out.push('\n');
    }
}

fn debug(p: &FnProto, out: &mut String) {
    let _ = writeln!(out, "constants ({}):", p.k.len());
    for (i, k) in p.k.iter().enumerate() {
        let t = match k {
            Constant::Nil => 'N',
            Constant::Bool(_) => 'B',
            Constant::Int(_) => 'I',
            Constant::Float(_) => 'F',
            Constant::Str(_) => 'S',
        };
        let _ = write!(out, "\t{i}\t{t}\t");
        write_constant(k, out);
        out.push('\n');
    }
    let _ = writeln!(out, "locals ({}):", p.locvars.len());
    for (i, l) in p.locvars.iter().enumerate() {
        let _ = writeln!(
            out,
            "\t{i}\t{}\t{}\t{}",
            l.name,
            l.start_pc + 1,
            l.end_pc + 1
        );
    }
    let _ = writeln!(out, "upvalues ({}):", p.upvals.len());
    for (i, u) in p.upvals.iter().enumerate() {
        let name = u.name.as_deref().unwrap_or("-");
        let _ = writeln!(out, "\t{i}\t{name}\t{}\t{}", u.in_stack as u8, u.index);
    }
}
