//! EC2 → Instances → Replace root volume: EC2 makes a new root volume from a snapshot of the
//! current one (or from the instance's launch state) and swaps it in, with a short restart of
//! the instance and without detaching anything else (CreateReplaceRootVolumeTask). The disk's
//! data is overwritten, so the instance's name is typed first. The task is followed until EC2
//! says it succeeded or failed.

use crate::components::confirm::{TypeToConfirm, typed_confirmation};
use crate::prelude::*;
use crate::state::poll;
use nubo_cloud::aws::Ec2;
use nubo_cloud::aws::ec2::{Filter, Instance, Query, ReplaceRootVolumeTask};

pub const REPLACE_ALLOWED: &[&str] = &["running", "stopped"];
/// Ten minutes of polling every poll::EVERY: EC2 takes a minute or two for a small volume.
const FOLLOW_POLLS: usize = 300;

form_dialog!(ReplaceRootDialog(instance: Instance) => ReplaceRootForm, |i, l| td_string!(l, replace_root.title, name = label(i)).to_string());

#[component]
fn ReplaceRootForm(
    scope: StoredValue<Scope>,
    instance: Instance,
    form: FormState,
) -> impl IntoView {
    let accounts = Accounts::expect();
    let notifications = Notifications::expect();
    let i18n = use_i18n();
    let snapshot = RwSignal::new(String::new());
    let delete_replaced = RwSignal::new(false);
    let root = instance.root_volume_id().map(str::to_owned);
    // The completed snapshots of the current root volume: EC2 takes only those of its lineage.
    let snapshots = {
        let root = root.clone();
        LocalResource::new(move || {
            let (ec2, root) = (accounts.ec2_in(scope), root.clone());
            async move {
                let query = Query::default().filter(Filter::new("volume-id", [root?]));
                let found = ec2.ok()?.snapshots(&query).await.ok()?.items;
                Some(
                    found
                        .into_iter()
                        .filter(|s| s.state == "completed")
                        .collect::<Vec<_>>(),
                )
            }
        })
    };
    let choices = Signal::derive(move || {
        let launch = (
            String::new(),
            t_string!(i18n, replace_root.launch_state).to_owned(),
        );
        let found = snapshots.get().flatten().unwrap_or_default();
        std::iter::once(launch)
            .chain(found.into_iter().map(|s| {
                let when = crate::format::short_time(s.start_time.as_deref());
                let text = t_string!(
                    i18n,
                    replace_root.snapshot_choice,
                    name = label(&s),
                    id = &s.id,
                    when
                );
                (s.id.clone(), text.to_string())
            }))
            .collect::<Vec<_>>()
    });
    let shown = label(&instance);
    let (typed, blocked) = typed_confirmation(Signal::stored(shown.clone()), || {});
    let (region, instance_id) = (scope.with_value(|s| s.region.clone()), instance.id.clone());
    let command = {
        let instance_id = instance_id.clone();
        Signal::derive(move || {
            Cli::new("aws ec2 create-replace-root-volume-task")
                .option("--region", &region)
                .option("--instance-id", &instance_id)
                .option_if("--snapshot-id", Some(&snapshot.get()))
                .flag_if(delete_replaced.get(), "--delete-replaced-root-volume")
                .line()
        })
    };
    let submit = Callback::new(move |()| {
        let ec2 = scope.with_value(|s| accounts.ec2(s));
        let chosen = Some(snapshot.get_untracked()).filter(|s| !s.is_empty());
        let delete = delete_replaced.get_untracked();
        let (id, shown) = (instance_id.clone(), shown.clone());
        let follower = ec2.clone();
        form.aws(
            "ec2:CreateReplaceRootVolumeTask",
            async move {
                ec2?.create_replace_root_volume_task(&id, chosen.as_deref(), delete)
                    .await
            },
            move |task: ReplaceRootVolumeTask| {
                form.notify(
                    tu_string!(i18n, replace_root.requested, name = &shown),
                    Some(tu_string!(
                        i18n,
                        replace_root.task,
                        id = &task.id,
                        state = &task.state
                    )),
                );
                if let Ok(ec2) = follower {
                    follow(ec2, task, shown, notifications, i18n);
                }
            },
        );
    });
    view! {
        <FormBody form label=tr!(i18n, replace_root.action) busy_label=tr!(i18n, replace_root.busy) command blocked danger=true on_submit=submit>
            <p class="form-warning" role="note">{t!(i18n, replace_root.warning)}</p>
            <p class="hint">{t!(i18n, replace_root.root, volume = root.clone().unwrap_or_default())}</p>
            <SelectField label=tr!(i18n, replace_root.from) name="snapshot" value=snapshot choices />
            <CheckField label=tr!(i18n, replace_root.delete_replaced) name="delete-replaced" value=delete_replaced />
            <p class="hint">{t!(i18n, replace_root.delete_hint)}</p>
            <TypeToConfirm name=Signal::stored(label(&instance)) typed />
        </FormBody>
    }
}

/// Polls the task until EC2 is done with it, then says how it ended. Everything it needs is
/// owned here: the page may be gone by then.
fn follow(
    ec2: Ec2,
    task: ReplaceRootVolumeTask,
    shown: String,
    notifications: Notifications,
    i18n: crate::text::I18n,
) {
    leptos::task::spawn_local(async move {
        let mut last = task;
        for _ in 0..FOLLOW_POLLS {
            if last.is_over() {
                break;
            }
            gloo_timers::future::sleep(poll::EVERY).await;
            match ec2.replace_root_volume_task(&last.id).await {
                Ok(now) => last = now,
                Err(error) => {
                    let title = tu_string!(i18n, replace_root.follow_failed, name = &shown);
                    notifications.error(title, error.to_string());
                    return;
                }
            }
        }
        if last.state == "succeeded" {
            let title = tu_string!(i18n, replace_root.succeeded, name = &shown);
            notifications.push(Level::Success, title, Some(last.id));
        } else {
            let title = tu_string!(i18n, replace_root.ended, name = &shown, state = &last.state);
            notifications.error(title, last.id);
        }
    });
}
