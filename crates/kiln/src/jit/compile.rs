//! The compiler driver: Cranelift settings, one prototype to machine code,
//! and the text dumps of what was produced.

use super::codemem::CodeMemory;
use super::lower;
use super::NativeFn;
use crate::vm::func::Proto;
use cranelift_codegen::control::ControlPlane;
use cranelift_codegen::isa::OwnedTargetIsa;
use cranelift_codegen::settings::{self, Configurable};
use cranelift_codegen::Context;

/// Machine code of one prototype.
pub(crate) struct Compiled {
    mem: CodeMemory,
    /// Per-instruction cells the code reads and writes (hash node caches).
    _cache: Box<[std::cell::Cell<u32>]>,
    /// Bytes of machine code.
    pub(crate) size: usize,
}

impl Compiled {
    /// The entry point.
    pub(crate) fn entry(&self) -> NativeFn {
        // SAFETY: the mapping holds a complete function with the signature
        // of `NativeFn` at its start (`lower::native_signature`), and stays
        // mapped as long as this `Compiled`.
        unsafe { std::mem::transmute::<*const u8, NativeFn>(self.mem.start()) }
    }
}

/// What a compilation produced besides the code: the text dumps asked for.
pub(crate) struct Output {
    pub(crate) code: Compiled,
    pub(crate) ir: Option<String>,
    pub(crate) asm: Option<String>,
}

/// A Cranelift target and reusable compilation context.
pub(crate) struct Compiler {
    isa: OwnedTargetIsa,
    ctx: Context,
}

impl Compiler {
    /// The compiler for the machine this runs on.
    pub(crate) fn new() -> Result<Compiler, String> {
        let mut flags = settings::builder();
        flags.set("opt_level", "speed").map_err(|e| e.to_string())?;
        // (the IR verifier costs about a tenth of compile time: debug
        // builds and fuzzing keep it)
        let verify = if cfg!(debug_assertions) {
            "true"
        } else {
            "false"
        };
        flags
            .set("enable_verifier", verify)
            .map_err(|e| e.to_string())?;
        let isa = cranelift_native::builder()
            .map_err(|e| e.to_string())?
            .finish(settings::Flags::new(flags))
            .map_err(|e| e.to_string())?;
        Ok(Compiler {
            isa,
            ctx: Context::new(),
        })
    }

    /// Compile `p`; `ir`/`asm` ask for the text dumps.
    pub(crate) fn compile(&mut self, p: &Proto, ir: bool, asm: bool) -> Result<Output, String> {
        let cache: Box<[std::cell::Cell<u32>]> = (0..p.code.len())
            .map(|_| std::cell::Cell::new(u32::MAX))
            .collect();
        let func = lower::lower(p, &*self.isa, cache.as_ptr() as *mut u32);
        let ir_text = ir.then(|| func.display().to_string());
        self.ctx.clear();
        self.ctx.func = func;
        self.ctx.set_disasm(asm);
        let code = self
            .ctx
            .compile(&*self.isa, &mut ControlPlane::default())
            .map_err(|e| format!("{:?}", e.inner))?;
        if !code.buffer.relocs().is_empty() {
            return Err("machine code needs relocations".into());
        }
        let bytes = code.code_buffer();
        let asm_text = code.vcode.clone();
        let size = bytes.len();
        let mem = CodeMemory::new(bytes).ok_or("cannot map executable memory")?;
        Ok(Output {
            code: Compiled {
                mem,
                _cache: cache,
                size,
            },
            ir: ir_text,
            asm: asm_text,
        })
    }
}
