//! Instances → Create Snapshot (workflow 1): a Glance image of the server, optionally stopped first
//! for a consistent disk and started again after.

use crate::format::today;
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
        let image_name = name.get_untracked().trim().to_owned();
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
        <FormBody form label=tr!(i18n, instances.create_snapshot) command on_submit=submit>
            <TextField label=tr!(i18n, instances.snapshot_name) name="snapshot-name" value=name required=true />
            <Show when=move || can_stop>
                <CheckField label=tr!(i18n, instances.stop_first) name="stop-first" value=stop_first />
            </Show>
        </FormBody>
    }
}
