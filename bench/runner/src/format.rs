//! Human-readable formatting of durations, ratios, sizes and commands.

/// Formats a duration in seconds with about four significant digits,
/// switching to milliseconds below one second.
pub fn duration(secs: f64) -> String {
    if secs >= 100.0 {
        format!("{secs:.1} s")
    } else if secs >= 10.0 {
        format!("{secs:.2} s")
    } else if secs >= 1.0 {
        format!("{secs:.3} s")
    } else {
        let ms = secs * 1000.0;
        if ms >= 100.0 {
            format!("{ms:.1} ms")
        } else if ms >= 10.0 {
            format!("{ms:.2} ms")
        } else {
            format!("{ms:.3} ms")
        }
    }
}

/// Formats a time ratio such as `0.20×` or `12.3×`.
pub fn ratio(r: f64) -> String {
    if r >= 100.0 {
        format!("{r:.0}×")
    } else if r >= 10.0 {
        format!("{r:.1}×")
    } else if r >= 0.1 {
        format!("{r:.2}×")
    } else {
        format!("{r:.3}×")
    }
}

/// Formats a size given in KiB (as reported by `ru_maxrss`) in MiB.
pub fn megabytes(kib: u64) -> String {
    format!("{:.1}", kib as f64 / 1024.0)
}

/// Quotes a command-line argument for a POSIX shell when needed.
pub fn shell_quote(arg: &str) -> String {
    let safe = !arg.is_empty()
        && arg
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_./=,:+@%".contains(c));
    if safe {
        arg.to_string()
    } else {
        format!("'{}'", arg.replace('\'', r"'\''"))
    }
}

/// Escapes text for use inside a Markdown table cell.
pub fn md_cell(text: &str) -> String {
    text.replace('|', r"\|").replace('\n', " ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations() {
        assert_eq!(duration(123.456), "123.5 s");
        assert_eq!(duration(12.3456), "12.35 s");
        assert_eq!(duration(1.23456), "1.235 s");
        assert_eq!(duration(0.123456), "123.5 ms");
        assert_eq!(duration(0.0123456), "12.35 ms");
        assert_eq!(duration(0.00123456), "1.235 ms");
    }

    #[test]
    fn ratios() {
        assert_eq!(ratio(1.0), "1.00×");
        assert_eq!(ratio(0.2049), "0.20×");
        assert_eq!(ratio(0.0381), "0.038×");
        assert_eq!(ratio(12.34), "12.3×");
        assert_eq!(ratio(250.4), "250×");
    }

    #[test]
    fn sizes() {
        assert_eq!(megabytes(2616), "2.6");
        assert_eq!(megabytes(1024 * 300), "300.0");
    }

    #[test]
    fn quoting() {
        assert_eq!(shell_quote("--runs"), "--runs");
        assert_eq!(shell_quote("lua5.4,luajit"), "lua5.4,luajit");
        assert_eq!(shell_quote(""), "''");
        assert_eq!(shell_quote("a b"), "'a b'");
        assert_eq!(shell_quote("it's"), r"'it'\''s'");
    }

    #[test]
    fn markdown_cells() {
        assert_eq!(md_cell("a|b\nc"), r"a\|b c");
    }
}
