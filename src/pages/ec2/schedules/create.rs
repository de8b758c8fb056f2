//! EC2 → Schedules → Create: a DLM policy that snapshots the tagged volumes every day at a time
//! in UTC (workflow 3's 02:00), keeping a number of them.

use crate::components::tags::{TagEditor, to_tags};
use crate::prelude::*;
use nubo_cloud::aws::dlm::{self, NewDailyPolicy, ResourceType, Tag};

/// The guide's policy: every day at a time (02:00 UTC by default), for volumes or instances
/// with the target tags, keeping the last N snapshots. Open while `open` holds `()`.
#[component]
pub fn CreateDialog(
    scope: StoredValue<Scope>,
    open: RwSignal<Option<()>>,
    on_done: Callback<()>,
) -> impl IntoView {
    view! {
        <FormDialog target=open on_done title=|_, l| td_string!(l, schedules.create).to_owned() body=move |(), form| view! { <CreateForm scope form /> } />
    }
}

#[component]
fn CreateForm(scope: StoredValue<Scope>, form: FormState) -> impl IntoView {
    let accounts = Accounts::expect();
    let i18n = use_i18n();
    let description = RwSignal::new(t_string!(i18n, schedules.default_description).to_owned());
    let instances = RwSignal::new(false);
    let target = RwSignal::new(vec![("Backup".to_owned(), "daily".to_owned())]);
    let time_utc = RwSignal::new("02:00".to_owned());
    let keep = RwSignal::new("7".to_owned());
    // DLM's console role, in the account STS named; else a placeholder to fill in.
    let account_id = accounts
        .get_untracked(&scope.get_value())
        .and_then(|a| a.account_id().map(str::to_owned));
    let role = RwSignal::new(dlm::default_role_arn(
        account_id.as_deref().unwrap_or("ACCOUNT_ID"),
    ));
    let region = scope.with_value(|s| s.region.clone());
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
        Cli::new("aws dlm create-lifecycle-policy")
            .option("--region", &region)
            .option("--description", &p.description)
            .option("--state", "ENABLED")
            .option("--execution-role-arn", &p.execution_role_arn)
            .option(
                "--policy-details",
                &serde_json::to_string(&p.details()).unwrap_or_default(),
            )
            .line()
    });
    let submit = Callback::new(move |()| {
        let p = untrack(policy);
        if p.retain_count == 0 || p.retain_count > 1000 {
            return form.refuse(Failure::app(|l| td_string!(l, schedules.keep_range)));
        }
        if p.target_tags.is_empty() {
            return form.refuse(Failure::app(|l| td_string!(l, schedules.need_tags)));
        }
        let dlm = accounts.dlm_in(scope);
        form.aws(
            "dlm:CreateLifecyclePolicy",
            async move { dlm?.create_daily_policy(&p).await },
            move |id| {
                form.notify(tu_string!(i18n, schedules.created), Some(id));
            },
        );
    });
    view! {
        <FormBody form label=tr!(i18n, schedules.create) command on_submit=submit>
                <TextField label=tr!(i18n, schedules.description) name="description" value=description required=true />
                <RadioField legend=tr!(i18n, schedules.snapshot_what) name="resource-type" value=instances choices=vec![
                    (false, tr!(i18n, schedules.volumes)),
                    (true, tr!(i18n, schedules.instances)),
                ] />
                <p class="hint">{t!(i18n, schedules.targets_hint)}</p>
                <TagEditor rows=target />
                <TextField label=tr!(i18n, schedules.time) name="time-utc" kind="time" required=true value=time_utc />
                <NumberField label=tr!(i18n, schedules.keep) name="keep" value=keep min=1 max=1000 />
                <TextField label=tr!(i18n, schedules.role) name="execution-role-arn" value=role required=true />
                <p class="hint">{t!(i18n, schedules.role_hint)}</p>
        </FormBody>
    }
}
