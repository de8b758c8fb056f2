//! The resource pages of an AWS account (`/{cloud}/-/{region}/ec2/{page}`): asks for the keys
//! when the account is not signed in (or signs in with remembered ones), names the region in the
//! URL once known, then shows the page.

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use crate::{
    accounts::{self, Accounts, SignedIn},
    components::aws_login::AwsLoginForm,
    config::{CloudConfig, ConfigState},
    i18n::{t, use_i18n},
    pages::{
        ec2_amis::Ec2AmisPage, ec2_instances::Ec2InstancesPage, ec2_schedules::Ec2SchedulesPage,
        ec2_snapshots::Ec2SnapshotsPage, ec2_volumes::Ec2VolumesPage,
    },
    scope::Scope,
    storage,
};

#[component]
pub fn AwsInScope(scope: Scope, page_path: String, cloud: CloudConfig) -> impl IntoView {
    let accounts = Accounts::expect();
    let config = ConfigState::expect();
    let i18n = use_i18n();
    let navigate = use_navigate();
    let scope = StoredValue::new(scope);
    let page_path = StoredValue::new(page_path);
    let cloud = StoredValue::new(cloud);
    let name = move || cloud.with_value(|c| c.name.clone());

    // The URL says no region yet (`-`), or one the account does not offer: take the one last
    // used here, else the first configured.
    let go_to_region = move |signed_in: &SignedIn| {
        let scope = scope.get_value();
        if signed_in.regions.contains(&scope.region) {
            return;
        }
        let stored = storage::get(&storage::region_key(&scope.cloud))
            .filter(|r| signed_in.regions.contains(r));
        if let Some(region) = stored.or_else(|| signed_in.regions.first().cloned()) {
            let target = Scope {
                region,
                project: "-".into(),
                ..scope
            };
            navigate(&target.url(&page_path.get_value()), Default::default());
        }
    };
    let go_to_region = StoredValue::new(go_to_region);
    let adopt = move |signed_in: SignedIn| {
        go_to_region.with_value(|go| go(&signed_in));
        accounts.set(&name(), signed_in);
    };

    // Remembered keys sign in on their own.
    let auto = LocalResource::new(move || {
        let proxy = config.0.get().and_then(Result::ok).map(|c| c.proxy);
        let cloud = cloud.get_value();
        async move {
            let proxy = proxy?;
            if accounts.get(&cloud.name).is_some() {
                return None;
            }
            let credentials = accounts::remembered(&cloud.name)?;
            accounts::sign_in(&proxy, &cloud, credentials).await.ok()
        }
    });
    Effect::new(move |_| {
        if let Some(Some(signed_in)) = auto.get() {
            adopt(signed_in);
        }
    });
    Effect::new(move |_| {
        if let Some(signed_in) = accounts.get(&name()) {
            let region = scope.with_value(|s| s.region.clone());
            if signed_in.regions.contains(&region) {
                storage::set(&storage::region_key(&name()), &region);
            }
            go_to_region.with_value(|go| go(&signed_in));
        }
    });

    move || {
        let scope = scope.get_value();
        match accounts.get(&name()) {
            None => {
                let on_sign_in = Callback::new(adopt);
                let label = cloud.with_value(|c| c.label().to_owned());
                view! {
                    <div class="panel login-panel">
                        <h2>{t!(i18n, aws_login.title, cloud = label)}</h2>
                        <AwsLoginForm cloud=cloud.get_value() on_sign_in />
                    </div>
                }
                .into_any()
            }
            Some(signed_in) if !signed_in.regions.contains(&scope.region) => {
                view! { <p class="loading">{t!(i18n, scoped.opening)}</p> }.into_any()
            }
            Some(_) => match page_path.get_value().as_str() {
                "/ec2/instances" => view! { <Ec2InstancesPage scope /> }.into_any(),
                "/ec2/volumes" => view! { <Ec2VolumesPage scope /> }.into_any(),
                "/ec2/amis" => view! { <Ec2AmisPage scope /> }.into_any(),
                "/ec2/schedules" => view! { <Ec2SchedulesPage scope /> }.into_any(),
                "/ec2/snapshots" => view! { <Ec2SnapshotsPage scope /> }.into_any(),
                path if path.starts_with("/ec2/") => view! {
                    <div class="panel"><p>{t!(i18n, scoped.not_built)}</p></div>
                }
                .into_any(),
                _ => view! {
                    <div class="panel"><p>{t!(i18n, scoped.openstack_only)}</p></div>
                }
                .into_any(),
            },
        }
    }
}
