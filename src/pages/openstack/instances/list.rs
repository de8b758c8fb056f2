//! Compute → Instances: Nova servers, one list call per page (Nova filters, sorts and pages), the
//! image names from one Glance call. Row actions: Create Snapshot (workflow 1), Start, Stop.

use std::collections::{BTreeMap, HashMap};

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;
use nubo_cloud::{
    CloudError, Service,
    openstack::{Page, Query, Session, nova::Server, paging::all_pages},
};

use crate::{
    components::{
        cli::{CliEquivalent, option, shell_word},
        confirm::ConfirmOne,
        dialog::Dialog,
        status::{StatusBadge, Tone, tone},
    },
    format::short_time,
    i18n::{t, t_string, tu_string, use_i18n},
    kit::{
        list::{self, ErrorPanel, FormActions, Refusal, refusal_text},
        window,
    },
    shell::notifications::{Level, Notifications},
    state::{poll, scope::Scope, session::Sessions},
    tr,
};

/// `ALL` follows Nova's pages of `NOVA_PAGE` (Nova's default `max_limit`): one list call per
/// thousand servers.
const PAGE_SIZES: &[u32] = &[20, 100, 500, 1000, ALL];
const ALL: u32 = 0;
const NOVA_PAGE: u32 = 1000;
/// Enough for 100,000 servers; a cloud answering more pages than that is looping.
const MAX_PAGES: usize = 100;
const STATUSES: &[&str] = &["ACTIVE", "SHUTOFF", "PAUSED", "SUSPENDED", "ERROR", "BUILD"];

/// Why a row action is not allowed now, or `None` when it is: each action declares the statuses
/// it is allowed in, and nothing is allowed while Nova is busy with the server.
fn refusal(server: &Server, allowed: &[&str]) -> Option<Refusal> {
    if let Some(task) = &server.task_state {
        return Some(Refusal::NovaBusy(task.clone()));
    }
    crate::kit::list::refusal(&server.status, allowed)
}

const SNAPSHOT_ALLOWED: &[&str] = &["ACTIVE", "SHUTOFF", "PAUSED", "SUSPENDED"];
const START_ALLOWED: &[&str] = &["SHUTOFF"];
const STOP_ALLOWED: &[&str] = &["ACTIVE", "ERROR"];

#[derive(Debug, Clone, PartialEq, Eq)]
struct Listing {
    name: String,
    status: String,
    sort_key: &'static str,
    descending: bool,
    page_size: u32,
    /// Markers of the pages before this one; the last is this page's.
    markers: Vec<String>,
}

impl Listing {
    fn query(&self) -> Query {
        let limit = if self.page_size == ALL {
            NOVA_PAGE
        } else {
            self.page_size
        };
        let mut query = Query::new().limit(limit);
        if let Some(marker) = self.markers.last() {
            query = query.marker(marker.clone());
        }
        if !self.name.is_empty() {
            query = query.filter("name", self.name.clone());
        }
        if !self.status.is_empty() {
            query = query.filter("status", self.status.clone());
        }
        query
            .filter("sort_key", self.sort_key)
            .filter("sort_dir", if self.descending { "desc" } else { "asc" })
    }
}

fn addresses(server: &Server) -> String {
    server
        .addresses
        .values()
        .flatten()
        .map(|a| a.addr.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

#[component]
pub fn InstancesPage(scope: Scope) -> impl IntoView {
    let sessions = Sessions::expect();
    let i18n = use_i18n();
    let listing = RwSignal::new(Listing {
        name: String::new(),
        status: String::new(),
        sort_key: "created_at",
        descending: true,
        page_size: 100,
        markers: Vec::new(),
    });
    let scope = StoredValue::new(scope);
    let steady = list::Steady::new();
    // Captured now: the fetcher may run again after the page is left (a refetch
    // just before navigating away), when the page's stored values are gone.
    let fetch_scope = scope.get_value();
    let servers = LocalResource::new(move || {
        let key = listing.get();
        let query = key.query();
        let all = key.page_size == ALL;
        let scope = fetch_scope.clone();
        async move {
            let result = sessions
                .run(&scope, |session: Session| {
                    let query = query.clone();
                    async move {
                        if !all {
                            return session.nova().servers(&query).await;
                        }
                        let session = &session;
                        let items = all_pages(Service::Nova, &query, MAX_PAGES, |q| async move {
                            session.nova().servers(&q).await
                        })
                        .await?;
                        Ok(Page {
                            items,
                            next_marker: None,
                        })
                    }
                })
                .await;
            steady.settle(&key, result)
        }
    });
    // One Glance call names every image on the page.
    let image_names = list::names_by_id(scope, |session: Session| async move {
        session.glance().images(&Query::new().limit(1000)).await
    });
    poll::while_busy(
        move || {
            servers
                .try_with_untracked(|s| {
                    s.as_ref()
                        .and_then(|r| r.as_ref().ok())
                        .is_some_and(|page| {
                            page.items
                                .iter()
                                .any(|s| s.task_state.is_some() || tone(&s.status) == Tone::Busy)
                        })
                })
                .unwrap_or(false)
                // Showing the last good answer after a passing failure: ask again until one comes.
                || steady.stale.try_with_untracked(Option::is_some).unwrap_or(false)
        },
        move || {
            if servers.try_with_untracked(|_| ()).is_some() {
                servers.refetch();
            }
        },
    );
    let snapshot_of = RwSignal::new(None::<Server>);

    let name_input = RwSignal::new(String::new());
    let apply_filter = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        listing.update(|l| {
            l.name = name_input.get_untracked().trim().to_owned();
            l.markers.clear();
        });
    };
    let sort_by = move |key: &'static str| {
        listing.update(|l| {
            if l.sort_key == key {
                l.descending = !l.descending;
            } else {
                l.sort_key = key;
                l.descending = false;
            }
            l.markers.clear();
        })
    };
    let sort_header = move |label: Signal<String>, key: &'static str| {
        let state = move || {
            listing.with(|l| match (l.sort_key == key, l.descending) {
                (false, _) => "none",
                (true, false) => "ascending",
                (true, true) => "descending",
            })
        };
        view! {
            <th scope="col" aria-sort=state>
                <button type="button" class="sort" on:click=move |_| sort_by(key)>
                    {label}
                    <span aria-hidden="true">
                        {move || match state() {
                            "ascending" => " ▲",
                            "descending" => " ▼",
                            _ => "",
                        }}
                    </span>
                </button>
            </th>
        }
    };

    view! {
        <div class="toolbar">
            <form class="filter" role="search" on:submit=apply_filter>
                <label class="field inline">
                    <span>{t!(i18n, common.name)}</span>
                    <input
                        type="search"
                        name="name-filter"
                        placeholder=move || t_string!(i18n, instances.filter_by_name)
                        prop:value=move || name_input.get()
                        on:input=move |ev| name_input.set(event_target_value(&ev))
                    />
                </label>
                <label class="field inline">
                    <span>{t!(i18n, common.status)}</span>
                    <select
                        name="status-filter"
                        on:change=move |ev| {
                            let status = event_target_value(&ev);
                            listing.update(|l| {
                                l.status = status;
                                l.markers.clear();
                            });
                        }
                    >
                        <option value="">{t!(i18n, instances.any)}</option>
                        {STATUSES.iter().map(|s| view! { <option value=*s>{*s}</option> }).collect_view()}
                    </select>
                </label>
                <button type="submit" class="secondary">{t!(i18n, instances.filter)}</button>
            </form>
            <button type="button" class="secondary" on:click=move |_| servers.refetch()>
                {t!(i18n, common.refresh)}
            </button>
        </div>
        <list::StaleNotice stale=steady.stale />
        <Transition fallback=move || view! { <p class="loading">{t!(i18n, instances.loading)}</p> }>
            {move || {
                servers
                    .get()
                    .map(|result| match result {
                        Err(error) => view! { <ErrorPanel error /> }.into_any(),
                        Ok(page) if page.items.is_empty() => {
                            view! { <div class="panel"><p>{t!(i18n, instances.none)}</p></div> }.into_any()
                        }
                        Ok(page) => {
                            let names = image_names.get().unwrap_or_default();
                            let next = page.next_marker.clone();
                            let shown = page.items.len();
                            let windowed = shown >= window::FROM_ROWS;
                            view! {
                                <table
                                    class="data-table instances"
                                    class:windowed=windowed
                                    aria-rowcount=shown + 1
                                >
                                    <thead>
                                        <tr>
                                            {sort_header(tr!(i18n, common.name), "display_name")}
                                            {sort_header(tr!(i18n, common.status), "vm_state")}
                                            <th scope="col">{t!(i18n, instances.task)}</th>
                                            <th scope="col">{t!(i18n, common.image)}</th>
                                            <th scope="col">{t!(i18n, instances.flavor)}</th>
                                            <th scope="col">{t!(i18n, instances.addresses)}</th>
                                            {sort_header(tr!(i18n, common.created), "created_at")}
                                            <th scope="col">{t!(i18n, common.actions)}</th>
                                        </tr>
                                    </thead>
                                    <InstanceRows
                                        servers=page.items
                                        names
                                        scope=scope.get_value()
                                        on_snapshot=Callback::new(move |s| snapshot_of.set(Some(s)))
                                        on_changed=Callback::new(move |_| servers.refetch())
                                    />
                                </table>
                                <Pager listing next shown />
                            }
                                .into_any()
                        }
                    })
            }}
        </Transition>
        <SnapshotDialog scope=scope.get_value() server=snapshot_of />
    }
}

/// The table body: every row of a short list, a window of a long one (see `window`).
#[component]
fn InstanceRows(
    servers: Vec<Server>,
    names: HashMap<String, String>,
    scope: Scope,
    on_snapshot: Callback<Server>,
    on_changed: Callback<()>,
) -> impl IntoView {
    const COLUMNS: usize = 8;
    let i18n = use_i18n();
    let total = servers.len();
    let servers = StoredValue::new(servers);
    let names = StoredValue::new(names);
    let scope = StoredValue::new(scope);
    let body = NodeRef::<leptos::html::Tbody>::new();
    let range = window::visible_rows(body, total);
    let row = move |index: usize| {
        let server = servers.with_value(|s| s[index].clone());
        let image = server
            .image
            .as_ref()
            .map(|i| {
                names
                    .with_value(|n| n.get(&i.id).cloned())
                    .unwrap_or_else(|| i.id.clone())
            })
            .unwrap_or_else(|| t_string!(i18n, instances.boot_volume).to_owned());
        let flavor = server
            .flavor
            .as_ref()
            .and_then(|f| f.original_name.clone().or(f.id.clone()))
            .unwrap_or_default();
        view! { <InstanceRow index server image flavor scope=scope.get_value() on_snapshot on_changed /> }
    };
    view! {
        <tbody node_ref=body>
            {move || window::spacer(range.get().start, COLUMNS)}
            <For each=move || range.get() key=|index| *index children=row />
            {move || window::spacer(total - range.get().end, COLUMNS)}
        </tbody>
    }
}

/// Previous and next page (by Nova's markers), the page size, and how many rows are shown.
#[component]
fn Pager(listing: RwSignal<Listing>, next: Option<String>, shown: usize) -> impl IntoView {
    let i18n = use_i18n();
    let has_previous = move || listing.with(|l| !l.markers.is_empty());
    let next = StoredValue::new(next);
    view! {
        <nav class="pager" aria-label=move || t_string!(i18n, instances.pages)>
            <button
                type="button"
                class="secondary"
                disabled=move || !has_previous()
                on:click=move |_| listing.update(|l| drop(l.markers.pop()))
            >
                {t!(i18n, instances.previous)}
            </button>
            <span>{move || t_string!(i18n, instances.page, number = listing.with(|l| l.markers.len() + 1))}</span>
            <span class="count" role="status">{move || t_string!(i18n, instances.count, count = shown)}</span>
            <button
                type="button"
                class="secondary"
                disabled=move || next.with_value(Option::is_none)
                on:click=move |_| {
                    if let Some(marker) = next.get_value() {
                        listing.update(|l| l.markers.push(marker));
                    }
                }
            >
                {t!(i18n, instances.next)}
            </button>
            <label class="field inline">
                <span>{t!(i18n, instances.per_page)}</span>
                <select
                    name="page-size"
                    on:change=move |ev| {
                        let size = event_target_value(&ev).parse().unwrap_or(100);
                        listing.update(|l| {
                            l.page_size = size;
                            l.markers.clear();
                        });
                    }
                >
                    {PAGE_SIZES
                        .iter()
                        .map(|n| {
                            view! {
                                <option value=n.to_string() selected=move || listing.with(|l| l.page_size == *n)>
                                    {move || if *n == ALL { t_string!(i18n, instances.all).to_owned() } else { n.to_string() }}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </label>
        </nav>
    }
}

#[component]
fn InstanceRow(
    /// The row's place in the whole list, for assistive technology when only a window is shown.
    index: usize,
    server: Server,
    image: String,
    flavor: String,
    scope: Scope,
    on_snapshot: Callback<Server>,
    on_changed: Callback<()>,
) -> impl IntoView {
    let sessions = Sessions::expect();
    let notifications = Notifications::expect();
    let i18n = use_i18n();
    let busy = RwSignal::new(false);
    let detail = scope.url(&format!("/compute/instances/{}", server.id));
    let name = server.name.clone();
    let power = move |start: bool, server: Server| {
        let scope = scope.clone();
        busy.set(true);
        leptos::task::spawn_local(async move {
            let id = server.id.clone();
            let result = sessions
                .run(&scope, |session: Session| {
                    let id = id.clone();
                    async move {
                        if start {
                            session.nova().start(&id).await
                        } else {
                            session.nova().stop(&id).await
                        }
                    }
                })
                .await;
            busy.set(false);
            match result {
                Ok(()) => on_changed.run(()),
                Err(error) => {
                    let title = if start {
                        tu_string!(i18n, instances.start_failed, name = &server.name)
                    } else {
                        tu_string!(i18n, instances.stop_failed, name = &server.name)
                    };
                    notifications.error(title, error.to_string());
                }
            }
        });
    };
    let action =
        move |label: Signal<String>, refused: Option<Refusal>, run: Box<dyn Fn() + Send + Sync>| {
            let disabled = refused.is_some();
            let reason = move || refusal_text(i18n, &refused);
            view! {
                <button
                    type="button"
                    class="row-action"
                    disabled=move || disabled || busy.get()
                    title=move || reason().unwrap_or_default()
                    on:click=move |_| run()
                >
                    {label}
                </button>
            }
        };
    let snapshot_refused = refusal(&server, SNAPSHOT_ALLOWED);
    let start_refused = refusal(&server, START_ALLOWED);
    let stop_refused = refusal(&server, STOP_ALLOWED);
    let (for_snapshot, for_start, for_stop) = (server.clone(), server.clone(), server.clone());
    let stopping = RwSignal::new(None::<Server>);
    let power_start = power.clone();
    view! {
        <tr data-id=server.id.clone() aria-rowindex=index + 2>
            <th scope="row"><A href=detail>{name}</A></th>
            <td>
                <StatusBadge status=server.status.clone() />
            </td>
            <td>{server.task_state.clone().unwrap_or_default()}</td>
            <td>{image}</td>
            <td>{flavor}</td>
            <td class="mono">{addresses(&server)}</td>
            <td>{short_time(server.created.as_deref())}</td>
            <td class="row-actions">
                {action(
                    tr!(i18n, instances.create_snapshot),
                    snapshot_refused,
                    Box::new(move || on_snapshot.run(for_snapshot.clone())),
                )}
                {action(tr!(i18n, instances.start), start_refused, Box::new(move || power_start(true, for_start.clone())))}
                {action(tr!(i18n, instances.stop), stop_refused, Box::new(move || stopping.set(Some(for_stop.clone()))))}
                <ConfirmOne
                    target=stopping
                    title=tr!(i18n, instances.stop_title)
                    name=Callback::new(|s: Server| format!("{} ({})", s.name, s.id))
                    consequence=tr!(i18n, instances.stop_consequence)
                    action=tr!(i18n, instances.stop)
                    command=Callback::new(|s: Server| format!("openstack server stop {}", shell_word(&s.id)))
                    on_confirm=Callback::new(move |s: Server| power(false, s))
                    on_close=Callback::new(move |()| stopping.set(None))
                />
            </td>
        </tr>
    }
}

/// Waits (polling every 2 s, at most 10 minutes) until the server is in `status` with no task.
async fn server_settles(session: &Session, id: &str, status: &str) -> Result<(), CloudError> {
    for _ in 0..300 {
        let server = session.nova().server(id).await?;
        if server.status == status && server.task_state.is_none() {
            return Ok(());
        }
        if server.status == "ERROR" {
            break;
        }
        gloo_timers::future::sleep(poll::EVERY).await;
    }
    Err(CloudError::new(
        nubo_cloud::ErrorKind::Unexpected,
        nubo_cloud::Service::Nova,
        format!("the instance did not reach {status}"),
    ))
}

#[component]
fn SnapshotDialog(scope: Scope, server: RwSignal<Option<Server>>) -> impl IntoView {
    let sessions = Sessions::expect();
    let notifications = Notifications::expect();
    let i18n = use_i18n();
    let navigate = use_navigate();
    let name = RwSignal::new(String::new());
    let stop_first = RwSignal::new(false);
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    Effect::new(move |_| {
        if let Some(s) = server.get() {
            let today = js_sys::Date::new_0()
                .to_iso_string()
                .as_string()
                .unwrap_or_default();
            name.set(format!(
                "{}-snapshot-{}",
                s.name,
                &today[..10.min(today.len())]
            ));
            stop_first.set(false);
            error.set(None);
        }
    });
    let open = Signal::derive(move || server.get().is_some());
    let title = Signal::derive(move || {
        server
            .get()
            .map(|s| t_string!(i18n, instances.snapshot_title, name = &s.name).to_string())
            .unwrap_or_default()
    });
    let command = Signal::derive(move || {
        let Some(s) = server.get() else {
            return String::new();
        };
        // The id: names are not unique in Nova, and one may start with `-`.
        let target = shell_word(&s.id);
        let create = format!(
            "openstack server image create {} {target}",
            option("--name", &name.get())
        );
        if stop_first.get() {
            format!(
                "openstack server stop {target}\n{create} --wait\nopenstack server start {target}"
            )
        } else {
            create
        }
    });
    let close = crate::kit::list::closer(busy, server);
    let scope = StoredValue::new(scope);
    let navigate = StoredValue::new(navigate);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(target) = server.get_untracked() else {
            return;
        };
        if busy.get_untracked() {
            return;
        }
        let image_name = name.get_untracked().trim().to_owned();
        let stop = stop_first.get_untracked() && target.status == "ACTIVE";
        busy.set(true);
        error.set(None);
        let scope = scope.get_value();
        leptos::task::spawn_local(async move {
            let id = target.id.clone();
            let created = sessions
                .run(&scope, |session: Session| {
                    let (id, image_name) = (id.clone(), image_name.clone());
                    async move {
                        if stop {
                            session.nova().stop(&id).await?;
                            server_settles(&session, &id, "SHUTOFF").await?;
                        }
                        session
                            .nova()
                            .create_image(&id, &image_name, &BTreeMap::new())
                            .await
                    }
                })
                .await;
            busy.set(false);
            match created {
                Ok(image_id) => {
                    server.set(None);
                    notifications.push(
                        Level::Success,
                        tu_string!(i18n, instances.snapshot_requested, name = &image_name),
                        Some(tu_string!(
                            i18n,
                            instances.snapshot_requested_detail,
                            id = &image_id
                        )),
                    );
                    if stop {
                        // Start again once Nova has finished with the disk.
                        let scope = scope.clone();
                        leptos::task::spawn_local(async move {
                            let restarted = sessions
                                .run(&scope, |session: Session| {
                                    let id = id.clone();
                                    async move {
                                        server_settles(&session, &id, "SHUTOFF").await?;
                                        session.nova().start(&id).await
                                    }
                                })
                                .await;
                            if let Err(e) = restarted {
                                notifications.error(
                                    tu_string!(i18n, instances.restart_failed, name = &target.name),
                                    e.to_string(),
                                );
                            }
                        });
                    }
                    navigate
                        .try_with_value(|go| go(&scope.url("/compute/images"), Default::default()));
                }
                Err(e) => error.set(Some(e.to_string())),
            }
        });
    };
    let can_stop = move || server.get().is_some_and(|s| s.status == "ACTIVE");
    view! {
        <Dialog title open on_close=close>
            <form class="form" on:submit=submit>
                <label class="field">
                    <span>{t!(i18n, instances.snapshot_name)}</span>
                    <input
                        type="text"
                        name="snapshot-name"
                        required
                        prop:value=move || name.get()
                        on:input=move |ev| name.set(event_target_value(&ev))
                    />
                </label>
                <Show when=can_stop>
                    <label class="check">
                        <input
                            type="checkbox"
                            name="stop-first"
                            prop:checked=move || stop_first.get()
                            on:change=move |ev| stop_first.set(event_target_checked(&ev))
                        />
                        {t!(i18n, instances.stop_first)}
                    </label>
                </Show>
                <CliEquivalent command />
                <Show when=move || error.get().is_some()>
                    <p class="form-error" role="alert">{move || error.get()}</p>
                </Show>
                <FormActions label=tr!(i18n, instances.create_snapshot) busy on_cancel=close />
            </form>
        </Dialog>
    }
}
