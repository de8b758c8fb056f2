//! EC2 → Volumes → Create Snapshot (workflow 3): an EBS snapshot with the guide's `Name` and
//! `Owner` tags, and the command line.

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use nubo_cloud::aws::ec2::{NewSnapshot, Volume};

use crate::{
    components::{
        cli::{CliEquivalent, option, shell_word},
        dialog::Dialog,
        tags::{TagEditor, cli_spec, to_tags},
    },
    i18n::{t, t_string, tu_string, use_i18n},
    kit::{
        form::{FormActions, FormError, TextField},
        table::label,
    },
    pages::ec2,
    shell::notifications::{Level, Notifications},
    state::{accounts::Accounts, scope::Scope},
    tr,
};

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

#[component]
pub fn SnapshotDialog(
    scope: Scope,
    volume: RwSignal<Option<Volume>>,
    owner: LastOwner,
) -> impl IntoView {
    let accounts = Accounts::expect();
    let notifications = Notifications::expect();
    let i18n = use_i18n();
    let navigate = StoredValue::new(use_navigate());
    let description = RwSignal::new(String::new());
    let tags = RwSignal::new(Vec::<(String, String)>::new());
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let scope = StoredValue::new(scope);
    Effect::new(move |_| {
        if let Some(v) = volume.get() {
            description.set(String::new());
            tags.set(vec![
                ("Name".into(), default_name(&v)),
                ("Owner".into(), scope.with_value(|s| owner.get(accounts, s))),
            ]);
            error.set(None);
        }
    });
    let command = Signal::derive(move || {
        let Some(v) = volume.get() else {
            return String::new();
        };
        let mut parts = vec![
            "aws ec2 create-snapshot".to_owned(),
            format!(
                "--region {}",
                shell_word(&scope.with_value(|s| s.region.clone()))
            ),
            option("--volume-id", &v.id),
        ];
        if !description.get().is_empty() {
            parts.push(option("--description", &description.get()));
        }
        parts.extend(cli_spec("snapshot", &tags.with(|t| to_tags(t))));
        parts.join(" ")
    });
    let close = crate::kit::form::closer(busy, volume);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(target) = volume.get_untracked() else {
            return;
        };
        let tag_list = tags.with_untracked(|t| to_tags(t));
        if let Some(owner_tag) = tag_list.iter().find(|t| t.key == "Owner") {
            owner.0.set(owner_tag.value.clone());
        }
        let snapshot = NewSnapshot {
            volume_id: target.id.clone(),
            description: Some(description.get_untracked()).filter(|d| !d.is_empty()),
            tags: tag_list,
        };
        let scope = scope.get_value();
        let ec2 = accounts.ec2(&scope);
        let url = scope.url("/ec2/snapshots");
        ec2::submit(
            busy,
            error,
            i18n.get_locale_untracked(),
            "ec2:CreateSnapshot",
            async move { ec2?.create_snapshot(&snapshot).await },
            move |created| {
                volume.set(None);
                notifications.push(
                    Level::Success,
                    tu_string!(i18n, volumes.snapshot_requested, name = label(&target)),
                    Some(tu_string!(i18n, ec2.snapshot_id, id = &created.id)),
                );
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
                <TextField label=tr!(i18n, common.description_optional) name="description" value=description />
                <TagEditor rows=tags required=&["Name", "Owner"] />
                <p class="hint">{t!(i18n, ec2.tags_hint)}</p>
                <CliEquivalent command />
                <FormError error />
                <FormActions label=tr!(i18n, instances.create_snapshot) busy on_cancel=close />
            </form>
        </Dialog>
    }
}
