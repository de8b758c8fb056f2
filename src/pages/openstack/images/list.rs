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
        status::{StatusBadge, Tone, tone},
    },
    format::{bytes, short_time},
    i18n::{t, t_string, tu_string, use_i18n},
    kit::list::{self, ActionButton, ErrorPanel, Refusal, label, refusal, refusal_text},
    pages::openstack::images::actions::{LaunchDialog, RebuildDialog},
    shell::notifications::{Level, Notifications},
    state::{poll, scope::Scope, session::Sessions},
    tr,
};

#[component]
pub fn ImagesPage(scope: Scope) -> impl IntoView {
    let sessions = Sessions::expect();
    let notifications = Notifications::expect();
    let i18n = use_i18n();
    let only_snapshots = RwSignal::new(false);
    let scope = StoredValue::new(scope);
    let steady = list::Steady::new();
    // Captured now: the fetcher may run again after the page is left (a refetch
    // just before navigating away), when the page's stored values are gone.
    let fetch_scope = scope.get_value();
    let images = LocalResource::new(move || {
        let snapshots = only_snapshots.get();
        let scope = fetch_scope.clone();
        async move {
            let result = sessions
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
                .await;
            steady.settle(&snapshots, result)
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
                // Showing the last good answer after a passing failure: ask again until one comes.
                || steady.stale.try_with_untracked(Option::is_some).unwrap_or(false)
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
    let confirm_names = Signal::derive(move || to_delete.with(|l| l.iter().map(label).collect()));
    let confirm_title = Signal::derive(move || match to_delete.with(Vec::len) {
        1 => t_string!(i18n, images.delete_image).to_owned(),
        count => t_string!(i18n, images.delete_images, count).to_string(),
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
                {t!(i18n, images.only_snapshots)}
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
                {move || t_string!(i18n, images.delete_selected, count = selected.with(BTreeSet::len))}
            </button>
            <button type="button" class="secondary" on:click=move |_| images.refetch()>
                {t!(i18n, common.refresh)}
            </button>
        </div>
        <list::StaleNotice stale=steady.stale />
        <Transition fallback=move || view! { <p class="loading">{t!(i18n, images.loading)}</p> }>
            {move || {
                images
                    .get()
                    .map(|result| match result {
                        Err(error) => view! { <ErrorPanel error /> }.into_any(),
                        Ok(page) if page.items.is_empty() => {
                            view! { <div class="panel"><p>{t!(i18n, images.none)}</p></div> }.into_any()
                        }
                        Ok(page) => view! {
                            <table class="data-table images">
                                <thead>
                                    <tr>
                                        <th scope="col"><span class="visually-hidden">{t!(i18n, images.select)}</span></th>
                                        <th scope="col">{t!(i18n, common.name)}</th>
                                        <th scope="col">{t!(i18n, common.status)}</th>
                                        <th scope="col">{t!(i18n, common.kind)}</th>
                                        <th scope="col">{t!(i18n, common.size)}</th>
                                        <th scope="col">{t!(i18n, images.source_instance)}</th>
                                        <th scope="col">{t!(i18n, images.visibility)}</th>
                                        <th scope="col">{t!(i18n, common.created)}</th>
                                        <th scope="col">{t!(i18n, common.actions)}</th>
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
            action=tr!(i18n, common.delete)
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
fn delete_refusal(image: &Image) -> Option<Refusal> {
    if image.protected {
        Some(Refusal::Protected)
    } else if tone(&image.status) == Tone::Busy && image.status != "queued" {
        Some(Refusal::GlanceBusy)
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
    let i18n = use_i18n();
    let usable = refusal(&image.status, &["active"]);
    let (for_launch, for_rebuild) = (image.clone(), image.clone());
    let name = label(&image);
    let label = name.clone();
    let refused = delete_refusal(&image);
    let id = image.id.clone();
    let toggle_id = id.clone();
    let checked_id = id.clone();
    let is_snapshot = image.is_snapshot();
    let kind = move || {
        if is_snapshot {
            t_string!(i18n, common.snapshot)
        } else {
            t_string!(i18n, common.image)
        }
    };
    let protected = image.protected;
    let visibility = image.visibility.clone().unwrap_or_default();
    let visibility = move || {
        if protected {
            t_string!(i18n, images.protected, visibility = &visibility).to_string()
        } else {
            visibility.clone()
        }
    };
    let reason = StoredValue::new(refused.clone());
    let reason = move || {
        reason
            .with_value(|r| refusal_text(i18n, r))
            .unwrap_or_default()
    };
    let for_delete = image.clone();
    view! {
        <tr data-id=id.clone()>
            <td>
                <input
                    type="checkbox"
                    aria-label=move || t_string!(i18n, images.select_one, name = &name)
                    disabled=refused.is_some()
                    title=reason
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
                <ActionButton label=tr!(i18n, images.launch_copy) refusal=usable.clone() on_click=Callback::new(move |_| launch_of.set(Some(for_launch.clone()))) />
                <ActionButton label=tr!(i18n, images.rebuild) refusal=usable on_click=Callback::new(move |_| rebuild_of.set(Some(for_rebuild.clone()))) />
                <button
                    type="button"
                    class="row-action"
                    disabled=refused.is_some()
                    title=reason
                    on:click=move |_| to_delete.set(vec![for_delete.clone()])
                >
                    {t!(i18n, images.delete_image)}
                </button>
            </td>
        </tr>
    }
}
