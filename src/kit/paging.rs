//! Lists the cloud pages: what the page asks for (filters, sort, page size, the markers of the
//! pages before), the query each API reads it as, and the toolbar and pager that change it.
//! "All" follows every page (1,000 rows per call, OpenStack's usual `max_limit`) and says how
//! many it found; a page that has more says so beside its Next button.

use leptos::prelude::*;
use nubo_cloud::{Service, openstack::Query};

use crate::i18n::{t, t_string, use_i18n};

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

    /// The query of this page for `api`.
    pub fn query(&self, api: Api) -> Query {
        let limit = if self.is_all() {
            WHOLE_PAGE
        } else {
            self.page_size
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

/// The name and status filters of a paged list. The name applies when the form is sent (a
/// call per keystroke would be a call per letter); the status at once.
#[component]
pub fn Filters(
    listing: RwSignal<Listing>,
    api: Api,
    /// The statuses offered, as the API spells them.
    statuses: &'static [&'static str],
) -> impl IntoView {
    let i18n = use_i18n();
    let name = RwSignal::new(listing.with_untracked(|l| l.name.clone()));
    let apply = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        listing.update(|l| {
            l.name = name.get_untracked().trim().to_owned();
            l.restart();
        });
    };
    let placeholder = move || {
        if api.finds_parts() {
            t_string!(i18n, list.filter_by_name)
        } else {
            t_string!(i18n, list.filter_exact)
        }
    };
    view! {
        <form class="filter" role="search" on:submit=apply>
            <label class="field inline">
                <span>{t!(i18n, common.name)}</span>
                <input
                    type="search"
                    name="name-filter"
                    placeholder=placeholder
                    prop:value=move || name.get()
                    on:input=move |ev| name.set(event_target_value(&ev))
                />
            </label>
            <label class="field inline">
                <span>{t!(i18n, common.status)}</span>
                <select
                    name="status-filter"
                    on:change=move |ev| {
                        let status = event_target_value(&ev);
                        listing.update(|l| {
                            l.status = status;
                            l.restart();
                        });
                    }
                >
                    <option value="">{t!(i18n, list.any)}</option>
                    {statuses
                        .iter()
                        .map(|s| view! { <option value=*s selected=move || listing.with(|l| l.status == *s)>{*s}</option> })
                        .collect_view()}
                </select>
            </label>
            <button type="submit" class="secondary">{t!(i18n, list.filter)}</button>
        </form>
    }
}

/// Previous and next page (by the cloud's markers), the page size, and how many rows are shown.
#[component]
pub fn Pager(
    listing: RwSignal<Listing>,
    /// The marker of the next page, when the cloud said there is one.
    #[prop(into)]
    next: Signal<Option<String>>,
    #[prop(into)] shown: Signal<usize>,
) -> impl IntoView {
    let i18n = use_i18n();
    let has_previous = move || listing.with(|l| !l.markers.is_empty());
    let count = move || {
        let count = shown.get();
        if listing.with(Listing::is_all) {
            t_string!(i18n, list.count_all, count).to_string()
        } else if next.with(Option::is_some) {
            format!(
                "{} · {}",
                t_string!(i18n, list.count, count),
                t_string!(i18n, list.more_pages)
            )
        } else {
            t_string!(i18n, list.count, count).to_string()
        }
    };
    view! {
        <nav class="pager" aria-label=move || t_string!(i18n, list.pages)>
            <button
                type="button"
                class="secondary"
                disabled=move || !has_previous()
                on:click=move |_| listing.update(|l| drop(l.markers.pop()))
            >
                {t!(i18n, list.previous)}
            </button>
            <span>{move || t_string!(i18n, list.page, number = listing.with(|l| l.markers.len() + 1))}</span>
            <span class="count" role="status">{count}</span>
            <button
                type="button"
                class="secondary"
                disabled=move || next.with(Option::is_none)
                on:click=move |_| {
                    if let Some(marker) = next.get_untracked() {
                        listing.update(|l| l.markers.push(marker));
                    }
                }
            >
                {t!(i18n, list.next)}
            </button>
            <label class="field inline">
                <span>{t!(i18n, list.per_page)}</span>
                <select
                    name="page-size"
                    on:change=move |ev| {
                        let size = event_target_value(&ev).parse().unwrap_or(100);
                        listing.update(|l| {
                            l.page_size = size;
                            l.restart();
                        });
                    }
                >
                    {PAGE_SIZES
                        .iter()
                        .map(|n| {
                            view! {
                                <option value=n.to_string() selected=move || listing.with(|l| l.page_size == *n)>
                                    {move || if *n == ALL { t_string!(i18n, list.all).to_owned() } else { n.to_string() }}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </label>
        </nav>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test]
    fn each_api_reads_the_listing_in_its_own_words() {
        let mut listing = Listing::newest_first("created_at");
        listing.name = "web".into();
        listing.status = "available".into();
        listing.markers = vec!["m1".into(), "m2".into()];
        assert_eq!(
            listing.query(Api::Cinder).to_query_string(),
            "?limit=100&marker=m2&name%7E=web&status=available&sort=created_at%3Adesc"
        );
        assert_eq!(
            listing.query(Api::Nova).to_query_string(),
            "?limit=100&marker=m2&name=web&status=available&sort_key=created_at&sort_dir=desc"
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
}
