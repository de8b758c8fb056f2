//! EC2 → AMIs: the images the account owns in the region. Deregister asks first, naming the
//! image, and offers to delete the snapshots it is made of (otherwise they stay, and cost).

use leptos::prelude::*;
use leptos_router::components::A;
use nubo_cloud::aws::{
    Ec2,
    ec2::{Image, Query},
};

use crate::{
    components::{
        cli::{CliEquivalent, shell_word},
        dialog::Dialog,
        status::StatusBadge,
    },
    format::short_time,
    i18n::{t, t_string, tu_string, use_i18n},
    kit::list::{self, ActionButton, label, refusal},
    pages::ec2::{self, explain},
    shell::notifications::{Level, Notifications},
    state::{accounts::Accounts, scope::Scope},
    tr,
};

/// An AMI is known by the name given at CreateImage (its `Name` tag is optional).
fn ami_label(image: &Image) -> String {
    image
        .name
        .clone()
        .filter(|n| !n.is_empty())
        .unwrap_or_else(|| label(image))
}

#[component]
pub fn Ec2AmisPage(scope: Scope) -> impl IntoView {
    let i18n = use_i18n();
    let scope = StoredValue::new(scope);
    let images = ec2::live(scope, |ec2: Ec2, query: Query| async move {
        ec2.images(&query).await
    });
    let deregister_of = RwSignal::new(None::<Image>);
    let table = move |rows: Vec<Image>| {
        view! {
            <table class="data-table ec2-amis">
                <thead>
                    <tr>
                        <th scope="col">{t!(i18n, ec2.ami_id)}</th>
                        <th scope="col">{t!(i18n, common.name)}</th>
                        <th scope="col">{t!(i18n, common.status)}</th>
                        <th scope="col">{t!(i18n, ec2.snapshots)}</th>
                        <th scope="col">{t!(i18n, common.created)}</th>
                        <th scope="col">{t!(i18n, common.actions)}</th>
                    </tr>
                </thead>
                <tbody>
                    {rows
                        .into_iter()
                        .map(|image| {
                            let refused = refusal(&image.state, &["available", "failed", "error", "invalid"]);
                            let for_deregister = image.clone();
                            let id_text = image.id.clone();
                            let detail_href = scope.with_value(|s| s.url(&format!("/ec2/amis/{}", image.id)));
                            view! {
                                <tr data-id=image.id.clone()>
                                    <td class="mono"><A href=detail_href>{id_text}</A></td>
                                    <th scope="row">{ami_label(&image)}</th>
                                    <td><StatusBadge status=image.state.clone() /></td>
                                    <td class="mono">{image.snapshot_ids().collect::<Vec<_>>().join(", ")}</td>
                                    <td>{short_time(image.creation_date.as_deref())}</td>
                                    <td class="row-actions">
                                        <ActionButton label=tr!(i18n, ec2.deregister) refusal=refused on_click=Callback::new(move |_| deregister_of.set(Some(for_deregister.clone()))) />
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
            <button type="button" class="secondary" on:click=move |_| images.refetch()>{t!(i18n, common.refresh)}</button>
        </div>
        {list::render(images, tr!(i18n, ec2.no_amis), table)}
        <DeregisterDialog scope=scope.get_value() image=deregister_of on_done=Callback::new(move |_| images.refetch()) />
    }
}

/// The confirmation of a deregistration: names the AMI and the snapshots it would leave behind
/// or delete with it.
#[component]
fn DeregisterDialog(
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
    let close = crate::kit::list::closer(busy, image);
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
