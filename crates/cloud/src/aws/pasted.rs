//! Keys pasted as the AWS CLI prints them, so temporary credentials arrive with their expiry
//! instead of three fields copied one by one and no idea when they stop working:
//! `aws sts get-session-token` / `assume-role` (`{"Credentials": {...}}`),
//! `aws configure export-credentials` (the `process` JSON, `--format env` or `env-no-export`).

use serde::Deserialize;
use time::{OffsetDateTime, format_description::well_known::Rfc3339};

use super::Credentials;

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct Keys {
    access_key_id: String,
    secret_access_key: String,
    #[serde(default)]
    session_token: Option<String>,
    #[serde(default)]
    expiration: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct StsAnswer {
    credentials: Keys,
}

/// The credentials in `text`, if it is one of the CLI's outputs; `None` for anything else
/// (a key id typed by hand, say). An `Expiration` that is there but unreadable is an error
/// rather than silently dropped: remembered keys would outlive it.
pub fn parse(text: &str) -> Option<Result<Credentials, String>> {
    let text = text.trim();
    let keys = if text.starts_with('{') {
        serde_json::from_str::<StsAnswer>(text)
            .map(|a| a.credentials)
            .or_else(|_| serde_json::from_str::<Keys>(text))
            .ok()?
    } else {
        from_env_lines(text)?
    };
    Some(credentials(keys))
}

fn from_env_lines(text: &str) -> Option<Keys> {
    let mut keys = Keys {
        access_key_id: String::new(),
        secret_access_key: String::new(),
        session_token: None,
        expiration: None,
    };
    for line in text.lines() {
        let line = line.trim();
        let line = line.strip_prefix("export ").unwrap_or(line).trim_start();
        let Some((name, value)) = line.split_once('=') else {
            continue;
        };
        let value = value
            .trim()
            .trim_matches(|c| c == '"' || c == '\'')
            .to_owned();
        match name.trim() {
            "AWS_ACCESS_KEY_ID" => keys.access_key_id = value,
            "AWS_SECRET_ACCESS_KEY" => keys.secret_access_key = value,
            "AWS_SESSION_TOKEN" => keys.session_token = Some(value),
            "AWS_CREDENTIAL_EXPIRATION" => keys.expiration = Some(value),
            _ => {}
        }
    }
    (!keys.access_key_id.is_empty() && !keys.secret_access_key.is_empty()).then_some(keys)
}

/// An expiry typed by hand: RFC 3339 as the CLI prints it (`2026-12-02T23:28:33Z`), or
/// `2026-12-02 23:28` in UTC as nubo shows it (a trailing `UTC` allowed).
pub fn parse_expiry(text: &str) -> Result<OffsetDateTime, String> {
    let text = text.trim();
    if let Ok(at) = OffsetDateTime::parse(text, &Rfc3339) {
        return Ok(at);
    }
    let bare = text.strip_suffix("UTC").unwrap_or(text).trim();
    time::PrimitiveDateTime::parse(bare, SHOWN)
        .map(time::PrimitiveDateTime::assume_utc)
        .map_err(|_| format!("{text:?} is not a date and time like 2026-12-02T23:28:33Z"))
}

/// How nubo shows an expiry, which `parse_expiry` reads back: `2026-12-02 23:28 UTC`.
pub fn shown(at: OffsetDateTime) -> String {
    at.to_offset(time::UtcOffset::UTC)
        .format(SHOWN)
        .map(|text| format!("{text} UTC"))
        .unwrap_or_default()
}

const SHOWN: &[time::format_description::BorrowedFormatItem<'static>] =
    time::macros::format_description!("[year]-[month]-[day] [hour]:[minute]");

fn credentials(keys: Keys) -> Result<Credentials, String> {
    let mut credentials = Credentials::new(keys.access_key_id, keys.secret_access_key);
    if let Some(token) = keys.session_token.filter(|t| !t.is_empty()) {
        credentials = credentials.with_session_token(token);
    }
    if let Some(expiration) = keys.expiration.filter(|e| !e.is_empty()) {
        let at = parse_expiry(&expiration).map_err(|e| format!("Expiration: {e}"))?;
        credentials = credentials.with_expiry(at);
    }
    Ok(credentials)
}

#[cfg(test)]
mod tests {
    use time::macros::datetime;

    use super::*;

    // As `aws sts get-session-token` prints it (values from the AWS CLI's documentation).
    const STS: &str = r#"{
    "Credentials": {
        "AccessKeyId": "ASIAIOSFODNN7EXAMPLE",
        "SecretAccessKey": "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY",
        "SessionToken": "AQoEXAMPLEH4aoAH0gNCAPyJxz4BlCFFxWNE1OPTgk5TthT+FvwqnKwRcOIfrRh3c/LTo6UDdyJwOOvEVPvLXCrrrUtdnniCEXAMPLE/IvU1dYUg2RVAJBanLiHb4IgRmpRV3zrkuWJOgQs8IZZaIv2BXIa2R4Olgk",
        "Expiration": "2026-12-02T23:28:33+00:00"
    }
}"#;

    #[test]
    fn reads_what_sts_prints() {
        let credentials = parse(STS).unwrap().unwrap();
        assert_eq!(credentials.access_key_id, "ASIAIOSFODNN7EXAMPLE");
        assert!(credentials.secret_access_key.ends_with("EXAMPLEKEY"));
        assert!(credentials.session_token.unwrap().starts_with("AQoEXAMPLE"));
        assert_eq!(
            credentials.expires_at,
            Some(datetime!(2026-12-02 23:28:33 UTC))
        );
    }

    #[test]
    fn reads_export_credentials_in_each_format() {
        let process = r#"{"Version": 1, "AccessKeyId": "ASIA1", "SecretAccessKey": "s", "SessionToken": "t", "Expiration": "2026-12-02T12:00:00Z"}"#;
        let env = "export AWS_ACCESS_KEY_ID=ASIA1\nexport AWS_SECRET_ACCESS_KEY=s\nexport AWS_SESSION_TOKEN=t\nexport AWS_CREDENTIAL_EXPIRATION=2026-12-02T12:00:00Z\n";
        let env_no_export = "AWS_ACCESS_KEY_ID=ASIA1\r\nAWS_SECRET_ACCESS_KEY='s'\r\nAWS_SESSION_TOKEN=\"t\"\r\nAWS_CREDENTIAL_EXPIRATION=2026-12-02T12:00:00Z";
        for text in [process, env, env_no_export] {
            let credentials = parse(text).unwrap().unwrap();
            assert_eq!(credentials.access_key_id, "ASIA1", "{text}");
            assert_eq!(credentials.secret_access_key, "s", "{text}");
            assert_eq!(credentials.session_token.as_deref(), Some("t"), "{text}");
            assert_eq!(
                credentials.expires_at,
                Some(datetime!(2026-12-02 12:00 UTC)),
                "{text}"
            );
        }
    }

    #[test]
    fn long_term_keys_have_no_token_and_no_expiry() {
        let credentials =
            parse(r#"{"Version": 1, "AccessKeyId": "AKIA1", "SecretAccessKey": "s"}"#)
                .unwrap()
                .unwrap();
        assert_eq!(credentials.session_token, None);
        assert_eq!(credentials.expires_at, None);
    }

    #[test]
    fn anything_else_is_not_pasted_credentials() {
        for text in [
            "AKIAIOSFODNN7EXAMPLE",
            "",
            "{",
            "{}",
            r#"{"AccessKeyId": "A"}"#,
            "AWS_ACCESS_KEY_ID=A",
        ] {
            assert!(parse(text).is_none(), "{text:?}");
        }
    }

    #[test]
    fn an_unreadable_expiration_is_said_not_dropped() {
        let text = r#"{"AccessKeyId": "A", "SecretAccessKey": "s", "Expiration": "tomorrow"}"#;
        let error = parse(text).unwrap().unwrap_err();
        assert!(error.contains("\"tomorrow\""), "{error}");
    }

    #[test]
    fn expiries_typed_by_hand() {
        let at = datetime!(2026-12-02 23:28 UTC);
        assert_eq!(parse_expiry("2026-12-02T23:28:00Z"), Ok(at));
        assert_eq!(parse_expiry("2026-12-03T00:28:00+01:00"), Ok(at));
        assert_eq!(parse_expiry(" 2026-12-02 23:28 UTC "), Ok(at));
        assert_eq!(parse_expiry("2026-12-02 23:28"), Ok(at));
        for bad in ["", "tomorrow", "2026-13-02 23:28", "23:28"] {
            assert!(parse_expiry(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn an_expiry_is_shown_in_utc_to_the_minute_and_read_back() {
        let at = datetime!(2026-12-03 00:28:33 +01:00);
        assert_eq!(shown(at), "2026-12-02 23:28 UTC");
        assert_eq!(
            parse_expiry(&shown(at)),
            Ok(datetime!(2026-12-02 23:28 UTC))
        );
    }

    #[test]
    fn expired_keys_are_known_in_advance() {
        let credentials = Credentials::new("A", "s").with_expiry(datetime!(2026-12-02 12:00 UTC));
        assert!(!credentials.is_expired_at(datetime!(2026-12-02 11:59 UTC)));
        assert!(credentials.is_expired_at(datetime!(2026-12-02 12:00 UTC)));
        assert!(!Credentials::new("A", "s").is_expired_at(datetime!(2100-01-01 0:00 UTC)));
    }
}
