//! Helpers over the generated `i18n` module for the places where a translated string must be a
//! value (a prop, an attribute, a notification) rather than a view.

/// A translated text as a `Signal<String>` that follows the language switcher:
/// `tr!(i18n, list.refresh)`, or with interpolations `tr!(i18n, key, name = value)`.
#[macro_export]
macro_rules! tr {
    ($i18n:expr, $($key:tt)+) => {{
        let i18n = $i18n;
        ::leptos::prelude::Signal::derive(move || $crate::i18n::t_string!(i18n, $($key)+).to_string())
    }};
}

/// The translation context every component takes from `use_i18n()`.
pub type I18n = leptos_i18n::I18nContext<crate::i18n::Locale>;

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use wasm_bindgen_test::wasm_bindgen_test;

    fn keys(prefix: &str, value: &serde_json::Value, out: &mut BTreeSet<String>) {
        match value {
            serde_json::Value::Object(map) => {
                for (k, v) in map {
                    keys(&format!("{prefix}{k}."), v, out);
                }
            }
            _ => {
                out.insert(prefix.trim_end_matches('.').to_owned());
            }
        }
    }

    /// leptos_i18n only warns when French lacks a key (and shows English there); this fails.
    #[wasm_bindgen_test]
    fn french_has_every_english_key_and_no_other() {
        let (mut en, mut fr) = (BTreeSet::new(), BTreeSet::new());
        keys(
            "",
            &serde_json::from_str(include_str!("../locales/en.json")).unwrap(),
            &mut en,
        );
        keys(
            "",
            &serde_json::from_str(include_str!("../locales/fr.json")).unwrap(),
            &mut fr,
        );
        assert!(en.len() > 200, "{} keys", en.len());
        assert_eq!(
            en.difference(&fr).collect::<Vec<_>>(),
            Vec::<&String>::new()
        );
        assert_eq!(
            fr.difference(&en).collect::<Vec<_>>(),
            Vec::<&String>::new()
        );
    }

    #[wasm_bindgen_test]
    fn interpolations_fill_in_both_languages() {
        use crate::i18n::{Locale, td_string};
        assert_eq!(
            td_string!(Locale::en, list.refused_status, status = "SHUTOFF").to_string(),
            "Not possible while the status is SHUTOFF"
        );
        assert_eq!(
            td_string!(Locale::fr, images.delete_images, count = 3).to_string(),
            "Supprimer 3 images"
        );
    }
}
