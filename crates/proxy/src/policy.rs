//! Which upstreams the proxy may reach. The app discovers endpoints from Keystone's catalog at
//! run time, so upstreams are allowed by pattern; everything else is denied, and so are
//! loopback, private, link-local and metadata addresses — as written in the URL here, and after
//! DNS resolution for every new connection (see `resolver`), so DNS rebinding does not get in.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use url::{Host, Url};

/// One allowed upstream, such as `https://*.cloud.example.org:*`, `https://ec2.*.amazonaws.com`
/// or `http://127.0.0.1:5000`. A `*` host label matches exactly one DNS label; a `*` port any
/// port; no port the scheme's default. A pattern without `*` is *exact*: only exact patterns
/// may reach loopback and private addresses (a local cloud needs that).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pattern {
    text: String,
    https: bool,
    labels: Vec<Label>,
    port: PortSpec,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Label {
    Any,
    /// `*` in an AWS pattern: one region-shaped label (`eu-central-1`, `us-gov-west-1`). A plain
    /// `*` there would also match S3's bucket hosts: `ec2.s3.amazonaws.com` is the bucket `ec2`,
    /// whose owner chooses what it answers.
    Region,
    Exact(String),
}

/// AWS's own zones: a `*` under them stands for a region.
const AWS_ZONES: &[&str] = &["amazonaws.com", "amazonaws.com.cn"];

/// `us-east-1`, `ap-southeast-5`, `us-gov-west-1`, `cn-north-1`: a two-letter area, one or more
/// words, and a number.
pub fn is_region(label: &str) -> bool {
    let parts: Vec<&str> = label.split('-').collect();
    parts.len() >= 3
        && parts[0].len() == 2
        && parts[..parts.len() - 1]
            .iter()
            .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_lowercase()))
        && parts[parts.len() - 1].bytes().all(|b| b.is_ascii_digit())
        && !parts[parts.len() - 1].is_empty()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum PortSpec {
    Any,
    Default,
    Exact(u16),
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("upstream pattern {pattern:?}: {reason}")]
pub struct PatternError {
    pub pattern: String,
    pub reason: &'static str,
}

impl Pattern {
    pub fn parse(text: &str) -> Result<Self, PatternError> {
        let fail = |reason| PatternError {
            pattern: text.to_owned(),
            reason,
        };
        let lower = text.to_ascii_lowercase();
        let (https, rest) = if let Some(rest) = lower.strip_prefix("https://") {
            (true, rest)
        } else if let Some(rest) = lower.strip_prefix("http://") {
            (false, rest)
        } else {
            return Err(fail("must start with http:// or https://"));
        };
        let rest = rest.strip_suffix('/').unwrap_or(rest);
        if rest.is_empty() || rest.contains(['/', '?', '#', '@', '%', '\\']) {
            return Err(fail("must name only a scheme, a host and a port"));
        }
        let (host, port) = if let Some(after) = rest.strip_prefix('[') {
            let (inside, tail) = after.split_once(']').ok_or_else(|| fail("unclosed ["))?;
            let port = match tail {
                "" => None,
                tail => Some(tail.strip_prefix(':').ok_or_else(|| fail("bad port"))?),
            };
            (format!("[{inside}]"), port)
        } else {
            match rest.split_once(':') {
                Some((host, port)) => (host.to_owned(), Some(port)),
                None => (rest.to_owned(), None),
            }
        };
        let port = match port {
            None => PortSpec::Default,
            Some("*") => PortSpec::Any,
            Some(digits) => PortSpec::Exact(digits.parse().map_err(|_| fail("bad port"))?),
        };
        let mut labels: Vec<Label> = if host.starts_with('[') {
            let ip: Ipv6Addr = host[1..host.len() - 1]
                .parse()
                .map_err(|_| fail("bad IPv6 address"))?;
            vec![Label::Exact(format!("[{ip}]"))]
        } else {
            host.split('.')
                .map(|label| match label {
                    "*" => Ok(Label::Any),
                    "" => Err(fail("empty host label")),
                    label
                        if label
                            .chars()
                            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_') =>
                    {
                        Ok(Label::Exact(label.to_owned()))
                    }
                    _ => Err(fail("host labels are letters, digits, '-', '_' or '*'")),
                })
                .collect::<Result<_, _>>()?
        };
        if AWS_ZONES
            .iter()
            .any(|zone| host.ends_with(&format!(".{zone}")))
        {
            for label in &mut labels {
                if *label == Label::Any {
                    *label = Label::Region;
                }
            }
        }
        Ok(Self {
            text: text.to_owned(),
            https,
            labels,
            port,
        })
    }

    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// Without wildcards: the only kind that may reach loopback and private addresses.
    pub fn is_exact(&self) -> bool {
        self.port != PortSpec::Any && self.labels.iter().all(|l| matches!(l, Label::Exact(_)))
    }

    pub fn matches(&self, url: &Url) -> bool {
        if (url.scheme() == "https") != self.https {
            return false;
        }
        let port_ok = match self.port {
            PortSpec::Any => true,
            PortSpec::Default => url.port().is_none(),
            PortSpec::Exact(port) => url.port_or_known_default() == Some(port),
        };
        let Some(host) = url.host_str() else {
            return false;
        };
        let labels: Vec<&str> = if host.starts_with('[') {
            vec![host]
        } else {
            host.split('.').collect()
        };
        port_ok
            && labels.len() == self.labels.len()
            && labels
                .iter()
                .zip(&self.labels)
                .all(|(have, want)| match want {
                    Label::Any => true,
                    Label::Region => is_region(have),
                    Label::Exact(want) => have == want,
                })
    }
}

/// Why a request was refused; `rule` names it in the 403 the browser gets.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Denial {
    #[error("only absolute http:// and https:// upstream URLs can be proxied")]
    Scheme,
    #[error("the upstream URL cannot be parsed: {0}")]
    Malformed(String),
    #[error("upstream URLs must not carry a user name or password")]
    UserInfo,
    #[error("cloud metadata services are never reachable through the proxy")]
    Metadata,
    #[error("{0} is a loopback, private, link-local or otherwise internal address")]
    InternalAddress(IpAddr),
    #[error("{0} is not an allowed upstream")]
    NotAllowed(String),
}

impl Denial {
    pub fn rule(&self) -> &'static str {
        match self {
            Denial::Scheme => "scheme",
            Denial::Malformed(_) => "malformed_url",
            Denial::UserInfo => "userinfo",
            Denial::Metadata => "metadata",
            Denial::InternalAddress(_) => "internal_address",
            Denial::NotAllowed(_) => "not_allowed",
        }
    }
}

/// Host names of cloud metadata services: denied whatever the patterns say.
const METADATA_NAMES: &[&str] = &[
    "metadata",
    "metadata.google.internal",
    "metadata.goog",
    "instance-data",
    "instance-data.ec2.internal",
    "metadata.azure.com",
];

/// An upstream URL the policy accepts, with the index of the pattern that allowed it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Allowed {
    pub url: Url,
    pub pattern: usize,
    /// Reached through an exact pattern: internal addresses are allowed (metadata never).
    pub exact: bool,
}

#[derive(Debug, Clone, Default)]
pub struct Policy {
    patterns: Vec<Pattern>,
}

impl Policy {
    pub fn new(patterns: Vec<Pattern>) -> Self {
        Self { patterns }
    }

    pub fn patterns(&self) -> &[Pattern] {
        &self.patterns
    }

    /// Checks the URL as written, before any DNS: scheme, user info, literal addresses,
    /// metadata names and the patterns.
    pub fn check(&self, raw: &str) -> Result<Allowed, Denial> {
        let lower = raw.get(..8).unwrap_or(raw).to_ascii_lowercase();
        if !(lower.starts_with("http://") || lower.starts_with("https://")) {
            return Err(Denial::Scheme);
        }
        let url = Url::parse(raw).map_err(|e| Denial::Malformed(e.to_string()))?;
        if !url.username().is_empty() || url.password().is_some() {
            return Err(Denial::UserInfo);
        }
        let mut exact = None;
        let mut pattern = None;
        for (index, candidate) in self.patterns.iter().enumerate() {
            if candidate.matches(&url) {
                pattern.get_or_insert(index);
                if candidate.is_exact() {
                    exact = Some(index);
                    break;
                }
            }
        }
        let exact_match = exact.is_some();
        match url.host() {
            None => return Err(Denial::Malformed("no host".into())),
            Some(Host::Domain(name)) => {
                let name = name.trim_end_matches('.');
                if METADATA_NAMES.contains(&name) {
                    return Err(Denial::Metadata);
                }
            }
            Some(Host::Ipv4(ip)) => check_address(IpAddr::V4(ip), exact_match)?,
            Some(Host::Ipv6(ip)) => check_address(IpAddr::V6(ip), exact_match)?,
        }
        let Some(pattern) = exact.or(pattern) else {
            return Err(Denial::NotAllowed(origin_of(&url)));
        };
        Ok(Allowed {
            url,
            pattern,
            exact: exact_match,
        })
    }
}

fn origin_of(url: &Url) -> String {
    url.origin().ascii_serialization()
}

/// Whether the proxy may connect to `ip`; `exact` when an exact pattern allowed the host.
pub fn check_address(ip: IpAddr, exact: bool) -> Result<(), Denial> {
    let ip = canonical(ip);
    if is_metadata(ip) {
        return Err(Denial::Metadata);
    }
    if !exact && is_internal(ip) {
        return Err(Denial::InternalAddress(ip));
    }
    Ok(())
}

/// IPv4 addresses hidden inside IPv6 ones (mapped, compatible, NAT64, 6to4) are judged as IPv4.
fn canonical(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V6(v6) => {
            if let Some(v4) = v6.to_ipv4_mapped() {
                return IpAddr::V4(v4);
            }
            let s = v6.segments();
            let embedded = |hi: u16, lo: u16| {
                IpAddr::V4(Ipv4Addr::new(
                    (hi >> 8) as u8,
                    hi as u8,
                    (lo >> 8) as u8,
                    lo as u8,
                ))
            };
            // ::a.b.c.d (deprecated "compatible"), but not :: and ::1 themselves.
            if s[..6] == [0; 6] && (s[6] != 0 || s[7] > 1) {
                return embedded(s[6], s[7]);
            }
            // 64:ff9b::/96, the well-known NAT64 prefix.
            if s[..6] == [0x64, 0xff9b, 0, 0, 0, 0] {
                return embedded(s[6], s[7]);
            }
            // 2002::/16, 6to4: the IPv4 address follows the prefix.
            if s[0] == 0x2002 {
                return embedded(s[1], s[2]);
            }
            ip
        }
        v4 => v4,
    }
}

fn is_metadata(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => {
            v4 == Ipv4Addr::new(169, 254, 169, 254) || v4 == Ipv4Addr::new(169, 254, 170, 2)
        }
        IpAddr::V6(v6) => v6 == Ipv6Addr::new(0xfd00, 0xec2, 0, 0, 0, 0, 0, 0x254),
    }
}

fn is_internal(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => {
            let [a, b, c, _] = v4.octets();
            v4.is_unspecified()
                || v4.is_loopback()
                || v4.is_private()
                || v4.is_link_local()
                || v4.is_broadcast()
                || v4.is_multicast()
                || v4.is_documentation()
                || a == 0 // "this network"
                || (a == 100 && (64..128).contains(&b)) // carrier-grade NAT
                || (a == 192 && b == 0 && c == 0) // IETF protocol assignments
                || (a == 198 && (b == 18 || b == 19)) // benchmarking
                || a >= 240 // reserved
        }
        IpAddr::V6(v6) => {
            let first = v6.segments()[0];
            v6.is_unspecified()
                || v6.is_loopback()
                || v6.is_multicast()
                || (first & 0xfe00) == 0xfc00 // unique local
                || (first & 0xffc0) == 0xfe80 // link-local
                || (first & 0xffc0) == 0xfec0 // site-local (deprecated)
                || (first == 0x2001 && v6.segments()[1] == 0x0db8) // documentation
                || first == 0x0100 && v6.segments()[1..4] == [0, 0, 0] // discard-only
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn policy(patterns: &[&str]) -> Policy {
        Policy::new(
            patterns
                .iter()
                .map(|p| Pattern::parse(p).unwrap())
                .collect(),
        )
    }

    #[test]
    fn patterns_match_by_scheme_label_and_port() {
        let p = Pattern::parse("https://*.cloud.example.org:*").unwrap();
        let url = |u: &str| Url::parse(u).unwrap();
        assert!(p.matches(&url("https://keystone.cloud.example.org:5000/v3")));
        assert!(p.matches(&url("https://nova.cloud.example.org/")));
        assert!(!p.matches(&url("http://nova.cloud.example.org/")), "scheme");
        assert!(
            !p.matches(&url("https://a.b.cloud.example.org/")),
            "one label only"
        );
        assert!(
            !p.matches(&url("https://cloud.example.org/")),
            "one label required"
        );
        assert!(!p.matches(&url("https://nova.cloud.example.org.evil.net/")));
        assert!(!p.is_exact());

        let ec2 = Pattern::parse("https://ec2.*.amazonaws.com").unwrap();
        assert!(ec2.matches(&url("https://ec2.eu-central-1.amazonaws.com/")));
        assert!(ec2.matches(&url("https://ec2.us-gov-west-1.amazonaws.com/")));
        // S3 bucket hosts and other non-region labels: someone else's content.
        for other in [
            "s3",
            "s3-website",
            "s3-external-1",
            "evil",
            "us-east",
            "1-us-east",
            "US-EAST-1x",
        ] {
            assert!(
                !ec2.matches(&url(&format!("https://ec2.{other}.amazonaws.com/"))),
                "{other}"
            );
        }
        let china = Pattern::parse("https://ec2.*.amazonaws.com.cn").unwrap();
        assert!(china.matches(&url("https://ec2.cn-north-1.amazonaws.com.cn/")));
        assert!(!china.matches(&url("https://ec2.s3.amazonaws.com.cn/")));
        assert!(ec2.matches(&url("https://EC2.eu-central-1.amazonaws.com:443/")));
        assert!(!ec2.matches(&url("https://ec2.eu-central-1.amazonaws.com:8443/")));

        let local = Pattern::parse("http://127.0.0.1:5000").unwrap();
        assert!(local.is_exact());
        assert!(local.matches(&url("http://127.0.0.1:5000/v3/auth/tokens")));
        assert!(!local.matches(&url("http://127.0.0.1:5001/")));

        let v6 = Pattern::parse("http://[::1]:8774/").unwrap();
        assert!(v6.matches(&url("http://[0:0::1]:8774/v2.1")));
    }

    #[test]
    fn bad_patterns_are_refused_with_a_reason() {
        for bad in [
            "keystone.example.org",
            "ftp://x.example.org",
            "https://x.example.org/v3",
            "https://user@x.example.org",
            "https://x..example.org",
            "https://x.example.org:http",
            "https://[::1",
            "https://x.exa%6dple.org",
        ] {
            assert!(Pattern::parse(bad).is_err(), "{bad}");
        }
    }

    /// Attempts to reach what must never be reached, each with the rule that stops it.
    #[test]
    fn ssrf_and_relay_attempts_are_denied() {
        let policy = policy(&[
            "https://*.cloud.example.org:*",
            "https://ec2.*.amazonaws.com",
            "http://*:*", // even the widest pattern reaches no internal address
            "http://127.0.0.1:5000",
        ]);
        let cases: &[(&str, &str)] = &[
            ("http://127.1:80/", "internal_address"),
            ("http://0x7f000001/", "internal_address"),
            ("http://2130706433/", "internal_address"),
            ("http://0177.0.0.1/", "internal_address"),
            ("http://127.0.0.1:5001/", "internal_address"),
            ("http://[::1]/", "internal_address"),
            ("http://[::ffff:127.0.0.1]/", "internal_address"),
            ("http://[::ffff:7f00:1]/", "internal_address"),
            ("http://[64:ff9b::a00:1]/", "internal_address"),
            ("http://[2002:c0a8:101::1]/", "internal_address"),
            ("http://[fe80::1]/", "internal_address"),
            ("http://[fd12:3456::1]/", "internal_address"),
            ("http://0.0.0.0/", "internal_address"),
            ("http://10.0.0.1/", "internal_address"),
            ("http://172.16.5.4/", "internal_address"),
            ("http://192.168.1.1/", "internal_address"),
            ("http://100.64.0.1/", "internal_address"),
            ("http://169.254.169.254/latest/meta-data/", "metadata"),
            ("http://[fd00:ec2::254]/", "metadata"),
            ("http://[::ffff:169.254.169.254]/", "metadata"),
            (
                "http://metadata.google.internal/computeMetadata/v1/",
                "metadata",
            ),
            ("http://metadata.google.internal./", "metadata"),
            (
                "https://allowed.cloud.example.org@evil.example/",
                "userinfo",
            ),
            ("https://user:pw@nova.cloud.example.org/", "userinfo"),
            ("file:///etc/passwd", "scheme"),
            ("gopher://nova.cloud.example.org/", "scheme"),
            ("//nova.cloud.example.org/", "scheme"),
            ("../config.json", "scheme"),
            ("%2e%2e/config.json", "scheme"),
            ("http:%2F%2Fnova.cloud.example.org/", "scheme"),
            (
                "https://nova.cloud.example.org:8443.evil.net/",
                "malformed_url",
            ),
            ("https://evil.example/", "not_allowed"),
            ("https://ec2.us-east-1.amazonaws.com:8443/", "not_allowed"),
            ("https://nova.cloud.example.org.evil.net/", "not_allowed"),
            (
                "https://ec2.us-east-1.amazonaws.com.evil.net/",
                "not_allowed",
            ),
        ];
        for (url, rule) in cases {
            match policy.check(url) {
                Ok(allowed) => panic!("{url} was allowed as {}", allowed.url),
                Err(denial) => assert_eq!(denial.rule(), *rule, "{url}: {denial}"),
            }
        }
        assert!(cases.len() >= 20);
    }

    #[test]
    fn allowed_upstreams_pass_and_say_which_pattern() {
        let policy = policy(&["https://*.cloud.example.org:*", "http://127.0.0.1:5000"]);
        let keystone = policy
            .check("https://keystone.cloud.example.org:5000/v3/auth/tokens?nocatalog")
            .unwrap();
        assert_eq!((keystone.pattern, keystone.exact), (0, false));
        assert_eq!(keystone.url.path(), "/v3/auth/tokens");
        let local = policy.check("http://127.0.0.1:5000/v3").unwrap();
        assert_eq!((local.pattern, local.exact), (1, true));
        // Dot segments stay on the allowed host.
        let dots = policy
            .check("https://nova.cloud.example.org/v2.1/../../etc/passwd")
            .unwrap();
        assert_eq!(dots.url.host_str(), Some("nova.cloud.example.org"));
        assert_eq!(dots.url.path(), "/etc/passwd");
    }

    #[test]
    fn resolved_addresses_are_checked_too() {
        let ip = |s: &str| s.parse::<IpAddr>().unwrap();
        assert!(
            check_address(ip("203.0.113.7"), false).is_err(),
            "documentation range"
        );
        assert!(check_address(ip("93.184.216.34"), false).is_ok());
        assert!(check_address(ip("2606:4700::1111"), false).is_ok());
        assert_eq!(
            check_address(ip("127.0.0.1"), false),
            Err(Denial::InternalAddress(ip("127.0.0.1")))
        );
        assert!(
            check_address(ip("127.0.0.1"), true).is_ok(),
            "exact patterns may"
        );
        assert_eq!(
            check_address(ip("169.254.169.254"), true),
            Err(Denial::Metadata),
            "metadata never"
        );
    }
}
