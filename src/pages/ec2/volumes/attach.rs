//! EC2 → Volumes → Attach: a restored (or any available) volume onto an instance of its own
//! zone, as the first free device name, with the command line. A device the instance already
//! uses, or a name EC2 would not take, is refused before AttachVolume is sent; instances of
//! other zones are not offered, and the form says so when its zone has none.

use crate::prelude::*;
use nubo_cloud::Resource;
use nubo_cloud::aws::ec2::{Filter, Instance, Query, Volume};
use nubo_logic::device::{self, DeviceRefusal};

pub const ATTACH_ALLOWED: &[&str] = &["available"];
/// EC2 attaches to running and stopped instances only.
const ATTACHABLE: &[&str] = &["running", "stopped"];

form_dialog!(AttachDialog(volume: Volume) => AttachForm, |v, l| td_string!(l, attach.title, name = label(v)).to_string());

fn used_devices(instance: &Instance) -> Vec<String> {
    let mut used: Vec<String> = instance
        .block_devices
        .iter()
        .map(|d| d.device_name.clone())
        .collect();
    // The root device is in the mapping for EBS-backed instances, not for instance-store ones.
    if let Some(root) = &instance.root_device_name
        && !used.contains(root)
    {
        used.push(root.clone());
    }
    used
}

#[component]
fn AttachForm(scope: StoredValue<Scope>, volume: Volume, form: FormState) -> impl IntoView {
    let accounts = Accounts::expect();
    let i18n = use_i18n();
    let zone = volume.availability_zone.clone().unwrap_or_default();
    let instance = RwSignal::new(String::new());
    let device = RwSignal::new(String::new());
    // The account's instances of the volume's zone that EC2 can attach to.
    let candidates = {
        let zone = zone.clone();
        LocalResource::new(move || {
            let (ec2, zone) = (accounts.ec2_in(scope), zone.clone());
            async move {
                let query = Query::default().filter(Filter::new("availability-zone", [zone]));
                let found = ec2.ok()?.instances(&query).await.ok()?.items;
                Some(
                    found
                        .into_iter()
                        .filter(|i| ATTACHABLE.contains(&i.status()))
                        .collect::<Vec<_>>(),
                )
            }
        })
    };
    let listed = move || candidates.get().flatten().unwrap_or_default();
    let chosen = move || listed().into_iter().find(|i| i.id == instance.get());
    // The first instance, and each chosen instance's first free device.
    Effect::new(move |_| {
        if instance.get().is_empty()
            && let Some(first) = listed().first()
        {
            instance.set(first.id.clone());
        }
    });
    Effect::new(move |_| {
        if let Some(chosen) = chosen() {
            let used = used_devices(&chosen);
            let free = device::next_free(used.iter().map(String::as_str));
            device.set(free.unwrap_or_default().to_owned());
        }
    });
    let none_in_zone = move || candidates.get().flatten().is_some_and(|c| c.is_empty());
    let instance_choices = Signal::derive(move || {
        listed()
            .iter()
            .map(|i| {
                let text = t_string!(
                    i18n,
                    attach.instance_choice,
                    name = label(i),
                    id = &i.id,
                    state = i.status()
                );
                (i.id.clone(), text.to_string())
            })
            .collect::<Vec<_>>()
    });
    let used_line = move || {
        let used = used_devices(&chosen()?);
        Some(t_string!(i18n, attach.used, devices = used.join(", ")).to_string())
    };
    let (region, volume_id) = (scope.with_value(|s| s.region.clone()), volume.id.clone());
    let command = {
        let volume_id = volume_id.clone();
        Signal::derive(move || {
            Cli::new("aws ec2 attach-volume")
                .option("--region", &region)
                .option("--volume-id", &volume_id)
                .option("--instance-id", &instance.get())
                .option("--device", &device.get())
                .line()
        })
    };
    let shown = label(&volume);
    let submit = Callback::new(move |()| {
        let Some(target) = chosen() else {
            return form.refuse(Failure::app(|l| td_string!(l, attach.choose_instance)));
        };
        let used = used_devices(&target);
        let name = match device::check(&device.get_untracked(), used.iter().map(String::as_str)) {
            Ok(name) => name,
            Err(refusal) => {
                let typed = device.get_untracked();
                let on = label(&target);
                return form.refuse(Failure::worded(move |l| match refusal {
                    DeviceRefusal::Used => {
                        td_string!(l, attach.device_used, device = &typed, instance = &on)
                            .to_string()
                    }
                    DeviceRefusal::Malformed => {
                        td_string!(l, attach.device_malformed, device = &typed).to_string()
                    }
                }));
            }
        };
        let ec2 = scope.with_value(|s| accounts.ec2(s));
        let (volume_id, instance_id) = (volume_id.clone(), target.id.clone());
        let (shown, on) = (shown.clone(), label(&target));
        form.aws(
            "ec2:AttachVolume",
            async move {
                ec2?.attach_volume(&volume_id, &instance_id, &name)
                    .await
                    .map(|()| name)
            },
            move |name: String| {
                form.notify(
                    tu_string!(
                        i18n,
                        attach.requested,
                        name = &shown,
                        instance = &on,
                        device = &name
                    ),
                    None,
                );
            },
        );
    });
    view! {
        <FormBody form label=tr!(i18n, attach.action) busy_label=tr!(i18n, attach.busy) command on_submit=submit>
            <p class="hint">{t!(i18n, attach.zone_hint, zone = zone.clone())}</p>
            <Show when=none_in_zone>
                <p class="form-warning" role="note">{t!(i18n, attach.none_in_zone, zone = zone.clone())}</p>
            </Show>
            <SelectField label=tr!(i18n, attach.instance) name="instance" value=instance choices=instance_choices />
            <TextField label=tr!(i18n, attach.device) name="device" value=device required=true />
            <p class="hint">{used_line}</p>
        </FormBody>
    }
}
