//! Where the user is: cloud, project and region are the first three segments of every resource
//! URL (`/local/demo/RegionOne/compute/instances`), so a link opens the same view for whoever
//! follows it and a reload keeps it.

use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_params_map};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scope {
    pub cloud: String,
    /// The project's name (or id: both are accepted when reading a URL).
    pub project: String,
    pub region: String,
}

fn encode(segment: &str) -> String {
    // `@` may stand in a path segment as it is (RFC 3986 pchar); AWS accounts read better so
    // (`/local-ec2/admin@123456789012/…`).
    String::from(js_sys::encode_uri_component(segment)).replace("%40", "@")
}

impl Scope {
    /// The URL of `page` (a path of the `nav` table, such as `/compute/images`) in this scope.
    pub fn url(&self, page: &str) -> String {
        format!(
            "/{}/{}/{}{page}",
            encode(&self.cloud),
            encode(&self.project),
            encode(&self.region)
        )
    }

    /// The scope of the current route, if it has one.
    pub fn from_route() -> Memo<Option<Scope>> {
        let params = use_params_map();
        Memo::new(move |_| {
            params.with(|p| {
                Some(Scope {
                    cloud: p.get("cloud")?,
                    project: p.get("project")?,
                    region: p.get("region")?,
                })
            })
        })
    }
}

fn decode(segment: &str) -> String {
    js_sys::decode_uri_component(segment)
        .ok()
        .and_then(|s| s.as_string())
        .unwrap_or_else(|| segment.to_owned())
}

/// The scope of the current URL, for components outside the routes (top bar, navigation).
pub fn current() -> Memo<Option<Scope>> {
    let location = use_location();
    Memo::new(move |_| {
        let path = location.pathname.get();
        let segments: Vec<&str> = path.trim_matches('/').split('/').collect();
        (segments.len() >= 5).then(|| Scope {
            cloud: decode(segments[0]),
            project: decode(segments[1]),
            region: decode(segments[2]),
        })
    })
}

/// The page part of the current path (`/compute/instances`), without the scope.
pub fn page_path() -> Memo<String> {
    let location = use_location();
    Memo::new(move |_| {
        let path = location.pathname.get();
        let segments: Vec<&str> = path.trim_matches('/').split('/').collect();
        if segments.len() >= 5 {
            format!("/{}", segments[3..].join("/"))
        } else {
            path
        }
    })
}
