//! EC2 → Snapshots → Copy to region: CopySnapshot, called in the destination region, which
//! fetches the snapshot from this one. The copy keeps the snapshot's tags unless the user
//! changes them.

use crate::components::tags::{TagEditor, cli_spec, rows_of, to_tags};
use crate::prelude::*;
use nubo_cloud::aws::ec2::{Snapshot, SnapshotCopy};

form_dialog!(CopyDialog(snapshot: Snapshot) => CopyForm, |s, l| td_string!(l, ec2.copy_title, name = label(s)).to_string());

#[component]
fn CopyForm(scope: StoredValue<Scope>, snapshot: Snapshot, form: FormState) -> impl IntoView {
    let accounts = Accounts::expect();
    let notifications = Notifications::expect();
    let i18n = use_i18n();
    let here = scope.with_value(|s| s.region.clone());
    let regions = accounts
        .get(&scope.get_value())
        .map(|a| a.regions)
        .unwrap_or_default();
    // Another region is what a copy is usually for; the same one re-encrypts or keeps a
    // snapshot safe from its source's deletion.
    let other = regions.iter().find(|r| **r != here).cloned();
    let destination = RwSignal::new(other.unwrap_or_else(|| here.clone()));
    let this_region = here.clone();
    let choices = Signal::derive(move || {
        let this = |r: &String| t_string!(i18n, ec2.this_region, region = r).to_string();
        let text = |r: &String| {
            if *r == this_region {
                this(r)
            } else {
                r.clone()
            }
        };
        regions
            .iter()
            .map(|r| (r.clone(), text(r)))
            .collect::<Vec<_>>()
    });
    // The console's wording, so copies read the same whichever tool made them.
    let original = snapshot.description.clone().unwrap_or_default();
    let description = RwSignal::new(
        format!("[Copied {} from {here}] {original}", snapshot.id)
            .trim()
            .to_owned(),
    );
    let tags = RwSignal::new(rows_of(&snapshot.tags));
    let (source_region, source_id) = (here.clone(), snapshot.id.clone());
    let copy = move || SnapshotCopy {
        source_region: source_region.clone(),
        source_snapshot_id: source_id.clone(),
        description: Some(description.get().trim().to_owned()).filter(|d| !d.is_empty()),
        tags: tags.with(|t| to_tags(t)),
    };
    let spec = copy.clone();
    let command = Signal::derive(move || {
        let c = spec();
        let line = Cli::new("aws ec2 copy-snapshot")
            .option("--region", &destination.get())
            .option("--source-region", &c.source_region)
            .option("--source-snapshot-id", &c.source_snapshot_id)
            .option_if("--description", c.description.as_deref())
            .line();
        let mut parts = vec![line];
        parts.extend(cli_spec("snapshot", &c.tags));
        parts.join(" ")
    });
    let snapshot = StoredValue::new(snapshot);
    let submit = Callback::new(move |()| {
        let copy = untrack(&copy);
        let s = snapshot.get_value();
        let target = Scope {
            region: destination.get_untracked(),
            ..scope.get_value()
        };
        let ec2 = accounts.ec2(&target);
        form.aws(
            "ec2:CopySnapshot",
            async move { ec2?.copy_snapshot(&copy).await },
            move |new_id| {
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
                        target.url(Panel::Ec2Snapshots),
                    ),
                );
            },
        );
    });
    view! {
        <FormBody form label=tr!(i18n, ec2.copy) busy_label=tr!(i18n, ec2.copying) command on_submit=submit>
            <SelectField label=tr!(i18n, ec2.destination_region) name="destination-region" value=destination choices />
            <TextField label=tr!(i18n, common.description_optional) name="description" value=description />
            <TagEditor rows=tags />
        </FormBody>
    }
}
