//! API microversions: what the service's version document offers, and the highest one both it
//! and this client speak. The chosen version is sent on every call so answers never change
//! shape behind the client's back.

use std::{fmt, str::FromStr};

use serde::Deserialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Microversion {
    pub major: u16,
    pub minor: u16,
}

impl Microversion {
    pub const fn new(major: u16, minor: u16) -> Self {
        Self { major, minor }
    }
}

impl fmt::Display for Microversion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}", self.major, self.minor)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("not a microversion: {0:?}")]
pub struct ParseError(String);

impl FromStr for Microversion {
    type Err = ParseError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let error = || ParseError(text.to_owned());
        let (major, minor) = text.trim().split_once('.').ok_or_else(error)?;
        Ok(Self {
            major: major.parse().map_err(|_| error())?,
            minor: minor.parse().map_err(|_| error())?,
        })
    }
}

/// One entry of a version document (`GET /v2.1`, `GET /v3/`).
#[derive(Debug, Clone, Deserialize)]
pub struct Version {
    pub id: String,
    #[serde(default)]
    pub status: Option<String>,
    /// Empty for services without microversions.
    #[serde(default)]
    pub version: String,
    #[serde(default)]
    pub min_version: String,
}

/// Nova answers `{"version": {…}}` for one API, Cinder `{"versions": [{…}]}`.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum VersionDocument {
    One { version: Version },
    Many { versions: Vec<Version> },
}

impl VersionDocument {
    /// The microversion range of the API whose id (`v2.1`, `v3.0`) starts with `api`.
    pub fn range(&self, api: &str) -> Option<(Microversion, Microversion)> {
        let versions: &[Version] = match self {
            Self::One { version } => std::slice::from_ref(version),
            Self::Many { versions } => versions,
        };
        versions
            .iter()
            .filter(|v| v.id.starts_with(api))
            .find_map(|v| Some((v.min_version.parse().ok()?, v.version.parse().ok()?)))
    }
}

/// The highest version both sides speak; `None` when the server's range does not reach ours.
pub fn negotiate(
    server: (Microversion, Microversion),
    ours: (Microversion, Microversion),
) -> Option<Microversion> {
    let chosen = server.1.min(ours.1);
    (chosen >= server.0 && chosen >= ours.0).then_some(chosen)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_orders_numerically() {
        let v: Microversion = "2.100".parse().unwrap();
        assert!(v > "2.96".parse().unwrap());
        assert_eq!(v.to_string(), "2.100");
        assert!("2".parse::<Microversion>().is_err());
        assert!("two.one".parse::<Microversion>().is_err());
    }

    #[test]
    fn negotiation_takes_the_highest_common_version() {
        let v = |s: &str| s.parse::<Microversion>().unwrap();
        assert_eq!(
            negotiate((v("2.1"), v("2.96")), (v("2.1"), v("2.100"))),
            Some(v("2.96"))
        );
        assert_eq!(
            negotiate((v("2.1"), v("2.110")), (v("2.1"), v("2.100"))),
            Some(v("2.100"))
        );
        assert_eq!(
            negotiate((v("2.50"), v("2.60")), (v("2.1"), v("2.40"))),
            None
        );
    }
}
