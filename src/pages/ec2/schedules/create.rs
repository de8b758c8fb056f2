//! EC2 → Schedules → Create: a DLM policy that snapshots the tagged volumes every day at a time
//! in UTC (workflow 3's 02:00), keeping a number of them.

use leptos::prelude::*;
use nubo_cloud::aws::dlm::{self, NewDailyPolicy, ResourceType, Tag};

use crate::{
    components::{
        cli::{CliEquivalent, option, shell_word},
        dialog::Dialog,
        tags::{TagEditor, to_tags},
    },
    i18n::{t, t_string, tu_string, use_i18n},
    kit::form::{FormActions, FormError, TextField},
    shell::notifications::{Level, Notifications},
    state::{accounts::Accounts, scope::Scope},
    tr,
};

/// The guide's policy: every day at a time (02:00 UTC by default), for volumes or instances
/// with the target tags, keeping the last N snapshots.
#[component]
pub fn CreateDialog(scope: Scope, open: RwSignal<bool>, on_done: Callback<()>) -> impl IntoView {
    let accounts = Accounts::expect();
    let notifications = Notifications::expect();
    let i18n = use_i18n();
    let description = RwSignal::new(String::new());
    let instances = RwSignal::new(false);
    let target = RwSignal::new(Vec::<(String, String)>::new());
    let time_utc = RwSignal::new(String::new());
    let keep = RwSignal::new(String::new());
    let role = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let scope = StoredValue::new(scope);
    Effect::new(move |_| {
        if open.get() {
            description.set(t_string!(i18n, schedules.default_description).to_owned());
            instances.set(false);
            target.set(vec![("Backup".into(), "daily".into())]);
            time_utc.set("02:00".into());
            keep.set("7".into());
            // DLM's console role, in the account STS named; else a placeholder to fill in.
            let account_id = scope
                .with_value(|s| accounts.get_untracked(s))
                .and_then(|a| a.account_id().map(str::to_owned));
            role.set(dlm::default_role_arn(
                account_id.as_deref().unwrap_or("ACCOUNT_ID"),
            ));
            error.set(None);
        }
    });
    let policy = move || NewDailyPolicy {
        description: description.get().trim().to_owned(),
        execution_role_arn: role.get().trim().to_owned(),
        resource_type: if instances.get() {
            ResourceType::Instance
        } else {
            ResourceType::Volume
        },
        target_tags: target
            .with(|t| to_tags(t))
            .into_iter()
            .map(Tag::from)
            .collect(),
        time_utc: time_utc.get().trim().to_owned(),
        retain_count: keep.get().trim().parse().unwrap_or(0),
        copy_tags: true,
        tags_to_add: Vec::new(),
        enabled: true,
    };
    let command = Signal::derive(move || {
        let p = policy();
        format!(
            "aws dlm create-lifecycle-policy --region {} {} --state ENABLED --execution-role-arn {} --policy-details {}",
            shell_word(&scope.with_value(|s| s.region.clone())),
            option("--description", &p.description),
            shell_word(&p.execution_role_arn),
            shell_word(&serde_json::to_string(&p.details()).unwrap_or_default())
        )
    });
    let close = Callback::new(move |_| {
        if !busy.get_untracked() {
            open.set(false);
        }
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let p = untrack(policy);
        if p.retain_count == 0 || p.retain_count > 1000 {
            error.set(Some(tu_string!(i18n, schedules.keep_range).to_owned()));
            return;
        }
        if p.target_tags.is_empty() {
            error.set(Some(tu_string!(i18n, schedules.need_tags).to_owned()));
            return;
        }
        let dlm = accounts.dlm_in(scope);
        crate::pages::ec2::submit(
            busy,
            error,
            i18n.get_locale_untracked(),
            "dlm:CreateLifecyclePolicy",
            async move { dlm?.create_daily_policy(&p).await },
            move |id| {
                open.set(false);
                notifications.push(
                    Level::Success,
                    tu_string!(i18n, schedules.created),
                    Some(id),
                );
                on_done.run(());
            },
        );
    };
    let title = tr!(i18n, schedules.create);
    view! {
        <Dialog title open=Signal::from(open) on_close=close>
            <form class="form" on:submit=submit>
                <TextField label=tr!(i18n, schedules.description) name="description" value=description required=true />
                <fieldset class="choices">
                    <legend>{t!(i18n, schedules.snapshot_what)}</legend>
                    <label>
                        <input type="radio" name="resource-type" checked=move || !instances.get() on:change=move |_| instances.set(false) />
                        {t!(i18n, schedules.volumes)}
                    </label>
                    <label>
                        <input type="radio" name="resource-type" checked=move || instances.get() on:change=move |_| instances.set(true) />
                        {t!(i18n, schedules.instances)}
                    </label>
                </fieldset>
                <p class="hint">{t!(i18n, schedules.targets_hint)}</p>
                <TagEditor rows=target />
                <label class="field">
                    <span>{t!(i18n, schedules.time)}</span>
                    <input type="time" name="time-utc" required prop:value=move || time_utc.get() on:input=move |ev| time_utc.set(event_target_value(&ev)) />
                </label>
                <label class="field">
                    <span>{t!(i18n, schedules.keep)}</span>
                    <input type="number" name="keep" min="1" max="1000" required prop:value=move || keep.get() on:input=move |ev| keep.set(event_target_value(&ev)) />
                </label>
                <TextField label=tr!(i18n, schedules.role) name="execution-role-arn" value=role required=true />
                <p class="hint">{t!(i18n, schedules.role_hint)}</p>
                <CliEquivalent command />
                <FormError error />
                <FormActions label=tr!(i18n, schedules.create) busy on_cancel=close />
            </form>
        </Dialog>
    }
}
