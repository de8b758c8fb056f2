//! Why something failed, kept as data and worded when shown, in the language shown: the
//! language switcher reaches a form's refusal as it reaches everything else. A cloud's failure
//! leads with a plain sentence for its kind and keeps the cloud's own words after it.

use std::sync::Arc;

use leptos::prelude::*;
use nubo_cloud::{CloudError, ErrorKind};
use nubo_logic::input::{Field, MAX_NAME, Refusal};

use crate::{
    i18n::{Locale, td_string, use_i18n},
    shell::nav::Text,
};

#[derive(Clone)]
pub enum Failure {
    /// The cloud refused or failed.
    Cloud(CloudError),
    /// IAM denies `action` (an AWS permission the account lacks); other refusals as `Cloud`.
    Aws {
        action: &'static str,
        error: CloudError,
    },
    /// A cloud's failure led by the app's own sentence, for a case it knows better (keys AWS
    /// rejected at sign-in), the cloud's words after it.
    Led {
        lead: Arc<dyn Fn(Locale) -> String + Send + Sync>,
        error: CloudError,
    },
    /// The app's own refusal (a choice the form still needs), worded in the locale asked.
    App(Arc<dyn Fn(Locale) -> String + Send + Sync>),
}

impl std::fmt::Debug for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Cloud(error) => f.debug_tuple("Cloud").field(error).finish(),
            Self::Aws { action, error } => f
                .debug_struct("Aws")
                .field("action", action)
                .field("error", error)
                .finish(),
            Self::Led { error, .. } => f.debug_tuple("Led").field(error).finish(),
            Self::App(text) => f.debug_tuple("App").field(&text(Locale::en)).finish(),
        }
    }
}

impl From<CloudError> for Failure {
    fn from(error: CloudError) -> Self {
        Self::Cloud(error)
    }
}

/// A form's input refused before anything is sent (`nubo_logic::input`), worded with its rule.
impl From<Refusal> for Failure {
    fn from(refusal: Refusal) -> Self {
        Self::worded(move |locale| match &refusal {
            Refusal::NameEmpty => td_string!(locale, input.name_empty).to_owned(),
            Refusal::TooLong { field, length } => {
                let max = MAX_NAME;
                match field {
                    Field::Name => td_string!(locale, input.name_too_long, length, max),
                    Field::Description => {
                        td_string!(locale, input.description_too_long, length, max)
                    }
                }
                .to_string()
            }
            Refusal::NotASize => td_string!(locale, input.not_a_size).to_owned(),
            Refusal::TooSmall { min } => td_string!(locale, input.too_small, min).to_string(),
        })
    }
}

impl Failure {
    /// The app's own refusal, in words of the table.
    pub fn app(text: Text) -> Self {
        Self::App(Arc::new(move |locale| text(locale).to_owned()))
    }

    /// The app's own refusal, worded by `words` (for texts with values in them).
    pub fn worded(words: impl Fn(Locale) -> String + Send + Sync + 'static) -> Self {
        Self::App(Arc::new(words))
    }

    /// A cloud's failure led by `lead` instead of its kind's sentence.
    pub fn led(lead: Text, error: CloudError) -> Self {
        Self::led_worded(move |locale| lead(locale).to_owned(), error)
    }

    /// A cloud's failure led by the app's own sentence, worded by `words` (with values in it).
    pub fn led_worded(
        words: impl Fn(Locale) -> String + Send + Sync + 'static,
        error: CloudError,
    ) -> Self {
        Self::Led {
            lead: Arc::new(words),
            error,
        }
    }

    /// An AWS call's failure, naming the IAM `action` should it be a permission.
    pub fn aws(action: &'static str) -> impl Fn(CloudError) -> Self {
        move |error| Self::Aws { action, error }
    }

    /// The plain sentence that leads, in `locale`.
    pub fn lead(&self, locale: Locale) -> String {
        match self {
            Self::Aws { action, error } if error.kind == ErrorKind::Forbidden => {
                td_string!(locale, ec2.not_allowed, action = *action).to_string()
            }
            Self::Cloud(error) | Self::Aws { error, .. } => lead(error, locale).to_owned(),
            Self::Led { lead, .. } => lead(locale),
            Self::App(words) => words(locale),
        }
    }

    /// The cloud's own words, when a cloud said something.
    pub fn cloud_words(&self) -> Option<String> {
        match self {
            Self::Cloud(error) | Self::Aws { error, .. } | Self::Led { error, .. } => {
                Some(error.to_string())
            }
            Self::App(_) => None,
        }
    }

    /// The whole message in `locale`, for a notification.
    pub fn words(&self, locale: Locale) -> String {
        match self.cloud_words() {
            Some(words) => format!("{} {words}", self.lead(locale)),
            None => self.lead(locale),
        }
    }
}

fn lead(error: &CloudError, locale: Locale) -> &'static str {
    match error.kind {
        ErrorKind::Unsupported if error.service == nubo_cloud::Service::Dlm => {
            td_string!(locale, failure.no_dlm)
        }
        ErrorKind::Unsupported => td_string!(locale, failure.unsupported),
        ErrorKind::Expired => td_string!(locale, failure.expired),
        ErrorKind::Unauthenticated => td_string!(locale, failure.unauthenticated),
        ErrorKind::Forbidden => td_string!(locale, failure.forbidden),
        ErrorKind::NotFound => td_string!(locale, failure.not_found),
        ErrorKind::Conflict => td_string!(locale, failure.conflict),
        ErrorKind::OverQuota => td_string!(locale, failure.over_quota),
        ErrorKind::Invalid => td_string!(locale, failure.invalid),
        ErrorKind::Network => td_string!(locale, failure.network),
        ErrorKind::Throttled => td_string!(locale, failure.throttled),
        ErrorKind::Server => td_string!(locale, failure.server),
        ErrorKind::Unexpected | ErrorKind::DryRunOk => td_string!(locale, failure.unexpected),
    }
}

/// A failure where a screen reader announces it: the lead in the current language, then the
/// cloud's words as it sent them.
#[component]
pub fn FailureText(#[prop(into)] failure: Signal<Option<Failure>>) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        failure.get().map(|failure| {
            let lead = {
                let failure = failure.clone();
                move || failure.lead(i18n.get_locale())
            };
            let words = failure
                .cloud_words()
                .map(|words| view! { " " <span class="cloud-words">{words}</span> });
            view! { <p class="form-error" role="alert">{lead}{words}</p> }
        })
    }
}

#[cfg(test)]
mod tests {
    use nubo_cloud::Service;
    use wasm_bindgen_test::wasm_bindgen_test;

    use super::*;

    #[wasm_bindgen_test]
    fn a_failure_is_worded_in_the_language_asked_and_keeps_the_clouds_words() {
        let error = CloudError::new(ErrorKind::Invalid, Service::Cinder, "Name too long");
        let failure = Failure::from(error);
        assert_eq!(
            failure.words(Locale::en),
            "The cloud rejected the request as invalid. Cinder: Name too long"
        );
        assert!(failure.words(Locale::fr).starts_with("Le cloud a rejeté"));
        assert!(failure.words(Locale::fr).ends_with("Cinder: Name too long"));
        let denied = Failure::aws("ec2:CreateVolume")(CloudError::new(
            ErrorKind::Forbidden,
            Service::Ec2,
            "not authorized",
        ));
        assert!(denied.lead(Locale::en).contains("(ec2:CreateVolume)"));
        assert_eq!(
            Failure::app(|l| td_string!(l, backups.choose_volume)).cloud_words(),
            None
        );
    }
}
