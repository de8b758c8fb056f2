//! Instances → Create Snapshot (workflow 1): a Glance image of the server, optionally stopped first
//! for a consistent disk and started again after. A server that boots from a volume gets a
//! zero-byte image standing for Cinder snapshots of its volumes: the form lists them and checks
//! Cinder's snapshot quota first. Glance itself has no image quota, and the form says so.

use crate::format::{today, usage};
use crate::pages::openstack::volumes::snapshot::snapshot_quota;
use crate::prelude::*;
use crate::state::poll;
use nubo_cloud::CloudError;
use nubo_cloud::openstack::Session;
use nubo_cloud::openstack::nova::Server;
use std::collections::BTreeMap;

/// Waits (polling every 2 s, at most 10 minutes) until the server is in `status` with no task.
pub async fn server_settles(session: &Session, id: &str, status: &str) -> Result<(), CloudError> {
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

form_dialog!(SnapshotDialog(server: Server) => SnapshotForm, |s, l| td_string!(l, instances.snapshot_title, name = &s.name).to_string());

#[component]
fn SnapshotForm(scope: StoredValue<Scope>, server: Server, form: FormState) -> impl IntoView {
    let sessions = Sessions::expect();
    let notifications = Notifications::expect();
    let i18n = use_i18n();
    let name = RwSignal::new(format!("{}-snapshot-{}", server.name, today()));
    let stop_first = RwSignal::new(false);
    let can_stop = server.status == "ACTIVE";
    let from_volume = server.image.is_none();
    let attached: Vec<String> = server
        .volumes_attached
        .iter()
        .map(|v| v.id.clone())
        .collect();
    let count = attached.len();
    let has_attached = move || count > 0;
    // The volumes by name, and the snapshot quota they count against: asked when it opens.
    let volumes = LocalResource::new(move || {
        let (scope, attached) = (scope.get_value(), attached.clone());
        async move {
            let session = sessions.in_scope(&scope)?.ok()?;
            let cinder = session.cinder();
            let names = futures::future::join_all(attached.iter().map(|id| {
                let cinder = &cinder;
                async move {
                    match cinder.volume(id).await {
                        Ok(v) => t_string!(
                            i18n,
                            instances.volume_choice,
                            name = label(&v),
                            size = v.size
                        )
                        .to_string(),
                        Err(_) => id.clone(),
                    }
                }
            }))
            .await;
            let quota = if from_volume {
                snapshot_quota(&session).await
            } else {
                None
            };
            Some((names, quota))
        }
    });
    let volume_names = move || volumes.get().flatten().map(|(n, _)| n).unwrap_or_default();
    let quota = move || volumes.get().flatten().and_then(|(_, q)| q);
    let blocked = Signal::derive(move || {
        quota()
            .is_some_and(|(used, limit)| limit.is_some_and(|l| used + count as i64 > l))
            .then(|| t_string!(i18n, instances.snapshot_quota_short, count).to_string())
    });
    // The id: names are not unique in Nova, and one may start with `-`.
    let target = shell_word(&server.id);
    let command = Signal::derive(move || {
        let create = Cli::new("openstack server image create")
            .option("--name", &name.get())
            .word(&target)
            .line();
        if stop_first.get() {
            format!(
                "openstack server stop {target}\n{create} --wait\nopenstack server start {target}"
            )
        } else {
            create
        }
    });
    let server = StoredValue::new(server);
    let submit = Callback::new(move |()| {
        let target = server.get_value();
        let image_name = match nubo_logic::input::name(&name.get_untracked()) {
            Ok(name) => name,
            Err(refusal) => return form.refuse(refusal.into()),
        };
        let stop = stop_first.get_untracked() && target.status == "ACTIVE";
        let id = target.id.clone();
        let call = move |session: Session, (id, image_name): (String, String)| async move {
            if stop {
                session.nova().stop(&id).await?;
                server_settles(&session, &id, "SHUTOFF").await?;
            }
            session
                .nova()
                .create_image(&id, &image_name, &BTreeMap::new())
                .await
        };
        let request = (id.clone(), image_name.clone());
        form.through(scope, request, call, move |image_id: String| {
            if stop {
                // Start again once Nova has finished with the disk.
                let scope = scope.get_value();
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
            // The snapshot is followed under Images until it is active (workflow 1).
            let title = tu_string!(i18n, instances.snapshot_requested, name = &image_name);
            let detail = tu_string!(i18n, instances.snapshot_requested_detail, id = &image_id);
            form.accepted(
                title,
                Some(detail),
                &scope.with_value(|s| s.url(Panel::Images)),
            );
        });
    });
    view! {
        <FormBody form label=tr!(i18n, instances.create_snapshot) command blocked on_submit=submit>
            <TextField label=tr!(i18n, instances.snapshot_name) name="snapshot-name" value=name required=true />
            <Show when=move || can_stop>
                <CheckField label=tr!(i18n, instances.stop_first) name="stop-first" value=stop_first />
            </Show>
            {if from_volume {
                view! {
                    <p class="hint">{t!(i18n, instances.from_volume_hint, count)}</p>
                    <ul class="volumes-snapshotted" aria-label=move || t_string!(i18n, instances.volumes_snapshotted)>
                        {move || volume_names().into_iter().map(|n| view! { <li>{n}</li> }).collect_view()}
                    </ul>
                    <p class="hint">
                        {move || quota().map(|(used, limit)| t_string!(i18n, quota.snapshots, usage = usage(i18n.get_locale(), used, limit)).to_string())}
                    </p>
                }
                .into_any()
            } else {
                view! {
                    <Show when=has_attached>
                        <p class="hint">{t!(i18n, instances.volumes_not_included, count)}</p>
                    </Show>
                    <p class="hint">{t!(i18n, instances.no_image_quota)}</p>
                }
                .into_any()
            }}
        </FormBody>
    }
}
