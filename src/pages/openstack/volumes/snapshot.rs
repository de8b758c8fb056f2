//! Volumes → Create Snapshot: a Cinder snapshot of the volume, with the project's snapshot quota
//! and the command line.

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use nubo_cloud::openstack::{
    Session,
    cinder::{NewSnapshot, Volume},
};

use crate::{
    components::{
        cli::{CliEquivalent, last_word, option},
        dialog::Dialog,
    },
    format::usage,
    i18n::{t, t_string, tu_string, use_i18n},
    kit::{
        self,
        form::{FormActions, FormError, TextField},
        table::label,
    },
    shell::notifications::{Level, Notifications},
    state::{scope::Scope, session::Sessions},
    tr,
};

/// Cinder's snapshot usage and limit, for a form's quota line.
pub fn snapshot_quota(
    session: &Session,
) -> impl Future<Output = Option<(i64, Option<i64>)>> + use<> {
    let session = session.clone();
    async move { session.cinder().limits().await.ok()?.usage("Snapshots") }
}

#[component]
pub fn VolumeSnapshotDialog(
    scope: Scope,
    volume: RwSignal<Option<Volume>>,
    on_done: Callback<()>,
) -> impl IntoView {
    let sessions = Sessions::expect();
    let notifications = Notifications::expect();
    let i18n = use_i18n();
    let navigate = use_navigate();
    let name = RwSignal::new(String::new());
    let description = RwSignal::new(String::new());
    let force = RwSignal::new(false);
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let scope = StoredValue::new(scope);
    // Captured now: the fetcher may run again after the page is left (a refetch
    // just before navigating away), when the page's stored values are gone.
    let fetch_scope = scope.get_value();
    let quota = LocalResource::new(move || {
        let open = volume.get().is_some();
        let scope = fetch_scope.clone();
        async move {
            if !open {
                return None;
            }
            let session = sessions.in_scope(&scope)?.ok()?;
            snapshot_quota(&session).await
        }
    });
    Effect::new(move |_| {
        if let Some(v) = volume.get() {
            name.set(format!("{}-snapshot", label(&v)));
            description.set(String::new());
            force.set(false);
            error.set(None);
        }
    });
    let in_use = move || volume.get().is_some_and(|v| v.status == "in-use");
    let over_quota = move || {
        quota
            .get()
            .flatten()
            .is_some_and(|(used, limit)| limit.is_some_and(|l| used >= l))
    };
    let quota_line = move || {
        let (used, limit) = quota.get().flatten()?;
        let usage = usage(i18n.get_locale(), used, limit);
        Some(t_string!(i18n, quota.snapshots, usage).to_string())
    };
    let command = Signal::derive(move || {
        let Some(v) = volume.get() else {
            return String::new();
        };
        let mut parts = vec![
            "openstack volume snapshot create".to_owned(),
            option("--volume", &v.id),
        ];
        if force.get() {
            parts.push("--force".into());
        }
        if !description.get().is_empty() {
            parts.push(option("--description", &description.get()));
        }
        parts.push(last_word(&name.get()));
        parts.join(" ")
    });
    let close = crate::kit::form::closer(busy, volume);
    let navigate = StoredValue::new(navigate);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(target) = volume.get_untracked() else {
            return;
        };
        let snapshot = NewSnapshot {
            volume_id: target.id.clone(),
            name: name.get_untracked().trim().to_owned(),
            description: Some(description.get_untracked()).filter(|d| !d.is_empty()),
            force: force.get_untracked(),
        };
        let scope = scope.get_value();
        let url = scope.url("/volumes/snapshots");
        kit::form::submit(
            scope,
            busy,
            error,
            move |session: Session| {
                let snapshot = snapshot.clone();
                async move { session.cinder().create_snapshot(&snapshot).await }
            },
            move |id: String| {
                volume.set(None);
                notifications.push(
                    Level::Success,
                    tu_string!(i18n, volumes.snapshot_requested, name = label(&target)),
                    Some(tu_string!(i18n, volumes.snapshot_id, id = &id)),
                );
                on_done.run(());
                navigate.try_with_value(|go| go(&url, Default::default()));
            },
        );
    };
    let title = Signal::derive(move || {
        volume
            .get()
            .map(|v| t_string!(i18n, instances.snapshot_title, name = label(&v)).to_string())
            .unwrap_or_default()
    });
    let open = Signal::derive(move || volume.get().is_some());
    view! {
        <Dialog title open on_close=close>
            <form class="form" on:submit=submit>
                <TextField label=tr!(i18n, instances.snapshot_name) name="snapshot-name" value=name required=true />
                <TextField label=tr!(i18n, common.description_optional) name="description" value=description />
                <Show when=in_use>
                    <label class="check">
                        <input
                            type="checkbox"
                            name="force"
                            prop:checked=move || force.get()
                            on:change=move |ev| force.set(event_target_checked(&ev))
                        />
                        {t!(i18n, volumes.force)}
                    </label>
                    <p class="hint">
                        {t!(i18n, volumes.force_hint)}
                    </p>
                </Show>
                <p class="hint">{quota_line}</p>
                <CliEquivalent command />
                <FormError error />
                <FormActions label=tr!(i18n, instances.create_snapshot) busy on_cancel=close blocked=Signal::derive(move || over_quota().then(|| t_string!(i18n, quota.snapshots_full).to_owned())) />
            </form>
        </Dialog>
    }
}
