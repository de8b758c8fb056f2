//! The side navigation, built from the page table in `nav`.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::{nav::SECTIONS, scope};

#[component]
pub fn SideNav() -> impl IntoView {
    // Inside a scope, every link stays in it.
    let scope = scope::current();
    view! {
        <nav class="side-nav" aria-label="Resources">
            {SECTIONS
                .iter()
                .map(|section| {
                    view! {
                        <section class="nav-section">
                            <h2>{section.title}</h2>
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
                                                <A href=href>{page.label}</A>
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
