//! Lists come in pages. Nova and Cinder link the next page (`servers_links`, rel `next`),
//! Glance gives a `next` path; either way the client keeps only the marker and asks its own
//! endpoint again, so a cloud that advertises internal hostnames in links still pages through
//! the proxy.

use std::future::Future;

use serde::Deserialize;

/// One page of a list and the marker that continues it.
#[derive(Debug, Clone, PartialEq)]
pub struct Page<T> {
    pub items: Vec<T>,
    pub next_marker: Option<String>,
}

/// Pagination and filters of a list call, sent as query parameters.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query {
    pub limit: Option<u32>,
    pub marker: Option<String>,
    pub filters: Vec<(String, String)>,
}

impl Query {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn limit(mut self, limit: u32) -> Self {
        self.limit = Some(limit);
        self
    }

    pub fn marker(mut self, marker: impl Into<String>) -> Self {
        self.marker = Some(marker.into());
        self
    }

    pub fn filter(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.filters.push((name.into(), value.into()));
        self
    }

    /// `?limit=…&marker=…&name=…`, encoded.
    pub fn to_query_string(&self) -> String {
        let mut pairs = url::form_urlencoded::Serializer::new(String::new());
        if let Some(limit) = self.limit {
            pairs.append_pair("limit", &limit.to_string());
        }
        if let Some(marker) = &self.marker {
            pairs.append_pair("marker", marker);
        }
        for (name, value) in &self.filters {
            pairs.append_pair(name, value);
        }
        let encoded = pairs.finish();
        if encoded.is_empty() {
            encoded
        } else {
            format!("?{encoded}")
        }
    }
}

/// Follows the pages of `fetch` from `query` and gathers every item; stops with an error
/// after `max_pages`, so a cloud that keeps answering `next` cannot loop forever.
pub async fn all_pages<T, F, Fut>(
    service: crate::Service,
    query: &Query,
    max_pages: usize,
    mut fetch: F,
) -> Result<Vec<T>, crate::CloudError>
where
    F: FnMut(Query) -> Fut,
    Fut: Future<Output = Result<Page<T>, crate::CloudError>>,
{
    let mut items = Vec::new();
    let mut query = query.clone();
    for _ in 0..max_pages {
        let page = fetch(query.clone()).await?;
        items.extend(page.items);
        match page.next_marker {
            Some(marker) if query.marker.as_deref() != Some(marker.as_str()) => {
                query.marker = Some(marker);
            }
            _ => return Ok(items),
        }
    }
    Err(crate::CloudError::new(
        crate::ErrorKind::Unexpected,
        service,
        format!("{service} answered more than {max_pages} pages; nubo stopped following them"),
    ))
}

#[derive(Debug, Clone, Deserialize)]
pub struct Link {
    pub rel: String,
    pub href: String,
}

/// The `marker` of a `next` link (absolute URL or path), if there is one.
pub fn next_marker(links: &[Link]) -> Option<String> {
    links
        .iter()
        .find(|link| link.rel == "next")
        .and_then(|link| marker_of(&link.href))
}

pub fn marker_of(href: &str) -> Option<String> {
    let base = url::Url::parse("http://relative.invalid/").ok()?;
    let url = base.join(href).ok()?;
    url.query_pairs()
        .find(|(name, _)| name == "marker")
        .map(|(_, value)| value.into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_strings_are_encoded() {
        assert_eq!(Query::new().to_query_string(), "");
        assert_eq!(
            Query::new()
                .limit(2)
                .marker("a b")
                .filter("name", "web&1")
                .to_query_string(),
            "?limit=2&marker=a+b&name=web%261"
        );
    }

    #[test]
    fn markers_from_absolute_and_relative_links() {
        let links = vec![Link {
            rel: "next".into(),
            href: "http://openstack.example.com/v2.1/servers/detail?limit=1&marker=f9f4-3e".into(),
        }];
        assert_eq!(next_marker(&links).as_deref(), Some("f9f4-3e"));
        assert_eq!(
            marker_of("/v2/images?limit=2&marker=3e0c").as_deref(),
            Some("3e0c")
        );
        assert_eq!(marker_of("/v2/images?limit=2"), None);
    }
}
