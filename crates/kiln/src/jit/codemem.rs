//! Executable memory for compiled functions.
//!
//! Each compiled prototype owns one mapping: written while it is only
//! readable and writable, then switched to read-and-execute before any code
//! in it runs, so no page is ever writable and executable at once. Dropping
//! the owner (when the prototype is collected) unmaps it.

use std::ptr::NonNull;

/// One mapping of machine code.
pub(crate) struct CodeMemory {
    ptr: NonNull<u8>,
    len: usize,
}

fn page_size() -> usize {
    // SAFETY: sysconf has no preconditions.
    let n = unsafe { libc::sysconf(libc::_SC_PAGESIZE) };
    if n > 0 {
        n as usize
    } else {
        4096
    }
}

impl CodeMemory {
    /// Map `code` as executable memory; `None` if the system refuses.
    pub(crate) fn new(code: &[u8]) -> Option<CodeMemory> {
        let page = page_size();
        let len = code.len().max(1).div_ceil(page) * page;
        // SAFETY: an anonymous private mapping with no address hint; the
        // result is checked before use.
        let p = unsafe {
            libc::mmap(
                std::ptr::null_mut(),
                len,
                libc::PROT_READ | libc::PROT_WRITE,
                libc::MAP_PRIVATE | libc::MAP_ANONYMOUS,
                -1,
                0,
            )
        };
        if p == libc::MAP_FAILED {
            return None;
        }
        let ptr = NonNull::new(p as *mut u8)?;
        // SAFETY: the mapping is `len >= code.len()` bytes, writable, and
        // does not overlap `code`.
        unsafe { std::ptr::copy_nonoverlapping(code.as_ptr(), ptr.as_ptr(), code.len()) };
        let mem = CodeMemory { ptr, len };
        // SAFETY: the range is exactly the mapping made above.
        let r = unsafe { libc::mprotect(p, len, libc::PROT_READ | libc::PROT_EXEC) };
        if r != 0 {
            return None; // dropped: unmapped
        }
        Some(mem)
    }

    /// The first byte of the code.
    pub(crate) fn start(&self) -> *const u8 {
        self.ptr.as_ptr()
    }

    /// Bytes mapped.
    #[cfg(test)]
    pub(crate) fn mapped(&self) -> usize {
        self.len
    }
}

impl Drop for CodeMemory {
    fn drop(&mut self) {
        // SAFETY: the mapping was made by `new` with this length and is
        // unmapped once; nothing runs in it any more (its prototype is gone).
        unsafe { libc::munmap(self.ptr.as_ptr() as *mut libc::c_void, self.len) };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_code_placed_in_it() {
        #[cfg(target_arch = "x86_64")]
        {
            // mov eax, 42; ret
            let mem = CodeMemory::new(&[0xb8, 42, 0, 0, 0, 0xc3]).expect("mapping");
            // SAFETY: the bytes above are a complete x86-64 function.
            let f: extern "C" fn() -> u32 = unsafe { std::mem::transmute(mem.start()) };
            assert_eq!(f(), 42);
            assert!(mem.mapped() >= 6);
        }
    }
}
