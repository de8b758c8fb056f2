use leptos::prelude::*;
use leptos_router::{components::A, hooks::use_location};

#[component]
pub fn NotFound() -> impl IntoView {
    let path = use_location().pathname;
    view! {
        <header class="page-header">
            <h1>"Page not found"</h1>
        </header>
        <div class="panel">
            <p>"nubo has no page at " <code>{move || path.get()}</code> "."</p>
            <p>
                <A href="/">"Go to the list of clouds"</A>
            </p>
        </div>
    }
}
