//! One row of a list page's table: the thin layer that knows the resource type turns the row
//! into its parts (cells, check, actions), closures over the row's signal; the view takes only
//! those parts, so it is compiled once for every resource.

use std::{collections::BTreeSet, sync::Arc};

use leptos::prelude::*;
use nubo_cloud::Resource;

use crate::{
    i18n::{t_string, use_i18n},
    kit::{
        actions::{ActionButton, MoreActions},
        keyed::KeyedRows,
        refusal::{Refusal, refusal_text},
        table::{RowAction, Table, label},
    },
    shell::nav::Text,
};

type Shows = Arc<dyn Fn() -> AnyView + Send + Sync>;
/// The chosen rows, and why this one may not be chosen.
type Check = (RwSignal<BTreeSet<String>>, Signal<Option<Refusal>>);

/// A row, with the resource type gone: each part reads the row's signal itself.
pub struct RowParts {
    id: String,
    position: Signal<Option<usize>>,
    name: Signal<String>,
    /// Each cell's content, and whether it is the row's header, and its class.
    cells: Vec<(Shows, bool, &'static str)>,
    check: Option<Check>,
    inline: Vec<ActionParts>,
    more: Vec<ActionParts>,
}

struct ActionParts {
    label: Text,
    refusal: Signal<Option<Refusal>>,
    busy: Signal<bool>,
    run: Callback<()>,
}

pub fn parts<T>(id: String, row: ArcRwSignal<T>, rows: KeyedRows<T>, table: &Table<T>) -> RowParts
where
    T: Resource + Clone + PartialEq + Send + Sync + 'static,
{
    let position = {
        let id = id.clone();
        Signal::derive(move || rows.positions.with(|p| p.get(&id).copied()))
    };
    let name = {
        let row = row.clone();
        Signal::derive(move || row.with(label))
    };
    let cells = table
        .columns
        .iter()
        .map(|column| {
            let (cell, row) = (column.cell.clone(), row.clone());
            let shows: Shows = Arc::new(move || row.with(|r| cell(r)));
            (shows, column.row_header, column.class)
        })
        .collect();
    let check = table.selection.clone().map(|(chosen, allowed)| {
        let row = row.clone();
        (
            chosen,
            Signal::derive(move || row.with(|r| allowed.refusal(r))),
        )
    });
    let busy = table.busy.map(|busy| {
        let id = id.clone();
        Signal::derive(move || busy.with(|b| b.contains(&id)))
    });
    let action = |action: &RowAction<T>| {
        let (allowed, run) = (action.allowed.clone(), action.run.clone());
        let (checked, taken) = (row.clone(), row.clone());
        ActionParts {
            label: action.label,
            refusal: Signal::derive(move || checked.with(|r| allowed.refusal(r))),
            busy: busy.unwrap_or_default(),
            run: Callback::new(move |_| run(taken.get_untracked())),
        }
    };
    RowParts {
        id,
        position,
        name,
        cells,
        check,
        inline: table
            .actions
            .iter()
            .filter(|a| !a.more)
            .map(action)
            .collect(),
        more: table
            .actions
            .iter()
            .filter(|a| a.more)
            .map(action)
            .collect(),
    }
}

#[component]
pub fn RowView(parts: RowParts) -> impl IntoView {
    let i18n = use_i18n();
    let RowParts {
        id,
        position,
        name,
        cells,
        check,
        inline,
        more,
    } = parts;
    let check = check.map(|(chosen, refused)| {
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
    let cells = cells
        .into_iter()
        .map(|(shows, row_header, class)| {
            let content = move || shows();
            if row_header {
                view! { <th scope="row" class=class>{content}</th> }.into_any()
            } else {
                view! { <td class=class>{content}</td> }.into_any()
            }
        })
        .collect_view();
    let button = |action: ActionParts| {
        let text = action.label;
        view! {
            <ActionButton
                label=Signal::derive(move || text(i18n.get_locale()).to_owned())
                refusal=action.refusal
                busy=action.busy
                on_click=action.run
            />
        }
    };
    let any = !inline.is_empty() || !more.is_empty();
    let actions = any.then(|| {
        let inline = inline.into_iter().map(button).collect_view();
        let more: Vec<_> = more.into_iter().map(button).collect();
        let more = (!more.is_empty()).then(|| view! { <MoreActions name>{more}</MoreActions> });
        view! { <td class="row-actions">{inline}{more}</td> }
    });
    view! {
        <tr data-id=id aria-rowindex=move || position.get().map(|p| p + 2)>
            {check}
            {cells}
            {actions}
        </tr>
    }
}
