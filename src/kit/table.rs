//! The table every list page declares: its columns, and its row actions with the states they are
//! allowed in. Rows are keyed by id: when a row appears or goes, the others keep their DOM (an
//! open More menu stays with its own row), and a row whose answer changed updates in place.
//! Long lists render only the rows near the viewport (`window`); a selection feeds bulk actions.

use std::{
    collections::{BTreeSet, HashMap, HashSet},
    sync::Arc,
};

use leptos::prelude::*;
use leptos_router::components::A;
use nubo_cloud::{CloudError, Resource};

use crate::{
    i18n::{t, t_string, use_i18n},
    kit::{
        live::{Live, StaleNotice},
        paging::{Api, Filters, Listing, Pager},
        refusal::{Refusal, refusal, refusal_text},
        window,
    },
    shell::nav::Text,
};

/// What a resource is called on the page: its name, or its id when it has none.
pub fn label(resource: &impl Resource) -> String {
    match resource.name() {
        "" => resource.id().to_owned(),
        name => name.to_owned(),
    }
}

/// A cell that opens the row's detail.
pub fn link(href: String, text: String) -> impl IntoView {
    view! { <A href=href>{text}</A> }
}

type Cell<T> = Arc<dyn Fn(&T) -> AnyView + Send + Sync>;
type Check<T> = Arc<dyn Fn(&T) -> Option<Refusal> + Send + Sync>;
type Selection<T> = (RwSignal<BTreeSet<String>>, Arc<Allowed<T>>);

/// One column: its header, and what a row shows in it.
pub struct Column<T> {
    header: Text,
    cell: Cell<T>,
    /// The cloud's sort key, for a header that sorts the list.
    sort: Option<&'static str>,
    /// The row's name: a `<th scope="row">` that names the row to assistive technology.
    row_header: bool,
    class: &'static str,
}

impl<T: 'static> Column<T> {
    pub fn new<V: IntoAny>(header: Text, cell: impl Fn(&T) -> V + Send + Sync + 'static) -> Self {
        Self {
            header,
            cell: Arc::new(move |row| cell(row).into_any()),
            sort: None,
            row_header: false,
            class: "",
        }
    }

    pub fn row_header(mut self) -> Self {
        self.row_header = true;
        self
    }

    /// Ids, addresses: set in a fixed-width font.
    pub fn mono(mut self) -> Self {
        self.class = "mono";
        self
    }

    pub fn class(mut self, class: &'static str) -> Self {
        self.class = class;
        self
    }

    pub fn sorts_by(mut self, key: &'static str) -> Self {
        self.sort = Some(key);
        self
    }
}

/// When a row action is allowed.
pub enum Allowed<T> {
    Always,
    /// In these statuses (the resource's `status()`), as the cloud spells them.
    In(&'static [&'static str]),
    /// When this says no refusal (it may read signals: the page's own knowledge, as an IAM
    /// denial found by a `DryRun`).
    When(Check<T>),
}

impl<T: Resource> Allowed<T> {
    pub fn when(check: impl Fn(&T) -> Option<Refusal> + Send + Sync + 'static) -> Self {
        Self::When(Arc::new(check))
    }

    pub fn refusal(&self, row: &T) -> Option<Refusal> {
        match self {
            Self::Always => None,
            Self::In(states) => refusal(row.status(), states),
            Self::When(check) => check(row),
        }
    }
}

/// A row action: its label, the states it is allowed in, and what it does with the row.
pub struct RowAction<T> {
    label: Text,
    allowed: Arc<Allowed<T>>,
    /// Behind the row's More menu (rows keep their common actions in sight).
    more: bool,
    run: Arc<dyn Fn(T) + Send + Sync>,
}

impl<T: 'static> RowAction<T> {
    pub fn new(label: Text, allowed: Allowed<T>, run: impl Fn(T) + Send + Sync + 'static) -> Self {
        Self {
            label,
            allowed: Arc::new(allowed),
            more: false,
            run: Arc::new(run),
        }
    }

    pub fn more(mut self) -> Self {
        self.more = true;
        self
    }
}

/// A table's declaration.
pub struct Table<T> {
    class: &'static str,
    columns: Vec<Column<T>>,
    actions: Vec<RowAction<T>>,
    selection: Option<Selection<T>>,
    busy: Option<RwSignal<BTreeSet<String>>>,
}

impl<T: Resource + 'static> Table<T> {
    /// `class` names the table for styles and tests (`data-table <class>`).
    pub fn new(class: &'static str, columns: Vec<Column<T>>) -> Self {
        Self {
            class,
            columns,
            actions: Vec::new(),
            selection: None,
            busy: None,
        }
    }

    pub fn actions(mut self, actions: Vec<RowAction<T>>) -> Self {
        self.actions = actions;
        self
    }

    /// A checkbox per row, for bulk actions; rows `allowed` refuses cannot be chosen.
    pub fn selection(mut self, chosen: RwSignal<BTreeSet<String>>, allowed: Allowed<T>) -> Self {
        self.selection = Some((chosen, Arc::new(allowed)));
        self
    }

    /// Rows whose action is in flight: their actions wait for it.
    pub fn busy(mut self, busy: RwSignal<BTreeSet<String>>) -> Self {
        self.busy = Some(busy);
        self
    }
}

/// A list paged by the cloud: what it asks, the API that reads it, the statuses to filter by.
#[derive(Clone, Copy)]
pub struct Paging {
    pub listing: RwSignal<Listing>,
    pub api: Api,
    pub statuses: &'static [&'static str],
}

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

/// The rows of a list by id, each its own signal: a new answer updates the rows that changed
/// and leaves the others alone.
struct KeyedRows<T: 'static> {
    ids: Memo<Vec<String>>,
    by_id: StoredValue<HashMap<String, ArcRwSignal<T>>>,
}

impl<T> Clone for KeyedRows<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T> Copy for KeyedRows<T> {}

impl<T: Resource + Clone + PartialEq + Send + Sync + 'static> KeyedRows<T> {
    fn new(live: Live<T>) -> Self {
        let by_id = StoredValue::new(HashMap::<String, ArcRwSignal<T>>::new());
        let ids = Memo::new(move |_| {
            live.list.with(|l| {
                let rows = l
                    .as_ref()
                    .and_then(|r| r.as_ref().ok())
                    .map(|p| p.items.as_slice())
                    .unwrap_or_default();
                let mut ids = Vec::with_capacity(rows.len());
                let mut seen = HashSet::with_capacity(rows.len());
                by_id.update_value(|by_id| {
                    let mut next = HashMap::with_capacity(rows.len());
                    for row in rows {
                        // A row met twice (a list that moved while "All" paged through it) is
                        // shown once: keys must be unique.
                        if !seen.insert(row.id()) {
                            continue;
                        }
                        let signal = match by_id.remove(row.id()) {
                            Some(signal) => {
                                if signal.with_untracked(|old| old != row) {
                                    signal.set(row.clone());
                                }
                                signal
                            }
                            None => ArcRwSignal::new(row.clone()),
                        };
                        next.insert(row.id().to_owned(), signal);
                        ids.push(row.id().to_owned());
                    }
                    *by_id = next;
                });
                ids
            })
        });
        Self { ids, by_id }
    }

    fn row(&self, id: &str) -> Option<ArcRwSignal<T>> {
        self.by_id.try_with_value(|m| m.get(id).cloned()).flatten()
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

/// A row action: disabled, with the reason on hover and for screen readers, when the row's
/// state does not allow it.
#[component]
pub fn ActionButton(
    #[prop(into)] label: Signal<String>,
    #[prop(into)] refusal: Signal<Option<Refusal>>,
    on_click: Callback<()>,
    #[prop(optional, into)] busy: Signal<bool>,
) -> impl IntoView {
    let i18n = use_i18n();
    let reason = move || refusal.with(|r| refusal_text(i18n, r));
    view! {
        <button
            type="button"
            class="row-action"
            disabled=move || refusal.with(Option::is_some) || busy.get()
            title=move || reason().unwrap_or_default()
            aria-description=reason
            on:click=move |_| on_click.run(())
        >
            {label}
        </button>
    }
}

/// A row's less common actions, behind "More": keeps rows of many actions narrow enough for
/// their table. The menu closes once one of its actions is chosen; it stays open while the list
/// refreshes, with its own row (rows are keyed by id).
#[component]
pub fn MoreActions(
    /// The row's name, so each "More" says whose actions it holds to a screen reader.
    #[prop(into)]
    name: Signal<String>,
    children: Children,
) -> impl IntoView {
    let i18n = use_i18n();
    let details = NodeRef::<leptos::html::Details>::new();
    let close = move |_| {
        if let Some(details) = details.get_untracked() {
            let _ = details.remove_attribute("open");
        }
    };
    view! {
        <details class="more-actions" node_ref=details>
            <summary aria-label=move || t_string!(i18n, list.more_actions_for, name = name.get()).to_string()>
                {t!(i18n, list.more_actions)}
            </summary>
            <div class="more-actions-menu" on:click=close>{children()}</div>
        </details>
    }
}
