//! What a list page asks a cloud for: filters, sort, page size and the markers of the pages
//! before, and the query each OpenStack API reads that as. "All" follows every page (1,000 rows a
//! call, OpenStack's usual `max_limit`).

use nubo_cloud::{
    Resource, Service,
    openstack::{Page, Query},
};

/// The page sizes offered; `ALL` asks for every page.
pub const PAGE_SIZES: &[u32] = &[20, 100, 500, 1000, ALL];
pub const ALL: u32 = 0;
/// What one call asks for when following every page.
const WHOLE_PAGE: u32 = 1000;
/// Enough for 100,000 rows; a cloud answering more pages than that is looping.
pub const MAX_PAGES: usize = 100;

/// Which API reads the listing: they spell sorting and name filters differently.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Api {
    /// Nova: `sort_key`/`sort_dir`; `name` is a regular expression, so it finds parts of names.
    Nova,
    /// Glance: `sort_key`/`sort_dir`; `name` is the exact name.
    Glance,
    /// Cinder: `sort=key:dir`; `name~` (microversion 3.34) finds parts of names.
    Cinder,
}

impl Api {
    pub fn service(self) -> Service {
        match self {
            Self::Nova => Service::Nova,
            Self::Glance => Service::Glance,
            Self::Cinder => Service::Cinder,
        }
    }

    /// Whether the name filter finds parts of names (else only the exact name).
    pub fn finds_parts(self) -> bool {
        !matches!(self, Self::Glance)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Listing {
    pub name: String,
    pub status: String,
    pub sort_key: &'static str,
    pub descending: bool,
    pub page_size: u32,
    /// Markers of the pages before this one; the last is this page's.
    pub markers: Vec<String>,
    /// Filters of the page itself (Glance's `owner` for "only snapshots").
    pub extra: Vec<(&'static str, String)>,
}

impl Listing {
    /// The first page of 100, newest first by `sort_key`.
    pub fn newest_first(sort_key: &'static str) -> Self {
        Self {
            name: String::new(),
            status: String::new(),
            sort_key,
            descending: true,
            page_size: 100,
            markers: Vec::new(),
            extra: Vec::new(),
        }
    }

    pub fn is_all(&self) -> bool {
        self.page_size == ALL
    }

    /// The query of this page for `api`. A page asks for one row more than it shows: Cinder
    /// answers a full page with a `next` link even when nothing follows, and Next would then
    /// lead to an empty page (Horizon asks for one more for the same reason).
    pub fn query(&self, api: Api) -> Query {
        let limit = if self.is_all() {
            WHOLE_PAGE
        } else {
            self.page_size + 1
        };
        let mut query = Query::new().limit(limit);
        if let Some(marker) = self.markers.last() {
            query = query.marker(marker.clone());
        }
        if !self.name.is_empty() {
            let key = if api == Api::Cinder { "name~" } else { "name" };
            query = query.filter(key, self.name.clone());
        }
        if !self.status.is_empty() {
            query = query.filter("status", self.status.clone());
        }
        for (key, value) in &self.extra {
            query = query.filter(*key, value.clone());
        }
        let dir = if self.descending { "desc" } else { "asc" };
        match api {
            Api::Nova | Api::Glance => query
                .filter("sort_key", self.sort_key)
                .filter("sort_dir", dir),
            Api::Cinder => query.filter("sort", format!("{}:{dir}", self.sort_key)),
        }
    }

    /// The page to show of what the cloud answered to [`Listing::query`]: the extra row, when it
    /// came, is dropped and says a next page exists, starting after the last row shown. Without
    /// it the cloud's own `next` stands: it is there only when the cloud capped the limit.
    pub fn page<T: Resource>(&self, mut page: Page<T>) -> Page<T> {
        let shown = self.page_size as usize;
        if self.is_all() || page.items.len() <= shown {
            return page;
        }
        page.items.truncate(shown);
        page.next_marker = page.items.last().map(|last| last.id().to_owned());
        page
    }

    /// Back to the first page, after a change of what is asked.
    pub fn restart(&mut self) {
        self.markers.clear();
    }

    /// Sorts by `key`, or turns the order round when it already sorts by it.
    pub fn sort_by(&mut self, key: &'static str) {
        if self.sort_key == key {
            self.descending = !self.descending;
        } else {
            self.sort_key = key;
            self.descending = false;
        }
        self.restart();
    }

    /// `aria-sort` of a column sorted by `key`.
    pub fn aria_sort(&self, key: &str) -> &'static str {
        match (self.sort_key == key, self.descending) {
            (false, _) => "none",
            (true, false) => "ascending",
            (true, true) => "descending",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_api_reads_the_listing_in_its_own_words() {
        let mut listing = Listing::newest_first("created_at");
        listing.name = "web".into();
        listing.status = "available".into();
        listing.markers = vec!["m1".into(), "m2".into()];
        assert_eq!(
            listing.query(Api::Cinder).to_query_string(),
            "?limit=101&marker=m2&name%7E=web&status=available&sort=created_at%3Adesc"
        );
        assert_eq!(
            listing.query(Api::Nova).to_query_string(),
            "?limit=101&marker=m2&name=web&status=available&sort_key=created_at&sort_dir=desc"
        );
        listing.page_size = ALL;
        listing.restart();
        listing.sort_by("name");
        assert_eq!(
            listing.query(Api::Glance).to_query_string(),
            "?limit=1000&name=web&status=available&sort_key=name&sort_dir=asc"
        );
        listing.sort_by("name");
        assert_eq!(listing.aria_sort("name"), "descending");
        assert_eq!(listing.aria_sort("size"), "none");
    }

    struct Row(&'static str);

    impl Resource for Row {
        fn id(&self) -> &str {
            self.0
        }
        fn name(&self) -> &str {
            ""
        }
        fn status(&self) -> &str {
            ""
        }
    }

    fn answer(ids: &[&'static str], next: Option<&str>) -> Page<Row> {
        Page {
            items: ids.iter().map(|id| Row(id)).collect(),
            next_marker: next.map(str::to_owned),
        }
    }

    fn shown(page: &Page<Row>) -> (Vec<&str>, Option<&str>) {
        let ids = page.items.iter().map(|r| r.0).collect();
        (ids, page.next_marker.as_deref())
    }

    #[test]
    fn a_full_last_page_has_no_next_page() {
        let mut listing = Listing::newest_first("created_at");
        listing.page_size = 2;
        // Cinder links a next page to any full answer; two rows of the three asked is the end.
        let last = listing.page(answer(&["a", "b"], None));
        assert_eq!(shown(&last), (vec!["a", "b"], None));
        // The third row says more follow, after the second.
        let more = listing.page(answer(&["a", "b", "c"], Some("c")));
        assert_eq!(shown(&more), (vec!["a", "b"], Some("b")));
        // A cloud that capped the limit below what was asked keeps its own link.
        listing.page_size = 5;
        let capped = listing.page(answer(&["a", "b"], Some("b")));
        assert_eq!(shown(&capped), (vec!["a", "b"], Some("b")));
        // "All" shows every row it gathered.
        listing.page_size = ALL;
        let all = listing.page(answer(&["a", "b", "c"], None));
        assert_eq!(shown(&all).0, vec!["a", "b", "c"]);
    }
}
