//! EC2 → Instances: the account's instances in the region with their volumes. Row actions:
//! Snapshot all volumes (CreateSnapshots: one crash-consistent set, the boot volume optional,
//! the volumes' tags copied), Create AMI, Stop and Start.

use leptos::prelude::*;
use leptos_router::{components::A, hooks::use_navigate};
use nubo_cloud::{
    Resource,
    aws::{
        Ec2,
        ec2::{Instance, InstanceSnapshots, NewImage, Query},
    },
};

use crate::{
    components::{
        cli::{CliEquivalent, option, shell_word},
        confirm::ConfirmOne,
        dialog::Dialog,
        status::StatusBadge,
        tags::{TagEditor, cli_spec, to_tags},
    },
    format::short_time,
    i18n::{t, t_string, tu_string, use_i18n},
    kit::list::{
        self, ActionButton, FormActions, FormError, MoreActions, TextField, label, refusal,
    },
    pages::ec2::{
        self, explain,
        tags::{EditTagsDialog, Tagged},
    },
    shell::notifications::{Level, Notifications},
    state::{accounts::Accounts, scope::Scope},
    tr,
};

const SNAPSHOT_ALLOWED: &[&str] = &["running", "stopped"];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Form {
    Snapshots,
    Image,
}

#[component]
pub fn Ec2InstancesPage(scope: Scope) -> impl IntoView {
    let accounts = Accounts::expect();
    let notifications = Notifications::expect();
    let i18n = use_i18n();
    let scope = StoredValue::new(scope);
    let instances = ec2::live(scope, |ec2: Ec2, query: Query| async move {
        ec2.instances(&query).await
    });
    let chosen = RwSignal::new(None::<(Form, Instance)>);
    let power = move |start: bool, instance: Instance| {
        let ec2 = accounts.ec2_in(scope);
        let locale = i18n.get_locale_untracked();
        leptos::task::spawn_local(async move {
            let id = instance.id.clone();
            let result = match ec2 {
                Ok(ec2) if start => ec2.start_instances(&[&id]).await.map(drop),
                Ok(ec2) => ec2.stop_instances(&[&id]).await.map(drop),
                Err(e) => Err(e),
            };
            match result {
                Ok(()) => instances.refetch(),
                Err(error) => {
                    let (title, action) = if start {
                        (
                            tu_string!(i18n, instances.start_failed, name = label(&instance)),
                            "ec2:StartInstances",
                        )
                    } else {
                        (
                            tu_string!(i18n, instances.stop_failed, name = label(&instance)),
                            "ec2:StopInstances",
                        )
                    };
                    notifications.error(title, explain(&error, action, locale));
                }
            }
        });
    };
    let tags_of = RwSignal::new(None::<Tagged>);
    let stopping = RwSignal::new(None::<Instance>);
    let table = move |rows: Vec<Instance>| {
        view! {
            <table class="data-table ec2-instances">
                <thead>
                    <tr>
                        <th scope="col">{t!(i18n, ec2.instance_id)}</th>
                        <th scope="col">{t!(i18n, common.name)}</th>
                        <th scope="col">{t!(i18n, common.status)}</th>
                        <th scope="col">{t!(i18n, common.kind)}</th>
                        <th scope="col">{t!(i18n, ec2.zone)}</th>
                        <th scope="col">{t!(i18n, nav.volumes)}</th>
                        <th scope="col">{t!(i18n, ec2.launched)}</th>
                        <th scope="col">{t!(i18n, common.actions)}</th>
                    </tr>
                </thead>
                <tbody>
                    {rows
                        .into_iter()
                        .map(|instance| {
                            let state = instance.status().to_owned();
                            let snapshot_refused = refusal(&state, SNAPSHOT_ALLOWED);
                            let start_refused = refusal(&state, &["stopped"]);
                            let stop_refused = refusal(&state, &["running"]);
                            let volumes = instance.volume_ids().collect::<Vec<_>>().join(", ");
                            let (a, b, c, d) = (instance.clone(), instance.clone(), instance.clone(), instance.clone());
                            let tagged = Tagged { id: instance.id.clone(), label: label(&instance), tags: instance.tags.clone() };
                            let id_text = instance.id.clone();
                            let detail_href = scope.with_value(|s| s.url(&format!("/ec2/instances/{}", instance.id)));
                            view! {
                                <tr data-id=instance.id.clone()>
                                    <td class="mono"><A href=detail_href>{id_text}</A></td>
                                    <th scope="row">{instance.tag("Name").unwrap_or_default().to_owned()}</th>
                                    <td><StatusBadge status=state /></td>
                                    <td>{instance.instance_type.clone().unwrap_or_default()}</td>
                                    <td>{instance.availability_zone().unwrap_or_default().to_owned()}</td>
                                    <td class="mono">{volumes}</td>
                                    <td>{short_time(instance.launch_time.as_deref())}</td>
                                    <td class="row-actions">
                                        <ActionButton label=tr!(i18n, ec2.snapshot_all) refusal=snapshot_refused.clone() on_click=Callback::new(move |_| chosen.set(Some((Form::Snapshots, a.clone())))) />
                                        <ActionButton label=tr!(i18n, ec2.create_ami) refusal=snapshot_refused on_click=Callback::new(move |_| chosen.set(Some((Form::Image, b.clone())))) />
                                        <MoreActions name=label(&instance)>
                                            <ActionButton label=tr!(i18n, instances.start) refusal=start_refused on_click=Callback::new(move |_| power(true, c.clone())) />
                                            <ActionButton label=tr!(i18n, instances.stop) refusal=stop_refused on_click=Callback::new(move |_| stopping.set(Some(d.clone()))) />
                                            <ActionButton label=tr!(i18n, tags.edit) refusal=None on_click=Callback::new(move |_| tags_of.set(Some(tagged.clone()))) />
                                        </MoreActions>
                                    </td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        }
    };
    view! {
        <div class="toolbar">
            <button type="button" class="secondary" on:click=move |_| instances.refetch()>{t!(i18n, common.refresh)}</button>
        </div>
        {list::render(instances, tr!(i18n, ec2.no_instances), table)}
        <ConfirmOne
            target=stopping
            title=tr!(i18n, instances.stop_title)
            name=Callback::new(|i: Instance| format!("{} ({})", label(&i), i.id))
            consequence=tr!(i18n, ec2.stop_consequence)
            action=tr!(i18n, instances.stop)
            command=Callback::new(move |i: Instance| format!("aws ec2 stop-instances --region {} --instance-ids {}", shell_word(&scope.with_value(|s| s.region.clone())), shell_word(&i.id)))
            on_confirm=Callback::new(move |i: Instance| power(false, i))
            on_close=Callback::new(move |()| stopping.set(None))
        />
        <SnapshotsDialog scope=scope.get_value() chosen />
        <ImageDialog scope=scope.get_value() chosen />
        <EditTagsDialog scope=scope.get_value() target=tags_of on_changed=Callback::new(move |_| instances.refetch()) />
    }
}

fn form_of(chosen: RwSignal<Option<(Form, Instance)>>, form: Form) -> Signal<Option<Instance>> {
    Signal::derive(move || chosen.get().filter(|(f, _)| *f == form).map(|(_, i)| i))
}

fn today() -> String {
    let now = js_sys::Date::new_0()
        .to_iso_string()
        .as_string()
        .unwrap_or_default();
    now[..10.min(now.len())].to_owned()
}

/// Snapshot all volumes: CreateSnapshots of the instance.
#[component]
fn SnapshotsDialog(scope: Scope, chosen: RwSignal<Option<(Form, Instance)>>) -> impl IntoView {
    let accounts = Accounts::expect();
    let notifications = Notifications::expect();
    let i18n = use_i18n();
    let navigate = StoredValue::new(use_navigate());
    let instance = form_of(chosen, Form::Snapshots);
    let description = RwSignal::new(String::new());
    let exclude_boot = RwSignal::new(false);
    let copy_tags = RwSignal::new(true);
    let tags = RwSignal::new(Vec::<(String, String)>::new());
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let scope = StoredValue::new(scope);
    Effect::new(move |_| {
        if let Some(i) = instance.get() {
            description.set(format!("{} {}", label(&i), today()));
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
    let close = crate::kit::list::closer(busy, chosen);
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
                chosen.set(None);
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

/// Create AMI: CreateImage of the instance (a snapshot of each volume, registered as an image).
#[component]
fn ImageDialog(scope: Scope, chosen: RwSignal<Option<(Form, Instance)>>) -> impl IntoView {
    let accounts = Accounts::expect();
    let notifications = Notifications::expect();
    let i18n = use_i18n();
    let navigate = StoredValue::new(use_navigate());
    let instance = form_of(chosen, Form::Image);
    let name = RwSignal::new(String::new());
    let description = RwSignal::new(String::new());
    let no_reboot = RwSignal::new(false);
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let scope = StoredValue::new(scope);
    Effect::new(move |_| {
        if let Some(i) = instance.get() {
            name.set(format!("{}-{}", label(&i), today()));
            description.set(String::new());
            no_reboot.set(false);
            error.set(None);
        }
    });
    let command = Signal::derive(move || {
        let Some(i) = instance.get() else {
            return String::new();
        };
        let mut parts = vec![
            "aws ec2 create-image".to_owned(),
            format!(
                "--region {}",
                shell_word(&scope.with_value(|s| s.region.clone()))
            ),
            option("--instance-id", &i.id),
            option("--name", &name.get()),
        ];
        if !description.get().is_empty() {
            parts.push(option("--description", &description.get()));
        }
        if no_reboot.get() {
            parts.push("--no-reboot".into());
        }
        parts.join(" ")
    });
    let close = crate::kit::list::closer(busy, chosen);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(i) = instance.get_untracked() else {
            return;
        };
        let image = NewImage {
            instance_id: i.id.clone(),
            name: name.get_untracked().trim().to_owned(),
            description: Some(description.get_untracked()).filter(|d| !d.is_empty()),
            no_reboot: no_reboot.get_untracked(),
            ..NewImage::default()
        };
        let scope = scope.get_value();
        let ec2 = accounts.ec2(&scope);
        let url = scope.url("/ec2/amis");
        let label_text = image.name.clone();
        ec2::submit(
            busy,
            error,
            i18n.get_locale_untracked(),
            "ec2:CreateImage",
            async move { ec2?.create_image(&image).await },
            move |id| {
                chosen.set(None);
                notifications.push(
                    Level::Success,
                    tu_string!(i18n, ec2.ami_requested, name = &label_text),
                    Some(id),
                );
                navigate.try_with_value(|go| go(&url, Default::default()));
            },
        );
    };
    let title = Signal::derive(move || {
        instance
            .get()
            .map(|i| t_string!(i18n, ec2.create_ami_title, name = label(&i)).to_string())
            .unwrap_or_default()
    });
    let open = Signal::derive(move || instance.get().is_some());
    view! {
        <Dialog title open on_close=close>
            <form class="form" on:submit=submit>
                <TextField label=tr!(i18n, ec2.ami_name) name="ami-name" value=name required=true />
                <TextField label=tr!(i18n, common.description_optional) name="description" value=description />
                <label class="check">
                    <input type="checkbox" name="no-reboot" prop:checked=move || no_reboot.get() on:change=move |ev| no_reboot.set(event_target_checked(&ev)) />
                    {t!(i18n, ec2.no_reboot)}
                </label>
                <CliEquivalent command />
                <FormError error />
                <FormActions label=tr!(i18n, ec2.create_ami) busy on_cancel=close />
            </form>
        </Dialog>
    }
}
