//! A modal dialog on the browser's own `<dialog>`: `showModal()` makes the rest of the page
//! inert (focus stays inside) and Escape closes it, with no focus-trap code of ours.

use leptos::{html, prelude::*};

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
        >
            <header class="dialog-header">
                <h2 id=heading_id>{title}</h2>
                <button
                    type="button"
                    class="icon-button"
                    aria-label="Close"
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
