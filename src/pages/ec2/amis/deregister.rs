//! EC2 → AMIs → Deregister: the AMI and, when asked, the snapshots behind it.

use leptos::prelude::*;
use nubo_cloud::aws::ec2::Image;

use crate::{
    components::{
        cli::{CliEquivalent, shell_word},
        dialog::Dialog,
    },
    i18n::{t, t_string, tu_string, use_i18n},
    pages::ec2::amis::list::ami_label,
    pages::ec2::explain,
    shell::notifications::{Level, Notifications},
    state::{accounts::Accounts, scope::Scope},
};

/// The confirmation of a deregistration: names the AMI and the snapshots it would leave behind
/// or delete with it.
#[component]
pub fn DeregisterDialog(
    scope: Scope,
    image: RwSignal<Option<Image>>,
    on_done: Callback<()>,
) -> impl IntoView {
    let accounts = Accounts::expect();
    let notifications = Notifications::expect();
    let i18n = use_i18n();
    let with_snapshots = RwSignal::new(true);
    let busy = RwSignal::new(false);
    let scope = StoredValue::new(scope);
    Effect::new(move |_| {
        if image.get().is_some() {
            with_snapshots.set(true);
        }
    });
    let snapshots = move || {
        image
            .get()
            .map(|i| i.snapshot_ids().map(str::to_owned).collect::<Vec<_>>())
            .unwrap_or_default()
    };
    let command = Signal::derive(move || {
        let Some(i) = image.get() else {
            return String::new();
        };
        let mut command = format!(
            "aws ec2 deregister-image --region {} --image-id {}",
            shell_word(&scope.with_value(|s| s.region.clone())),
            shell_word(&i.id)
        );
        if with_snapshots.get() && !snapshots().is_empty() {
            command.push_str(" --delete-associated-snapshots");
        }
        command
    });
    let close = crate::kit::form::closer(busy, image);
    let confirm = move |_| {
        let Some(victim) = image.get_untracked() else {
            return;
        };
        busy.set(true);
        let ec2 = accounts.ec2_in(scope);
        let delete_snapshots = with_snapshots.get_untracked();
        let locale = i18n.get_locale_untracked();
        leptos::task::spawn_local(async move {
            let result = match ec2 {
                Ok(ec2) => ec2.deregister_image(&victim.id, delete_snapshots).await,
                Err(e) => Err(e),
            };
            busy.set(false);
            image.set(None);
            match result {
                Ok(()) => {
                    notifications.push(
                        Level::Success,
                        tu_string!(i18n, ec2.deregistered, name = ami_label(&victim)),
                        None,
                    );
                    on_done.run(());
                }
                Err(e) => {
                    notifications.error(
                        tu_string!(i18n, ec2.deregister_failed, name = ami_label(&victim)),
                        explain(&e, "ec2:DeregisterImage", locale),
                    );
                }
            }
        });
    };
    let title = Signal::derive(move || {
        image
            .get()
            .map(|i| t_string!(i18n, ec2.deregister_title, name = ami_label(&i)).to_string())
            .unwrap_or_default()
    });
    let open = Signal::derive(move || image.get().is_some());
    view! {
        <Dialog title open on_close=close>
            <p>{t!(i18n, confirm.cannot_be_undone)}</p>
            <ul class="confirm-list">
                <li><strong>{move || image.get().map(|i| format!("{} ({})", ami_label(&i), i.id))}</strong></li>
            </ul>
            <Show when=move || !snapshots().is_empty()>
                <label class="check">
                    <input type="checkbox" name="delete-snapshots" prop:checked=move || with_snapshots.get() on:change=move |ev| with_snapshots.set(event_target_checked(&ev)) />
                    {move || t_string!(i18n, ec2.delete_its_snapshots, snapshots = snapshots().join(", "))}
                </label>
            </Show>
            <CliEquivalent command />
            <div class="form-actions">
                <button type="button" class="secondary" on:click=move |_| close.run(())>{t!(i18n, common.cancel)}</button>
                <button type="button" class="danger" disabled=move || busy.get() on:click=confirm>{t!(i18n, ec2.deregister)}</button>
            </div>
        </Dialog>
    }
}
