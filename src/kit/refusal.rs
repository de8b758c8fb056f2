//! Why a row action is not allowed now, in words: the refusal itself is data
//! (`nubo_logic::allowed`), worded here when shown, so the words follow the language switcher.

pub use nubo_logic::allowed::{Refusal, refusal};

use crate::{
    i18n::{Locale, td_string},
    text::I18n,
};

/// A refusal's words in `locale`.
pub fn words(refusal: &Refusal, locale: Locale) -> String {
    match refusal {
        Refusal::Status(status) => td_string!(locale, list.refused_status, status).to_string(),
        Refusal::NovaBusy(task) => td_string!(locale, list.refused_nova_busy, task).to_string(),
        Refusal::GlanceBusy => td_string!(locale, list.refused_glance_busy).to_owned(),
        Refusal::Protected => td_string!(locale, list.refused_protected).to_owned(),
        Refusal::Denied(action) => td_string!(locale, list.refused_denied, action).to_string(),
    }
}

/// A refusal's words in the current language, for a `title` (tracked).
pub fn refusal_text(i18n: I18n, refusal: &Option<Refusal>) -> Option<String> {
    refusal.as_ref().map(|r| words(r, i18n.get_locale()))
}
