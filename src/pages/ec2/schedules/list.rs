//! EC2 → Schedules: Data Lifecycle Manager policies, the guide's "daily automatic snapshots at
//! 02:00 UTC". List (with each policy's next run in the user's time zone and in UTC), create a
//! daily policy for tagged volumes or instances, enable or disable, delete after a confirmation.

use crate::components::confirm::ConfirmOne;
use crate::components::status::StatusBadge;
use crate::kit;
use crate::kit::delete::ConfirmDelete;
use crate::pages::ec2::schedules::create::CreateDialog;
use crate::prelude::*;
use nubo_cloud::aws::dlm::{Policy, ResourceType};
use nubo_cloud::openstack::Page;
use time::OffsetDateTime;

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
pub fn Ec2SchedulesPage(scope: StoredValue<Scope>) -> impl IntoView {
    let accounts = Accounts::expect();
    let notifications = Notifications::expect();
    let i18n = use_i18n();
    // One list call, then each policy's schedule (accounts have a handful of policies).
    let policies = kit::live::follow(
        || (),
        move |()| {
            let dlm = accounts.dlm_in(scope);
            async move {
                let dlm = dlm?;
                let mut rows = Vec::new();
                for summary in dlm.policies().await? {
                    rows.push(Row(dlm.policy(&summary.policy_id).await?));
                }
                Ok(Page {
                    items: rows,
                    next_marker: None,
                })
            }
        },
    );
    let creating = RwSignal::new(None::<()>);
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
                        Failure::aws("dlm:UpdateLifecyclePolicy")(e).words(locale),
                    );
                }
            }
        });
    };
    let table = Table::new(
        "ec2-schedules",
        vec![
            Column::new(|l| td_string!(l, schedules.policy), |r: &Row| label(r)).row_header(),
            Column::new(
                |l| td_string!(l, common.status),
                |r: &Row| {
                    view! { <StatusBadge status=r.0.state.clone() /> }
                },
            ),
            Column::new(
                |l| td_string!(l, schedules.targets),
                |r: &Row| describe_targets(&r.0),
            ),
            Column::new(
                |l| td_string!(l, schedules.keeps),
                |r: &Row| retention(&r.0).map(|n| n.to_string()).unwrap_or_default(),
            ),
            Column::new(
                |l| td_string!(l, schedules.next_local),
                |r: &Row| next_run(&r.0).unwrap_or_default().0,
            ),
            Column::new(
                |l| td_string!(l, schedules.next_utc),
                |r: &Row| next_run(&r.0).unwrap_or_default().1,
            ),
        ],
    )
    .actions(vec![
        RowAction::opens(
            |l| td_string!(l, schedules.disable),
            Allowed::In(&["ENABLED"]),
            disabling,
        ),
        RowAction::new(
            |l| td_string!(l, schedules.enable),
            Allowed::In(&["DISABLED"]),
            toggle,
        ),
        RowAction::opens(|l| td_string!(l, common.delete), Allowed::Always, delete_of),
    ]);
    let tools = move || {
        view! {
            <button type="button" class="primary" on:click=move |_| creating.set(Some(()))>{t!(i18n, schedules.create)}</button>
        }
        .into_any()
    };
    view! {
        <ListView live=policies table empty=tr!(i18n, schedules.none) tools=ToChildren::to_children(tools) />
        <CreateDialog scope open=creating on_done=Callback::new(move |_| policies.refetch()) />
        <ConfirmOne
            target=disabling
            title=tr!(i18n, schedules.disable_title)
            name=Callback::new(|r: Row| format!("{} ({})", label(&r), r.0.policy_id))
            consequence=tr!(i18n, schedules.disable_consequence)
            action=tr!(i18n, schedules.disable)
            command=Callback::new(move |r: Row| Cli::new("aws dlm update-lifecycle-policy").option("--region", &scope.with_value(|s| s.region.clone())).option("--policy-id", &r.0.policy_id).option("--state", "DISABLED").line())
            on_confirm=Callback::new(move |r: Row| toggle(r))
            on_close=Callback::new(move |()| disabling.set(None))
        />
        <ConfirmDelete
            target=delete_of
            title=tr!(i18n, schedules.delete_title)
            name=Callback::new(|r: Row| format!("{} ({})", label(&r), r.0.policy_id))
            command=Callback::new(move |r: Row| Cli::new("aws dlm delete-lifecycle-policy").option("--region", &scope.with_value(|s| s.region.clone())).option("--policy-id", &r.0.policy_id).line())
            delete=move |r: Row| {
                let dlm = accounts.dlm_in(scope);
                async move { dlm?.delete_policy(&r.0.policy_id).await.map_err(Failure::aws("dlm:DeleteLifecyclePolicy")) }
            }
            on_done=Callback::new(move |_| policies.refetch())
        />
    }
}
