//! The portal configuration as app state: `config.json` is fetched once at start and shared by
//! every component through context.

use gloo_net::http::Request;
use leptos::prelude::*;

use crate::i18n::{Locale, td_string};
pub use nubo_cloud::config::{CloudConfig, CloudKind, PortalConfig};

/// Why `config.json` could not be used, in words for the person looking at the page.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ConfigLoadError {
    #[error("nubo could not fetch config.json: {0}")]
    Network(String),
    #[error("the server answered HTTP {status} {status_text} for config.json")]
    Status { status: u16, status_text: String },
    #[error("config.json is not valid: {0}")]
    Invalid(String),
}

impl ConfigLoadError {
    /// The message in `locale` (the Display form above is English, for logs and tests).
    pub fn describe(&self, locale: Locale) -> String {
        match self {
            Self::Network(e) => td_string!(locale, config.network, error = e).to_string(),
            Self::Status {
                status,
                status_text,
            } => td_string!(locale, config.status, status, status_text).to_string(),
            Self::Invalid(e) => td_string!(locale, config.invalid, error = e).to_string(),
        }
    }
}

/// Relative to the document's base URL, so nubo also works when hosted under a sub-path.
const CONFIG_URL: &str = "config.json";

pub async fn fetch_config() -> Result<PortalConfig, ConfigLoadError> {
    let response = Request::get(CONFIG_URL)
        .send()
        .await
        .map_err(|e| ConfigLoadError::Network(e.to_string()))?;
    if !response.ok() {
        return Err(ConfigLoadError::Status {
            status: response.status(),
            status_text: response.status_text(),
        });
    }
    let text = response
        .text()
        .await
        .map_err(|e| ConfigLoadError::Network(e.to_string()))?;
    parse_config(&text)
}

pub fn parse_config(text: &str) -> Result<PortalConfig, ConfigLoadError> {
    let config: PortalConfig =
        serde_json::from_str(text).map_err(|e| ConfigLoadError::Invalid(e.to_string()))?;
    config
        .validate()
        .map_err(|e| ConfigLoadError::Invalid(e.to_string()))?;
    Ok(config)
}

/// The loaded configuration, shared through context.
#[derive(Clone, Copy)]
pub struct ConfigState(pub LocalResource<Result<PortalConfig, ConfigLoadError>>);

impl ConfigState {
    pub fn provide() -> Self {
        let state = ConfigState(LocalResource::new(fetch_config));
        provide_context(state);
        state
    }

    pub fn expect() -> Self {
        expect_context::<ConfigState>()
    }

    /// `None` while loading; the clouds, or why there are none, once loaded.
    pub fn clouds(&self) -> Option<Result<Vec<CloudConfig>, ConfigLoadError>> {
        self.0
            .get()
            .map(|loaded| loaded.map(|config| config.clouds))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test]
    fn accepts_a_valid_config() {
        let config =
            parse_config(r#"{"clouds": [{"name": "a", "kind": "aws", "regions": ["us-east-1"]}]}"#)
                .unwrap();
        assert_eq!(config.clouds[0].name, "a");
    }

    #[wasm_bindgen_test]
    fn explains_what_is_wrong() {
        let err = parse_config("<html>").unwrap_err();
        assert!(matches!(err, ConfigLoadError::Invalid(_)));
        assert!(err.to_string().starts_with("config.json is not valid: "));
        let err = parse_config(r#"{"clouds": [{"name": "e", "kind": "aws", "regions": []}]}"#)
            .unwrap_err();
        assert_eq!(
            err.to_string(),
            "config.json is not valid: AWS cloud \"e\" lists no regions"
        );
        assert_eq!(
            err.describe(Locale::fr),
            "config.json n'est pas valide : AWS cloud \"e\" lists no regions"
        );
    }
}
