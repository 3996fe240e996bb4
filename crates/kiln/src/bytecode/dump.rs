//! Kiln's binary chunk format (what `string.dump` produces and `load` reads).
//!
//! It is Kiln's own format, not the reference implementation's: a header
//! (`ESC "Lua" "Kiln" version`), then the main function, serialized
//! recursively. Integers are LEB128 varints (zig-zag for signed values).
//! Reading never trusts the input: every length is bounded by the bytes that
//! remain, and the result is checked by [`super::verify`] before it can run.

use super::{Constant, FnProto, LocVarInfo, UpvalInfo};
use std::rc::Rc;

/// First bytes of every Kiln binary chunk (the first byte marks binary chunks
/// for `load`'s mode check, as in the reference implementation).
pub const SIGNATURE: &[u8] = b"\x1bLuaKiln";
/// Format version.
pub const VERSION: u8 = 1;

struct Writer {
    out: Vec<u8>,
    strip: bool,
}

impl Writer {
    fn uint(&mut self, mut v: u64) {
        loop {
            let b = (v & 0x7f) as u8;
            v >>= 7;
            if v == 0 {
                self.out.push(b);
                return;
            }
            self.out.push(b | 0x80);
        }
    }

    fn int(&mut self, v: i64) {
        self.uint(((v << 1) ^ (v >> 63)) as u64);
    }

    fn bytes(&mut self, b: &[u8]) {
        self.uint(b.len() as u64);
        self.out.extend_from_slice(b);
    }

    fn opt_str(&mut self, s: Option<&str>) {
        match s {
            Some(s) if !self.strip => {
                self.out.push(1);
                self.bytes(s.as_bytes());
            }
            _ => self.out.push(0),
        }
    }

    fn function(&mut self, f: &FnProto) {
        match &f.source {
            Some(s) if !self.strip => {
                self.out.push(1);
                self.bytes(s);
            }
            _ => self.out.push(0),
        }
        self.uint(f.linedefined as u64);
        self.uint(f.lastlinedefined as u64);
        self.out.push(f.numparams);
        self.out.push(f.is_vararg as u8);
        self.out.push(f.maxstack);
        self.uint(f.code.len() as u64);
        for &i in &f.code {
            self.out.extend_from_slice(&i.to_le_bytes());
        }
        self.uint(f.k.len() as u64);
        for c in &f.k {
            match c {
                Constant::Nil => self.out.push(0),
                Constant::Bool(false) => self.out.push(1),
                Constant::Bool(true) => self.out.push(2),
                Constant::Int(i) => {
                    self.out.push(3);
                    self.int(*i);
                }
                Constant::Float(x) => {
                    self.out.push(4);
                    self.out.extend_from_slice(&x.to_bits().to_le_bytes());
                }
                Constant::Str(s) => {
                    self.out.push(5);
                    self.bytes(s);
                }
            }
        }
        self.uint(f.upvals.len() as u64);
        for u in &f.upvals {
            self.out.push(u.in_stack as u8);
            self.out.push(u.index);
            self.out.push(u.kind);
            self.opt_str(u.name.as_deref());
        }
        self.uint(f.protos.len() as u64);
        for p in &f.protos {
            self.function(p);
        }
        if self.strip {
            self.uint(0);
            self.uint(0);
        } else {
            self.uint(f.lineinfo.len() as u64);
            for &l in &f.lineinfo {
                self.uint(l as u64);
            }
            self.uint(f.locvars.len() as u64);
            for lv in &f.locvars {
                self.bytes(lv.name.as_bytes());
                self.uint(lv.start_pc as u64);
                self.uint(lv.end_pc as u64);
            }
        }
    }
}

/// Serialize a function (`strip` drops debug information).
pub fn dump(f: &FnProto, strip: bool) -> Vec<u8> {
    let mut w = Writer {
        out: Vec::new(),
        strip,
    };
    w.out.extend_from_slice(SIGNATURE);
    w.out.push(VERSION);
    w.function(f);
    w.out
}

struct Reader<'a> {
    data: &'a [u8],
    pos: usize,
    depth: usize,
}

type RResult<T> = Result<T, &'static str>;

impl<'a> Reader<'a> {
    fn byte(&mut self) -> RResult<u8> {
        let b = *self.data.get(self.pos).ok_or("truncated chunk")?;
        self.pos += 1;
        Ok(b)
    }

    fn uint(&mut self) -> RResult<u64> {
        let mut v: u64 = 0;
        for shift in (0..70).step_by(7) {
            let b = self.byte()?;
            if shift == 63 && b > 1 {
                return Err("bad integer");
            }
            v |= ((b & 0x7f) as u64) << shift;
            if b & 0x80 == 0 {
                return Ok(v);
            }
        }
        Err("bad integer")
    }

    fn u32v(&mut self) -> RResult<u32> {
        u32::try_from(self.uint()?).map_err(|_| "bad integer")
    }

    /// A count of items each taking at least `min` bytes (bounded by the input).
    fn count(&mut self, min: usize) -> RResult<usize> {
        let n = self.uint()?;
        let left = (self.data.len() - self.pos) as u64;
        if n.saturating_mul(min.max(1) as u64) > left {
            return Err("truncated chunk");
        }
        Ok(n as usize)
    }

    fn int(&mut self) -> RResult<i64> {
        let u = self.uint()?;
        Ok(((u >> 1) as i64) ^ -((u & 1) as i64))
    }

    fn bytes(&mut self) -> RResult<&'a [u8]> {
        let n = self.count(1)?;
        let s = &self.data[self.pos..self.pos + n];
        self.pos += n;
        Ok(s)
    }

    fn opt_str(&mut self) -> RResult<Option<Rc<str>>> {
        match self.byte()? {
            0 => Ok(None),
            1 => Ok(Some(Rc::from(
                String::from_utf8_lossy(self.bytes()?).as_ref(),
            ))),
            _ => Err("bad string"),
        }
    }

    fn function(&mut self, parent_source: Option<Rc<[u8]>>) -> RResult<FnProto> {
        self.depth += 1;
        if self.depth > 200 {
            return Err("functions nested too deeply");
        }
        let source = match self.byte()? {
            0 => parent_source,
            1 => Some(Rc::from(self.bytes()?)),
            _ => return Err("bad source"),
        };
        let linedefined = self.u32v()?;
        let lastlinedefined = self.u32v()?;
        let numparams = self.byte()?;
        let is_vararg = match self.byte()? {
            0 => false,
            1 => true,
            _ => return Err("bad vararg flag"),
        };
        let maxstack = self.byte()?;
        let ncode = self.count(4)?;
        let mut code = Vec::with_capacity(ncode);
        for _ in 0..ncode {
            let b = &self.data[self.pos..self.pos + 4];
            code.push(u32::from_le_bytes([b[0], b[1], b[2], b[3]]));
            self.pos += 4;
        }
        let nk = self.count(1)?;
        let mut k = Vec::with_capacity(nk);
        for _ in 0..nk {
            k.push(match self.byte()? {
                0 => Constant::Nil,
                1 => Constant::Bool(false),
                2 => Constant::Bool(true),
                3 => Constant::Int(self.int()?),
                4 => {
                    if self.pos + 8 > self.data.len() {
                        return Err("truncated chunk");
                    }
                    let mut b = [0u8; 8];
                    b.copy_from_slice(&self.data[self.pos..self.pos + 8]);
                    self.pos += 8;
                    Constant::Float(f64::from_bits(u64::from_le_bytes(b)))
                }
                5 => Constant::Str(Rc::from(self.bytes()?)),
                _ => return Err("bad constant"),
            });
        }
        let nup = self.count(4)?;
        let mut upvals = Vec::with_capacity(nup);
        for _ in 0..nup {
            let in_stack = match self.byte()? {
                0 => false,
                1 => true,
                _ => return Err("bad upvalue"),
            };
            let index = self.byte()?;
            let kind = self.byte()?;
            let name = self.opt_str()?;
            upvals.push(UpvalInfo {
                name,
                in_stack,
                index,
                kind,
            });
        }
        let np = self.count(8)?;
        let mut protos = Vec::with_capacity(np);
        for _ in 0..np {
            protos.push(self.function(source.clone())?);
        }
        let nl = self.count(1)?;
        let mut lineinfo = Vec::with_capacity(nl);
        for _ in 0..nl {
            lineinfo.push(self.u32v()?);
        }
        let nlv = self.count(3)?;
        let mut locvars = Vec::with_capacity(nlv);
        for _ in 0..nlv {
            let name = Rc::from(String::from_utf8_lossy(self.bytes()?).as_ref());
            let start_pc = self.u32v()?;
            let end_pc = self.u32v()?;
            locvars.push(LocVarInfo {
                name,
                start_pc,
                end_pc,
            });
        }
        self.depth -= 1;
        Ok(FnProto {
            code,
            k,
            protos,
            upvals,
            lineinfo,
            locvars,
            source,
            linedefined,
            lastlinedefined,
            numparams,
            is_vararg,
            maxstack,
        })
    }
}

/// Read and verify a binary chunk. `chunkname` becomes the source of stripped
/// functions. Errors are short descriptions ("truncated chunk", ...).
pub fn undump(data: &[u8], chunkname: &[u8]) -> Result<FnProto, String> {
    if !data.starts_with(SIGNATURE) {
        return Err("bad binary format (not a Kiln chunk)".into());
    }
    let mut r = Reader {
        data,
        pos: SIGNATURE.len(),
        depth: 0,
    };
    if r.byte().map_err(String::from)? != VERSION {
        return Err("version mismatch".into());
    }
    let f = r
        .function(Some(Rc::from(chunkname)))
        .map_err(String::from)?;
    if r.pos != data.len() {
        return Err("trailing bytes after chunk".into());
    }
    super::verify::verify(&f, None).map_err(|e| format!("bad binary format ({e})"))?;
    Ok(f)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_truncation() {
        let f = crate::compiler::compile(
            b"local a, b = 1, 'x' return function(c) return a + c, b end",
            b"=t",
        )
        .unwrap();
        let d = dump(&f, false);
        let g = undump(&d, b"=t").unwrap();
        assert_eq!(g.code, f.code);
        assert_eq!(g.k, f.k);
        assert_eq!(g.protos.len(), 1);
        for n in 0..d.len() {
            assert!(undump(&d[..n], b"=t").is_err());
        }
        let s = dump(&f, true);
        let h = undump(&s, b"=stripped").unwrap();
        assert!(h.lineinfo.is_empty());
    }

    #[test]
    fn mutated_chunks_never_panic() {
        let f = crate::compiler::compile(
            b"local t = {} for i = 1, 10 do t[i] = i * 2 end local s = 0 for _, v in ipairs(t) do s = s + v end return s",
            b"=t",
        )
        .unwrap();
        let d = dump(&f, false);
        let mut seed: u64 = 0x9e3779b97f4a7c15;
        for _ in 0..20000 {
            let mut m = d.clone();
            for _ in 0..3 {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                let pos = SIGNATURE.len() + 1 + (seed as usize) % (m.len() - SIGNATURE.len() - 1);
                m[pos] = (seed >> 32) as u8;
            }
            let _ = undump(&m, b"=t");
        }
    }
}
