//! The side navigation: every section and its panels, in the order of `Section::ALL`.

use crate::prelude::*;
use crate::shell::nav::{label, section_title};
use crate::state::scope::{self, Section};
use leptos_router::components::A;

#[component]
pub fn SideNav() -> impl IntoView {
    // Inside a scope, every link stays in it.
    let scope = scope::scope();
    let i18n = use_i18n();
    let link = move |panel: Panel| {
        let href = move || match scope.get() {
            Some(scope) => scope.url(panel),
            None => panel.path(),
        };
        let text = label(panel);
        view! {
            <li>
                <A href=href>{move || text(i18n.get_locale())}</A>
            </li>
        }
    };
    view! {
        <nav class="side-nav" aria-label=move || t_string!(i18n, nav.resources)>
            {Section::ALL
                .into_iter()
                .map(|section| {
                    let title = section_title(section);
                    view! {
                        <section class="nav-section">
                            <h2>{move || title(i18n.get_locale())}</h2>
                            <ul>{section.panels().map(link).collect_view()}</ul>
                        </section>
                    }
                })
                .collect_view()}
        </nav>
    }
}
