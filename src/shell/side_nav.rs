//! The side navigation, built from the page table in `nav`.

use crate::prelude::*;
use crate::shell::nav::SECTIONS;
use crate::state::scope;
use leptos_router::components::A;

#[component]
pub fn SideNav() -> impl IntoView {
    // Inside a scope, every link stays in it.
    let scope = scope::current();
    let i18n = use_i18n();
    view! {
        <nav class="side-nav" aria-label=move || t_string!(i18n, nav.resources)>
            {SECTIONS
                .iter()
                .map(|section| {
                    view! {
                        <section class="nav-section">
                            <h2>{move || (section.title)(i18n.get_locale())}</h2>
                            <ul>
                                {section
                                    .pages
                                    .iter()
                                    .map(|page| {
                                        let href = move || match scope.get() {
                                            Some(scope) => scope.url(page.path),
                                            None => page.path.to_owned(),
                                        };
                                        view! {
                                            <li>
                                                <A href=href>{move || (page.label)(i18n.get_locale())}</A>
                                            </li>
                                        }
                                    })
                                    .collect_view()}
                            </ul>
                        </section>
                    }
                })
                .collect_view()}
        </nav>
    }
}
