//! The language switcher: English or French for every string nubo writes (the cloud's own
//! messages stay in the cloud's words). The choice is kept in localStorage; without one, the
//! browser's preferred languages decide.

use crate::i18n::I18nLocaleTrait;
use crate::prelude::*;
use crate::state::storage;
use crate::text::I18n;

/// Each language named in itself, so anyone can find their own.
fn own_name(locale: Locale) -> &'static str {
    match locale {
        Locale::en => "English",
        Locale::fr => "Français",
    }
}

/// Applies the language chosen in an earlier visit. In an effect: leptos_i18n sets the browser's
/// language from an effect of its own, created before this one, which would otherwise win.
pub fn restore(i18n: I18n) {
    if let Some(locale) = storage::get(storage::LANGUAGE_KEY).and_then(|s| s.parse::<Locale>().ok())
    {
        Effect::new(move |_| i18n.set_locale(locale));
    }
}

#[component]
pub fn LanguagePicker() -> impl IntoView {
    let i18n = crate::i18n::use_i18n();
    let change = move |ev: leptos::ev::Event| {
        if let Ok(locale) = event_target_value(&ev).parse::<Locale>() {
            i18n.set_locale(locale);
            storage::set(storage::LANGUAGE_KEY, locale.as_str());
        }
    };
    view! {
        <label class="picker">
            <span>{t!(i18n, top_bar.language)}</span>
            <select name="language" on:change=change>
                {Locale::get_all()
                    .iter()
                    .map(|&locale| {
                        view! {
                            <option
                                value=locale.as_str()
                                lang=locale.as_str()
                                selected=move || i18n.get_locale() == locale
                            >
                                {own_name(locale)}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
        </label>
    }
}
