//! A modal dialog on the browser's own `<dialog>`: `showModal()` makes the rest of the page
//! inert and Escape closes it. Tab still leaves a native dialog for the browser's own controls
//! at its last field; `wrap_focus` keeps it going round inside instead.

use leptos::{html, prelude::*};
use wasm_bindgen::JsCast;

use crate::i18n::{t_string, use_i18n};

const FOCUSABLE: &str = "button:not([disabled]), [href], input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex='-1'])";

/// Tab from the last control goes to the first, Shift+Tab from the first to the last.
fn wrap_focus(dialog: &web_sys::HtmlDialogElement, ev: &leptos::ev::KeyboardEvent) {
    if ev.key() != "Tab" {
        return;
    }
    let Ok(list) = dialog.query_selector_all(FOCUSABLE) else {
        return;
    };
    let controls: Vec<web_sys::HtmlElement> = (0..list.length())
        .filter_map(|i| list.item(i)?.dyn_into::<web_sys::HtmlElement>().ok())
        .filter(|e| e.offset_parent().is_some())
        .collect();
    let (Some(first), Some(last)) = (controls.first(), controls.last()) else {
        return;
    };
    let active = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.active_element());
    let is =
        |e: &web_sys::HtmlElement| active.as_ref() == Some(e.unchecked_ref::<web_sys::Element>());
    if ev.shift_key() && is(first) {
        ev.prevent_default();
        let _ = last.focus();
    } else if !ev.shift_key() && is(last) {
        ev.prevent_default();
        let _ = first.focus();
    }
}

#[component]
pub fn Dialog(
    /// The heading, also the dialog's accessible name.
    #[prop(into)]
    title: Signal<String>,
    #[prop(into)] open: Signal<bool>,
    /// Called on Escape and on the close button.
    on_close: Callback<()>,
    children: ChildrenFn,
) -> impl IntoView {
    let i18n = use_i18n();
    let node = NodeRef::<html::Dialog>::new();
    let heading_id = format!("dialog-{}", next_id());
    Effect::new(move |_| {
        let Some(dialog) = node.get() else { return };
        if open.get() {
            if !dialog.open() {
                let _ = dialog.show_modal();
            }
        } else if dialog.open() {
            dialog.close();
        }
    });
    let children = StoredValue::new(children);
    let labelled_by = heading_id.clone();
    view! {
        <dialog
            node_ref=node
            class="dialog"
            aria-labelledby=labelled_by
            on:cancel=move |ev: leptos::ev::Event| {
                ev.prevent_default();
                on_close.run(());
            }
            on:keydown=move |ev: leptos::ev::KeyboardEvent| {
                if let Some(dialog) = node.get() {
                    wrap_focus(&dialog, &ev);
                }
            }
        >
            <header class="dialog-header">
                <h2 id=heading_id>{title}</h2>
                <button
                    type="button"
                    class="icon-button"
                    aria-label=move || t_string!(i18n, common.close)
                    on:click=move |_| on_close.run(())
                >
                    "×"
                </button>
            </header>
            <Show when=move || open.get()>{move || children.with_value(|c| c())}</Show>
        </dialog>
    }
}

fn next_id() -> u64 {
    thread_local! {
        static NEXT: std::cell::Cell<u64> = const { std::cell::Cell::new(1) };
    }
    NEXT.with(|n| {
        let id = n.get();
        n.set(id + 1);
        id
    })
}
