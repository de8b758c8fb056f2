//! Lists the cloud pages: the toolbar and pager that change what a page asks for. What it asks
//! for (filters, sort, page size, the markers of the pages before) and the query each API reads
//! it as are `nubo_logic::listing`, tested natively.
//! "All" follows every page (1,000 rows per call, OpenStack's usual `max_limit`) and says how
//! many it found; a page that has more says so beside its Next button.

use leptos::prelude::*;
pub use nubo_logic::listing::{ALL, Api, Listing, MAX_PAGES, PAGE_SIZES};

use crate::i18n::{t, t_string, use_i18n};

/// A list paged by the cloud: what it asks, the API that reads it, the statuses to filter by.
#[derive(Clone, Copy)]
pub struct Paging {
    pub listing: RwSignal<Listing>,
    pub api: Api,
    pub statuses: &'static [&'static str],
}

impl Paging {
    /// The first page, newest first: every OpenStack resource has a `created_at`.
    pub fn new(api: Api, statuses: &'static [&'static str]) -> Self {
        Self {
            listing: RwSignal::new(Listing::newest_first("created_at")),
            api,
            statuses,
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
