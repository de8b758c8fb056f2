//! The columns most lists have, declared once: the name that opens the detail, the status, the
//! creation time.

use leptos::prelude::*;
use nubo_cloud::Resource;

use crate::{
    components::status::StatusBadge,
    format::short_time,
    i18n::td_string,
    kit::table::{Column, label, link},
    state::scope::{Panel, Scope},
};

/// The row's name (its id when it has none), which names the row and opens its detail at
/// `panel`; sorted by the cloud's `name`.
pub fn name<T: Resource + 'static>(scope: StoredValue<Scope>, panel: Panel) -> Column<T> {
    Column::new(
        |l| td_string!(l, common.name),
        move |r: &T| {
            let href = scope.with_value(|s| s.detail_url(panel, r.id()));
            link(href, label(r))
        },
    )
    .row_header()
    .sorts_by("name")
}

/// The status, as a badge of its tone.
pub fn status<T: Resource + 'static>() -> Column<T> {
    Column::new(
        |l| td_string!(l, common.status),
        |r: &T| view! { <StatusBadge status=r.status().to_owned() /> },
    )
}

/// When it was created, to the minute.
pub fn created<T: 'static>(at: fn(&T) -> Option<&str>) -> Column<T> {
    Column::new(
        |l| td_string!(l, common.created),
        move |r: &T| short_time(at(r)),
    )
}
