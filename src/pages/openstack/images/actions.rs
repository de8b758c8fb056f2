//! What a snapshot image is for (workflow 1): launching an exact copy of the instance, and
//! restoring an instance by rebuilding it from the image.

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use nubo_cloud::openstack::{
    Query, Session,
    glance::Image,
    nova::{Networks, NewServer, Server},
};

use crate::{
    components::{
        cli::{CliEquivalent, last_word, option, shell_word},
        confirm::{TypeToConfirm, typed_confirmation},
        dialog::Dialog,
    },
    format::usage,
    i18n::{t, t_string, tu_string, use_i18n},
    kit::{
        self,
        form::{FormActions, FormError, TextField},
        table::label,
    },
    shell::notifications::{Level, Notifications},
    state::{scope::Scope, session::Sessions},
    tr,
};

/// Launch copy: a new server from the image, with a flavor and a network the cloud offers.
#[component]
pub fn LaunchDialog(scope: Scope, image: RwSignal<Option<Image>>) -> impl IntoView {
    let sessions = Sessions::expect();
    let notifications = Notifications::expect();
    let i18n = use_i18n();
    let navigate = StoredValue::new(use_navigate());
    let name = RwSignal::new(String::new());
    let flavor = RwSignal::new(String::new());
    let network = RwSignal::new("auto".to_owned());
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let scope = StoredValue::new(scope);
    // Flavors (cached per session) and networks: asked when the dialog opens.
    // Captured now: the fetcher may run again after the page is left (a refetch
    // just before navigating away), when the page's stored values are gone.
    let fetch_scope = scope.get_value();
    let choices = LocalResource::new(move || {
        let open = image.get().is_some();
        let scope = fetch_scope.clone();
        async move {
            if !open {
                return None;
            }
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
    Effect::new(move |_| {
        if let Some(i) = image.get() {
            name.set(format!("{}-copy", label(&i)));
            flavor.set(String::new());
            network.set("auto".into());
            error.set(None);
        }
    });
    // Flavors big enough for the image: its min_disk and min_ram.
    let flavors = move || {
        let (min_disk, min_ram) = image
            .get()
            .map(|i| (i.min_disk.unwrap_or(0), i.min_ram.unwrap_or(0)))
            .unwrap_or_default();
        choices
            .get()
            .flatten()
            .map(|(f, _, _)| f)
            .unwrap_or_default()
            .into_iter()
            .filter(|f| f.disk >= min_disk && f.ram >= min_ram)
            .collect::<Vec<_>>()
    };
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
    let over_quota = move || quota().is_some_and(|(_, full)| full);
    let command = Signal::derive(move || {
        let Some(i) = image.get() else {
            return String::new();
        };
        let net = match network.get().as_str() {
            "auto" => "--nic auto".to_owned(),
            "none" => "--nic none".to_owned(),
            id => option("--network", id),
        };
        format!(
            "openstack server create --image {} --flavor {} {net} {}",
            shell_word(&i.id),
            shell_word(&flavor.get()),
            last_word(&name.get())
        )
    });
    let close = crate::kit::form::closer(busy, image);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(i) = image.get_untracked() else {
            return;
        };
        if flavor.get_untracked().is_empty() {
            error.set(Some(tu_string!(i18n, launch.choose_flavor).to_owned()));
            return;
        }
        let server = NewServer {
            name: name.get_untracked().trim().to_owned(),
            image_id: i.id.clone(),
            flavor_id: flavor.get_untracked(),
            networks: match network.get_untracked().as_str() {
                "auto" => Networks::Auto,
                "none" => Networks::None,
                id => Networks::Ids(vec![id.to_owned()]),
            },
            availability_zone: None,
            key_name: None,
        };
        let scope = scope.get_value();
        let url = scope.url("/compute/instances");
        let label = server.name.clone();
        kit::form::submit(
            scope,
            busy,
            error,
            move |session: Session| {
                let server = server.clone();
                async move { session.nova().create_server(&server).await }
            },
            move |id: String| {
                image.set(None);
                notifications.push(
                    Level::Success,
                    tu_string!(i18n, launch.launching, name = &label),
                    Some(tu_string!(i18n, launch.instance_id, id = &id)),
                );
                navigate.try_with_value(|go| go(&url, Default::default()));
            },
        );
    };
    let title = Signal::derive(move || {
        image
            .get()
            .map(|i| t_string!(i18n, launch.title, name = label(&i)).to_string())
            .unwrap_or_default()
    });
    let open = Signal::derive(move || image.get().is_some());
    view! {
        <Dialog title open on_close=close>
            <form class="form" on:submit=submit>
                <TextField label=tr!(i18n, launch.instance_name) name="instance-name" value=name required=true />
                <label class="field">
                    <span>{t!(i18n, instances.flavor)}</span>
                    <select name="flavor" on:change=move |ev| flavor.set(event_target_value(&ev))>
                        {move || flavors().into_iter().map(|f| {
                            let label = t_string!(i18n, launch.flavor_choice, name = &f.name, vcpus = f.vcpus, ram = f.ram, disk = f.disk);
                            let selected = f.id == flavor.get_untracked();
                            view! { <option value=f.id.clone() selected=selected>{label}</option> }
                        }).collect_view()}
                    </select>
                </label>
                <label class="field">
                    <span>{t!(i18n, launch.network)}</span>
                    <select name="network" on:change=move |ev| network.set(event_target_value(&ev))>
                        <option value="auto">{t!(i18n, launch.network_auto)}</option>
                        <option value="none">{t!(i18n, launch.network_none)}</option>
                        {move || choices.get().flatten().map(|(_, n, _)| n).unwrap_or_default().into_iter().map(|n| {
                            let label = if n.name.is_empty() { n.id.clone() } else { n.name.clone() };
                            view! { <option value=n.id.clone()>{label}</option> }
                        }).collect_view()}
                    </select>
                </label>
                <p class="hint">{move || quota().map(|(line, _)| line)}</p>
                <CliEquivalent command />
                <FormError error />
                <FormActions label=tr!(i18n, launch.launch) busy_label=tr!(i18n, launch.launching_busy) busy on_cancel=close blocked=Signal::derive(move || over_quota().then(|| t_string!(i18n, quota.compute_full).to_owned())) />
            </form>
        </Dialog>
    }
}

/// Rebuild: an instance's disk replaced by the image (the restore of workflow 1).
#[component]
pub fn RebuildDialog(scope: Scope, image: RwSignal<Option<Image>>) -> impl IntoView {
    let sessions = Sessions::expect();
    let notifications = Notifications::expect();
    let i18n = use_i18n();
    let navigate = StoredValue::new(use_navigate());
    let server = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let scope = StoredValue::new(scope);
    // Captured now: the fetcher may run again after the page is left (a refetch
    // just before navigating away), when the page's stored values are gone.
    let fetch_scope = scope.get_value();
    let servers = LocalResource::new(move || {
        let open = image.get().is_some();
        let scope = fetch_scope.clone();
        async move {
            if !open {
                return Vec::new();
            }
            let Some(Ok(session)) = sessions.in_scope(&scope) else {
                return Vec::new();
            };
            session
                .nova()
                .servers(&Query::new().limit(1000))
                .await
                .map(|p| p.items)
                .unwrap_or_default()
        }
    });
    // The instance the snapshot was taken from comes first and is preselected.
    let ordered = move || {
        let source = image.get().and_then(|i| i.instance_uuid);
        let mut all: Vec<Server> = servers.get().unwrap_or_default();
        all.sort_by_key(|s| (Some(&s.id) != source.as_ref(), s.name.clone()));
        all
    };
    Effect::new(move |_| {
        if image.get().is_some() {
            error.set(None);
            server.set(ordered().first().map(|s| s.id.clone()).unwrap_or_default());
        }
    });
    // A rebuild replaces the instance's disk: its name is typed before it is allowed.
    let target_name = Signal::derive(move || {
        let id = server.get();
        ordered()
            .into_iter()
            .find(|s| s.id == id)
            .map(|s| if s.name.is_empty() { s.id } else { s.name })
            .unwrap_or_default()
    });
    let (typed, blocked) = typed_confirmation(target_name, move || {
        server.track();
        image.track();
    });
    let command = Signal::derive(move || {
        let Some(i) = image.get() else {
            return String::new();
        };
        format!(
            "openstack server rebuild --image {} {}",
            shell_word(&i.id),
            shell_word(&server.get())
        )
    });
    let close = crate::kit::form::closer(busy, image);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(i) = image.get_untracked() else {
            return;
        };
        let target = server.get_untracked();
        if target.is_empty() {
            error.set(Some(tu_string!(i18n, rebuild.choose_instance).to_owned()));
            return;
        }
        let image_id = i.id.clone();
        let scope = scope.get_value();
        let url = scope.url("/compute/instances");
        kit::form::submit(
            scope,
            busy,
            error,
            move |session: Session| {
                let (target, image_id) = (target.clone(), image_id.clone());
                async move { session.nova().rebuild(&target, &image_id).await }
            },
            move |()| {
                image.set(None);
                notifications.push(
                    Level::Success,
                    tu_string!(i18n, rebuild.rebuilding, name = label(&i)),
                    None,
                );
                navigate.try_with_value(|go| go(&url, Default::default()));
            },
        );
    };
    let title = Signal::derive(move || {
        image
            .get()
            .map(|i| t_string!(i18n, rebuild.title, name = label(&i)).to_string())
            .unwrap_or_default()
    });
    let open = Signal::derive(move || image.get().is_some());
    view! {
        <Dialog title open on_close=close>
            <form class="form" on:submit=submit>
                <label class="field">
                    <span>{t!(i18n, rebuild.instance)}</span>
                    <select name="instance" on:change=move |ev| server.set(event_target_value(&ev))>
                        {move || ordered().into_iter().map(|s| {
                            let selected = s.id == server.get_untracked();
                            let label = format!("{} ({})", s.name, s.status);
                            view! { <option value=s.id.clone() selected=selected>{label}</option> }
                        }).collect_view()}
                    </select>
                </label>
                <p class="form-warning" role="note">
                    {t!(i18n, rebuild.warning)}
                </p>
                <TypeToConfirm name=target_name typed />
                <CliEquivalent command />
                <FormError error />
                <FormActions label=tr!(i18n, images.rebuild) busy_label=tr!(i18n, rebuild.rebuilding_busy) busy on_cancel=close blocked danger=true />
            </form>
        </Dialog>
    }
}
