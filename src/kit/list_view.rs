//! A list page's body, from the table's declaration: the toolbar, the stale answer's warning,
//! loading, the cloud's error, the empty message, the rows keyed by id and windowed, the pager.

use std::sync::Arc;

use leptos::prelude::*;
use nubo_cloud::{CloudError, Resource};

use crate::kit::{
    actions::{ActionButton, MoreActions},
    keyed::KeyedRows,
    table::*,
};
use crate::{
    i18n::{t, t_string, use_i18n},
    kit::{
        live::{Live, StaleNotice},
        paging::{Filters, Listing, Pager},
        refusal::refusal_text,
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
    let i18n = use_i18n();
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
    let table = Arc::new(table);
    let body = move || match shown.get() {
        Shown::Loading => view! { <p class="loading">{t!(i18n, common.loading)}</p> }.into_any(),
        Shown::Failed(error) => view! { <ErrorPanel error /> }.into_any(),
        Shown::Empty => view! { <div class="panel"><p>{empty}</p></div> }.into_any(),
        Shown::Rows => {
            let listing = paging.map(|p| p.listing);
            view! { <DataTable rows table=table.clone() listing /> }.into_any()
        }
    };
    let pager = move || {
        let paging = paging?;
        matches!(shown.get(), Shown::Rows | Shown::Empty).then(|| {
            let next = Signal::derive(move || {
                list.with(|l| {
                    l.as_ref()
                        .and_then(|r| r.as_ref().ok())
                        .and_then(|p| p.next_marker.clone())
                })
            });
            let count = Signal::derive(move || rows.ids.with(Vec::len));
            view! { <Pager listing=paging.listing next shown=count /> }
        })
    };
    view! {
        <div class="toolbar">
            {paging.map(|p| view! { <Filters listing=p.listing api=p.api statuses=p.statuses /> })}
            {tools.map(|tools| tools())}
            <button type="button" class="secondary" on:click=move |_| live.refetch()>
                {t!(i18n, common.refresh)}
            </button>
        </div>
        <StaleNotice stale=live.stale />
        {body}
        {pager}
    }
}

#[component]
fn DataTable<T>(
    rows: KeyedRows<T>,
    table: Arc<Table<T>>,
    listing: Option<RwSignal<Listing>>,
) -> impl IntoView
where
    T: Resource + Clone + PartialEq + Send + Sync + 'static,
{
    let i18n = use_i18n();
    let total = Signal::derive(move || rows.ids.with(Vec::len));
    let body = NodeRef::<leptos::html::Tbody>::new();
    let range = window::visible_rows(body, total);
    let columns = table.columns.len()
        + usize::from(table.selection.is_some())
        + usize::from(!table.actions.is_empty());
    let headers = table
        .columns
        .iter()
        .map(|column| header(column.header, column.sort.zip(listing)))
        .collect_view();
    let select_all = table.selection.clone().map(|(chosen, allowed)| {
        let all = move |on: bool| {
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
        };
        view! {
            <th scope="col">
                <input
                    type="checkbox"
                    aria-label=move || t_string!(i18n, list.select_all)
                    on:change=move |ev| all(event_target_checked(&ev))
                />
            </th>
        }
    });
    let actions_header = (!table.actions.is_empty())
        .then(|| view! { <th scope="col">{t!(i18n, common.actions)}</th> });
    let visible = move || {
        let range = range.get();
        rows.ids
            .with(|ids| ids.get(range.clone()).map(<[String]>::to_vec))
            .unwrap_or_default()
    };
    let class = format!("data-table {}", table.class);
    let row = move |id: String| match rows.row(&id) {
        Some(row) => view! { <Row id row rows table=table.clone() /> }.into_any(),
        None => ().into_any(),
    };
    let windowed = move || total.get() >= window::FROM_ROWS;
    view! {
        <table class=class class:windowed=windowed aria-rowcount=move || total.get() + 1>
            <thead>
                <tr>{select_all}{headers}{actions_header}</tr>
            </thead>
            <tbody node_ref=body>
                {move || window::spacer(range.get().start, columns)}
                <For each=visible key=String::clone children=row />
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

#[component]
fn Row<T>(
    id: String,
    row: ArcRwSignal<T>,
    rows: KeyedRows<T>,
    table: Arc<Table<T>>,
) -> impl IntoView
where
    T: Resource + Clone + PartialEq + Send + Sync + 'static,
{
    let i18n = use_i18n();
    let position = {
        let id = id.clone();
        move || {
            rows.ids
                .with(|ids| ids.iter().position(|i| *i == id))
                .map(|p| p + 2)
        }
    };
    let name = {
        let row = row.clone();
        Signal::derive(move || row.with(label))
    };
    let check = table.selection.clone().map(|(chosen, allowed)| {
        let refused = {
            let row = row.clone();
            Signal::derive(move || row.with(|r| allowed.refusal(r)))
        };
        let (checked, toggled) = (id.clone(), id.clone());
        view! {
            <td>
                <input
                    type="checkbox"
                    aria-label=move || t_string!(i18n, list.select_one, name = name.get()).to_string()
                    disabled=move || refused.with(Option::is_some)
                    title=move || refused.with(|r| refusal_text(i18n, r)).unwrap_or_default()
                    prop:checked=move || chosen.with(|s| s.contains(&checked))
                    on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        chosen.update(|s| {
                            if on {
                                s.insert(toggled.clone());
                            } else {
                                s.remove(&toggled);
                            }
                        })
                    }
                />
            </td>
        }
    });
    let cells = table
        .columns
        .iter()
        .map(|column| {
            let (cell, row) = (column.cell.clone(), row.clone());
            let content = move || row.with(|r| cell(r));
            if column.row_header {
                view! { <th scope="row" class=column.class>{content}</th> }.into_any()
            } else {
                view! { <td class=column.class>{content}</td> }.into_any()
            }
        })
        .collect_view();
    let busy = table.busy.map(|busy| {
        let id = id.clone();
        Signal::derive(move || busy.with(|b| b.contains(&id)))
    });
    let button = |action: &RowAction<T>| {
        let (allowed, run, row) = (action.allowed.clone(), action.run.clone(), row.clone());
        let refused = {
            let row = row.clone();
            Signal::derive(move || row.with(|r| allowed.refusal(r)))
        };
        let text = action.label;
        view! {
            <ActionButton
                label=Signal::derive(move || text(i18n.get_locale()).to_owned())
                refusal=refused
                busy=busy.unwrap_or_default()
                on_click=Callback::new(move |_| run(row.get_untracked()))
            />
        }
    };
    let actions = (!table.actions.is_empty()).then(|| {
        let inline = table
            .actions
            .iter()
            .filter(|a| !a.more)
            .map(button)
            .collect_view();
        let more: Vec<_> = table
            .actions
            .iter()
            .filter(|a| a.more)
            .map(button)
            .collect();
        let more = (!more.is_empty()).then(|| view! { <MoreActions name>{more}</MoreActions> });
        view! { <td class="row-actions">{inline}{more}</td> }
    });
    view! {
        <tr data-id=id aria-rowindex=position>
            {check}
            {cells}
            {actions}
        </tr>
    }
}

#[component]
pub fn ErrorPanel(error: CloudError) -> impl IntoView {
    view! {
        <div class="panel panel-error" role="alert">
            <p>{error.to_string()}</p>
        </div>
    }
}
