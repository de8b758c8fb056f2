//! EC2 → Snapshots → Restore to volume: CreateVolume from the snapshot, in a zone of the region,
//! of a type and size the user picks (at least the snapshot's).

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use nubo_cloud::aws::ec2::{NewVolume, Snapshot, Tag};

use crate::{
    components::{
        cli::{CliEquivalent, option, shell_word},
        dialog::Dialog,
        tags::cli_spec,
    },
    i18n::{t, t_string, tu_string, use_i18n},
    kit::{
        form::{FormActions, FormError, TextField},
        table::label,
    },
    pages::ec2::submit,
    shell::notifications::{Level, Notifications},
    state::{accounts::Accounts, scope::Scope},
    tr,
};

const VOLUME_TYPES: &[&str] = &["gp3", "gp2", "io1", "io2", "st1", "sc1", "standard"];

/// Restore to volume: CreateVolume from the snapshot, in a zone and of a type the user picks,
/// at least as large as the snapshot.
#[component]
pub fn RestoreDialog(
    scope: Scope,
    snapshot: RwSignal<Option<Snapshot>>,
    zones: Signal<Vec<String>>,
) -> impl IntoView {
    let accounts = Accounts::expect();
    let notifications = Notifications::expect();
    let i18n = use_i18n();
    let navigate = StoredValue::new(use_navigate());
    let zone = RwSignal::new(String::new());
    let kind = RwSignal::new("gp3".to_owned());
    let size = RwSignal::new(String::new());
    let name = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let scope = StoredValue::new(scope);
    Effect::new(move |_| {
        if let Some(s) = snapshot.get() {
            zone.set(zones.get_untracked().first().cloned().unwrap_or_default());
            kind.set("gp3".into());
            size.set(s.volume_size.map(|v| v.to_string()).unwrap_or_default());
            name.set(format!("{}-restored", label(&s)));
            error.set(None);
        }
    });
    let new_volume = move || {
        let s = snapshot.get()?;
        let name = name.get();
        let tags: Vec<Tag> = Some(name.trim())
            .filter(|n| !n.is_empty())
            .map(|n| Tag::new("Name", n))
            .into_iter()
            .collect();
        Some(NewVolume {
            availability_zone: zone.get(),
            snapshot_id: Some(s.id),
            size: size.get().trim().parse().ok(),
            volume_type: Some(kind.get()),
            tags,
            ..NewVolume::default()
        })
    };
    let command = Signal::derive(move || {
        let Some(v) = new_volume() else {
            return String::new();
        };
        let mut parts = vec![
            "aws ec2 create-volume".to_owned(),
            format!(
                "--region {}",
                shell_word(&scope.with_value(|s| s.region.clone()))
            ),
            format!(
                "--snapshot-id {}",
                shell_word(v.snapshot_id.as_deref().unwrap_or(""))
            ),
            option("--availability-zone", &v.availability_zone),
            format!(
                "--volume-type {}",
                shell_word(v.volume_type.as_deref().unwrap_or(""))
            ),
        ];
        if let Some(size) = v.size {
            parts.push(format!("--size {size}"));
        }
        parts.extend(cli_spec("volume", &v.tags));
        parts.join(" ")
    });
    let close = crate::kit::form::closer(busy, snapshot);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(s) = snapshot.get_untracked() else {
            return;
        };
        let minimum = s.volume_size.unwrap_or(1);
        match size.get_untracked().trim().parse::<u32>() {
            Ok(n) if n >= minimum => {}
            _ => {
                error.set(Some(
                    tu_string!(i18n, snapshots.size_too_small, size = minimum).to_string(),
                ));
                return;
            }
        }
        let Some(volume) = untrack(new_volume) else {
            return;
        };
        let scope = scope.get_value();
        let ec2 = accounts.ec2(&scope);
        let url = scope.url("/ec2/volumes");
        submit(
            busy,
            error,
            i18n.get_locale_untracked(),
            "ec2:CreateVolume",
            async move { ec2?.create_volume(&volume).await },
            move |created| {
                snapshot.set(None);
                notifications.push(
                    Level::Success,
                    tu_string!(i18n, ec2.restoring, name = label(&s)),
                    Some(tu_string!(i18n, snapshots.volume_id, id = &created.id)),
                );
                navigate.try_with_value(|go| go(&url, Default::default()));
            },
        );
    };
    let title = Signal::derive(move || {
        snapshot
            .get()
            .map(|s| t_string!(i18n, ec2.restore_title, name = label(&s)).to_string())
            .unwrap_or_default()
    });
    let open = Signal::derive(move || snapshot.get().is_some());
    view! {
        <Dialog title open on_close=close>
            <form class="form" on:submit=submit>
                <label class="field">
                    <span>{t!(i18n, ec2.zone)}</span>
                    <select name="availability-zone" on:change=move |ev| zone.set(event_target_value(&ev))>
                        {move || zones.get().into_iter().map(|z| {
                            // Follows the zone the form was opened with, not only the first.
                            let (value, mine) = (z.clone(), z.clone());
                            view! { <option value=value selected=move || zone.get() == mine>{z}</option> }
                        }).collect_view()}
                    </select>
                </label>
                <label class="field">
                    <span>{t!(i18n, ec2.volume_type)}</span>
                    <select name="volume-type" on:change=move |ev| kind.set(event_target_value(&ev))>
                        {VOLUME_TYPES.iter().map(|k| view! { <option value=*k selected=move || kind.get() == *k>{*k}</option> }).collect_view()}
                    </select>
                </label>
                <label class="field">
                    <span>{t!(i18n, snapshots.size_gib)}</span>
                    <input
                        type="number"
                        name="size"
                        min=move || snapshot.get().and_then(|s| s.volume_size).map(|v| v.to_string())
                        required
                        prop:value=move || size.get()
                        on:input=move |ev| size.set(event_target_value(&ev))
                    />
                </label>
                <TextField label=tr!(i18n, ec2.name_tag) name="name-tag" value=name />
                <CliEquivalent command />
                <FormError error />
                <FormActions label=tr!(i18n, ec2.restore) busy_label=tr!(i18n, backups.restoring_busy) busy on_cancel=close />
            </form>
        </Dialog>
    }
}
