//! What the EC2 pages share: one way to list a resource of the scope's account and region
//! (every page of EC2's answers), and the id and Name columns every EC2 list starts with.

pub mod amis;
pub mod detail;
pub mod gate;
pub mod instances;
pub mod schedules;
pub mod snapshots;
pub mod tags;
pub mod volumes;

use crate::kit;
use crate::kit::live::Live;
use crate::prelude::*;
use crate::shell::nav::Text;
use nubo_cloud::aws::ec2::Query;
use nubo_cloud::aws::{self, Ec2, Page};
use nubo_cloud::{CloudError, Resource, Service};
// The same bound as OpenStack's lists: 100,000 resources at EC2's 1,000 per page.
use nubo_logic::listing::MAX_PAGES;

/// A live list of every `T` that `describe` pages through (DescribeVolumes, DescribeSnapshots…).
pub fn live<T, F, Fut>(scope: StoredValue<Scope>, describe: F) -> Live<T>
where
    T: Resource + Clone + 'static,
    F: Fn(Ec2, Query) -> Fut + Clone + 'static,
    Fut: Future<Output = Result<Page<T>, CloudError>> + 'static,
{
    let accounts = Accounts::expect();
    kit::live::follow(
        || (),
        move |()| {
            let ec2 = accounts.ec2_in(scope);
            let describe = describe.clone();
            async move {
                let ec2 = ec2?;
                let items = aws::all_pages(Service::Ec2, MAX_PAGES, |token| {
                    describe(ec2.clone(), Query::default().after(token))
                })
                .await?;
                Ok(nubo_cloud::openstack::Page {
                    items,
                    next_marker: None,
                })
            }
        },
    )
}

/// The first columns of every EC2 list: the id, which opens its detail in `panel`, and the
/// `Name` tag, which names the row (as the AWS console shows them).
pub fn id_and_name<T: Resource + 'static>(
    id_header: Text,
    scope: StoredValue<Scope>,
    panel: Panel,
) -> [Column<T>; 2] {
    let i18n = use_i18n();
    [
        Column::new(id_header, move |r: &T| {
            let href = scope.with_value(|s| s.detail_url(panel, r.id()));
            link(href, r.id().to_owned())
        })
        .mono(),
        // A row header must say something: an untagged resource says it has no Name.
        Column::new(
            |l| td_string!(l, common.name),
            move |r: &T| match r.name() {
                "" => view! { <span class="unnamed">{t!(i18n, ec2.no_name_tag)}</span> }.into_any(),
                name => name.to_owned().into_any(),
            },
        )
        .row_header(),
    ]
}
