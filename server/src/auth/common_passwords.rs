//! The most common passwords (`server/data/common-passwords.txt`, the top 10,000 and common
//! Chinese patterns), which a new password may not be: NIST SP 800-63B asks for a check against
//! a list of known-bad passwords in place of composition rules.

use std::collections::HashSet;
use std::sync::LazyLock;

static LIST: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    include_str!("../../data/common-passwords.txt")
        .lines()
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
        .collect()
});

/// Whether `password` is on the list, whatever its case.
pub fn is_common(password: &str) -> bool {
    LIST.contains(password.to_lowercase().as_str())
}

#[cfg(test)]
mod tests {
    use super::is_common;

    #[test]
    fn the_list_holds_the_usual_suspects_in_any_case() {
        for common in [
            "password",
            "12345678",
            "Password123",
            "QWERTYUIOP",
            "woaini1314",
            "88888888",
        ] {
            assert!(is_common(common), "{common}");
        }
        for rare in ["sun-nainai-2026", "bright-river-7", "a long secret"] {
            assert!(!is_common(rare), "{rare}");
        }
    }
}
