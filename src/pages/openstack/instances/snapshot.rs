//! Instances → Create Snapshot (workflow 1): a Glance image of the server, optionally stopped first
//! for a consistent disk and started again after.

use std::collections::BTreeMap;

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use nubo_cloud::{
    CloudError,
    openstack::{Session, nova::Server},
};

use crate::{
    components::{
        cli::{CliEquivalent, option, shell_word},
        dialog::Dialog,
    },
    i18n::{t, t_string, tu_string, use_i18n},
    kit::form::FormActions,
    shell::notifications::{Level, Notifications},
    state::{poll, scope::Scope, session::Sessions},
    tr,
};

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

#[component]
pub fn SnapshotDialog(scope: Scope, server: RwSignal<Option<Server>>) -> impl IntoView {
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
            name.set(format!("{}-snapshot-{}", s.name, crate::format::today()));
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
    let close = crate::kit::form::closer(busy, server);
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
