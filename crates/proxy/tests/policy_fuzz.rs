//! Property tests of the upstream-URL check: whatever a browser (or an attacker) puts after
//! `/proxy/`, the check never panics, and what it allows is always an allowed, non-internal host.

use nubo_proxy::policy::{Pattern, Policy};
use proptest::prelude::*;

fn policy() -> Policy {
    Policy::new(
        [
            "https://*.cloud.example.org:*",
            "https://ec2.*.amazonaws.com",
            "http://127.0.0.1:5000",
        ]
        .iter()
        .map(|p| Pattern::parse(p).unwrap())
        .collect(),
    )
}

fn url_like() -> impl Strategy<Value = String> {
    let scheme = prop::sample::select(vec![
        "http://",
        "https://",
        "HTTP://",
        "file://",
        "gopher://",
        "//",
        "",
        "http:/",
        "http:%2F%2F",
    ]);
    let userinfo = prop::sample::select(vec!["", "user@", "a:b@", "keystone.cloud.example.org@"]);
    let host = prop::sample::select(vec![
        "keystone.cloud.example.org",
        "ec2.us-east-1.amazonaws.com",
        "127.0.0.1",
        "127.1",
        "0x7f000001",
        "2130706433",
        "[::1]",
        "[::ffff:127.0.0.1]",
        "169.254.169.254",
        "metadata.google.internal",
        "localhost",
        "evil.example",
        "%2e%2e",
        "",
    ]);
    let port = prop::sample::select(vec!["", ":5000", ":443", ":0", ":65536", ":x", ":*"]);
    let tail = "[ -~]{0,24}";
    (scheme, userinfo, host, port, tail).prop_map(|(s, u, h, p, t)| format!("{s}{u}{h}{p}/{t}"))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(4000))]

    #[test]
    fn arbitrary_text_never_panics(raw in "\\PC{0,80}") {
        let _ = policy().check(&raw);
    }

    #[test]
    fn what_is_allowed_is_allowed_by_a_pattern_and_not_internal(raw in url_like()) {
        let policy = policy();
        if let Ok(allowed) = policy.check(&raw) {
            prop_assert!(policy.patterns()[allowed.pattern].matches(&allowed.url), "{raw}");
            prop_assert!(allowed.url.username().is_empty() && allowed.url.password().is_none());
            let host = allowed.url.host_str().unwrap_or_default().to_owned();
            let internal = host.parse::<std::net::IpAddr>().is_ok() || host.starts_with('[');
            // Only the exact local pattern may name an address, and only 127.0.0.1:5000.
            if internal {
                prop_assert!(allowed.exact, "{raw}");
                prop_assert_eq!(allowed.url.port_or_known_default(), Some(5000));
            }
            prop_assert!(host != "169.254.169.254" && host != "metadata.google.internal");
        }
    }
}
