//! A confirmed delete of one resource: the confirmation names it and shows the command line.

use leptos::prelude::*;
use nubo_cloud::{CloudError, openstack::Session};

use crate::{
    components::confirm::Confirm,
    i18n::{tu_string, use_i18n},
    kit::failure::Failure,
    shell::notifications::{Level, Notifications},
    state::{scope::Scope, session::Sessions},
};

/// An OpenStack delete through the scope's session, as [`ConfirmDelete`] runs it.
pub fn in_session<T, F, Fut>(
    scope: StoredValue<Scope>,
    delete: F,
) -> impl Fn(T) -> std::pin::Pin<Box<dyn Future<Output = Result<(), Failure>>>> + Send + Sync
where
    T: Clone + 'static,
    F: Fn(Session, T) -> Fut + Clone + Send + Sync + 'static,
    Fut: Future<Output = Result<(), CloudError>> + 'static,
{
    let sessions = Sessions::expect();
    move |victim: T| {
        let (delete, scope) = (delete.clone(), scope.get_value());
        Box::pin(async move {
            sessions
                .run(&scope, move |session| delete(session, victim.clone()))
                .await
                .map_err(Failure::Cloud)
        })
    }
}

/// A confirmed delete of one resource, whatever the cloud: the confirmation names it and shows
/// the command line; a refusal becomes an error notification that keeps the cloud's words.
#[component]
pub fn ConfirmDelete<T, F, Fut>(
    /// What to delete; the dialog is open while it is `Some`, and closing empties it.
    target: RwSignal<Option<T>>,
    #[prop(into)] title: Signal<String>,
    /// How the confirmation and the notifications name it.
    name: Callback<T, String>,
    command: Callback<T, String>,
    delete: F,
    on_done: Callback<()>,
) -> impl IntoView
where
    T: Clone + Send + Sync + 'static,
    F: Fn(T) -> Fut + Send + Sync + 'static,
    Fut: Future<Output = Result<(), Failure>> + 'static,
{
    let notifications = Notifications::expect();
    let i18n = use_i18n();
    let busy = RwSignal::new(false);
    let names = Signal::derive(move || target.get().map(|t| vec![name.run(t)]).unwrap_or_default());
    let line = Signal::derive(move || target.get().map(|t| command.run(t)).unwrap_or_default());
    let delete = StoredValue::new(delete);
    let confirm = Callback::new(move |_| {
        let Some(victim) = target.get_untracked() else {
            return;
        };
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        let what = name.run(victim.clone());
        let call = delete.with_value(|delete| delete(victim));
        leptos::task::spawn_local(async move {
            let result = call.await;
            busy.try_set(false);
            target.try_set(None);
            match result {
                Ok(()) => {
                    notifications.push(
                        Level::Success,
                        tu_string!(i18n, list.deleting, name = &what),
                        None,
                    );
                    on_done.try_run(());
                }
                Err(failure) => {
                    notifications.error(
                        tu_string!(i18n, list.delete_failed, name = &what),
                        failure.words(i18n.get_locale_untracked()),
                    );
                }
            }
        });
    });
    view! {
        <Confirm
            open=Signal::derive(move || target.get().is_some())
            title
            names
            action=crate::tr!(i18n, common.delete)
            command=line
            busy
            on_confirm=confirm
            on_close=Callback::new(move |_| if !busy.get_untracked() { target.set(None) })
        />
    }
}
