//! Why a row action is not allowed now: kept as data, so the words follow the language switcher.

use crate::{
    i18n::{Locale, td_string},
    text::I18n,
};

/// Why a row action is not allowed: kept as data, so the words follow the language switcher.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// The resource's status is not one the action declares.
    Status(String),
    /// Nova is busy with the server (its task state).
    NovaBusy(String),
    /// Glance is still writing the image.
    GlanceBusy,
    Protected,
    /// IAM (or Keystone's policy) denies the action named, as a `DryRun` found out.
    Denied(String),
}

impl Refusal {
    pub fn text(&self, locale: Locale) -> String {
        match self {
            Self::Status(status) => td_string!(locale, list.refused_status, status).to_string(),
            Self::NovaBusy(task) => td_string!(locale, list.refused_nova_busy, task).to_string(),
            Self::GlanceBusy => td_string!(locale, list.refused_glance_busy).to_owned(),
            Self::Protected => td_string!(locale, list.refused_protected).to_owned(),
            Self::Denied(action) => td_string!(locale, list.refused_denied, action).to_string(),
        }
    }
}

/// Why an action is not allowed for a row in `status`, or `None` when it is.
pub fn refusal(status: &str, allowed: &[&str]) -> Option<Refusal> {
    (!allowed.contains(&status)).then(|| Refusal::Status(status.to_owned()))
}

/// A refusal's words in the current language, for a `title` (tracked).
pub fn refusal_text(i18n: I18n, refusal: &Option<Refusal>) -> Option<String> {
    refusal.as_ref().map(|r| r.text(i18n.get_locale()))
}
