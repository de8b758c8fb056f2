//! The resource pages of an AWS account (`/{cloud}/{account}/{region}/ec2/{page}`): asks for
//! the keys when the account is not signed in (or signs in with remembered ones), names the
//! account and the region in the URL once known, then lets the panel through. An account not
//! chosen yet (`-`) opens the one last used; a new one (`+`) asks for another account's keys.

use crate::pages::scoped::Admit;
use crate::prelude::*;
use crate::shell::aws_login::AwsLoginForm;
use crate::state::accounts::{self, SignedIn};
use crate::state::config::CloudConfig;
use crate::state::scope::{self, Route};
use crate::state::{aws_keys, storage};
use nubo_cloud::ErrorKind;

#[component]
pub fn AwsInScope(scope: StoredValue<Scope>, cloud: CloudConfig) -> impl IntoView {
    let accounts = Accounts::expect();
    let config = ConfigState::expect();
    let i18n = use_i18n();
    let navigate = use_navigate();
    let route = scope::current();
    let cloud = StoredValue::new(cloud);
    let name = move || cloud.with_value(|c| c.name.clone());
    let wanted = move || scope.with_value(|s| s.tenant.clone());

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
            tenant: Tenant::Named(account.to_owned()),
            region,
            ..scope.clone()
        };
        if target != scope
            && let Some(panel) = route.with_untracked(Route::panel)
        {
            navigate(&target.url(panel), Default::default());
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
        let signed_in = wanted == Tenant::Unchosen && accounts.last(&cloud.name).is_some()
            || scope.with_value(|s| accounts.get_untracked(s).is_some());
        async move {
            if signed_in || wanted == Tenant::New {
                return None;
            }
            let (account, credentials) = aws_keys::remembered(&cloud.name, wanted.name()).await?;
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
        if wanted == Tenant::Unchosen {
            // No account in the URL: the one last used, if any is signed in.
            if let Some(last) = accounts.last(&name())
                && let Some(signed_in) = accounts.get(&Scope {
                    tenant: Tenant::Named(last.clone()),
                    ..scope.get_value()
                })
            {
                show.with_value(|show| show(&last, &signed_in));
            }
        } else if let Some(wanted) = wanted.name()
            && let Some(signed_in) = scope.with_value(|s| accounts.get(s))
        {
            accounts.used(&name(), wanted);
            let region = scope.with_value(|s| s.region.clone());
            if signed_in.regions.contains(&region) {
                storage::set(&storage::region_key(&name()), &region);
            }
            show.with_value(|show| show(wanted, &signed_in));
        }
    });

    move || {
        let scope = scope.get_value();
        let signed_in = accounts.get(&scope);
        let waiting =
            scope.tenant == Tenant::Unchosen && !accounts.of_cloud(&scope.cloud).is_empty();
        match signed_in {
            None if waiting => {
                view! { <p class="loading">{t!(i18n, scoped.opening)}</p> }.into_any()
            }
            None => {
                let on_sign_in = Callback::new(adopt);
                let label = cloud.with_value(|c| c.label().to_owned());
                let named = scope.tenant.name().map(|account| {
                    let account = account.to_owned();
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
            Some(_) => view! { <Admit scope ec2=true /> }.into_any(),
        }
    }
}
