//! Compute → Instances: Nova servers, one list call per page (Nova filters, sorts and pages), the
//! image names from one Glance call. Row actions: Create Snapshot (workflow 1), Start, Stop.

use crate::components::confirm::ConfirmOne;
use crate::kit::live::names_by_id;
use crate::pages::openstack::instances::snapshot::SnapshotDialog;
use crate::prelude::*;
use nubo_cloud::openstack::Session;
use nubo_cloud::openstack::nova::Server;
use nubo_logic::allowed::nova;
use std::collections::BTreeSet;

const STATUSES: &[&str] = &["ACTIVE", "SHUTOFF", "PAUSED", "SUSPENDED", "ERROR", "BUILD"];
const SNAPSHOT_ALLOWED: &[&str] = &["ACTIVE", "SHUTOFF", "PAUSED", "SUSPENDED"];
const START_ALLOWED: &[&str] = &["SHUTOFF"];
const STOP_ALLOWED: &[&str] = &["ACTIVE", "ERROR"];

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
pub fn InstancesPage(scope: StoredValue<Scope>) -> impl IntoView {
    let sessions = Sessions::expect();
    let notifications = Notifications::expect();
    let i18n = use_i18n();
    let paging = Paging::new(Api::Nova, STATUSES);
    let servers = paged(scope, paging, |session: Session, query| async move {
        session.nova().servers(&query).await
    });
    // One Glance call names every image on the page.
    let image_names = names_by_id(scope, Api::Glance, |session: Session, query| async move {
        session.glance().images(&query).await
    });
    let snapshot_of = RwSignal::new(None::<Server>);
    let stopping = RwSignal::new(None::<Server>);
    // Servers whose start or stop is in flight: their actions wait for Nova's answer.
    let powering = RwSignal::new(BTreeSet::<String>::new());
    let power = move |start: bool, server: Server| {
        let scope = scope.get_value();
        powering.update(|p| {
            p.insert(server.id.clone());
        });
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
            powering.try_update(|p| p.remove(&id));
            match result {
                Ok(()) => servers.refetch(),
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
    let table = Table::new(
        "instances",
        vec![
            Column::new(
                |l| td_string!(l, common.name),
                move |s: &Server| {
                    let href = scope.with_value(|sc| sc.detail_url(Panel::Instances, &s.id));
                    link(href, s.name.clone())
                },
            )
            .row_header()
            .sorts_by("display_name"),
            columns::status().sorts_by("vm_state"),
            Column::new(
                |l| td_string!(l, instances.task),
                |s: &Server| s.task_state.clone().unwrap_or_default(),
            ),
            Column::new(
                |l| td_string!(l, common.image),
                move |s: &Server| match &s.image {
                    Some(image) => image_names
                        .with(|names| names.get(&image.id).cloned())
                        .unwrap_or_else(|| image.id.clone()),
                    None => t_string!(i18n, instances.boot_volume).to_owned(),
                },
            ),
            Column::new(
                |l| td_string!(l, instances.flavor),
                |s: &Server| {
                    s.flavor
                        .as_ref()
                        .and_then(|f| f.original_name.clone().or(f.id.clone()))
                        .unwrap_or_default()
                },
            ),
            Column::new(|l| td_string!(l, instances.addresses), addresses).mono(),
            columns::created(|s: &Server| s.created.as_deref()).sorts_by("created_at"),
        ],
    )
    .busy(powering)
    .actions(vec![
        RowAction::opens(
            |l| td_string!(l, instances.create_snapshot),
            nova(SNAPSHOT_ALLOWED),
            snapshot_of,
        ),
        RowAction::new(
            |l| td_string!(l, instances.start),
            nova(START_ALLOWED),
            move |s| power(true, s),
        ),
        RowAction::opens(
            |l| td_string!(l, instances.stop),
            nova(STOP_ALLOWED),
            stopping,
        ),
    ]);
    view! {
        <ListView live=servers table empty=tr!(i18n, instances.none) paging />
        <ConfirmOne
            target=stopping
            title=tr!(i18n, instances.stop_title)
            name=Callback::new(|s: Server| format!("{} ({})", s.name, s.id))
            consequence=tr!(i18n, instances.stop_consequence)
            action=tr!(i18n, instances.stop)
            command=Callback::new(|s: Server| Cli::new("openstack server stop").last(&s.id))
            on_confirm=Callback::new(move |s: Server| power(false, s))
            on_close=Callback::new(move |()| stopping.set(None))
        />
        <SnapshotDialog scope server=snapshot_of />
    }
}
