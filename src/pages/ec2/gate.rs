//! The resource pages of an AWS account (`/{cloud}/{account}/{region}/ec2/{page}`): asks for
//! the keys when the account is not signed in (or signs in with remembered ones), names the
//! account and the region in the URL once known, then shows the page. `-` for the account opens
//! the one last used; `+` asks for another account's keys.

use crate::pages::ec2::amis::list::Ec2AmisPage;
use crate::pages::ec2::detail::Ec2DetailPage;
use crate::pages::ec2::instances::list::Ec2InstancesPage;
use crate::pages::ec2::schedules::list::Ec2SchedulesPage;
use crate::pages::ec2::snapshots::list::Ec2SnapshotsPage;
use crate::pages::ec2::volumes::list::Ec2VolumesPage;
use crate::prelude::*;
use crate::shell::aws_login::AwsLoginForm;
use crate::state::accounts::{self, NEW_ACCOUNT, NO_ACCOUNT, SignedIn};
use crate::state::config::CloudConfig;
use crate::state::{aws_keys, storage};
use nubo_cloud::ErrorKind;

#[component]
pub fn AwsInScope(
    scope: Scope,
    page_path: String,
    cloud: CloudConfig,
    id: Option<String>,
) -> impl IntoView {
    let accounts = Accounts::expect();
    let config = ConfigState::expect();
    let i18n = use_i18n();
    let navigate = use_navigate();
    let scope = StoredValue::new(scope);
    let page_path = StoredValue::new(page_path);
    let cloud = StoredValue::new(cloud);
    let name = move || cloud.with_value(|c| c.name.clone());
    let wanted = move || scope.with_value(|s| s.project.clone());
    let id = StoredValue::new(id);

    // Shows `account` in the URL, in the region of the URL if it offers it, else the one last
    // used here, else the first configured.
    let show = move |account: &str, signed_in: &SignedIn| {
        let scope = scope.get_value();
        let region = if signed_in.regions.contains(&scope.region) {
            scope.region.clone()
        } else {
            let stored = storage::get(&storage::region_key(&scope.cloud))
                .filter(|r| signed_in.regions.contains(r));
            match stored.or_else(|| signed_in.regions.first().cloned()) {
                Some(region) => region,
                None => return,
            }
        };
        let target = Scope {
            project: account.to_owned(),
            region,
            ..scope.clone()
        };
        if target != scope {
            navigate(&target.url(&page_path.get_value()), Default::default());
        }
    };
    let show = StoredValue::new(show);
    let adopt = move |signed_in: SignedIn| {
        let account = signed_in.url_name();
        show.with_value(|show| show(&account, &signed_in));
        accounts.set(&name(), signed_in);
    };

    // Remembered keys sign in on their own: those of the URL's account, or for a URL without
    // one, the first remembered.
    let auto = LocalResource::new(move || {
        let proxy = config.0.get().and_then(Result::ok).map(|c| c.proxy);
        let cloud = cloud.get_value();
        let wanted = wanted();
        let signed_in = wanted == NO_ACCOUNT && accounts.last(&cloud.name).is_some()
            || scope.with_value(|s| accounts.get_untracked(s).is_some());
        async move {
            if signed_in || wanted == NEW_ACCOUNT {
                return None;
            }
            let (account, credentials) = aws_keys::remembered(&cloud.name, &wanted).await?;
            match accounts::sign_in(&proxy?, &cloud, credentials).await {
                Ok(signed_in) => Some(signed_in),
                // Temporary keys whose expiry nobody told us: AWS just did.
                Err(e) if e.kind == ErrorKind::Expired => {
                    aws_keys::forget(&cloud.name, &account).await;
                    None
                }
                Err(_) => None,
            }
        }
    });
    Effect::new(move |_| {
        if let Some(Some(signed_in)) = auto.get() {
            adopt(signed_in);
        }
    });
    Effect::new(move |_| {
        let wanted = wanted();
        if wanted == NO_ACCOUNT {
            // No account in the URL: the one last used, if any is signed in.
            if let Some(last) = accounts.last(&name())
                && let Some(signed_in) = accounts.get(&Scope {
                    project: last.clone(),
                    ..scope.get_value()
                })
            {
                show.with_value(|show| show(&last, &signed_in));
            }
        } else if let Some(signed_in) = scope.with_value(|s| accounts.get(s)) {
            accounts.used(&name(), &wanted);
            let region = scope.with_value(|s| s.region.clone());
            if signed_in.regions.contains(&region) {
                storage::set(&storage::region_key(&name()), &region);
            }
            show.with_value(|show| show(&wanted, &signed_in));
        }
    });

    move || {
        let scope = scope.get_value();
        let signed_in = accounts.get(&scope);
        let waiting = scope.project == NO_ACCOUNT && !accounts.of_cloud(&scope.cloud).is_empty();
        match signed_in {
            None if waiting => {
                view! { <p class="loading">{t!(i18n, scoped.opening)}</p> }.into_any()
            }
            None => {
                let on_sign_in = Callback::new(adopt);
                let label = cloud.with_value(|c| c.label().to_owned());
                let account = scope.project.clone();
                let named = (account != NO_ACCOUNT && account != NEW_ACCOUNT).then(|| {
                    view! { <p class="hint">{t!(i18n, aws_login.for_account, account)}</p> }
                });
                view! {
                    <div class="panel login-panel">
                        <h2>{t!(i18n, aws_login.title, cloud = label)}</h2>
                        {named}
                        <AwsLoginForm cloud=cloud.get_value() on_sign_in />
                    </div>
                }
                .into_any()
            }
            Some(signed_in) if !signed_in.regions.contains(&scope.region) => {
                view! { <p class="loading">{t!(i18n, scoped.opening)}</p> }.into_any()
            }
            Some(_)
                if id.with_value(Option::is_some)
                    && page_path.with_value(|p| p.starts_with("/ec2/")) =>
            {
                let (page, id) = (page_path.get_value(), id.get_value().unwrap_or_default());
                view! { <Ec2DetailPage scope page id /> }.into_any()
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
