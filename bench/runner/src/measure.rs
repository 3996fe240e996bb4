//! Running one child process and measuring its wall time and peak RSS.
//!
//! The child is reaped with `wait4`, whose `rusage` describes exactly that
//! child (unlike `getrusage(RUSAGE_CHILDREN)`, which accumulates). A
//! watchdog thread kills runs that exceed the timeout; to avoid ever
//! signalling a recycled pid, the child is first waited for with
//! `waitid(WNOWAIT)` (which leaves it a zombie) and only reaped after the
//! watchdog has been told it finished.

use std::ffi::OsString;
use std::io::{self, Read};
use std::os::unix::process::CommandExt;
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::{Arc, Condvar, Mutex};
use std::thread;
use std::time::{Duration, Instant};

/// How a run ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Exit {
    Code(i32),
    Signal(i32),
    TimedOut,
}

impl Exit {
    pub fn success(&self) -> bool {
        *self == Exit::Code(0)
    }

    pub fn describe(&self) -> String {
        match self {
            Exit::Code(c) => format!("exit {c}"),
            Exit::Signal(s) => format!("signal {s}"),
            Exit::TimedOut => "timeout".to_string(),
        }
    }
}

/// The result of one run.
#[derive(Debug, Clone)]
pub struct Outcome {
    /// Wall time from just before spawning until the child exited.
    pub wall_secs: f64,
    /// Peak resident set size of the child, in KiB.
    pub max_rss_kib: u64,
    pub stdout: Vec<u8>,
    /// The last few lines of stderr (for failure reports).
    pub stderr_tail: String,
    pub exit: Exit,
}

const STDERR_KEEP: usize = 2048;

/// Runs `program args...` in `cwd` with stdin closed, stdout/stderr
/// captured and the variables in `env_remove` unset, killing it after
/// `timeout`.
pub fn run(
    program: &Path,
    args: &[OsString],
    env_remove: &[&str],
    cwd: &Path,
    timeout: Duration,
) -> io::Result<Outcome> {
    let mut cmd = Command::new(program);
    for var in env_remove {
        cmd.env_remove(var);
    }
    let start = Instant::now();
    let mut child = cmd
        .args(args)
        .current_dir(cwd)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        // Own process group, so a timeout kills anything it started too.
        .process_group(0)
        .spawn()?;
    let pid = child.id() as libc::pid_t;

    // Watchdog: kills the child unless told it finished in time.
    let finished = Arc::new((Mutex::new(false), Condvar::new()));
    let timed_out = Arc::new(Mutex::new(false));
    let watchdog = {
        let finished = Arc::clone(&finished);
        let timed_out = Arc::clone(&timed_out);
        thread::spawn(move || {
            let (lock, cvar) = &*finished;
            let guard = lock.lock().unwrap();
            let (guard, _) = cvar
                .wait_timeout_while(guard, timeout, |done| !*done)
                .unwrap();
            if !*guard {
                // Still not reaped (the main thread reaps only after setting
                // the flag under this lock), so the pid and its process
                // group are still ours.
                *timed_out.lock().unwrap() = true;
                // SAFETY: plain syscall.
                unsafe {
                    libc::kill(-pid, libc::SIGKILL);
                }
            }
        })
    };

    let mut stderr = child.stderr.take().expect("stderr is piped");
    let stderr_reader = thread::spawn(move || {
        let mut buf = Vec::new();
        let _ = stderr.read_to_end(&mut buf);
        buf
    });
    let mut stdout = Vec::new();
    let read_result = child
        .stdout
        .take()
        .expect("stdout is piped")
        .read_to_end(&mut stdout);

    wait_exited_no_reap(pid)?;
    let wall_secs = start.elapsed().as_secs_f64();
    {
        let (lock, cvar) = &*finished;
        *lock.lock().unwrap() = true;
        cvar.notify_all();
    }
    watchdog.join().expect("watchdog thread panicked");
    let (status, rusage) = reap(pid)?;
    read_result?;
    let stderr_bytes = stderr_reader.join().expect("stderr reader panicked");

    let exit = if *timed_out.lock().unwrap() {
        Exit::TimedOut
    } else if libc::WIFEXITED(status) {
        Exit::Code(libc::WEXITSTATUS(status))
    } else if libc::WIFSIGNALED(status) {
        Exit::Signal(libc::WTERMSIG(status))
    } else {
        Exit::Code(-1)
    };

    Ok(Outcome {
        wall_secs,
        max_rss_kib: u64::try_from(rusage.ru_maxrss).unwrap_or(0),
        stdout,
        stderr_tail: tail(&stderr_bytes, STDERR_KEEP),
        exit,
    })
}

/// Blocks until the child has exited, leaving it unreaped.
fn wait_exited_no_reap(pid: libc::pid_t) -> io::Result<()> {
    loop {
        // SAFETY: plain syscall; siginfo is a zeroed out-parameter.
        let rc = unsafe {
            let mut info: libc::siginfo_t = std::mem::zeroed();
            libc::waitid(
                libc::P_PID,
                pid as libc::id_t,
                &mut info,
                libc::WEXITED | libc::WNOWAIT,
            )
        };
        if rc == 0 {
            return Ok(());
        }
        let err = io::Error::last_os_error();
        if err.kind() != io::ErrorKind::Interrupted {
            return Err(err);
        }
    }
}

/// Reaps the (already exited) child, returning its status and rusage.
fn reap(pid: libc::pid_t) -> io::Result<(libc::c_int, libc::rusage)> {
    loop {
        let mut status: libc::c_int = 0;
        // SAFETY: plain syscall with valid out-pointers.
        let (rc, rusage) = unsafe {
            let mut rusage: libc::rusage = std::mem::zeroed();
            let rc = libc::wait4(pid, &mut status, 0, &mut rusage);
            (rc, rusage)
        };
        if rc == pid {
            return Ok((status, rusage));
        }
        let err = io::Error::last_os_error();
        if err.kind() != io::ErrorKind::Interrupted {
            return Err(err);
        }
    }
}

/// The last `keep` bytes of `bytes` as text, starting at a line boundary
/// when possible.
fn tail(bytes: &[u8], keep: usize) -> String {
    let start = bytes.len().saturating_sub(keep);
    let text = String::from_utf8_lossy(&bytes[start..]);
    let text = if start > 0 {
        text.split_once('\n').map(|(_, rest)| rest).unwrap_or(&text)
    } else {
        &text
    };
    text.trim_end().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sh(script: &str, timeout: Duration) -> Outcome {
        let args = vec![OsString::from("-c"), OsString::from(script)];
        run(Path::new("/bin/sh"), &args, &[], Path::new("/"), timeout).unwrap()
    }

    #[test]
    fn removes_environment_variables() {
        // Some variable of ours that the shell does not set by itself.
        let shell_sets = ["PATH", "PWD", "OLDPWD", "SHLVL", "IFS", "PPID", "HOME"];
        let Some(var) = std::env::vars().map(|(k, _)| k).find(|k| {
            !shell_sets.contains(&k.as_str())
                && k.chars().all(|c| c.is_ascii_uppercase() || c == '_')
        }) else {
            return;
        };
        let script = format!("echo ${{{var}-unset}}");
        let args = vec![OsString::from("-c"), OsString::from(script)];
        let t = Duration::from_secs(10);
        let o = run(Path::new("/bin/sh"), &args, &[&var], Path::new("/"), t).unwrap();
        assert_eq!(o.stdout, b"unset\n");
        let o = run(Path::new("/bin/sh"), &args, &[], Path::new("/"), t).unwrap();
        assert_ne!(o.stdout, b"unset\n");
    }

    #[test]
    fn captures_stdout_and_exit_code() {
        let o = sh("echo hello; echo oops >&2; exit 3", Duration::from_secs(10));
        assert_eq!(o.stdout, b"hello\n");
        assert_eq!(o.stderr_tail, "oops");
        assert_eq!(o.exit, Exit::Code(3));
        assert!(!o.exit.success());
        assert!(o.wall_secs > 0.0);
        assert!(o.max_rss_kib > 0);
    }

    #[test]
    fn success_and_signal() {
        assert!(sh("true", Duration::from_secs(10)).exit.success());
        let o = sh("kill -9 $$", Duration::from_secs(10));
        assert_eq!(o.exit, Exit::Signal(9));
        assert_eq!(o.exit.describe(), "signal 9");
    }

    #[test]
    fn times_out() {
        let o = sh("exec sleep 10", Duration::from_millis(200));
        assert_eq!(o.exit, Exit::TimedOut);
        assert!(o.wall_secs < 5.0);
    }

    #[test]
    fn tail_keeps_whole_last_lines() {
        assert_eq!(tail(b"a\nbb\nccc\n", 100), "a\nbb\nccc");
        assert_eq!(tail(b"a\nbb\nccc\n", 6), "ccc");
        assert_eq!(tail(b"", 10), "");
    }
}
