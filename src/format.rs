//! How values from the clouds are written on the page.

use crate::{
    i18n::{Locale, td_string},
    text::I18n,
};

/// `2026-11-25T18:56:29Z` → `2026-11-25 18:56`.
pub fn short_time(iso: Option<&str>) -> String {
    iso.map(|t| t.replace('T', " ").chars().take(16).collect())
        .unwrap_or_default()
}

/// `1.5 GiB`, for sizes in bytes.
pub fn bytes(bytes: Option<u64>) -> String {
    let Some(bytes) = bytes else {
        return String::new();
    };
    let units = ["B", "KiB", "MiB", "GiB", "TiB"];
    let mut value = bytes as f64;
    let mut unit = 0;
    while value >= 1024.0 && unit + 1 < units.len() {
        value /= 1024.0;
        unit += 1;
    }
    if unit == 0 {
        format!("{bytes} B")
    } else {
        format!("{value:.1} {}", units[unit])
    }
}

/// `used of limit` for a quota, `used (no limit)` without one.
pub fn usage(locale: Locale, used: i64, limit: Option<i64>) -> String {
    match limit {
        Some(limit) => td_string!(locale, quota.used_of, used, limit).to_string(),
        None => td_string!(locale, quota.used_no_limit, used).to_string(),
    }
}

/// "Yes" or "No" in the current language (tracked).
pub fn yes_no(i18n: I18n, yes: bool) -> &'static str {
    yes_no_in(i18n.get_locale(), yes)
}

pub fn yes_no_in(locale: Locale, yes: bool) -> &'static str {
    if yes {
        td_string!(locale, common.yes)
    } else {
        td_string!(locale, common.no)
    }
}

/// Today's date in UTC, `2026-12-02`: the default suffix of a snapshot's name.
pub fn today() -> String {
    let now = js_sys::Date::new_0()
        .to_iso_string()
        .as_string()
        .unwrap_or_default();
    now[..10.min(now.len())].to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test]
    fn sizes_times_and_quotas() {
        assert_eq!(bytes(Some(512)), "512 B");
        assert_eq!(bytes(Some(1_610_612_736)), "1.5 GiB");
        assert_eq!(bytes(None), "");
        assert_eq!(
            short_time(Some("2026-11-25T18:56:29.000000")),
            "2026-11-25 18:56"
        );
        assert_eq!(usage(Locale::en, 3, Some(10)), "3 of 10 used");
        assert_eq!(usage(Locale::en, 3, None), "3 used (no limit)");
        assert_eq!(usage(Locale::fr, 3, Some(10)), "3 sur 10 utilisés");
    }
}
