//! EC2 → Schedules: Data Lifecycle Manager policies, the guide's "daily automatic snapshots at
//! 02:00 UTC". List (with each policy's next run in the user's time zone and in UTC), create a
//! daily policy for tagged volumes or instances, enable or disable, delete after a confirmation.

use leptos::prelude::*;
use nubo_cloud::{
    CloudError,
    aws::dlm::{self, NewDailyPolicy, Policy, ResourceType, Tag},
};
use time::OffsetDateTime;

use crate::{
    components::{
        cli::{CliEquivalent, option, shell_word},
        confirm::ConfirmOne,
        dialog::Dialog,
        status::StatusBadge,
        tags::{TagEditor, to_tags},
    },
    i18n::{t, t_string, tu_string, use_i18n},
    kit::list::{self, ActionButton, ConfirmDelete, FormActions, FormError, TextField, label},
    pages::ec2::explain,
    shell::notifications::{Level, Notifications},
    state::{accounts::Accounts, scope::Scope},
    tr,
};

/// A policy as listed: its summary's fields and, from GetLifecyclePolicy, its schedule.
#[derive(Debug, Clone, PartialEq)]
struct Row(Policy);

impl nubo_cloud::Resource for Row {
    fn id(&self) -> &str {
        &self.0.policy_id
    }
    fn name(&self) -> &str {
        self.0.description.as_deref().unwrap_or_default()
    }
    fn status(&self) -> &str {
        &self.0.state
    }
}

/// `2026-11-26 02:00 UTC · 03:00 in your time zone`.
fn next_run(policy: &Policy) -> Option<(String, String)> {
    let now = OffsetDateTime::now_utc();
    let details = policy.policy_details.as_ref()?;
    let next = details
        .schedules
        .iter()
        .filter_map(|s| s.create_rule.as_ref()?.next_run(now))
        .min()?;
    let utc = format!(
        "{:04}-{:02}-{:02} {:02}:{:02} UTC",
        next.year(),
        u8::from(next.month()),
        next.day(),
        next.hour(),
        next.minute()
    );
    // The browser knows the user's zone; `Date` formats the same instant there.
    let local = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(
        next.unix_timestamp() as f64 * 1000.0,
    ));
    let local = format!(
        "{:04}-{:02}-{:02} {:02}:{:02}",
        local.get_full_year(),
        local.get_month() + 1,
        local.get_date(),
        local.get_hours(),
        local.get_minutes()
    );
    Some((local, utc))
}

fn describe_targets(policy: &Policy) -> String {
    let Some(details) = policy.policy_details.as_ref() else {
        return String::new();
    };
    let kinds = details
        .resource_types
        .iter()
        .map(|k| match k {
            ResourceType::Volume => "VOLUME",
            ResourceType::Instance => "INSTANCE",
        })
        .collect::<Vec<_>>()
        .join(", ");
    let tags = details
        .target_tags
        .iter()
        .map(|t| format!("{}={}", t.key, t.value))
        .collect::<Vec<_>>()
        .join(", ");
    format!("{kinds} · {tags}")
}

fn retention(policy: &Policy) -> Option<u32> {
    policy
        .policy_details
        .as_ref()?
        .schedules
        .iter()
        .find_map(|s| s.retain_rule.as_ref()?.count)
}

#[component]
pub fn Ec2SchedulesPage(scope: Scope) -> impl IntoView {
    let accounts = Accounts::expect();
    let notifications = Notifications::expect();
    let i18n = use_i18n();
    let scope = StoredValue::new(scope);
    // One list call, then each policy's schedule (accounts have a handful of policies).
    let policies = list::follow(
        || (),
        move |()| {
            let dlm = accounts.dlm_in(scope);
            async move {
                let dlm = dlm?;
                let mut rows = Vec::new();
                for summary in dlm.policies().await? {
                    rows.push(Row(dlm.policy(&summary.policy_id).await?));
                }
                Ok(rows)
            }
        },
    );
    let creating = RwSignal::new(false);
    let delete_of = RwSignal::new(None::<Row>);
    let disabling = RwSignal::new(None::<Row>);
    let toggle = move |row: Row| {
        let dlm = accounts.dlm_in(scope);
        let enable = row.0.state != "ENABLED";
        let locale = i18n.get_locale_untracked();
        leptos::task::spawn_local(async move {
            let result = match dlm {
                Ok(dlm) => dlm.set_enabled(&row.0.policy_id, enable).await,
                Err(e) => Err(e),
            };
            match result {
                Ok(()) => policies.refetch(),
                Err(e) => {
                    notifications.error(
                        tu_string!(i18n, schedules.update_failed, name = label(&row)),
                        explain(&e, "dlm:UpdateLifecyclePolicy", locale),
                    );
                }
            }
        });
    };
    let table = move |rows: Vec<Row>| {
        view! {
            <table class="data-table ec2-schedules">
                <thead>
                    <tr>
                        <th scope="col">{t!(i18n, schedules.policy)}</th>
                        <th scope="col">{t!(i18n, common.status)}</th>
                        <th scope="col">{t!(i18n, schedules.targets)}</th>
                        <th scope="col">{t!(i18n, schedules.keeps)}</th>
                        <th scope="col">{t!(i18n, schedules.next_local)}</th>
                        <th scope="col">{t!(i18n, schedules.next_utc)}</th>
                        <th scope="col">{t!(i18n, common.actions)}</th>
                    </tr>
                </thead>
                <tbody>
                    {rows
                        .into_iter()
                        .map(|row| {
                            let (local, utc) = next_run(&row.0).unwrap_or_default();
                            let enabled = row.0.state == "ENABLED";
                            let (a, b) = (row.clone(), row.clone());
                            view! {
                                <tr data-id=row.0.policy_id.clone()>
                                    <th scope="row">{label(&row)}</th>
                                    <td><StatusBadge status=row.0.state.clone() /></td>
                                    <td>{describe_targets(&row.0)}</td>
                                    <td>{retention(&row.0).map(|n| n.to_string()).unwrap_or_default()}</td>
                                    <td>{local}</td>
                                    <td>{utc}</td>
                                    <td class="row-actions">
                                        <ActionButton
                                            label=if enabled { tr!(i18n, schedules.disable) } else { tr!(i18n, schedules.enable) }
                                            refusal=None
                                            on_click=Callback::new(move |_| if enabled { disabling.set(Some(a.clone())) } else { toggle(a.clone()) })
                                        />
                                        <ActionButton label=tr!(i18n, common.delete) refusal=None on_click=Callback::new(move |_| delete_of.set(Some(b.clone()))) />
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
            <button type="button" class="primary" on:click=move |_| creating.set(true)>{t!(i18n, schedules.create)}</button>
            <button type="button" class="secondary" on:click=move |_| policies.refetch()>{t!(i18n, common.refresh)}</button>
        </div>
        {list::render(policies, tr!(i18n, schedules.none), table)}
        <CreateDialog scope=scope.get_value() open=creating on_done=Callback::new(move |_| policies.refetch()) />
        <ConfirmOne
            target=disabling
            title=tr!(i18n, schedules.disable_title)
            name=Callback::new(|r: Row| format!("{} ({})", label(&r), r.0.policy_id))
            consequence=tr!(i18n, schedules.disable_consequence)
            action=tr!(i18n, schedules.disable)
            command=Callback::new(move |r: Row| format!("aws dlm update-lifecycle-policy --region {} --policy-id {} --state DISABLED", shell_word(&scope.with_value(|s| s.region.clone())), shell_word(&r.0.policy_id)))
            on_confirm=Callback::new(move |r: Row| toggle(r))
            on_close=Callback::new(move |()| disabling.set(None))
        />
        <ConfirmDelete
            target=delete_of
            title=tr!(i18n, schedules.delete_title)
            name=Callback::new(|r: Row| format!("{} ({})", label(&r), r.0.policy_id))
            command=Callback::new(move |r: Row| format!("aws dlm delete-lifecycle-policy --region {} --policy-id {}", shell_word(&scope.with_value(|s| s.region.clone())), shell_word(&r.0.policy_id)))
            delete=move |r: Row| {
                let dlm = accounts.dlm_in(scope);
                async move { dlm?.delete_policy(&r.0.policy_id).await }
            }
            explain=Callback::new(move |e: CloudError| explain(&e, "dlm:DeleteLifecyclePolicy", i18n.get_locale_untracked()))
            on_close=Callback::new(move |_| delete_of.set(None))
            on_done=Callback::new(move |_| policies.refetch())
        />
    }
}

/// The guide's policy: every day at a time (02:00 UTC by default), for volumes or instances
/// with the target tags, keeping the last N snapshots.
#[component]
fn CreateDialog(scope: Scope, open: RwSignal<bool>, on_done: Callback<()>) -> impl IntoView {
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
