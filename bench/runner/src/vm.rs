//! The Lua VMs under comparison and how to find and invoke them.

use std::ffi::OsString;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VmKind {
    /// `kiln -j off`: the interpreter with the JIT disabled.
    KilnInterp,
    /// `kiln -j on`: the default tiering JIT (functions and loops that turn
    /// hot are compiled).
    Kiln,
    /// `kiln -j eager`: every function compiled at its first call. A test
    /// mode: its output is checked like the others', its speed is only
    /// informational (see [`VmKind::informational`]).
    KilnEager,
    /// The reference implementation; every other VM is compared with it.
    Lua54,
    LuaJit,
}

impl VmKind {
    /// All VMs in the order they run within a round and appear in reports.
    pub const ALL: [VmKind; 5] = [
        VmKind::KilnInterp,
        VmKind::Kiln,
        VmKind::KilnEager,
        VmKind::Lua54,
        VmKind::LuaJit,
    ];

    pub fn label(self) -> &'static str {
        match self {
            VmKind::KilnInterp => "kiln-interp",
            VmKind::Kiln => "kiln",
            VmKind::KilnEager => "kiln-eager",
            VmKind::Lua54 => "lua5.4",
            VmKind::LuaJit => "luajit",
        }
    }

    pub fn from_label(s: &str) -> Option<VmKind> {
        VmKind::ALL.into_iter().find(|k| k.label() == s)
    }

    /// Colour used for this VM in the chart.
    pub fn color(self) -> &'static str {
        match self {
            VmKind::KilnInterp => "#f28e2b",
            VmKind::Kiln => "#4e79a7",
            VmKind::KilnEager => "#b07aa1",
            VmKind::Lua54 => "#9c9c9c",
            VmKind::LuaJit => "#59a14f",
        }
    }

    fn is_kiln(self) -> bool {
        matches!(self, VmKind::KilnInterp | VmKind::Kiln | VmKind::KilnEager)
    }

    /// True for columns whose checksums are checked but whose speed is not
    /// a comparison: they are left out of the geometric mean.
    pub fn informational(self) -> bool {
        self == VmKind::KilnEager
    }

    /// The `-j` setting a kiln column runs with.
    fn jit_mode(self) -> Option<&'static str> {
        match self {
            VmKind::KilnInterp => Some("off"),
            VmKind::Kiln => Some("on"),
            VmKind::KilnEager => Some("eager"),
            VmKind::Lua54 | VmKind::LuaJit => None,
        }
    }
}

/// A VM that was found on this machine.
#[derive(Debug, Clone)]
pub struct Vm {
    pub kind: VmKind,
    pub program: PathBuf,
    /// Arguments placed before the script (e.g. `-j off`).
    pub pre_args: Vec<String>,
    /// Environment variables removed for the child (`KILN_JIT` for kiln, so
    /// that only `pre_args` choose the JIT mode).
    pub env_remove: &'static [&'static str],
}

impl Vm {
    pub fn new(kind: VmKind, program: PathBuf) -> Vm {
        let pre_args = match kind.jit_mode() {
            Some(mode) => vec!["-j".to_string(), mode.to_string()],
            None => Vec::new(),
        };
        let env_remove: &'static [&'static str] = if kind.is_kiln() { &["KILN_JIT"] } else { &[] };
        Vm {
            kind,
            program,
            pre_args,
            env_remove,
        }
    }

    pub fn label(&self) -> &'static str {
        self.kind.label()
    }

    /// Arguments to run a script file.
    pub fn script_args(&self, script: &Path) -> Vec<OsString> {
        let mut args: Vec<OsString> = self.pre_args.iter().map(OsString::from).collect();
        args.push(script.as_os_str().to_owned());
        args
    }

    /// Arguments to run a chunk given on the command line (`-e code`).
    pub fn eval_args(&self, code: &str) -> Vec<OsString> {
        let mut args: Vec<OsString> = self.pre_args.iter().map(OsString::from).collect();
        args.push("-e".into());
        args.push(code.into());
        args
    }

    /// The command prefix as text, for the report header.
    pub fn command_line(&self, root: &Path) -> String {
        let prog = self.program.strip_prefix(root).unwrap_or(&self.program);
        let mut s = prog.display().to_string();
        for a in &self.pre_args {
            s.push(' ');
            s.push_str(a);
        }
        s
    }

    /// A one-line version description. For kiln this is the workspace's git
    /// commit (the binary reports nothing reliable yet); for the others it is
    /// the first line of `-v`.
    pub fn version(&self, root: &Path) -> String {
        if self.kind.is_kiln() {
            return match git_commit(root) {
                Some(c) => format!("kiln, workspace commit {c}"),
                None => "kiln, unknown commit".to_string(),
            };
        }
        let out = Command::new(&self.program)
            .arg("-v")
            .stdin(Stdio::null())
            .output();
        match out {
            Ok(o) => {
                let text = if o.stdout.is_empty() {
                    o.stderr
                } else {
                    o.stdout
                };
                String::from_utf8_lossy(&text)
                    .lines()
                    .next()
                    .unwrap_or("")
                    .trim()
                    .to_string()
            }
            Err(e) => format!("unknown ({e})"),
        }
    }
}

/// `git rev-parse --short HEAD`, with `-dirty` if tracked files changed.
/// Only reads the repository.
pub fn git_commit(root: &Path) -> Option<String> {
    let git = |args: &[&str]| {
        Command::new("git")
            .arg("-C")
            .arg(root)
            .args(args)
            .stdin(Stdio::null())
            .stderr(Stdio::null())
            .output()
            .ok()
            .filter(|o| o.status.success())
            .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
    };
    let commit = git(&["rev-parse", "--short", "HEAD"])?;
    let dirty = git(&["status", "--porcelain", "--untracked-files=no"])
        .map(|s| !s.is_empty())
        .unwrap_or(false);
    Some(if dirty {
        format!("{commit}-dirty")
    } else {
        commit
    })
}

pub fn is_executable(path: &Path) -> bool {
    path.metadata()
        .map(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
        .unwrap_or(false)
}

/// Looks `name` up in `$PATH`.
pub fn find_in_path(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join(name))
        .find(|p| is_executable(p))
}

/// Finds the requested VMs. Returns the VMs found, in `VmKind::ALL` order,
/// and a note for each one that was skipped.
pub fn discover(wanted: &[VmKind], kiln: &Path) -> (Vec<Vm>, Vec<String>) {
    let mut found = Vec::new();
    let mut skipped = Vec::new();
    for kind in VmKind::ALL {
        if !wanted.contains(&kind) {
            continue;
        }
        let program = match kind {
            VmKind::KilnInterp | VmKind::Kiln | VmKind::KilnEager => {
                Some(kiln.to_path_buf()).filter(|p| is_executable(p))
            }
            VmKind::Lua54 => find_in_path("lua5.4"),
            VmKind::LuaJit => find_in_path("luajit"),
        };
        match program {
            Some(p) => found.push(Vm::new(kind, p)),
            None => {
                let what = if kind.is_kiln() {
                    kiln.display().to_string()
                } else {
                    format!("{} in PATH", kind.label())
                };
                skipped.push(format!("skipping {}: {what} not found", kind.label()));
            }
        }
    }
    (found, skipped)
}

/// Parses a `--vms` list into kinds, rejecting unknown labels.
pub fn parse_kinds(labels: &[String]) -> Result<Vec<VmKind>, String> {
    labels
        .iter()
        .map(|l| {
            VmKind::from_label(l).ok_or_else(|| {
                let all: Vec<_> = VmKind::ALL.iter().map(|k| k.label()).collect();
                format!("unknown VM {l:?} (known: {})", all.join(", "))
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_round_trip() {
        for k in VmKind::ALL {
            assert_eq!(VmKind::from_label(k.label()), Some(k));
        }
        assert_eq!(VmKind::from_label("lua5.1"), None);
    }

    #[test]
    fn kiln_interp_disables_the_jit() {
        let vm = Vm::new(VmKind::KilnInterp, PathBuf::from("/x/kiln"));
        assert_eq!(
            vm.script_args(Path::new("fib.lua")),
            vec![OsString::from("-j"), "off".into(), "fib.lua".into()]
        );
        assert_eq!(
            vm.eval_args(""),
            vec![OsString::from("-j"), "off".into(), "-e".into(), "".into()]
        );
        assert_eq!(vm.command_line(Path::new("/x")), "kiln -j off");
    }

    #[test]
    fn kiln_columns_pass_their_jit_mode() {
        let args = |kind| {
            let vm = Vm::new(kind, PathBuf::from("/x/kiln"));
            assert_eq!(vm.env_remove, &["KILN_JIT"]);
            vm.script_args(Path::new("fib.lua"))
        };
        let expect = |mode: &str| vec![OsString::from("-j"), mode.into(), "fib.lua".into()];
        assert_eq!(args(VmKind::KilnInterp), expect("off"));
        assert_eq!(args(VmKind::Kiln), expect("on"));
        assert_eq!(args(VmKind::KilnEager), expect("eager"));
        let lua = Vm::new(VmKind::Lua54, PathBuf::from("/usr/bin/lua5.4"));
        assert_eq!(
            lua.script_args(Path::new("fib.lua")),
            vec![OsString::from("fib.lua")]
        );
        assert!(lua.env_remove.is_empty());
        assert!(VmKind::KilnEager.informational());
        assert!(!VmKind::Kiln.informational());
    }

    #[test]
    fn parse_kinds_rejects_unknown() {
        let ok = parse_kinds(&["luajit".into(), "kiln".into()]).unwrap();
        assert_eq!(ok, vec![VmKind::LuaJit, VmKind::Kiln]);
        assert!(parse_kinds(&["lua".into()])
            .unwrap_err()
            .contains("unknown VM"));
    }

    #[test]
    fn missing_kiln_is_skipped() {
        let (found, skipped) = discover(&[VmKind::Kiln], Path::new("/nonexistent/kiln"));
        assert!(found.is_empty());
        assert_eq!(skipped.len(), 1);
        assert!(skipped[0].contains("/nonexistent/kiln"));
    }
}
