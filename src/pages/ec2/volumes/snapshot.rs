//! EC2 → Volumes → Create Snapshot (workflow 3): an EBS snapshot with the guide's `Name` and
//! `Owner` tags, and the command line.

use crate::components::tags::{TagEditor, cli_spec, to_tags};
use crate::prelude::*;
use nubo_cloud::aws::ec2::{NewSnapshot, Snapshot, Volume};

/// The Owner tag last typed, offered again in the next form (memory only).
#[derive(Clone, Copy)]
pub struct LastOwner(pub RwSignal<String>);

impl LastOwner {
    /// What the user typed last, else the account's alias or the caller's name.
    pub fn get(self, accounts: Accounts, scope: &Scope) -> String {
        Some(self.0.get_untracked())
            .filter(|o| !o.is_empty())
            .unwrap_or_else(|| accounts.owner_default(scope))
    }
}

/// A snapshot's default name: the volume's, the day's date.
pub fn default_name(volume: &Volume) -> String {
    format!("{}-{}", label(volume), crate::format::today())
}

form_dialog!(SnapshotDialog(volume: Volume, owner: LastOwner) => SnapshotForm, |v, l| td_string!(l, instances.snapshot_title, name = label(v)).to_string());

#[component]
fn SnapshotForm(
    scope: StoredValue<Scope>,
    volume: Volume,
    owner: LastOwner,
    form: FormState,
) -> impl IntoView {
    let accounts = Accounts::expect();
    let i18n = use_i18n();
    let description = RwSignal::new(String::new());
    let tags = RwSignal::new(vec![
        ("Name".to_owned(), default_name(&volume)),
        ("Owner".to_owned(), owner.get(accounts, &scope.get_value())),
    ]);
    let (region, volume_id) = (scope.with_value(|s| s.region.clone()), volume.id.clone());
    let command = Signal::derive(move || {
        let line = Cli::new("aws ec2 create-snapshot")
            .option("--region", &region)
            .option("--volume-id", &volume_id)
            .option_if("--description", Some(&description.get()))
            .line();
        let mut parts = vec![line];
        parts.extend(cli_spec("snapshot", &tags.with(|t| to_tags(t))));
        parts.join(" ")
    });
    let volume = StoredValue::new(volume);
    let submit = Callback::new(move |()| {
        let target = volume.get_value();
        let tag_list = tags.with_untracked(|t| to_tags(t));
        if let Some(owner_tag) = tag_list.iter().find(|t| t.key == "Owner") {
            owner.0.set(owner_tag.value.clone());
        }
        let snapshot = NewSnapshot {
            volume_id: target.id.clone(),
            description: Some(description.get_untracked()).filter(|d| !d.is_empty()),
            tags: tag_list,
        };
        let ec2 = scope.with_value(|s| accounts.ec2(s));
        form.aws(
            "ec2:CreateSnapshot",
            async move { ec2?.create_snapshot(&snapshot).await },
            form.taken(scope, Panel::Ec2Snapshots, move |created: Snapshot| {
                (
                    tu_string!(i18n, volumes.snapshot_requested, name = label(&target)),
                    tu_string!(i18n, ec2.snapshot_id, id = &created.id),
                )
            }),
        );
    });
    view! {
        <FormBody form label=tr!(i18n, instances.create_snapshot) command on_submit=submit>
            <TextField label=tr!(i18n, common.description_optional) name="description" value=description />
            <TagEditor rows=tags required=&["Name", "Owner"] />
            <p class="hint">{t!(i18n, ec2.tags_hint)}</p>
        </FormBody>
    }
}
