//! Compute → Images: Glance images, or only the project's instance snapshots; statuses followed
//! live (queued → saving → active); Delete Image, one or several, after a confirmation that
//! names them. Protected images cannot be selected for deletion, and say why.

use std::collections::BTreeSet;

use leptos::prelude::*;
use leptos_router::components::A;
use nubo_cloud::openstack::{Query, Session, glance::Image};

use crate::{
    components::{
        cli::shell_word,
        confirm::Confirm,
        notifications::{Level, Notifications},
        status::{StatusBadge, Tone, tone},
    },
    format::{bytes, short_time},
    pages::image_actions::{LaunchDialog, RebuildDialog},
    pages::list::{ActionButton, ErrorPanel},
    poll,
    scope::Scope,
    session::Sessions,
};

fn display_name(image: &Image) -> String {
    image.name.clone().unwrap_or_else(|| image.id.clone())
}

#[component]
pub fn ImagesPage(scope: Scope) -> impl IntoView {
    let sessions = Sessions::expect();
    let notifications = Notifications::expect();
    let only_snapshots = RwSignal::new(false);
    let scope = StoredValue::new(scope);
    let images = LocalResource::new(move || {
        let snapshots = only_snapshots.get();
        let scope = scope.get_value();
        async move {
            sessions
                .run(&scope, |session: Session| async move {
                    let query = Query::new().limit(1000);
                    if snapshots {
                        let owner = session.project().map(|p| p.id.clone()).unwrap_or_default();
                        session
                            .glance()
                            .snapshots(&query.filter("owner", owner))
                            .await
                    } else {
                        session.glance().images(&query).await
                    }
                })
                .await
        }
    });
    poll::while_busy(
        move || {
            images
                .try_with_untracked(|i| {
                    i.as_ref()
                        .and_then(|r| r.as_ref().ok())
                        .is_some_and(|page| {
                            page.items.iter().any(|i| tone(&i.status) == Tone::Busy)
                        })
                })
                .unwrap_or(false)
        },
        move || {
            if images.try_with_untracked(|_| ()).is_some() {
                images.refetch();
            }
        },
    );

    let launch_of = RwSignal::new(None::<Image>);
    let rebuild_of = RwSignal::new(None::<Image>);
    let selected = RwSignal::new(BTreeSet::<String>::new());
    let to_delete = RwSignal::new(Vec::<Image>::new());
    let deleting = RwSignal::new(false);
    let confirm_open = Signal::derive(move || !to_delete.with(Vec::is_empty));
    let confirm_names =
        Signal::derive(move || to_delete.with(|l| l.iter().map(display_name).collect()));
    let confirm_title = Signal::derive(move || match to_delete.with(Vec::len) {
        1 => "Delete Image".to_owned(),
        n => format!("Delete {n} Images"),
    });
    let confirm_command = Signal::derive(move || {
        let ids: Vec<String> = to_delete.with(|l| l.iter().map(|i| shell_word(&i.id)).collect());
        format!("openstack image delete {}", ids.join(" "))
    });
    let delete = Callback::new(move |_| {
        let victims = to_delete.get_untracked();
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
                            format!("Deleted {}", display_name(image)),
                            None,
                        );
                    }
                    Err(error) => {
                        notifications.error(
                            format!("Could not delete {}", display_name(image)),
                            error.to_string(),
                        );
                    }
                }
            }
            deleting.set(false);
            to_delete.set(Vec::new());
            selected.set(BTreeSet::new());
            images.refetch();
        });
    });

    view! {
        <div class="toolbar">
            <label class="check">
                <input
                    type="checkbox"
                    name="only-snapshots"
                    prop:checked=move || only_snapshots.get()
                    on:change=move |ev| only_snapshots.set(event_target_checked(&ev))
                />
                "Only this project's instance snapshots"
            </label>
            <button
                type="button"
                class="danger"
                disabled=move || selected.with(BTreeSet::is_empty)
                on:click=move |_| {
                    let chosen = selected.get_untracked();
                    let list = images
                        .get_untracked()
                        .and_then(Result::ok)
                        .map(|page| page.items.into_iter().filter(|i| chosen.contains(&i.id)).collect())
                        .unwrap_or_default();
                    to_delete.set(list);
                }
            >
                {move || format!("Delete selected ({})", selected.with(BTreeSet::len))}
            </button>
            <button type="button" class="secondary" on:click=move |_| images.refetch()>
                "Refresh"
            </button>
        </div>
        <Transition fallback=|| view! { <p class="loading">"Loading images…"</p> }>
            {move || {
                images
                    .get()
                    .map(|result| match result {
                        Err(error) => view! { <ErrorPanel error /> }.into_any(),
                        Ok(page) if page.items.is_empty() => {
                            view! { <div class="panel"><p>"No images."</p></div> }.into_any()
                        }
                        Ok(page) => view! {
                            <table class="data-table images">
                                <thead>
                                    <tr>
                                        <th scope="col"><span class="visually-hidden">"Select"</span></th>
                                        <th scope="col">"Name"</th>
                                        <th scope="col">"Status"</th>
                                        <th scope="col">"Type"</th>
                                        <th scope="col">"Size"</th>
                                        <th scope="col">"Source instance"</th>
                                        <th scope="col">"Visibility"</th>
                                        <th scope="col">"Created"</th>
                                        <th scope="col">"Actions"</th>
                                    </tr>
                                </thead>
                                <tbody>
                                    {page
                                        .items
                                        .into_iter()
                                        .map(|image| {
                                            let href = scope.get_value().url(&format!("/compute/images/{}", image.id));
                                            view! { <ImageRow image href selected to_delete launch_of rebuild_of /> }
                                        })
                                        .collect_view()}
                                </tbody>
                            </table>
                        }
                        .into_any(),
                    })
            }}
        </Transition>
        <LaunchDialog scope=scope.get_value() image=launch_of />
        <RebuildDialog scope=scope.get_value() image=rebuild_of />
        <Confirm
            open=confirm_open
            title=confirm_title
            names=confirm_names
            action="Delete"
            command=confirm_command
            busy=deleting
            on_confirm=delete
            on_close=Callback::new(move |_| {
                if !deleting.get_untracked() {
                    to_delete.set(Vec::new());
                }
            })
        />
    }
}

/// Why an image cannot be deleted now, if it cannot.
fn delete_refusal(image: &Image) -> Option<&'static str> {
    if image.protected {
        Some("This image is protected: unprotect it first (openstack image set --unprotected)")
    } else if tone(&image.status) == Tone::Busy && image.status != "queued" {
        Some("Wait until Glance has finished with this image")
    } else {
        None
    }
}

#[component]
fn ImageRow(
    image: Image,
    href: String,
    selected: RwSignal<BTreeSet<String>>,
    to_delete: RwSignal<Vec<Image>>,
    launch_of: RwSignal<Option<Image>>,
    rebuild_of: RwSignal<Option<Image>>,
) -> impl IntoView {
    let usable = (image.status != "active")
        .then(|| format!("Not possible while the image is {}", image.status));
    let (for_launch, for_rebuild) = (image.clone(), image.clone());
    let name = display_name(&image);
    let label = name.clone();
    let refused = delete_refusal(&image);
    let id = image.id.clone();
    let toggle_id = id.clone();
    let checked_id = id.clone();
    let kind = if image.is_snapshot() {
        "Snapshot"
    } else {
        "Image"
    };
    let visibility = format!(
        "{}{}",
        image.visibility.clone().unwrap_or_default(),
        if image.protected { " · protected" } else { "" }
    );
    let for_delete = image.clone();
    view! {
        <tr data-id=id.clone()>
            <td>
                <input
                    type="checkbox"
                    aria-label=format!("Select {name}")
                    disabled=refused.is_some()
                    title=refused.unwrap_or_default()
                    prop:checked=move || selected.with(|s| s.contains(&checked_id))
                    on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        selected.update(|s| {
                            if on {
                                s.insert(toggle_id.clone());
                            } else {
                                s.remove(&toggle_id);
                            }
                        })
                    }
                />
            </td>
            <th scope="row"><A href=href>{label}</A></th>
            <td>
                <StatusBadge status=image.status.clone() />
            </td>
            <td>{kind}</td>
            <td>{bytes(image.size)}</td>
            <td class="mono">{image.instance_uuid.clone().unwrap_or_default()}</td>
            <td>{visibility}</td>
            <td>{short_time(image.created_at.as_deref())}</td>
            <td class="row-actions">
                <ActionButton label="Launch copy" refusal=usable.clone() on_click=Callback::new(move |_| launch_of.set(Some(for_launch.clone()))) />
                <ActionButton label="Rebuild" refusal=usable on_click=Callback::new(move |_| rebuild_of.set(Some(for_rebuild.clone()))) />
                <button
                    type="button"
                    class="row-action"
                    disabled=refused.is_some()
                    title=refused.unwrap_or_default()
                    on:click=move |_| to_delete.set(vec![for_delete.clone()])
                >
                    "Delete Image"
                </button>
            </td>
        </tr>
    }
}
