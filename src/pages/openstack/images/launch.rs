//! Images → Launch copy (workflow 1): a new server from the snapshot, an exact copy of the
//! instance it was taken from. The source's flavor (when it fits the image), key pair, zone,
//! security groups and networks are preselected, each changeable; without a source (a plain
//! image, or an instance since deleted) the form starts from the first flavor that fits.
//! A volume-backed snapshot boots from new volumes Nova makes from its Cinder snapshots, so
//! its flavors need no root disk (a 0 GB flavor is offered); any other image needs one.
//! Volume Snapshots → Launch as Instance is the same form: the server boots from a new volume
//! Cinder makes from the volume snapshot.

use std::collections::BTreeSet;

use crate::format::usage;
use crate::prelude::*;
use nubo_cloud::openstack::cinder::Snapshot;
use nubo_cloud::openstack::glance::Image;
use nubo_cloud::openstack::limits::Limits;
use nubo_cloud::openstack::neutron::{Network, SecurityGroup};
use nubo_cloud::openstack::nova::{Boot, Flavor, KeyPair, Networks, NewServer, Server};
use nubo_cloud::openstack::{Query, Session};
use nubo_logic::input;

/// The network choice that stands for all of the source's networks, when it has several.
const SOURCE_NETWORKS: &str = "source";

/// What the form offers, asked once when it opens; each list empty when its call fails.
#[derive(Clone, Default)]
struct Offer {
    flavors: Vec<Flavor>,
    networks: Vec<Network>,
    limits: Option<Limits>,
    keys: Vec<KeyPair>,
    zones: Vec<String>,
    groups: Vec<SecurityGroup>,
    source: Option<Server>,
}

async fn offer(session: Session, source_id: Option<String>) -> Offer {
    let nova = session.nova();
    let neutron = session.neutron();
    let source = async {
        match &source_id {
            Some(id) => nova.server(id).await.ok(),
            None => None,
        }
    };
    let ((flavors, networks, limits), (keys, zones, groups, source)) = futures::future::join(
        futures::future::join3(
            nova.flavors(),
            neutron.networks(&Query::new()),
            nova.limits(),
        ),
        futures::future::join4(
            nova.key_pairs(),
            nova.zones(),
            neutron.security_groups(),
            source,
        ),
    )
    .await;
    Offer {
        flavors: flavors.map(|f| f.as_ref().clone()).unwrap_or_default(),
        networks: networks.unwrap_or_default(),
        limits: limits.ok(),
        keys: keys.unwrap_or_default(),
        zones: zones.unwrap_or_default(),
        groups: groups.unwrap_or_default(),
        source,
    }
}

/// What a new server is launched from.
#[derive(Debug, Clone, PartialEq)]
pub enum LaunchSource {
    Image(Image),
    VolumeSnapshot(Snapshot),
}

impl LaunchSource {
    pub fn image(image: &Image) -> Self {
        Self::Image(image.clone())
    }

    pub fn volume_snapshot(snapshot: &Snapshot) -> Self {
        Self::VolumeSnapshot(snapshot.clone())
    }

    fn shown(&self) -> String {
        match self {
            Self::Image(i) => label(i),
            Self::VolumeSnapshot(s) => label(s),
        }
    }

    /// The instance it was taken from, as Glance records it (Nova does not for volume-backed
    /// snapshots, Cinder never).
    fn instance(&self) -> Option<String> {
        match self {
            Self::Image(i) => i.instance_uuid.clone(),
            Self::VolumeSnapshot(_) => None,
        }
    }

    /// Whether the server's root disk is a Cinder volume (then any root disk size will do).
    fn boots_from_volume(&self) -> bool {
        match self {
            Self::Image(i) => i.is_volume_backed(),
            Self::VolumeSnapshot(_) => true,
        }
    }

    /// Whether a flavor can boot it: enough RAM, and a root disk big enough for an image that
    /// has its data in Glance (Nova refuses a 0 GB flavor for those).
    fn fits(&self, flavor: &Flavor) -> bool {
        let (min_ram, min_disk) = match self {
            Self::Image(i) => (i.min_ram.unwrap_or(0), i.min_disk.unwrap_or(0)),
            Self::VolumeSnapshot(_) => (0, 0),
        };
        let disk = self.boots_from_volume() || (flavor.disk > 0 && flavor.disk >= min_disk);
        flavor.ram >= min_ram && disk
    }
}

/// The source's networks, by id, from the names its addresses are listed under.
fn source_networks(source: &Server, networks: &[Network]) -> Vec<String> {
    source
        .addresses
        .keys()
        .filter_map(|name| networks.iter().find(|n| &n.name == name))
        .map(|n| n.id.clone())
        .collect()
}

form_dialog!(LaunchDialog(source: LaunchSource) => LaunchForm, |s, l| match s {
    LaunchSource::Image(_) => td_string!(l, launch.title, name = s.shown()).to_string(),
    LaunchSource::VolumeSnapshot(_) => td_string!(l, launch.from_snapshot_title, name = s.shown()).to_string(),
});

#[component]
fn LaunchForm(scope: StoredValue<Scope>, source: LaunchSource, form: FormState) -> impl IntoView {
    let sessions = Sessions::expect();
    let i18n = use_i18n();
    let name = RwSignal::new(format!("{}-copy", source.shown()));
    // A volume made from a volume snapshot: at least the snapshot's size.
    let min_size = match &source {
        LaunchSource::VolumeSnapshot(s) => s.size,
        LaunchSource::Image(_) => 0,
    };
    let size = RwSignal::new(min_size.to_string());
    let delete_volume = RwSignal::new(false);
    let flavor = RwSignal::new(String::new());
    let network = RwSignal::new("auto".to_owned());
    let key = RwSignal::new(String::new());
    let zone = RwSignal::new(String::new());
    let groups = RwSignal::new(BTreeSet::<String>::new());
    let source_id = source.instance();
    let choices = LocalResource::new(move || {
        let (scope, source_id) = (scope.get_value(), source_id.clone());
        async move { Some(offer(sessions.in_scope(&scope)?.ok()?, source_id).await) }
    });
    let offered = move || choices.get().flatten().unwrap_or_default();
    let launched = StoredValue::new(source);
    let flavors = move || {
        let flavors = offered().flavors;
        launched.with_value(|s| {
            flavors
                .into_iter()
                .filter(|f| s.fits(f))
                .collect::<Vec<_>>()
        })
    };
    // Once the cloud has answered: the source's settings, or the first flavor that fits.
    Effect::new(move |done: Option<bool>| {
        if done == Some(true) {
            return true;
        }
        let Some(offer) = choices.get().flatten() else {
            return false;
        };
        let fitting = flavors();
        let source_flavor = offer.source.as_ref().and_then(|s| {
            let had = s.flavor.as_ref()?;
            fitting.iter().find(|f| {
                had.original_name.as_deref() == Some(&f.name) || had.id.as_deref() == Some(&f.id)
            })
        });
        if let Some(first) = source_flavor.or(fitting.first()) {
            flavor.set(first.id.clone());
        }
        if let Some(source) = &offer.source {
            key.set(source.key_name.clone().unwrap_or_default());
            zone.set(source.availability_zone.clone().unwrap_or_default());
            groups.set(
                source
                    .security_groups
                    .iter()
                    .map(|g| g.name.clone())
                    .collect(),
            );
            match source_networks(source, &offer.networks).as_slice() {
                [] => {}
                [one] => network.set(one.clone()),
                _ => network.set(SOURCE_NETWORKS.to_owned()),
            }
        }
        true
    });
    let source_named = move || offered().source.map(|s| s.name);
    let source_gone = move || {
        let asked = launched.with_value(|s| s.instance().is_some());
        asked && choices.get().flatten().is_some_and(|o| o.source.is_none())
    };
    // The compute quota this launch counts against, and whether it is already used up.
    let quota = move || {
        let limits = offered().limits?;
        let mut parts = Vec::new();
        let mut full = false;
        let locale = i18n.get_locale();
        for (label, used_max) in [
            (t_string!(i18n, quota.instances), limits.usage("Instances")),
            (t_string!(i18n, quota.vcpus), limits.usage("Cores")),
            (
                t_string!(i18n, quota.ram),
                limits.pair("totalRAMUsed", "maxTotalRAMSize"),
            ),
        ] {
            if let Some((used, limit)) = used_max {
                parts.push(format!("{label}: {}", usage(locale, used, limit)));
                full |= limit.is_some_and(|l| used >= l);
            }
        }
        Some((parts.join(" · "), full))
    };
    let blocked = Signal::derive(move || {
        quota()
            .is_some_and(|(_, full)| full)
            .then(|| t_string!(i18n, quota.compute_full).to_owned())
    });
    let chosen_networks = move || match network.get().as_str() {
        "auto" => Networks::Auto,
        "none" => Networks::None,
        SOURCE_NETWORKS => {
            let offer = offered();
            Networks::Ids(
                offer
                    .source
                    .as_ref()
                    .map(|s| source_networks(s, &offer.networks))
                    .unwrap_or_default(),
            )
        }
        id => Networks::Ids(vec![id.to_owned()]),
    };
    let command = {
        Signal::derive(move || {
            let cli = launched.with_value(|s| match s {
                LaunchSource::Image(i) => {
                    Cli::new("openstack server create").option("--image", &i.id)
                }
                // The mapping Nova is sent, so a size or deletion chosen here is in it too.
                LaunchSource::VolumeSnapshot(s) => Cli::new("openstack server create").option(
                    "--block-device",
                    &format!(
                        "uuid={},source_type=snapshot,destination_type=volume,volume_size={},boot_index=0,delete_on_termination={}",
                        s.id,
                        size.get().trim(),
                        delete_volume.get()
                    ),
                ),
            });
            let cli = cli
                .option("--flavor", &flavor.get())
                .option_if("--key-name", Some(&key.get()))
                .option_if("--availability-zone", Some(&zone.get()));
            let cli = groups
                .get()
                .iter()
                .fold(cli, |cli, g| cli.option("--security-group", g));
            let cli = match chosen_networks() {
                Networks::Auto => cli.option("--nic", "auto"),
                Networks::None => cli.option("--nic", "none"),
                Networks::Ids(ids) => ids.iter().fold(cli, |cli, id| cli.option("--network", id)),
            };
            cli.last(&name.get())
        })
    };
    let submit = Callback::new(move |()| {
        if flavor.get_untracked().is_empty() {
            return form.refuse(Failure::app(|l| td_string!(l, launch.choose_flavor)));
        }
        let server_name = match input::name(&name.get_untracked()) {
            Ok(name) => name,
            Err(refusal) => return form.refuse(refusal.into()),
        };
        let boot = match launched.get_value() {
            LaunchSource::Image(i) => Boot::Image(i.id),
            LaunchSource::VolumeSnapshot(s) => match input::size(&size.get_untracked(), min_size) {
                Ok(size) => Boot::VolumeFromSnapshot {
                    snapshot_id: s.id,
                    size,
                    delete_on_termination: delete_volume.get_untracked(),
                },
                Err(refusal) => return form.refuse(refusal.into()),
            },
        };
        let server = NewServer {
            name: server_name,
            boot,
            flavor_id: flavor.get_untracked(),
            networks: chosen_networks(),
            availability_zone: Some(zone.get_untracked()).filter(|z| !z.is_empty()),
            key_name: Some(key.get_untracked()).filter(|k| !k.is_empty()),
            security_groups: groups.get_untracked().into_iter().collect(),
        };
        let label = server.name.clone();
        form.through(
            scope,
            server,
            |session: Session, server| async move { session.nova().create_server(&server).await },
            form.taken(scope, Panel::Instances, move |id: String| {
                (
                    tu_string!(i18n, launch.launching, name = &label),
                    tu_string!(i18n, launch.instance_id, id = &id),
                )
            }),
        );
    });
    let flavor_choices = Signal::derive(move || {
        let text = |f: &Flavor| {
            let (name, vcpus, ram, disk) = (&f.name, f.vcpus, f.ram, f.disk);
            t_string!(i18n, launch.flavor_choice, name, vcpus, ram, disk).to_string()
        };
        flavors()
            .iter()
            .map(|f| (f.id.clone(), text(f)))
            .collect::<Vec<_>>()
    });
    let network_choices = Signal::derive(move || {
        let offer = offered();
        let several = offer
            .source
            .as_ref()
            .map(|s| s.addresses.keys().cloned().collect::<Vec<_>>())
            .filter(|names| names.len() > 1)
            .map(|names| {
                let names = names.join(", ");
                (
                    SOURCE_NETWORKS.to_owned(),
                    t_string!(i18n, launch.network_source, names).to_string(),
                )
            });
        let named = offer.networks.into_iter().map(|n| {
            let text = if n.name.is_empty() {
                n.id.clone()
            } else {
                n.name
            };
            (n.id, text)
        });
        [
            (
                "auto".to_owned(),
                t_string!(i18n, launch.network_auto).to_owned(),
            ),
            (
                "none".to_owned(),
                t_string!(i18n, launch.network_none).to_owned(),
            ),
        ]
        .into_iter()
        .chain(several)
        .chain(named)
        .collect::<Vec<_>>()
    });
    let key_choices = Signal::derive(move || {
        let none = (String::new(), t_string!(i18n, launch.key_none).to_owned());
        std::iter::once(none)
            .chain(offered().keys.into_iter().map(|k| (k.name.clone(), k.name)))
            .collect::<Vec<_>>()
    });
    let zone_choices = Signal::derive(move || {
        let any = (String::new(), t_string!(i18n, launch.zone_any).to_owned());
        std::iter::once(any)
            .chain(same_words(offered().zones))
            .collect::<Vec<_>>()
    });
    let group_choices = Signal::derive(move || {
        let names: BTreeSet<String> = offered().groups.into_iter().map(|g| g.name).collect();
        same_words(names.into_iter().collect())
    });
    let volume_backed =
        launched.with_value(|s| matches!(s, LaunchSource::Image(i) if i.is_volume_backed()));
    let from_snapshot = launched.with_value(|s| matches!(s, LaunchSource::VolumeSnapshot(_)));
    view! {
        <FormBody form label=tr!(i18n, launch.launch) busy_label=tr!(i18n, launch.launching_busy) command blocked on_submit=submit >
            {move || source_named().map(|source| view! { <p class="hint">{t!(i18n, launch.copy_of, source)}</p> })}
            <Show when=source_gone>
                <p class="hint">{t!(i18n, launch.source_gone)}</p>
            </Show>
            <Show when=move || volume_backed>
                <p class="hint">{t!(i18n, launch.volume_backed)}</p>
            </Show>
            <TextField label=tr!(i18n, launch.instance_name) name="instance-name" value=name required=true />
            <Show when=move || from_snapshot>
                <p class="hint">{t!(i18n, launch.from_snapshot_hint)}</p>
                <NumberField label=tr!(i18n, launch.volume_size) name="volume-size" value=size min=min_size />
                <CheckField label=tr!(i18n, launch.delete_volume) name="delete-volume" value=delete_volume />
            </Show>
            <SelectField label=tr!(i18n, instances.flavor) name="flavor" value=flavor choices=flavor_choices />
            <SelectField label=tr!(i18n, launch.key_pair) name="key-pair" value=key choices=key_choices />
            <SelectField label=tr!(i18n, launch.zone) name="zone" value=zone choices=zone_choices />
            <SelectField label=tr!(i18n, launch.network) name="network" value=network choices=network_choices />
            <CheckListField legend=tr!(i18n, launch.security_groups) name="security-group" value=groups choices=group_choices />
            <p class="hint">{move || quota().map(|(line, _)| line)}</p>
        </FormBody>
    }
}
