//! A list page's body, from the table's declaration: the toolbar, the stale answer's warning,
//! loading, the cloud's error, the empty message, the rows keyed by id and windowed, the pager.
//!
//! Only a thin layer knows the resource type: it turns each row into its parts (cells, check,
//! actions) as closures over the row's signal. The views themselves take those parts, so they
//! are compiled once rather than once per resource (the bundle grew by 30 KiB when they were
//! generic).

use std::sync::Arc;

use leptos::prelude::*;
use nubo_cloud::{CloudError, Resource};

use crate::{
    i18n::{t, t_string, use_i18n},
    kit::{
        failure::Failure,
        keyed::KeyedRows,
        live::{Live, StaleNotice},
        paging::{Filters, Listing, Pager, Paging},
        row::{RowView, parts},
        table::Table,
        window,
    },
    shell::nav::Text,
};

#[derive(Debug, Clone, PartialEq)]
enum Shown {
    Loading,
    Failed(CloudError),
    Empty,
    Rows,
}

/// A list page's body: the toolbar (filters, the page's own tools, Refresh), the warning of a
/// stale answer, then loading, the cloud's error, the empty message or the table, and the pager.
#[component]
pub fn ListView<T>(
    live: Live<T>,
    table: Table<T>,
    #[prop(into)] empty: Signal<String>,
    #[prop(optional)] paging: Option<Paging>,
    /// The page's own tools, before Refresh.
    #[prop(optional)]
    tools: Option<ChildrenFn>,
) -> impl IntoView
where
    T: Resource + Clone + PartialEq + Send + Sync + 'static,
{
    let rows = KeyedRows::new(live);
    let list = live.list;
    let shown = Memo::new(move |_| {
        list.with(|l| match l {
            None => Shown::Loading,
            Some(Err(error)) => Shown::Failed(error.clone()),
            Some(Ok(page)) if page.items.is_empty() => Shown::Empty,
            Some(Ok(_)) => Shown::Rows,
        })
    });
    let next = Signal::derive(move || {
        list.with(|l| {
            l.as_ref()
                .and_then(|r| r.as_ref().ok())
                .and_then(|p| p.next_marker.clone())
        })
    });
    let table = Arc::new(table);
    let listing = paging.map(|p| p.listing);
    let frame = TableFrame {
        class: format!("data-table {}", table.class),
        headers: table.columns.iter().map(|c| (c.header, c.sort)).collect(),
        selectable: table.selection.is_some(),
        actions: !table.actions.is_empty(),
        select_all: select_all(rows, &table),
        row: Callback::new(move |id: String| match rows.row(&id) {
            Some(row) => view! { <RowView parts=parts(id, row, rows, &table) /> }.into_any(),
            None => ().into_any(),
        }),
    };
    view! {
        <ListFrame
            shown
            ids=rows.ids
            next
            stale=live.stale
            refetch=Callback::new(move |_| live.refetch())
            empty
            paging
            tools
            listing
            frame
        />
    }
}

/// What the frame of a table needs, with the resource type gone.
#[derive(Clone)]
struct TableFrame {
    class: String,
    headers: Vec<(Text, Option<&'static str>)>,
    selectable: bool,
    actions: bool,
    /// Chooses (or unchooses) every row that may be chosen.
    select_all: Option<Callback<bool>>,
    /// A row's view, by id.
    row: Callback<String, AnyView>,
}

#[component]
fn ListFrame(
    shown: Memo<Shown>,
    ids: Memo<Vec<String>>,
    next: Signal<Option<String>>,
    stale: RwSignal<Option<CloudError>>,
    refetch: Callback<()>,
    empty: Signal<String>,
    paging: Option<Paging>,
    tools: Option<ChildrenFn>,
    listing: Option<RwSignal<Listing>>,
    frame: TableFrame,
) -> impl IntoView {
    let i18n = use_i18n();
    let frame = StoredValue::new(frame);
    let body = move || match shown.get() {
        Shown::Loading => view! { <p class="loading">{t!(i18n, common.loading)}</p> }.into_any(),
        Shown::Failed(error) => view! { <ErrorPanel error /> }.into_any(),
        Shown::Empty => view! { <div class="panel"><p>{empty}</p></div> }.into_any(),
        Shown::Rows => view! { <DataTable ids frame=frame.get_value() listing /> }.into_any(),
    };
    let pager = move || {
        let paging = paging?;
        matches!(shown.get(), Shown::Rows | Shown::Empty).then(|| {
            let count = Signal::derive(move || ids.with(Vec::len));
            view! { <Pager listing=paging.listing next shown=count /> }
        })
    };
    view! {
        <div class="toolbar">
            {paging.map(|p| view! { <Filters listing=p.listing api=p.api statuses=p.statuses /> })}
            {tools.map(|tools| tools())}
            <button type="button" class="secondary" on:click=move |_| refetch.run(())>
                {t!(i18n, common.refresh)}
            </button>
        </div>
        <StaleNotice stale />
        {body}
        {pager}
    }
}

fn select_all<T: Resource + Clone + PartialEq + Send + Sync + 'static>(
    rows: KeyedRows<T>,
    table: &Table<T>,
) -> Option<Callback<bool>> {
    let (chosen, allowed) = table.selection.clone()?;
    Some(Callback::new(move |on: bool| {
        let ids = rows.ids.get_untracked();
        chosen.update(|chosen| {
            for id in ids {
                let allowed = rows
                    .row(&id)
                    .is_some_and(|r| r.with_untracked(|r| allowed.refusal(r).is_none()));
                if on && allowed {
                    chosen.insert(id);
                } else if !on {
                    chosen.remove(&id);
                }
            }
        })
    }))
}

#[component]
fn DataTable(
    ids: Memo<Vec<String>>,
    frame: TableFrame,
    listing: Option<RwSignal<Listing>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let total = Signal::derive(move || ids.with(Vec::len));
    let body = NodeRef::<leptos::html::Tbody>::new();
    let range = window::visible_rows(body, total);
    let columns = frame.headers.len() + usize::from(frame.selectable) + usize::from(frame.actions);
    let headers = frame
        .headers
        .iter()
        .map(|(text, sort)| header(*text, sort.zip(listing)))
        .collect_view();
    let select_all = frame.select_all.map(|all| {
        view! {
            <th scope="col">
                <input
                    type="checkbox"
                    aria-label=move || t_string!(i18n, list.select_all)
                    on:change=move |ev| all.run(event_target_checked(&ev))
                />
            </th>
        }
    });
    let actions_header = frame
        .actions
        .then(|| view! { <th scope="col">{t!(i18n, common.actions)}</th> });
    let visible = move || {
        let range = range.get();
        ids.with(|ids| ids.get(range.clone()).map(<[String]>::to_vec))
            .unwrap_or_default()
    };
    let row = frame.row;
    let windowed = move || total.get() >= window::FROM_ROWS;
    view! {
        <table class=frame.class class:windowed=windowed aria-rowcount=move || total.get() + 1>
            <thead>
                <tr>{select_all}{headers}{actions_header}</tr>
            </thead>
            <tbody node_ref=body>
                {move || window::spacer(range.get().start, columns)}
                <For each=visible key=String::clone children=move |id| row.run(id) />
                {move || window::spacer(total.get().saturating_sub(range.get().end), columns)}
            </tbody>
        </table>
    }
}

/// A column's header; a button that sorts the list when the cloud sorts by it.
fn header(text: Text, sort: Option<(&'static str, RwSignal<Listing>)>) -> AnyView {
    let i18n = use_i18n();
    let label = move || text(i18n.get_locale());
    let Some((key, listing)) = sort else {
        return view! { <th scope="col">{label}</th> }.into_any();
    };
    let state = move || listing.with(|l| l.aria_sort(key));
    view! {
        <th scope="col" aria-sort=state>
            <button type="button" class="sort" on:click=move |_| listing.update(|l| l.sort_by(key))>
                {label}
                <span aria-hidden="true">
                    {move || match state() {
                        "ascending" => " ▲",
                        "descending" => " ▼",
                        _ => "",
                    }}
                </span>
            </button>
        </th>
    }
    .into_any()
}

/// A list's or a detail's failure: the plain sentence for its kind, in the language shown,
/// then the cloud's own words.
#[component]
pub fn ErrorPanel(error: CloudError) -> impl IntoView {
    let i18n = use_i18n();
    let failure = Failure::Cloud(error);
    let words = failure.cloud_words();
    let lead = move || failure.lead(i18n.get_locale());
    view! {
        <div class="panel panel-error" role="alert">
            <p>{lead}</p>
            <p class="cloud-words">{words}</p>
        </div>
    }
}
