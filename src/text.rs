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
