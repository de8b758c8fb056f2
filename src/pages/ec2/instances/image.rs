//! EC2 → Instances → Create AMI: CreateImage of the instance, with or without a reboot.

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use nubo_cloud::aws::ec2::{Instance, NewImage};

use crate::{
    components::{
        cli::{CliEquivalent, option, shell_word},
        dialog::Dialog,
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

/// Create AMI: CreateImage of the instance (a snapshot of each volume, registered as an image).
#[component]
pub fn ImageDialog(scope: Scope, instance: RwSignal<Option<Instance>>) -> impl IntoView {
    let accounts = Accounts::expect();
    let notifications = Notifications::expect();
    let i18n = use_i18n();
    let navigate = StoredValue::new(use_navigate());
    let name = RwSignal::new(String::new());
    let description = RwSignal::new(String::new());
    let no_reboot = RwSignal::new(false);
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let scope = StoredValue::new(scope);
    Effect::new(move |_| {
        if let Some(i) = instance.get() {
            name.set(format!("{}-{}", label(&i), crate::format::today()));
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
    let close = crate::kit::form::closer(busy, instance);
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
                instance.set(None);
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
