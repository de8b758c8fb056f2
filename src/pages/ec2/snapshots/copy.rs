//! EC2 → Snapshots → Copy to region: CopySnapshot into another region of the account.

use leptos::prelude::*;
use nubo_cloud::aws::ec2::{Snapshot, SnapshotCopy};

use crate::{
    components::{
        cli::{CliEquivalent, option},
        dialog::Dialog,
        tags::{TagEditor, cli_spec, rows_of, to_tags},
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

/// Copy to region: CopySnapshot, called in the destination region, which fetches the snapshot
/// from this one. The copy keeps the snapshot's tags unless the user changes them.
#[component]
pub fn CopyDialog(scope: Scope, snapshot: RwSignal<Option<Snapshot>>) -> impl IntoView {
    let accounts = Accounts::expect();
    let notifications = Notifications::expect();
    let i18n = use_i18n();
    let destination = RwSignal::new(String::new());
    let description = RwSignal::new(String::new());
    let tags = RwSignal::new(Vec::<(String, String)>::new());
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let scope = StoredValue::new(scope);
    let here = move || scope.with_value(|s| s.region.clone());
    let regions = Signal::derive(move || {
        scope
            .with_value(|s| accounts.get(s))
            .map(|a| a.regions)
            .unwrap_or_default()
    });
    Effect::new(move |_| {
        if let Some(s) = snapshot.get() {
            let here = here();
            // Another region is what a copy is usually for; the same one re-encrypts or keeps
            // a snapshot safe from its source's deletion.
            let other = regions.get_untracked().into_iter().find(|r| *r != here);
            destination.set(other.unwrap_or(here.clone()));
            // The console's wording, so copies read the same whichever tool made them.
            let original = s.description.clone().unwrap_or_default();
            description.set(
                format!("[Copied {} from {here}] {original}", s.id)
                    .trim()
                    .to_owned(),
            );
            tags.set(rows_of(&s.tags));
            error.set(None);
        }
    });
    let copy = move || {
        let s = snapshot.get()?;
        Some(SnapshotCopy {
            source_region: here(),
            source_snapshot_id: s.id,
            description: Some(description.get().trim().to_owned()).filter(|d| !d.is_empty()),
            tags: tags.with(|t| to_tags(t)),
        })
    };
    let command = Signal::derive(move || {
        let Some(c) = copy() else {
            return String::new();
        };
        let mut parts = vec![
            "aws ec2 copy-snapshot".to_owned(),
            option("--region", &destination.get()),
            option("--source-region", &c.source_region),
            option("--source-snapshot-id", &c.source_snapshot_id),
        ];
        if let Some(d) = &c.description {
            parts.push(option("--description", d));
        }
        parts.extend(cli_spec("snapshot", &c.tags));
        parts.join(" ")
    });
    let close = crate::kit::form::closer(busy, snapshot);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (Some(s), Some(copy)) = (snapshot.get_untracked(), untrack(copy)) else {
            return;
        };
        let target = Scope {
            region: destination.get_untracked(),
            ..scope.get_value()
        };
        let ec2 = accounts.ec2(&target);
        submit(
            busy,
            error,
            i18n.get_locale_untracked(),
            "ec2:CopySnapshot",
            async move { ec2?.copy_snapshot(&copy).await },
            move |new_id| {
                snapshot.set(None);
                notifications.push_link(
                    Level::Success,
                    tu_string!(
                        i18n,
                        ec2.copy_requested,
                        name = label(&s),
                        region = &target.region
                    ),
                    Some(tu_string!(i18n, ec2.snapshot_id, id = &new_id)),
                    (
                        tu_string!(i18n, ec2.open_region_snapshots, region = &target.region)
                            .to_string(),
                        target.url("/ec2/snapshots"),
                    ),
                );
            },
        );
    };
    let title = Signal::derive(move || {
        snapshot
            .get()
            .map(|s| t_string!(i18n, ec2.copy_title, name = label(&s)).to_string())
            .unwrap_or_default()
    });
    let open = Signal::derive(move || snapshot.get().is_some());
    view! {
        <Dialog title open on_close=close>
            <form class="form" on:submit=submit>
                <label class="field">
                    <span>{t!(i18n, ec2.destination_region)}</span>
                    <select name="destination-region" on:change=move |ev| destination.set(event_target_value(&ev))>
                        {move || regions.get().into_iter().map(|r| {
                            let value = r.clone();
                            let selected = move || value == destination.get();
                            let text = if r == here() { t_string!(i18n, ec2.this_region, region = r.clone()).to_string() } else { r.clone() };
                            view! { <option value=r selected=selected>{text}</option> }
                        }).collect_view()}
                    </select>
                </label>
                <TextField label=tr!(i18n, common.description_optional) name="description" value=description />
                <TagEditor rows=tags />
                <CliEquivalent command />
                <FormError error />
                <FormActions label=tr!(i18n, ec2.copy) busy_label=tr!(i18n, ec2.copying) busy on_cancel=close />
            </form>
        </Dialog>
    }
}
