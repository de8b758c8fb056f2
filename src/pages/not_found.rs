use crate::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_location;

#[component]
pub fn NotFound() -> impl IntoView {
    let path = use_location().pathname;
    let i18n = use_i18n();
    view! {
        <header class="page-header">
            <h1>{t!(i18n, not_found.title)}</h1>
        </header>
        <div class="panel">
            <p>{t!(i18n, not_found.before)} <code>{move || path.get()}</code> {t!(i18n, not_found.after)}</p>
            <p>
                <A href="/">{t!(i18n, not_found.home)}</A>
            </p>
        </div>
    }
}
