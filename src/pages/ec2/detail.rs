//! The detail view of one EC2 resource (`…/ec2/{page}/{id}`): the fields EC2 gave for it,
//! followed while it is pending, with a link back to its list.

use crate::format::{short_time, yes_no_in};
use crate::pages::openstack::detail::{Detail, DetailView};
use crate::prelude::*;
use nubo_cloud::aws::Ec2;
use nubo_cloud::aws::ec2::{Query, Tag};
use nubo_cloud::{CloudError, ErrorKind, Resource, Service};

fn opt(value: &Option<String>) -> String {
    value.clone().unwrap_or_default()
}

fn gib(l: Locale, size: Option<u32>) -> String {
    size.map(|size| td_string!(l, common.gib, size).to_string())
        .unwrap_or_default()
}

fn yes_no(l: Locale, value: Option<bool>) -> String {
    value
        .map(|v| yes_no_in(l, v).to_owned())
        .unwrap_or_default()
}

fn tags(tags: &[Tag]) -> String {
    tags.iter()
        .map(|t| format!("{}={}", t.key, t.value))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The one item of a Describe call by id; EC2 answers an unknown id with an error of its own,
/// an empty answer (a resource deleted meanwhile) gets this one.
fn only<T>(items: Vec<T>, id: &str, region: &str) -> Result<T, CloudError> {
    items.into_iter().next().ok_or_else(|| {
        CloudError::new(
            ErrorKind::NotFound,
            Service::Ec2,
            format!("EC2 has no {id} in {region}"),
        )
    })
}

fn head(resource: &impl Resource) -> (String, String) {
    let name = match resource.name() {
        "" => resource.id().to_owned(),
        name => name.to_owned(),
    };
    (name, resource.status().to_owned())
}

async fn fetch(ec2: Ec2, panel: Panel, id: &str, l: Locale) -> Result<Detail, CloudError> {
    let query = Query::ids([id]);
    let region = ec2.region().to_owned();
    Ok(match panel {
        Panel::Ec2Instances => {
            let i = only(ec2.instances(&query).await?.items, id, &region)?;
            let devices = i
                .block_devices
                .iter()
                .map(|d| match &d.ebs {
                    Some(ebs) => format!("{} {}", d.device_name, ebs.volume_id),
                    None => d.device_name.clone(),
                })
                .collect::<Vec<_>>()
                .join(", ");
            let (name, status) = head(&i);
            let fields = vec![
                (td_string!(l, detail.id), i.id.clone()),
                (td_string!(l, detail.kind), opt(&i.instance_type)),
                (
                    td_string!(l, detail.availability_zone),
                    i.availability_zone().unwrap_or_default().to_owned(),
                ),
                (td_string!(l, detail.image), opt(&i.image_id)),
                (td_string!(l, detail.platform), opt(&i.platform)),
                (td_string!(l, detail.private_ip), opt(&i.private_ip)),
                (td_string!(l, detail.public_ip), opt(&i.public_ip)),
                (td_string!(l, detail.root_device), opt(&i.root_device_name)),
                (td_string!(l, detail.volumes_attached), devices),
                (
                    td_string!(l, detail.created),
                    short_time(i.launch_time.as_deref()),
                ),
                (td_string!(l, detail.tags), tags(&i.tags)),
            ];
            (name, status, fields).into()
        }
        Panel::Ec2Volumes => {
            let v = only(ec2.volumes(&query).await?.items, id, &region)?;
            let attached = v
                .attachments
                .iter()
                .map(|a| {
                    format!("{} {}", opt(&a.instance_id), opt(&a.device))
                        .trim()
                        .to_owned()
                })
                .collect::<Vec<_>>()
                .join(", ");
            let (name, status) = head(&v);
            let fields = vec![
                (td_string!(l, detail.id), v.id.clone()),
                (td_string!(l, detail.size), gib(l, v.size)),
                (td_string!(l, detail.kind), opt(&v.volume_type)),
                (
                    td_string!(l, detail.iops),
                    v.iops.map(|n| n.to_string()).unwrap_or_default(),
                ),
                (
                    td_string!(l, detail.throughput),
                    v.throughput
                        .map(|n| format!("{n} MiB/s"))
                        .unwrap_or_default(),
                ),
                (
                    td_string!(l, detail.availability_zone),
                    opt(&v.availability_zone),
                ),
                (td_string!(l, detail.attached_to), attached),
                (td_string!(l, detail.from_snapshot), opt(&v.snapshot_id)),
                (td_string!(l, detail.encrypted), yes_no(l, v.encrypted)),
                (
                    td_string!(l, detail.multi_attach),
                    yes_no(l, v.multi_attach),
                ),
                (
                    td_string!(l, detail.created),
                    short_time(v.create_time.as_deref()),
                ),
                (td_string!(l, detail.tags), tags(&v.tags)),
            ];
            (name, status, fields).into()
        }
        Panel::Ec2Snapshots => {
            let s = only(ec2.snapshots(&query).await?.items, id, &region)?;
            let (name, status) = head(&s);
            let fields = vec![
                (td_string!(l, detail.id), s.id.clone()),
                (td_string!(l, detail.volume), opt(&s.volume_id)),
                (td_string!(l, detail.size), gib(l, s.volume_size)),
                (td_string!(l, detail.progress), opt(&s.progress)),
                (td_string!(l, detail.state_message), opt(&s.state_message)),
                (td_string!(l, detail.description), opt(&s.description)),
                (
                    td_string!(l, detail.created),
                    short_time(s.start_time.as_deref()),
                ),
                (td_string!(l, detail.encrypted), yes_no(l, s.encrypted)),
                (td_string!(l, detail.storage_tier), opt(&s.storage_tier)),
                (
                    td_string!(l, detail.owner),
                    s.owner_alias
                        .clone()
                        .or(s.owner_id.clone())
                        .unwrap_or_default(),
                ),
                (td_string!(l, detail.tags), tags(&s.tags)),
            ];
            (name, status, fields).into()
        }
        Panel::Amis => {
            let i = only(ec2.images(&query).await?.items, id, &region)?;
            let snapshots = i.snapshot_ids().collect::<Vec<_>>().join(", ");
            let name = i.name.clone().unwrap_or_else(|| i.id.clone());
            let fields = vec![
                (td_string!(l, detail.id), i.id.clone()),
                (td_string!(l, detail.description), opt(&i.description)),
                (
                    td_string!(l, detail.source_instance),
                    opt(&i.source_instance_id),
                ),
                (td_string!(l, detail.architecture), opt(&i.architecture)),
                (td_string!(l, detail.root_device), opt(&i.root_device_name)),
                (td_string!(l, detail.snapshots), snapshots),
                (td_string!(l, detail.public), yes_no(l, i.public)),
                (td_string!(l, detail.owner), opt(&i.owner_id)),
                (
                    td_string!(l, detail.created),
                    short_time(i.creation_date.as_deref()),
                ),
                (td_string!(l, detail.tags), tags(&i.tags)),
            ];
            (name, i.state.clone(), fields).into()
        }
        _ => {
            return Err(CloudError::new(
                ErrorKind::NotFound,
                Service::Ec2,
                td_string!(l, detail.no_detail),
            ));
        }
    })
}

#[component]
pub fn Ec2DetailPage(scope: Scope, panel: Panel, id: String) -> impl IntoView {
    let accounts = Accounts::expect();
    let back = scope.url(panel);
    let fetch = move |locale: Locale| {
        let ec2 = accounts.ec2(&scope);
        let id = id.clone();
        async move { fetch(ec2?, panel, &id, locale).await }
    };
    view! { <DetailView back fetch /> }
}
