//! The side navigation, built from the page table in `nav`.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::nav::SECTIONS;

#[component]
pub fn SideNav() -> impl IntoView {
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
                                        view! {
                                            <li>
                                                <A href=page.path>{page.label}</A>
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
