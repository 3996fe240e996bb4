//! The interactive loop: line editing, continuation lines, printing results.

use kiln::vm::{Value, Vm};

fn prompt(vm: &mut Vm, first: bool) -> String {
    let name = if first { "_PROMPT" } else { "_PROMPT2" };
    match vm.get_global(name) {
        Value::Nil => (if first { "> " } else { ">> " }).to_string(),
        v => match vm.tostring(v) {
            Ok(s) => String::from_utf8_lossy(s.as_bytes()).into_owned(),
            Err(_) => "> ".into(),
        },
    }
}

enum Reader {
    Edit(Box<rustyline::DefaultEditor>),
    Plain,
}

impl Reader {
    fn read(&mut self, p: &str) -> Option<String> {
        match self {
            Reader::Edit(ed) => match ed.readline(p) {
                Ok(l) => Some(l),
                Err(rustyline::error::ReadlineError::Interrupted) => Some(String::new()),
                Err(_) => None,
            },
            Reader::Plain => {
                use std::io::{BufRead, Write};
                print!("{p}");
                let _ = std::io::stdout().flush();
                let mut l = String::new();
                match std::io::stdin().lock().read_line(&mut l) {
                    Ok(0) | Err(_) => None,
                    Ok(_) => {
                        if l.ends_with('\n') {
                            l.pop();
                        }
                        // like readline on a non-terminal, echo the line
                        println!("{l}");
                        Some(l)
                    }
                }
            }
        }
    }

    fn add_history(&mut self, l: &str) {
        if let Reader::Edit(ed) = self {
            let _ = ed.add_history_entry(l);
        }
    }
}

fn incomplete(msg: &[u8]) -> bool {
    msg.ends_with(b"<eof>")
}

/// Run the read-eval-print loop until end of input.
pub fn run(vm: &mut Vm) {
    crate::IN_REPL.store(true, std::sync::atomic::Ordering::Relaxed);
    use std::io::IsTerminal;
    let mut reader = if std::io::stdin().is_terminal() {
        match rustyline::DefaultEditor::new() {
            Ok(ed) => Reader::Edit(Box::new(ed)),
            Err(_) => Reader::Plain,
        }
    } else {
        Reader::Plain
    };
    loop {
        let p = prompt(vm, true);
        let Some(line) = reader.read(&p) else { break };
        let line = line
            .strip_prefix('=')
            .map(|r| format!("return {r}"))
            .unwrap_or(line);
        // first try it as an expression
        let ret = format!("return {line}");
        let load = |vm: &mut Vm, src: &[u8]| {
            vm.with_native_level(|vm| {
                kiln::stdlib::base::load_buffer(vm, src, b"=stdin", b"t", None)
            })
        };
        let f = match load(vm, ret.as_bytes()) {
            Ok(f) => {
                reader.add_history(&line);
                Some(f)
            }
            Err(_) => {
                let mut buf = line.clone();
                loop {
                    match load(vm, buf.as_bytes()) {
                        Ok(f) => {
                            reader.add_history(&buf);
                            break Some(f);
                        }
                        Err(Value::Str(m)) if incomplete(m.as_bytes()) => {
                            let p2 = prompt(vm, false);
                            match reader.read(&p2) {
                                Some(more) => {
                                    buf.push('\n');
                                    buf.push_str(&more);
                                }
                                None => {
                                    crate::repl_message(&String::from_utf8_lossy(m.as_bytes()));
                                    break None;
                                }
                            }
                        }
                        Err(e) => {
                            reader.add_history(&buf);
                            match e {
                                Value::Str(m) => {
                                    crate::repl_message(&String::from_utf8_lossy(m.as_bytes()))
                                }
                                _ => crate::repl_message("error"),
                            }
                            break None;
                        }
                    }
                }
            }
        };
        let Some(f) = f else { continue };
        if let Ok(vals) = crate::docall(vm, f, &[], -1) {
            if !vals.is_empty() {
                let print = vm.get_global("print");
                if crate::docall(vm, print, &vals, 0).is_err() {
                    crate::repl_message("error calling 'print'");
                }
            }
        }
    }
    println!();
}
