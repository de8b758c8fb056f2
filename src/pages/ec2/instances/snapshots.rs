//! EC2 → Instances → Snapshot all volumes: CreateSnapshots of the instance, one crash-consistent
//! set, the boot volume optional, the volumes' tags copied.

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use nubo_cloud::aws::ec2::{Instance, InstanceSnapshots};

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
    pages::ec2::{self},
    shell::notifications::{Level, Notifications},
    state::{accounts::Accounts, scope::Scope},
    tr,
};

/// Snapshot all volumes: CreateSnapshots of the instance.
#[component]
pub fn SnapshotsDialog(scope: Scope, instance: RwSignal<Option<Instance>>) -> impl IntoView {
    let accounts = Accounts::expect();
    let notifications = Notifications::expect();
    let i18n = use_i18n();
    let navigate = StoredValue::new(use_navigate());
    let description = RwSignal::new(String::new());
    let exclude_boot = RwSignal::new(false);
    let copy_tags = RwSignal::new(true);
    let tags = RwSignal::new(Vec::<(String, String)>::new());
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let scope = StoredValue::new(scope);
    Effect::new(move |_| {
        if let Some(i) = instance.get() {
            description.set(format!("{} {}", label(&i), crate::format::today()));
            exclude_boot.set(false);
            copy_tags.set(true);
            tags.set(vec![(
                "Owner".into(),
                scope.with_value(|s| accounts.owner_default(s)),
            )]);
            error.set(None);
        }
    });
    let spec = move || {
        let i = instance.get()?;
        Some(InstanceSnapshots {
            instance_id: i.id,
            description: Some(description.get()).filter(|d| !d.is_empty()),
            exclude_boot_volume: exclude_boot.get(),
            copy_tags_from_volume: copy_tags.get(),
            tags: tags.with(|t| to_tags(t)),
        })
    };
    let command = Signal::derive(move || {
        let Some(s) = spec() else {
            return String::new();
        };
        let mut parts = vec![
            "aws ec2 create-snapshots".to_owned(),
            format!(
                "--region {}",
                shell_word(&scope.with_value(|s| s.region.clone()))
            ),
            format!(
                "--instance-specification {}",
                shell_word(&format!(
                    "InstanceId={},ExcludeBootVolume={}",
                    s.instance_id, s.exclude_boot_volume
                ))
            ),
        ];
        if let Some(d) = &s.description {
            parts.push(option("--description", d));
        }
        if s.copy_tags_from_volume {
            parts.push("--copy-tags-from-source volume".into());
        }
        parts.extend(cli_spec("snapshot", &s.tags));
        parts.join(" ")
    });
    let close = crate::kit::form::closer(busy, instance);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(s) = untrack(spec) else {
            return;
        };
        let Some(target) = instance.get_untracked() else {
            return;
        };
        let scope = scope.get_value();
        let ec2 = accounts.ec2(&scope);
        let url = scope.url("/ec2/snapshots");
        ec2::submit(
            busy,
            error,
            i18n.get_locale_untracked(),
            "ec2:CreateSnapshots",
            async move { ec2?.create_snapshots(&s).await },
            move |created| {
                instance.set(None);
                notifications.push(
                    Level::Success,
                    tu_string!(
                        i18n,
                        ec2.snapshots_requested,
                        count = created.len(),
                        name = label(&target)
                    ),
                    Some(
                        created
                            .iter()
                            .map(|s| s.id.as_str())
                            .collect::<Vec<_>>()
                            .join(", "),
                    ),
                );
                navigate.try_with_value(|go| go(&url, Default::default()));
            },
        );
    };
    let title = Signal::derive(move || {
        instance
            .get()
            .map(|i| t_string!(i18n, ec2.snapshot_all_title, name = label(&i)).to_string())
            .unwrap_or_default()
    });
    let open = Signal::derive(move || instance.get().is_some());
    view! {
        <Dialog title open on_close=close>
            <form class="form" on:submit=submit>
                <p class="hint">{move || instance.get().map(|i| t_string!(i18n, ec2.snapshot_all_volumes, volumes = i.volume_ids().collect::<Vec<_>>().join(", ")).to_string())}</p>
                <TextField label=tr!(i18n, common.description_optional) name="description" value=description />
                <label class="check">
                    <input type="checkbox" name="exclude-boot" prop:checked=move || exclude_boot.get() on:change=move |ev| exclude_boot.set(event_target_checked(&ev)) />
                    {t!(i18n, ec2.exclude_boot)}
                </label>
                <label class="check">
                    <input type="checkbox" name="copy-tags" prop:checked=move || copy_tags.get() on:change=move |ev| copy_tags.set(event_target_checked(&ev)) />
                    {t!(i18n, ec2.copy_tags)}
                </label>
                <TagEditor rows=tags />
                <CliEquivalent command />
                <FormError error />
                <FormActions label=tr!(i18n, ec2.snapshot_all) busy on_cancel=close />
            </form>
        </Dialog>
    }
}
