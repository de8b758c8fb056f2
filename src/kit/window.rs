//! Long tables render only the rows around the viewport: painting 5,000 instance rows took 1.6 s
//! (`cargo xtask bench render`), a window of them a few milliseconds. Rows must have a fixed
//! height (`--row-height` in the CSS of a `.windowed` table); spacer rows stand in for the rest,
//! so the scroll bar and `aria-rowcount` still tell the whole length.

use std::ops::Range;

use leptos::{ev, html, prelude::*};

/// Below this many rows a table renders them all (and the browser's find works on every row).
pub const FROM_ROWS: usize = 200;
/// The height of one row, in CSS pixels; `style/main.css` fixes `.windowed` rows to it.
pub const ROW_HEIGHT: f64 = 40.0;
/// Rows rendered beyond each edge of the viewport, so a fast scroll does not show blanks.
const OVERSCAN: usize = 20;

/// The rows of a `total`-row table body to render now: all of them for short tables, else those
/// in (or near) the viewport, following the window's scrolling and size.
pub fn visible_rows(tbody: NodeRef<html::Tbody>, total: Signal<usize>) -> Memo<Range<usize>> {
    let scroll = RwSignal::new(window().scroll_y().unwrap_or(0.0));
    let height = RwSignal::new(viewport_height());
    // Listened to whatever the length: a list that grows past FROM_ROWS starts windowing.
    let on_scroll = window_event_listener(ev::scroll, move |_| {
        if total.get_untracked() >= FROM_ROWS {
            scroll.set(window().scroll_y().unwrap_or(0.0))
        }
    });
    let on_resize = window_event_listener(ev::resize, move |_| height.set(viewport_height()));
    on_cleanup(move || {
        on_scroll.remove();
        on_resize.remove();
    });
    Memo::new(move |_| {
        let total = total.get();
        if total < FROM_ROWS {
            return 0..total;
        }
        let y = scroll.get();
        // Where the body starts in the document (the toolbar above it may change height).
        let top = tbody
            .get()
            .map(|body| body.get_bounding_client_rect().top() + window().scroll_y().unwrap_or(y))
            .unwrap_or(0.0);
        let first = ((y - top) / ROW_HEIGHT).floor().max(0.0) as usize;
        let shown = (height.get() / ROW_HEIGHT).ceil() as usize;
        let start = first.saturating_sub(OVERSCAN).min(total);
        let end = (first + shown + OVERSCAN).min(total);
        start..end
    })
}

fn viewport_height() -> f64 {
    window()
        .inner_height()
        .ok()
        .and_then(|h| h.as_f64())
        .unwrap_or(900.0)
}

/// A row standing in for `rows` rows that are not rendered.
pub fn spacer(rows: usize, columns: usize) -> impl IntoView {
    (rows > 0).then(|| {
        view! {
            <tr class="spacer" aria-hidden="true">
                <td colspan=columns style:height=format!("{}px", rows as f64 * ROW_HEIGHT)></td>
            </tr>
        }
    })
}
