//! The detail view of one resource (`…/{section}/{page}/{id}`): every field the cloud gave,
//! followed live while the resource is in a transitional state, with a link back to its list.

use crate::components::status::{StatusBadge, Tone, tone};
use crate::format::{bytes, short_time, yes_no_in};
use crate::kit::list_view::ErrorPanel;
use crate::kit::live::{StaleNotice, Steady};
use crate::prelude::*;
use crate::state::poll;
use leptos_router::components::A;
use nubo_cloud::openstack::Session;
use nubo_cloud::{CloudError, Resource};

/// Label and value of each field shown, in order.
pub type Fields = Vec<(&'static str, String)>;

/// What a detail view shows: the resource's name and status, its fields, then sections of
/// what the fields cannot hold (links to related resources, every property as given).
#[derive(Clone)]
pub struct Detail {
    pub name: String,
    pub status: String,
    pub fields: Fields,
    pub sections: Vec<Section>,
}

impl From<(String, String, Fields)> for Detail {
    fn from((name, status, fields): (String, String, Fields)) -> Self {
        Self {
            name,
            status,
            fields,
            sections: Vec::new(),
        }
    }
}

/// A titled list of labelled values, each a text or a link.
#[derive(Clone)]
pub struct Section {
    pub title: String,
    pub lead: Option<String>,
    pub rows: Vec<(String, Cell)>,
}

#[derive(Clone)]
pub enum Cell {
    Text(String),
    Link { href: String, text: String },
}

/// A property's value as Glance gave it: strings as they are, anything else as JSON.
fn property_text(value: &serde_json::Value) -> String {
    match value {
        serde_json::Value::String(text) => text.clone(),
        other => other.to_string(),
    }
}

/// A volume-backed snapshot's Cinder snapshots, each linked to its detail and named with its
/// status as Cinder says it now (or that it is gone: launching the image then fails).
async fn volume_backing(
    session: &Session,
    scope: &Scope,
    image: &nubo_cloud::openstack::glance::Image,
    l: Locale,
) -> Section {
    let devices = &image.block_devices;
    let cinder = session.cinder();
    let found = futures::future::join_all(devices.iter().map(|d| {
        let id = d.snapshot_id.clone().unwrap_or_default();
        let cinder = &cinder;
        async move { cinder.snapshot(&id).await }
    }))
    .await;
    let rows = devices
        .iter()
        .zip(found)
        .map(|(device, snapshot)| {
            let id = device.snapshot_id.clone().unwrap_or_default();
            let device_name = device.device_name.clone().unwrap_or_else(|| id.clone());
            let cell = match snapshot {
                Ok(snapshot) => Cell::Link {
                    href: scope.detail_url(Panel::VolumeSnapshots, &id),
                    text: td_string!(
                        l,
                        images.backing_snapshot,
                        name = label(&snapshot),
                        status = &snapshot.status,
                        size = snapshot.size
                    )
                    .to_string(),
                },
                Err(error) => Cell::Text(
                    td_string!(
                        l,
                        images.backing_missing,
                        id = &id,
                        error = error.to_string()
                    )
                    .to_string(),
                ),
            };
            (device_name, cell)
        })
        .collect();
    Section {
        title: td_string!(l, images.volume_backed).to_owned(),
        lead: Some(td_string!(l, images.volume_backed_lead).to_owned()),
        rows,
    }
}

fn opt(value: &Option<String>) -> String {
    value.clone().unwrap_or_default()
}

async fn fetch(
    session: Session,
    scope: &Scope,
    panel: Panel,
    id: &str,
    l: Locale,
) -> Result<Detail, CloudError> {
    Ok(match panel {
        Panel::Instances => {
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
                (td_string!(l, detail.id), s.id.clone()),
                (td_string!(l, detail.task), opt(&s.task_state)),
                (
                    td_string!(l, detail.image),
                    s.image
                        .as_ref()
                        .map(|i| i.id.clone())
                        .unwrap_or_else(|| td_string!(l, instances.boot_volume).to_owned()),
                ),
                (
                    td_string!(l, detail.flavor),
                    s.flavor
                        .as_ref()
                        .and_then(|f| f.original_name.clone().or(f.id.clone()))
                        .unwrap_or_default(),
                ),
                (td_string!(l, detail.addresses), addresses),
                (
                    td_string!(l, detail.availability_zone),
                    opt(&s.availability_zone),
                ),
                (td_string!(l, detail.key_pair), opt(&s.key_name)),
                (
                    td_string!(l, detail.volumes_attached),
                    s.volumes_attached
                        .iter()
                        .map(|v| v.id.as_str())
                        .collect::<Vec<_>>()
                        .join(", "),
                ),
                (
                    td_string!(l, detail.locked),
                    s.locked
                        .map(|locked| yes_no_in(l, locked).to_owned())
                        .unwrap_or_default(),
                ),
                (td_string!(l, detail.description), opt(&s.description)),
                (
                    td_string!(l, detail.created),
                    short_time(s.created.as_deref()),
                ),
                (
                    td_string!(l, detail.updated),
                    short_time(s.updated.as_deref()),
                ),
                (
                    td_string!(l, detail.fault),
                    s.fault
                        .as_ref()
                        .map(|f| f.message.clone())
                        .unwrap_or_default(),
                ),
            ];
            (s.name().to_owned(), s.status.clone(), fields).into()
        }
        Panel::Images => {
            let i = session.glance().image(id).await?;
            let fields = vec![
                (td_string!(l, detail.id), i.id.clone()),
                (
                    td_string!(l, detail.kind),
                    if i.is_volume_backed() {
                        td_string!(l, images.volume_backed_snapshot)
                    } else if i.is_snapshot() {
                        td_string!(l, detail.instance_snapshot)
                    } else {
                        td_string!(l, common.image)
                    }
                    .to_owned(),
                ),
                (
                    td_string!(l, detail.size),
                    if i.is_volume_backed() {
                        td_string!(l, images.size_in_cinder, count = i.block_devices.len())
                            .to_string()
                    } else {
                        bytes(i.size)
                    },
                ),
                (td_string!(l, detail.disk_format), opt(&i.disk_format)),
                (
                    td_string!(l, detail.container_format),
                    opt(&i.container_format),
                ),
                (td_string!(l, detail.visibility), opt(&i.visibility)),
                (
                    td_string!(l, detail.protected),
                    yes_no_in(l, i.protected).to_owned(),
                ),
                (
                    td_string!(l, detail.min_disk),
                    i.min_disk
                        .map(|size| td_string!(l, common.gib, size).to_string())
                        .unwrap_or_default(),
                ),
                (
                    td_string!(l, detail.min_ram),
                    i.min_ram
                        .map(|size| td_string!(l, detail.mib, size).to_string())
                        .unwrap_or_default(),
                ),
                (td_string!(l, detail.source_instance), opt(&i.instance_uuid)),
                (td_string!(l, detail.owner), opt(&i.owner)),
                (td_string!(l, detail.checksum), opt(&i.checksum)),
                (
                    td_string!(l, detail.created),
                    short_time(i.created_at.as_deref()),
                ),
                (
                    td_string!(l, detail.updated),
                    short_time(i.updated_at.as_deref()),
                ),
            ];
            let mut detail: Detail = (i.name().to_owned(), i.status.clone(), fields).into();
            if i.is_volume_backed() {
                detail
                    .sections
                    .push(volume_backing(&session, scope, &i, l).await);
            }
            detail.sections.push(Section {
                title: td_string!(l, images.properties).to_owned(),
                lead: None,
                rows: i
                    .properties
                    .iter()
                    .map(|(key, value)| (key.clone(), Cell::Text(property_text(value))))
                    .collect(),
            });
            detail
        }
        Panel::Volumes => {
            let v = session.cinder().volume(id).await?;
            let fields = vec![
                (td_string!(l, detail.id), v.id.clone()),
                (
                    td_string!(l, detail.size),
                    td_string!(l, common.gib, size = v.size).to_string(),
                ),
                (td_string!(l, detail.kind), opt(&v.volume_type)),
                (td_string!(l, detail.bootable), opt(&v.bootable)),
                (
                    td_string!(l, detail.attached_to),
                    v.attachments
                        .iter()
                        .map(|a| {
                            td_string!(
                                l,
                                volumes.attached_on,
                                server = opt(&a.server_id),
                                device = opt(&a.device)
                            )
                            .to_string()
                        })
                        .collect::<Vec<_>>()
                        .join(", "),
                ),
                (
                    td_string!(l, detail.availability_zone),
                    opt(&v.availability_zone),
                ),
                (td_string!(l, detail.from_snapshot), opt(&v.snapshot_id)),
                (
                    td_string!(l, detail.encrypted),
                    v.encrypted
                        .map(|e| yes_no_in(l, e).to_owned())
                        .unwrap_or_default(),
                ),
                (td_string!(l, detail.description), opt(&v.description)),
                (
                    td_string!(l, detail.created),
                    short_time(v.created_at.as_deref()),
                ),
            ];
            (v.name().to_owned(), v.status.clone(), fields).into()
        }
        Panel::VolumeSnapshots => {
            let s = session.cinder().snapshot(id).await?;
            let fields = vec![
                (td_string!(l, detail.id), s.id.clone()),
                (td_string!(l, detail.volume), s.volume_id.clone()),
                (
                    td_string!(l, detail.size),
                    td_string!(l, common.gib, size = s.size).to_string(),
                ),
                (td_string!(l, detail.progress), opt(&s.progress)),
                (td_string!(l, detail.description), opt(&s.description)),
                (
                    td_string!(l, detail.created),
                    short_time(s.created_at.as_deref()),
                ),
            ];
            (s.name().to_owned(), s.status.clone(), fields).into()
        }
        Panel::Backups => {
            let b = session.cinder().backup(id).await?;
            let fields = vec![
                (td_string!(l, detail.id), b.id.clone()),
                (td_string!(l, detail.volume), opt(&b.volume_id)),
                (td_string!(l, detail.snapshot), opt(&b.snapshot_id)),
                (
                    td_string!(l, detail.size),
                    b.size
                        .map(|size| td_string!(l, common.gib, size).to_string())
                        .unwrap_or_default(),
                ),
                (
                    td_string!(l, detail.incremental),
                    yes_no_in(l, b.is_incremental == Some(true)).to_owned(),
                ),
                (
                    td_string!(l, detail.dependents),
                    yes_no_in(l, b.has_dependent_backups == Some(true)).to_owned(),
                ),
                (td_string!(l, detail.container), opt(&b.container)),
                (
                    td_string!(l, detail.objects),
                    b.object_count.map(|c| c.to_string()).unwrap_or_default(),
                ),
                (
                    td_string!(l, detail.data_as_of),
                    short_time(b.data_timestamp.as_deref()),
                ),
                (td_string!(l, detail.fail_reason), opt(&b.fail_reason)),
                (td_string!(l, detail.description), opt(&b.description)),
                (
                    td_string!(l, detail.created),
                    short_time(b.created_at.as_deref()),
                ),
            ];
            (b.name().to_owned(), b.status.clone(), fields).into()
        }
        _ => {
            return Err(CloudError::new(
                nubo_cloud::ErrorKind::NotFound,
                nubo_cloud::Service::Proxy,
                td_string!(l, detail.no_detail),
            ));
        }
    })
}

#[component]
pub fn DetailPage(scope: Scope, panel: Panel, id: String) -> impl IntoView {
    let sessions = Sessions::expect();
    let back = scope.url(panel);
    // Captured now: the fetcher may run again after the page is left (a refetch
    // just before navigating away), when the page's stored values are gone.
    let fetch = move |locale: Locale| {
        let (scope, id) = (scope.clone(), id.clone());
        async move {
            sessions
                .run(&scope, |session: Session| {
                    let (id, scope) = (id.clone(), scope.clone());
                    async move { fetch(session, &scope, panel, &id, locale).await }
                })
                .await
        }
    };
    view! { <DetailView back fetch /> }
}

/// One resource's fields, whatever the cloud: `fetch` gives its name, status and labelled
/// fields in a language; they are followed while the status is transitional.
#[component]
pub fn DetailView<F, Fut>(back: String, fetch: F) -> impl IntoView
where
    F: Fn(Locale) -> Fut + Clone + Send + Sync + 'static,
    Fut: Future<Output = Result<Detail, CloudError>> + 'static,
{
    let i18n = use_i18n();
    let steady = Steady::new();
    let detail = LocalResource::new(move || {
        let fetch = fetch.clone();
        // The labels and some values are words: a language switch fetches again.
        let locale = i18n.get_locale();
        async move { steady.settle(&locale, fetch(locale).await) }
    });
    poll::while_busy(
        move || {
            detail
                .try_with_untracked(|d| {
                    d.as_ref()
                        .and_then(|r| r.as_ref().ok())
                        .is_some_and(|d| tone(&d.status) == Tone::Busy)
                })
                .unwrap_or(false)
                // Showing the last good answer after a passing failure: ask again until one comes.
                || steady.stale.try_with_untracked(Option::is_some).unwrap_or(false)
        },
        move || {
            if detail.try_with_untracked(|_| ()).is_some() {
                detail.refetch();
            }
        },
    );
    view! {
        <p>
            <A href=back>{t!(i18n, detail.back)}</A>
        </p>
        <StaleNotice stale=steady.stale />
        <Transition fallback=move || view! { <p class="loading">{t!(i18n, common.loading)}</p> }>
            {move || {
                detail
                    .get()
                    .map(|result| match result {
                        Err(error) => view! { <ErrorPanel error /> }.into_any(),
                        Ok(Detail { name, status, fields, sections }) => view! {
                            <section class="panel detail" aria-label=move || t_string!(i18n, detail.details)>
                                <h2>{name}" " <StatusBadge status /></h2>
                                <dl>
                                    {fields
                                        .into_iter()
                                        .filter(|(_, value)| !value.is_empty())
                                        .map(|(label, value)| view! { <dt>{label}</dt><dd>{value}</dd> })
                                        .collect_view()}
                                </dl>
                            </section>
                            {sections.into_iter().map(|section| view! { <DetailSection section /> }).collect_view()}
                        }
                        .into_any(),
                    })
            }}
        </Transition>
    }
}

/// One of a detail's sections, under its own heading.
#[component]
fn DetailSection(section: Section) -> impl IntoView {
    let Section { title, lead, rows } = section;
    let rows = rows
        .into_iter()
        .map(|(label, cell)| {
            let value = match cell {
                Cell::Text(text) => text.into_any(),
                Cell::Link { href, text } => view! { <A href=href>{text}</A> }.into_any(),
            };
            view! { <dt>{label}</dt><dd>{value}</dd> }
        })
        .collect_view();
    view! {
        <section class="panel detail" aria-label=title.clone()>
            <h3>{title.clone()}</h3>
            {lead.map(|lead| view! { <p class="hint">{lead}</p> })}
            <dl>{rows}</dl>
        </section>
    }
}
