//! Images → Launch copy (workflow 1): a new server from the snapshot, an exact copy of the
//! instance, with a flavor big enough for the image and a network the cloud offers.

use crate::format::usage;
use crate::prelude::*;
use nubo_cloud::openstack::glance::Image;
use nubo_cloud::openstack::nova::{Flavor, Networks, NewServer};
use nubo_cloud::openstack::{Query, Session};

form_dialog!(LaunchDialog(image: Image) => LaunchForm, |i, l| td_string!(l, launch.title, name = label(i)).to_string());

#[component]
fn LaunchForm(scope: StoredValue<Scope>, image: Image, form: FormState) -> impl IntoView {
    let sessions = Sessions::expect();
    let i18n = use_i18n();
    let name = RwSignal::new(format!("{}-copy", label(&image)));
    let flavor = RwSignal::new(String::new());
    let network = RwSignal::new("auto".to_owned());
    // Flavors (cached per session), networks and the compute limits: asked when it opens.
    let choices = LocalResource::new(move || {
        let scope = scope.get_value();
        async move {
            let session = sessions.in_scope(&scope)?.ok()?;
            let flavors = session
                .nova()
                .flavors()
                .await
                .map(|f| f.as_ref().clone())
                .unwrap_or_default();
            let networks = session
                .neutron()
                .networks(&Query::new())
                .await
                .unwrap_or_default();
            let limits = session.nova().limits().await.ok();
            Some((flavors, networks, limits))
        }
    });
    // Flavors big enough for the image: its min_disk and min_ram.
    let (min_disk, min_ram) = (image.min_disk.unwrap_or(0), image.min_ram.unwrap_or(0));
    let flavors = move || {
        choices
            .get()
            .flatten()
            .map(|(f, _, _)| f)
            .unwrap_or_default()
            .into_iter()
            .filter(|f| f.disk >= min_disk && f.ram >= min_ram)
            .collect::<Vec<_>>()
    };
    // The first flavor that fits, once the cloud has said which there are.
    Effect::new(move |_| {
        if flavor.get_untracked().is_empty()
            && let Some(first) = flavors().first()
        {
            flavor.set(first.id.clone());
        }
    });
    // The compute quota this launch counts against, and whether it is already used up.
    let quota = move || {
        let limits = choices.get().flatten().and_then(|(_, _, l)| l)?;
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
    let image_id = image.id.clone();
    let command = Signal::derive(move || {
        let cli = Cli::new("openstack server create")
            .option("--image", &image_id)
            .option("--flavor", &flavor.get());
        let cli = match network.get().as_str() {
            "auto" => cli.option("--nic", "auto"),
            "none" => cli.option("--nic", "none"),
            id => cli.option("--network", id),
        };
        cli.last(&name.get())
    });
    let image_id = image.id.clone();
    let submit = Callback::new(move |()| {
        if flavor.get_untracked().is_empty() {
            return form.refuse(Failure::app(|l| td_string!(l, launch.choose_flavor)));
        }
        let server = NewServer {
            name: name.get_untracked().trim().to_owned(),
            image_id: image_id.clone(),
            flavor_id: flavor.get_untracked(),
            networks: match network.get_untracked().as_str() {
                "auto" => Networks::Auto,
                "none" => Networks::None,
                id => Networks::Ids(vec![id.to_owned()]),
            },
            availability_zone: None,
            key_name: None,
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
        let networks = choices.get().flatten().map(|(_, n, _)| n);
        let named = networks.unwrap_or_default().into_iter().map(|n| {
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
        .chain(named)
        .collect::<Vec<_>>()
    });
    view! {
        <FormBody form label=tr!(i18n, launch.launch) busy_label=tr!(i18n, launch.launching_busy) command blocked on_submit=submit >
            <TextField label=tr!(i18n, launch.instance_name) name="instance-name" value=name required=true />
            <SelectField label=tr!(i18n, instances.flavor) name="flavor" value=flavor choices=flavor_choices />
            <SelectField label=tr!(i18n, launch.network) name="network" value=network choices=network_choices />
            <p class="hint">{move || quota().map(|(line, _)| line)}</p>
        </FormBody>
    }
}
