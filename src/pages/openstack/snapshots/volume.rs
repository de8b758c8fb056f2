//! Snapshots → Create Volume: a new volume from the snapshot, within the project's volume quota.

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use nubo_cloud::openstack::{
    Session,
    cinder::{Snapshot, VolumeFromSnapshot},
};

use crate::{
    components::{
        cli::{CliEquivalent, last_word, shell_word},
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

#[component]
pub fn VolumeDialog(scope: Scope, snapshot: RwSignal<Option<Snapshot>>) -> impl IntoView {
    let notifications = Notifications::expect();
    let i18n = use_i18n();
    let sessions = Sessions::expect();
    let navigate = StoredValue::new(use_navigate());
    let name = RwSignal::new(String::new());
    let size = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let scope = StoredValue::new(scope);
    Effect::new(move |_| {
        if let Some(s) = snapshot.get() {
            name.set(format!("{}-restored", label(&s)));
            size.set(s.size.to_string());
            error.set(None);
        }
    });
    // Cinder's volume and gigabyte quotas: the form refuses what would exceed them.
    // Captured now: the fetcher may run again after the page is left (a refetch
    // just before navigating away), when the page's stored values are gone.
    let fetch_scope = scope.get_value();
    let limits = LocalResource::new(move || {
        let open = snapshot.get().is_some();
        let scope = fetch_scope.clone();
        async move {
            if !open {
                return None;
            }
            let session = sessions.in_scope(&scope)?.ok()?;
            session.cinder().limits().await.ok()
        }
    });
    let quota = move || {
        let limits = limits.get().flatten()?;
        let volumes = limits.usage("Volumes")?;
        let gigabytes = limits.pair("totalGigabytesUsed", "maxTotalVolumeGigabytes")?;
        let wanted: i64 = size.get().trim().parse().unwrap_or(0);
        let full = volumes.1.is_some_and(|l| volumes.0 >= l)
            || gigabytes.1.is_some_and(|l| gigabytes.0 + wanted > l);
        let locale = i18n.get_locale();
        Some((
            t_string!(
                i18n,
                quota.volumes,
                volumes = usage(locale, volumes.0, volumes.1),
                gigabytes = usage(locale, gigabytes.0, gigabytes.1)
            )
            .to_string(),
            full,
        ))
    };
    let over_quota = move || quota().is_some_and(|(_, full)| full);
    let command = Signal::derive(move || {
        let Some(s) = snapshot.get() else {
            return String::new();
        };
        format!(
            "openstack volume create --snapshot {} --size {} {}",
            shell_word(&s.id),
            shell_word(&size.get()),
            last_word(&name.get())
        )
    });
    let close = crate::kit::form::closer(busy, snapshot);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(s) = snapshot.get_untracked() else {
            return;
        };
        let wanted = match size.get_untracked().trim().parse::<u64>() {
            Ok(n) if n >= s.size => n,
            _ => {
                error.set(Some(
                    tu_string!(i18n, snapshots.size_too_small, size = s.size).to_string(),
                ));
                return;
            }
        };
        let volume = VolumeFromSnapshot {
            snapshot_id: s.id.clone(),
            name: name.get_untracked().trim().to_owned(),
            size: Some(wanted),
            description: None,
        };
        let scope = scope.get_value();
        let url = scope.url("/volumes/volumes");
        kit::form::submit(
            scope,
            busy,
            error,
            move |session: Session| {
                let volume = volume.clone();
                async move { session.cinder().create_volume_from_snapshot(&volume).await }
            },
            move |id: String| {
                snapshot.set(None);
                notifications.push(
                    Level::Success,
                    tu_string!(i18n, snapshots.volume_requested),
                    Some(tu_string!(i18n, snapshots.volume_id, id = &id)),
                );
                navigate.try_with_value(|go| go(&url, Default::default()));
            },
        );
    };
    let title = Signal::derive(move || {
        snapshot
            .get()
            .map(|s| t_string!(i18n, snapshots.volume_title, name = label(&s)).to_string())
            .unwrap_or_default()
    });
    let open = Signal::derive(move || snapshot.get().is_some());
    view! {
        <Dialog title open on_close=close>
            <form class="form" on:submit=submit>
                <TextField label=tr!(i18n, snapshots.volume_name) name="volume-name" value=name required=true />
                <label class="field">
                    <span>{t!(i18n, snapshots.size_gib)}</span>
                    <input
                        type="number"
                        name="size"
                        min=move || snapshot.get().map(|s| s.size.to_string())
                        required
                        prop:value=move || size.get()
                        on:input=move |ev| size.set(event_target_value(&ev))
                    />
                </label>
                <p class="hint">{move || quota().map(|(line, _)| line)}</p>
                <CliEquivalent command />
                <FormError error />
                <FormActions label=tr!(i18n, snapshots.create_volume) busy on_cancel=close blocked=Signal::derive(move || over_quota().then(|| t_string!(i18n, quota.volumes_full).to_owned())) />
            </form>
        </Dialog>
    }
}
