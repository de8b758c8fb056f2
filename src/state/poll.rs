//! Live lists: while a row is in a transitional state the page asks again — one list call for the
//! whole page, never one per row — every few seconds. Polling pauses while the tab is hidden and
//! stops when the page is left (the interval belongs to the page's owner).

use std::time::Duration;

use leptos::prelude::*;

pub const EVERY: Duration = Duration::from_secs(2);

/// Calls `refetch` every [`EVERY`] while `busy` holds and the tab is visible.
pub fn while_busy(
    busy: impl Fn() -> bool + Send + Sync + 'static,
    refetch: impl Fn() + Send + Sync + 'static,
) {
    let handle = set_interval_with_handle(
        move || {
            let hidden = web_sys::window()
                .and_then(|w| w.document())
                .is_some_and(|d| d.hidden());
            if !hidden && busy() {
                refetch();
            }
        },
        EVERY,
    );
    if let Ok(handle) = handle {
        on_cleanup(move || handle.clear());
    }
}
