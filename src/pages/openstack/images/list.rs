//! Compute → Images: Glance images, paged by Glance, or only the project's instance snapshots;
//! statuses followed live (queued → saving → active); Delete Image, one or several, after a
//! confirmation that names them. Protected images cannot be selected for deletion, and say why.
//! Launch copy, Rebuild and Create Volume restore from an image.

use crate::components::confirm::{Confirm, Widen};
use crate::format::bytes;
use crate::pages::openstack::images::launch::{LaunchDialog, LaunchSource};
use crate::pages::openstack::images::rebuild::RebuildDialog;
use crate::pages::openstack::images::volume::ImageVolumeDialog;
use crate::prelude::*;
use nubo_cloud::openstack::Session;
use nubo_cloud::openstack::glance::Image;
use nubo_logic::allowed::image_delete;
use std::collections::BTreeSet;

const USABLE: &[&str] = &["active"];
const STATUSES: &[&str] = &[
    "active",
    "queued",
    "saving",
    "importing",
    "killed",
    "deactivated",
];
const ONLY_SNAPSHOTS: (&str, &str) = ("image_type", "snapshot");

#[component]
pub fn ImagesPage(scope: StoredValue<Scope>) -> impl IntoView {
    let sessions = Sessions::expect();
    let notifications = Notifications::expect();
    let i18n = use_i18n();
    let paging = Paging::new(Api::Glance, STATUSES);
    let images = paged(scope, paging, |session: Session, query| async move {
        // The project's own snapshots: Glance lists every image the project may see.
        let query = if query.filters.iter().any(|(k, _)| k == ONLY_SNAPSHOTS.0) {
            let owner = session.project().map(|p| p.id.clone()).unwrap_or_default();
            query.filter("owner", owner)
        } else {
            query
        };
        session.glance().images(&query).await
    });
    let only_snapshots = move || paging.listing.with(|l| !l.extra.is_empty());

    let launch_of = RwSignal::new(None::<LaunchSource>);
    let rebuild_of = RwSignal::new(None::<Image>);
    let volume_of = RwSignal::new(None::<Image>);
    let selected = RwSignal::new(BTreeSet::<String>::new());
    let to_delete = RwSignal::new(Vec::<Image>::new());
    let deleting = RwSignal::new(false);
    let confirm_open = Signal::derive(move || !to_delete.with(Vec::is_empty));
    let confirm_names = Signal::derive(move || to_delete.with(|l| l.iter().map(label).collect()));
    // A volume-backed snapshot's data is in Cinder snapshots, which outlive the image and keep
    // counting against the snapshot quota: offered for deletion with it, by default.
    let with_snapshots = RwSignal::new(true);
    let backing = move |images: &[Image]| -> Vec<String> {
        images.iter().flat_map(Image::volume_snapshot_ids).collect()
    };
    let widen = Widen {
        label: Signal::derive(move || {
            let count = to_delete.with(|l| backing(l).len());
            t_string!(i18n, images.delete_backing, count).to_string()
        }),
        value: with_snapshots,
        names: Signal::derive(move || {
            to_delete.with(|l| {
                l.iter()
                    .flat_map(|image| {
                        let of = label(image);
                        image.block_devices.iter().filter_map(move |d| {
                            let device = d.device_name.clone().unwrap_or_default();
                            d.snapshot_id.as_ref().map(|id| {
                                t_string!(i18n, images.backing_name, id, device, image = &of)
                                    .to_string()
                            })
                        })
                    })
                    .collect()
            })
        }),
    };
    let confirm_title = Signal::derive(move || match to_delete.with(Vec::len) {
        1 => t_string!(i18n, images.delete_image).to_owned(),
        count => t_string!(i18n, images.delete_images, count).to_string(),
    });
    let confirm_command = Signal::derive(move || {
        let cli = Cli::new("openstack image delete");
        let images = to_delete.with(|l| l.iter().fold(cli, |cli, i| cli.word(&i.id)).line());
        let snapshots = to_delete.with(|l| backing(l));
        if with_snapshots.get() && !snapshots.is_empty() {
            let cli = Cli::new("openstack volume snapshot delete");
            let cli = snapshots.iter().fold(cli, |cli, id| cli.word(id));
            format!("{images}\n{}", cli.line())
        } else {
            images
        }
    });
    let delete = Callback::new(move |_| {
        let victims = to_delete.get_untracked();
        let snapshots = if with_snapshots.get_untracked() {
            backing(&victims)
        } else {
            Vec::new()
        };
        deleting.set(true);
        let scope = scope.get_value();
        leptos::task::spawn_local(async move {
            for image in &victims {
                let id = image.id.clone();
                let result = sessions
                    .run(&scope, |session: Session| {
                        let id = id.clone();
                        async move { session.glance().delete_image(&id).await }
                    })
                    .await;
                match result {
                    Ok(()) => {
                        notifications.push(
                            Level::Success,
                            tu_string!(i18n, list.deleted, name = label(image)),
                            None,
                        );
                    }
                    Err(error) => {
                        notifications.error(
                            tu_string!(i18n, list.delete_failed, name = label(image)),
                            error.to_string(),
                        );
                    }
                }
            }
            for id in &snapshots {
                let result = sessions
                    .run(&scope, |session: Session| {
                        let id = id.clone();
                        async move { session.cinder().delete_snapshot(&id).await }
                    })
                    .await;
                match result {
                    Ok(()) => {
                        notifications.push(
                            Level::Success,
                            tu_string!(i18n, images.backing_deleted, id),
                            None,
                        );
                    }
                    Err(error) => {
                        notifications.error(
                            tu_string!(i18n, list.delete_failed, name = id),
                            error.to_string(),
                        );
                    }
                }
            }
            deleting.set(false);
            with_snapshots.set(true);
            to_delete.set(Vec::new());
            selected.set(BTreeSet::new());
            images.refetch();
        });
    });

    let table = Table::new(
        "images",
        vec![
            columns::name(scope, Panel::Images),
            columns::status().sorts_by("status"),
            Column::new(
                |l| td_string!(l, common.kind),
                move |i: &Image| {
                    if i.is_volume_backed() {
                        t_string!(i18n, images.volume_backed_snapshot)
                    } else if i.is_snapshot() {
                        t_string!(i18n, common.snapshot)
                    } else {
                        t_string!(i18n, common.image)
                    }
                },
            ),
            Column::new(
                |l| td_string!(l, common.size),
                move |i: &Image| match i.is_volume_backed() {
                    true => in_cinder(scope, i).into_any(),
                    false => bytes(i.size).into_any(),
                },
            )
            .sorts_by("size"),
            Column::new(
                |l| td_string!(l, images.source_instance),
                |i: &Image| i.instance_uuid.clone().unwrap_or_default(),
            )
            .mono(),
            Column::new(
                |l| td_string!(l, images.visibility),
                move |i: &Image| {
                    let visibility = i.visibility.clone().unwrap_or_default();
                    if i.protected {
                        t_string!(i18n, images.protected, visibility = &visibility).to_string()
                    } else {
                        visibility
                    }
                },
            ),
            columns::created(|i: &Image| i.created_at.as_deref()).sorts_by("created_at"),
        ],
    )
    .selection(selected, Allowed::when(image_delete))
    .actions(vec![
        RowAction::opens_as(
            |l| td_string!(l, images.launch_copy),
            Allowed::In(USABLE),
            launch_of,
            LaunchSource::image,
        ),
        RowAction::opens(
            |l| td_string!(l, images.rebuild),
            Allowed::In(USABLE),
            rebuild_of,
        ),
        RowAction::opens(
            |l| td_string!(l, snapshots.create_volume),
            Allowed::In(USABLE),
            volume_of,
        )
        .more(),
        RowAction::new(
            |l| td_string!(l, images.delete_image),
            Allowed::when(image_delete),
            move |i| to_delete.set(vec![i]),
        ),
    ]);
    let delete_selected = move |_| {
        let chosen = selected.get_untracked();
        let list = images
            .list
            .get_untracked()
            .and_then(Result::ok)
            .map(|page| {
                page.items
                    .into_iter()
                    .filter(|i| chosen.contains(&i.id))
                    .collect()
            })
            .unwrap_or_default();
        to_delete.set(list);
    };
    let tools = move || {
        view! {
            <label class="check">
                <input
                    type="checkbox"
                    name="only-snapshots"
                    prop:checked=only_snapshots
                    on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        paging.listing.update(|l| {
                            l.extra = if on {
                                vec![(ONLY_SNAPSHOTS.0, ONLY_SNAPSHOTS.1.to_owned())]
                            } else {
                                Vec::new()
                            };
                            l.restart();
                        });
                    }
                />
                {t!(i18n, images.only_snapshots)}
            </label>
            <button
                type="button"
                class="danger"
                disabled=move || selected.with(BTreeSet::is_empty)
                on:click=delete_selected
            >
                {move || t_string!(i18n, images.delete_selected, count = selected.with(BTreeSet::len))}
            </button>
        }
        .into_any()
    };
    view! {
        <ListView live=images table empty=tr!(i18n, images.none) paging tools=ToChildren::to_children(tools) />
        <LaunchDialog scope source=launch_of />
        <RebuildDialog scope image=rebuild_of />
        <ImageVolumeDialog scope image=volume_of />
        <Confirm
            open=confirm_open
            title=confirm_title
            names=confirm_names
            action=tr!(i18n, common.delete)
            command=confirm_command
            busy=deleting
            on_confirm=delete
            on_close=Callback::new(move |_| {
                if !deleting.get_untracked() {
                    to_delete.set(Vec::new());
                }
            })
            widen
        />
    }
}

/// Where a volume-backed snapshot's data is: its Cinder snapshots, each linked by its device.
fn in_cinder(scope: StoredValue<Scope>, image: &Image) -> impl IntoView + use<> {
    let i18n = use_i18n();
    let links = image
        .block_devices
        .iter()
        .filter_map(|d| {
            let id = d.snapshot_id.clone()?;
            let href = scope.with_value(|s| s.detail_url(Panel::VolumeSnapshots, &id));
            Some(link(href, d.device_name.clone().unwrap_or(id)))
        })
        .enumerate()
        .map(|(n, link)| view! { {(n > 0).then_some(", ")}{link} })
        .collect_view();
    view! {
        <span class="in-cinder">{t!(i18n, images.in_cinder)}" "{links}</span>
    }
}
