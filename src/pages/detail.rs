//! The detail view of one resource (`…/{section}/{page}/{id}`): every field the cloud gave,
//! followed live while the resource is in a transitional state, with a link back to its list.

use leptos::prelude::*;
use leptos_router::components::A;
use nubo_cloud::{CloudError, Resource, openstack::Session};

use crate::{
    components::status::{StatusBadge, Tone, tone},
    format::{bytes, short_time},
    pages::list::ErrorPanel,
    poll,
    scope::Scope,
    session::Sessions,
};

/// Label and value of each field shown, in order.
type Fields = Vec<(&'static str, String)>;

fn opt(value: &Option<String>) -> String {
    value.clone().unwrap_or_default()
}

async fn fetch(
    session: Session,
    page: &str,
    id: &str,
) -> Result<(String, String, Fields), CloudError> {
    Ok(match page {
        "/compute/instances" => {
            let s = session.nova().server(id).await?;
            let addresses = s
                .addresses
                .iter()
                .map(|(net, list)| {
                    format!(
                        "{net}: {}",
                        list.iter()
                            .map(|a| a.addr.as_str())
                            .collect::<Vec<_>>()
                            .join(", ")
                    )
                })
                .collect::<Vec<_>>()
                .join("; ");
            let fields = vec![
                ("ID", s.id.clone()),
                ("Task", opt(&s.task_state)),
                (
                    "Image",
                    s.image
                        .as_ref()
                        .map(|i| i.id.clone())
                        .unwrap_or_else(|| "(boot volume)".into()),
                ),
                (
                    "Flavor",
                    s.flavor
                        .as_ref()
                        .and_then(|f| f.original_name.clone().or(f.id.clone()))
                        .unwrap_or_default(),
                ),
                ("Addresses", addresses),
                ("Availability zone", opt(&s.availability_zone)),
                ("Key pair", opt(&s.key_name)),
                (
                    "Volumes attached",
                    s.volumes_attached
                        .iter()
                        .map(|v| v.id.as_str())
                        .collect::<Vec<_>>()
                        .join(", "),
                ),
                (
                    "Locked",
                    s.locked
                        .map(|l| if l { "Yes" } else { "No" }.to_owned())
                        .unwrap_or_default(),
                ),
                ("Description", opt(&s.description)),
                ("Created", short_time(s.created.as_deref())),
                ("Updated", short_time(s.updated.as_deref())),
                (
                    "Fault",
                    s.fault
                        .as_ref()
                        .map(|f| f.message.clone())
                        .unwrap_or_default(),
                ),
            ];
            (s.name().to_owned(), s.status.clone(), fields)
        }
        "/compute/images" => {
            let i = session.glance().image(id).await?;
            let fields = vec![
                ("ID", i.id.clone()),
                (
                    "Type",
                    if i.is_snapshot() {
                        "Instance snapshot"
                    } else {
                        "Image"
                    }
                    .to_owned(),
                ),
                ("Size", bytes(i.size)),
                ("Disk format", opt(&i.disk_format)),
                ("Container format", opt(&i.container_format)),
                ("Visibility", opt(&i.visibility)),
                (
                    "Protected",
                    if i.protected { "Yes" } else { "No" }.to_owned(),
                ),
                (
                    "Minimum disk",
                    i.min_disk.map(|d| format!("{d} GiB")).unwrap_or_default(),
                ),
                (
                    "Minimum RAM",
                    i.min_ram.map(|r| format!("{r} MiB")).unwrap_or_default(),
                ),
                ("Source instance", opt(&i.instance_uuid)),
                ("Owner", opt(&i.owner)),
                ("Checksum", opt(&i.checksum)),
                ("Created", short_time(i.created_at.as_deref())),
                ("Updated", short_time(i.updated_at.as_deref())),
            ];
            (i.name().to_owned(), i.status.clone(), fields)
        }
        "/volumes/volumes" => {
            let v = session.cinder().volume(id).await?;
            let fields = vec![
                ("ID", v.id.clone()),
                ("Size", format!("{} GiB", v.size)),
                ("Type", opt(&v.volume_type)),
                ("Bootable", opt(&v.bootable)),
                (
                    "Attached to",
                    v.attachments
                        .iter()
                        .map(|a| format!("{} on {}", opt(&a.server_id), opt(&a.device)))
                        .collect::<Vec<_>>()
                        .join(", "),
                ),
                ("Availability zone", opt(&v.availability_zone)),
                ("From snapshot", opt(&v.snapshot_id)),
                (
                    "Encrypted",
                    v.encrypted
                        .map(|e| if e { "Yes" } else { "No" }.to_owned())
                        .unwrap_or_default(),
                ),
                ("Description", opt(&v.description)),
                ("Created", short_time(v.created_at.as_deref())),
            ];
            (v.name().to_owned(), v.status.clone(), fields)
        }
        "/volumes/snapshots" => {
            let s = session.cinder().snapshot(id).await?;
            let fields = vec![
                ("ID", s.id.clone()),
                ("Volume", s.volume_id.clone()),
                ("Size", format!("{} GiB", s.size)),
                ("Progress", opt(&s.progress)),
                ("Description", opt(&s.description)),
                ("Created", short_time(s.created_at.as_deref())),
            ];
            (s.name().to_owned(), s.status.clone(), fields)
        }
        "/volumes/backups" => {
            let b = session.cinder().backup(id).await?;
            let fields = vec![
                ("ID", b.id.clone()),
                ("Volume", opt(&b.volume_id)),
                ("Snapshot", opt(&b.snapshot_id)),
                (
                    "Size",
                    b.size.map(|s| format!("{s} GiB")).unwrap_or_default(),
                ),
                (
                    "Incremental",
                    if b.is_incremental == Some(true) {
                        "Yes"
                    } else {
                        "No"
                    }
                    .to_owned(),
                ),
                (
                    "Has dependent backups",
                    if b.has_dependent_backups == Some(true) {
                        "Yes"
                    } else {
                        "No"
                    }
                    .to_owned(),
                ),
                ("Container", opt(&b.container)),
                (
                    "Objects",
                    b.object_count.map(|c| c.to_string()).unwrap_or_default(),
                ),
                ("Data as of", short_time(b.data_timestamp.as_deref())),
                ("Failure reason", opt(&b.fail_reason)),
                ("Description", opt(&b.description)),
                ("Created", short_time(b.created_at.as_deref())),
            ];
            (b.name().to_owned(), b.status.clone(), fields)
        }
        _ => {
            return Err(CloudError::new(
                nubo_cloud::ErrorKind::NotFound,
                nubo_cloud::Service::Proxy,
                "this page has no detail view",
            ));
        }
    })
}

#[component]
pub fn DetailPage(scope: Scope, page: String, id: String) -> impl IntoView {
    let sessions = Sessions::expect();
    let back = scope.url(&page);
    let scope = StoredValue::new(scope);
    let (page, id) = (StoredValue::new(page), StoredValue::new(id));
    let detail = LocalResource::new(move || {
        let scope = scope.get_value();
        let (page, id) = (page.get_value(), id.get_value());
        async move {
            sessions
                .run(&scope, |session: Session| {
                    let (page, id) = (page.clone(), id.clone());
                    async move { fetch(session, &page, &id).await }
                })
                .await
        }
    });
    poll::while_busy(
        move || {
            detail
                .try_with_untracked(|d| {
                    d.as_ref()
                        .and_then(|r| r.as_ref().ok())
                        .is_some_and(|(_, status, _)| tone(status) == Tone::Busy)
                })
                .unwrap_or(false)
        },
        move || {
            if detail.try_with_untracked(|_| ()).is_some() {
                detail.refetch();
            }
        },
    );
    view! {
        <p>
            <A href=back>"← Back to the list"</A>
        </p>
        <Transition fallback=|| view! { <p class="loading">"Loading…"</p> }>
            {move || {
                detail
                    .get()
                    .map(|result| match result {
                        Err(error) => view! { <ErrorPanel error /> }.into_any(),
                        Ok((name, status, fields)) => view! {
                            <section class="panel detail" aria-label="Details">
                                <h2>{name}" " <StatusBadge status /></h2>
                                <dl>
                                    {fields
                                        .into_iter()
                                        .filter(|(_, value)| !value.is_empty())
                                        .map(|(label, value)| view! { <dt>{label}</dt><dd>{value}</dd> })
                                        .collect_view()}
                                </dl>
                            </section>
                        }
                        .into_any(),
                    })
            }}
        </Transition>
    }
}
