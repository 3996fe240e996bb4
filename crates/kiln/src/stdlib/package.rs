//! `require` and the `package` library (manual §6.3). Only Lua modules are
//! loaded; native (C) libraries are reported as unsupported.

use crate::vm::gc::Gc;
use crate::vm::table::Table;
use crate::vm::{Args, LResult, Value, Vm};

const LUA_ROOT: &str = "/usr/local/share/lua/5.4/";
const LIB_ROOT: &str = "/usr/local/lib/lua/5.4/";

// The defaults of the Debian lua5.4 package, so module searches (and their
// error messages) are the same as the reference interpreter's on this platform.
fn default_path() -> String {
    format!(
        "{LUA_ROOT}?.lua;{LUA_ROOT}?/init.lua;{LIB_ROOT}?.lua;{LIB_ROOT}?/init.lua;\
/usr/share/lua/5.4/?.lua;/usr/share/lua/5.4/?/init.lua;./?.lua;./?/init.lua"
    )
}

fn default_cpath() -> String {
    format!(
        "{LIB_ROOT}?.so;/usr/lib/x86_64-linux-gnu/lua/5.4/?.so;/usr/lib/lua/5.4/?.so;{LIB_ROOT}loadall.so;./?.so"
    )
}

/// Path from the environment with `;;` standing for the default.
fn env_path(vars: &[&str], default: &str) -> String {
    for v in vars {
        if let Ok(p) = std::env::var(v) {
            if let Some(i) = p.find(";;") {
                let mut s = String::new();
                s.push_str(&p[..i]);
                if i > 0 {
                    s.push(';');
                }
                s.push_str(default);
                let rest = &p[i + 2..];
                if !rest.is_empty() {
                    s.push(';');
                    s.push_str(rest);
                }
                return s;
            }
            return p;
        }
    }
    default.to_string()
}

fn package_table(vm: &mut Vm) -> Option<Gc<Table>> {
    match vm.ext.slots.get("package") {
        Some(Value::Table(t)) => Some(*t),
        _ => None,
    }
}

/// Search `path` for `name`; Ok(file) or Err(list of tried files).
fn search_path(name: &[u8], path: &[u8], sep: &[u8], rep: &[u8]) -> Result<Vec<u8>, Vec<u8>> {
    let name = if sep.is_empty() {
        name.to_vec()
    } else {
        replace_all(name, sep, rep)
    };
    let mut tried = Vec::new();
    for templ in path.split(|&c| c == b';') {
        if templ.is_empty() {
            continue;
        }
        let file = replace_all(templ, b"?", &name);
        let fs = String::from_utf8_lossy(&file).into_owned();
        if std::fs::File::open(&fs).is_ok() {
            return Ok(file);
        }
        tried.extend_from_slice(b"\n\tno file '");
        tried.extend_from_slice(&file);
        tried.push(b'\'');
    }
    Err(tried)
}

fn replace_all(s: &[u8], pat: &[u8], rep: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(s.len());
    let mut i = 0;
    while i < s.len() {
        if !pat.is_empty() && s[i..].starts_with(pat) {
            out.extend_from_slice(rep);
            i += pat.len();
        } else {
            out.push(s[i]);
            i += 1;
        }
    }
    out
}

fn searchpath(vm: &mut Vm, a: Args) -> LResult<usize> {
    let name = vm.check_str(a, 0)?.as_bytes().to_vec();
    let path = vm.check_str(a, 1)?.as_bytes().to_vec();
    let sep = vm
        .opt_str(a, 2)?
        .map(|s| s.as_bytes().to_vec())
        .unwrap_or_else(|| b".".to_vec());
    let rep = vm
        .opt_str(a, 3)?
        .map(|s| s.as_bytes().to_vec())
        .unwrap_or_else(|| b"/".to_vec());
    match search_path(&name, &path, &sep, &rep) {
        Ok(f) => vm.ret_str(&f),
        Err(tried) => {
            let msg = vm.str_value(&tried[1..]);
            vm.ret(&[Value::Nil, msg])
        }
    }
}

fn field_str(vm: &mut Vm, name: &str) -> LResult<Vec<u8>> {
    let pkg = package_table(vm);
    let v = match pkg {
        Some(p) => vm.get_field(p, name),
        None => Value::Nil,
    };
    match v {
        Value::Str(s) => Ok(s.as_bytes().to_vec()),
        _ => Err(vm.error_l1(format!("'package.{name}' must be a string"))),
    }
}

fn searcher_preload(vm: &mut Vm, a: Args) -> LResult<usize> {
    let name = vm.check_str(a, 0)?;
    let reg = vm.registry();
    let preload = vm.get_field(reg, "_PRELOAD");
    let v = match preload {
        Value::Table(t) => t.get(Value::Str(name)),
        _ => return Err(vm.error_l1("'package.preload' must be a table")),
    };
    if v.is_nil() {
        let msg = format!(
            "\n\tno field package.preload['{}']",
            String::from_utf8_lossy(name.as_bytes())
        );
        return vm.ret_str(msg.as_bytes());
    }
    let extra = vm.str_value(b":preload:");
    vm.ret(&[v, extra])
}

fn searcher_lua(vm: &mut Vm, a: Args) -> LResult<usize> {
    let name = vm.check_str(a, 0)?.as_bytes().to_vec();
    let path = field_str(vm, "path")?;
    match search_path(&name, &path, b".", b"/") {
        Ok(file) => match super::base::read_source_file(Some(&file)) {
            Ok((src, chunkname)) => {
                match super::base::load_buffer(vm, &src, &chunkname, b"bt", None) {
                    Ok(f) => {
                        let fv = vm.str_value(&file);
                        vm.ret(&[f, fv])
                    }
                    Err(e) => {
                        let m = match e {
                            Value::Str(s) => String::from_utf8_lossy(s.as_bytes()).into_owned(),
                            _ => "?".into(),
                        };
                        Err(vm.error_l1(format!(
                            "error loading module '{}' from file '{}':\n\t{}",
                            String::from_utf8_lossy(&name),
                            String::from_utf8_lossy(&file),
                            m
                        )))
                    }
                }
            }
            Err(m) => Err(vm.error_l1(m)),
        },
        Err(tried) => vm.ret_str(&tried),
    }
}

fn searcher_c(vm: &mut Vm, a: Args) -> LResult<usize> {
    let name = vm.check_str(a, 0)?.as_bytes().to_vec();
    let cpath = field_str(vm, "cpath")?;
    match search_path(&name, &cpath, b".", b"/") {
        Ok(file) => Err(vm.error_l1(format!(
            "error loading module '{}' from file '{}':\n\tKiln cannot load native C libraries",
            String::from_utf8_lossy(&name),
            String::from_utf8_lossy(&file)
        ))),
        Err(tried) => vm.ret_str(&tried),
    }
}

fn searcher_croot(vm: &mut Vm, a: Args) -> LResult<usize> {
    let name = vm.check_str(a, 0)?.as_bytes().to_vec();
    let Some(dot) = name.iter().position(|&c| c == b'.') else {
        return Ok(0);
    };
    let root = &name[..dot];
    let cpath = field_str(vm, "cpath")?;
    match search_path(root, &cpath, b".", b"/") {
        Ok(file) => Err(vm.error_l1(format!(
            "error loading module '{}' from file '{}':\n\tKiln cannot load native C libraries",
            String::from_utf8_lossy(&name),
            String::from_utf8_lossy(&file)
        ))),
        Err(tried) => vm.ret_str(&tried),
    }
}

fn require(vm: &mut Vm, a: Args) -> LResult<usize> {
    let name = vm.check_str(a, 0)?;
    let reg = vm.registry();
    let Value::Table(loaded) = vm.get_field(reg, "_LOADED") else {
        return Err(vm.error_l1("'package.loaded' must be a table"));
    };
    let v = loaded.get(Value::Str(name));
    if v.truthy() {
        return vm.ret1(v);
    }
    let Some(pkg) = package_table(vm) else {
        return Err(vm.error_l1("'package' not found"));
    };
    let Value::Table(searchers) = vm.get_field(pkg, "searchers") else {
        return Err(vm.error_l1("'package.searchers' must be a table"));
    };
    let mut msg: Vec<u8> = Vec::new();
    let mut i = 1;
    let (loader, extra) = loop {
        let s = searchers.get_int(i);
        if s.is_nil() {
            let m = format!(
                "module '{}' not found:{}",
                String::from_utf8_lossy(name.as_bytes()),
                String::from_utf8_lossy(&msg)
            );
            return Err(vm.error_l1(m));
        }
        let r = vm.call_value(s, &[Value::Str(name)])?;
        let f = r.first().copied().unwrap_or(Value::Nil);
        if f.is_function() {
            break (f, r.get(1).copied().unwrap_or(Value::Nil));
        }
        if let Value::Str(m) = f {
            msg.extend_from_slice(m.as_bytes());
        }
        i += 1;
    };
    // keep loader data alive on the stack while the loader runs
    vm.push(loader)?;
    vm.push(extra)?;
    let r = vm.call_value1(loader, &[Value::Str(name), extra])?;
    if !r.is_nil() {
        loaded.set(vm.heap(), Value::Str(name), r).ok();
    }
    let mut v = loaded.get(Value::Str(name));
    if v.is_nil() {
        v = Value::Bool(true);
        loaded.set(vm.heap(), Value::Str(name), v).ok();
    }
    vm.ret(&[v, extra])
}

/// Register `require` and `package`.
pub fn open(vm: &mut Vm) {
    let pkg = super::register_lib(vm, "package", &[("searchpath", searchpath)]);
    vm.ext.slots.insert("package", Value::Table(pkg));
    let path = env_path(&["LUA_PATH_5_4", "LUA_PATH"], &default_path());
    let cpath = env_path(&["LUA_CPATH_5_4", "LUA_CPATH"], &default_cpath());
    let pv = vm.str_value(path.as_bytes());
    vm.set_field(pkg, "path", pv);
    let cv = vm.str_value(cpath.as_bytes());
    vm.set_field(pkg, "cpath", cv);
    let conf = vm.str_value(b"/\n;\n?\n!\n-\n");
    vm.set_field(pkg, "config", conf);
    let reg = vm.registry();
    let loaded = vm.get_field(reg, "_LOADED");
    vm.set_field(pkg, "loaded", loaded);
    let preload = vm.new_table();
    vm.set_field(reg, "_PRELOAD", Value::Table(preload));
    vm.set_field(pkg, "preload", Value::Table(preload));
    let searchers = vm.new_table();
    for (i, f) in [
        searcher_preload as crate::vm::NativeFn,
        searcher_lua,
        searcher_c,
        searcher_croot,
    ]
    .into_iter()
    .enumerate()
    {
        searchers.set_int(vm.heap(), i as i64 + 1, Value::NativeFn(f));
    }
    vm.set_field(pkg, "searchers", Value::Table(searchers));
    vm.set_global("require", Value::NativeFn(require));
}

/// Is `ignore_env` requested (lua -E)? Then paths use the defaults only.
pub fn reset_paths_to_default(vm: &mut Vm) {
    if let Some(pkg) = package_table(vm) {
        let pv = vm.str_value(default_path().as_bytes());
        vm.set_field(pkg, "path", pv);
        let cv = vm.str_value(default_cpath().as_bytes());
        vm.set_field(pkg, "cpath", cv);
    }
}
