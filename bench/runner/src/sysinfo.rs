//! Facts about the machine for the report header.

use std::time::{SystemTime, UNIX_EPOCH};

#[derive(Debug, Clone)]
pub struct SysInfo {
    pub date_utc: String,
    pub cpu: String,
    pub cores: usize,
    pub arch: String,
    pub os: String,
}

pub fn collect() -> SysInfo {
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0);
    let cpuinfo = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
    let os_release = std::fs::read_to_string("/etc/os-release").unwrap_or_default();
    let kernel = std::fs::read_to_string("/proc/sys/kernel/osrelease").unwrap_or_default();
    let distro = pretty_name(&os_release).unwrap_or_else(|| "unknown distribution".into());
    SysInfo {
        date_utc: format_utc(now),
        cpu: cpu_model(&cpuinfo).unwrap_or_else(|| "unknown CPU".into()),
        cores: std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or_else(|_| cpuinfo.matches("processor\t").count().max(1)),
        arch: std::env::consts::ARCH.to_string(),
        os: format!("{distro}, Linux {}", kernel.trim()),
    }
}

/// The first `model name` in /proc/cpuinfo.
pub fn cpu_model(cpuinfo: &str) -> Option<String> {
    cpuinfo
        .lines()
        .find(|l| l.starts_with("model name"))
        .and_then(|l| l.split_once(':'))
        .map(|(_, v)| v.trim().to_string())
        .filter(|v| !v.is_empty())
}

/// `PRETTY_NAME` from /etc/os-release.
pub fn pretty_name(os_release: &str) -> Option<String> {
    os_release
        .lines()
        .find_map(|l| l.strip_prefix("PRETTY_NAME="))
        .map(|v| v.trim().trim_matches('"').to_string())
}

/// Formats seconds since the epoch as `YYYY-MM-DD HH:MM UTC`.
pub fn format_utc(secs: i64) -> String {
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    let (y, m, d) = civil_from_days(days);
    format!(
        "{y:04}-{m:02}-{d:02} {:02}:{:02} UTC",
        rem / 3600,
        rem % 3600 / 60
    )
}

/// Converts days since 1970-01-01 to a proleptic Gregorian (year, month,
/// day), after Howard Hinnant's `civil_from_days`.
pub fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(-1), (1969, 12, 31));
        assert_eq!(civil_from_days(11_016), (2000, 2, 29));
        assert_eq!(format_utc(0), "1970-01-01 00:00 UTC");
        // 2024-02-29 12:34:56 UTC
        assert_eq!(format_utc(1_709_210_096), "2024-02-29 12:34 UTC");
    }

    #[test]
    fn cpu_and_os_parsing() {
        let cpuinfo = "processor\t: 0\nvendor_id\t: X\nmodel name\t: AMD EPYC 9B14\n";
        assert_eq!(cpu_model(cpuinfo).as_deref(), Some("AMD EPYC 9B14"));
        assert_eq!(cpu_model("processor : 0\n"), None);
        let osr = "NAME=\"Debian GNU/Linux\"\nPRETTY_NAME=\"Debian GNU/Linux 13 (trixie)\"\n";
        assert_eq!(
            pretty_name(osr).as_deref(),
            Some("Debian GNU/Linux 13 (trixie)")
        );
    }
}
