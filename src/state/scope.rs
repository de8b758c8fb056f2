//! Where the user is, read from the URL: the typed routes of `nubo_logic::route` (cloud, tenant
//! and region are the first three segments of every resource URL, so a link opens the same view
//! for whoever follows it and a reload keeps it).

use leptos::prelude::*;
use leptos_router::hooks::use_location;
pub use nubo_logic::route::{Panel, Route, Scope, Section, Tenant};

/// What the current URL shows, for every component (routes, top bar, navigation).
pub fn current() -> Memo<Route> {
    let location = use_location();
    Memo::new(move |_| location.pathname.with(|path| Route::parse(path)))
}

/// The scope of the current URL, if it has one; it changes only when the scope does, not when
/// the page within it does.
pub fn scope() -> Memo<Option<Scope>> {
    let route = current();
    Memo::new(move |_| route.with(|r| r.scope().cloned()))
}
