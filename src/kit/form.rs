//! What every form dialog shares: the dialog, its title and Cancel, its call run once at a
//! time, its failure (worded when shown), its command-line equivalent and its buttons. The form's
//! body is mounted with the resource by value each time the dialog opens, so its fields start
//! from that resource without effects that reset them.

use std::pin::Pin;

use leptos::prelude::*;
use leptos_router::{NavigateOptions, hooks::use_navigate};
use nubo_cloud::{CloudError, openstack::Session};

use crate::{
    components::{cli::CliEquivalent, dialog::Dialog},
    i18n::{t, t_string, use_i18n},
    kit::failure::{Failure, FailureText},
    shell::notifications::{Level, Notifications},
    state::{
        scope::{Panel, Scope},
        session::Sessions,
    },
};

type Navigate = Box<dyn Fn(&str, NavigateOptions)>;

/// A form's call with its answer already bound to what follows it.
type BoxedCall = Pin<Box<dyn Future<Output = Result<Box<dyn FnOnce()>, Failure>>>>;

/// An open form: its call in flight, why the last one failed, and how it closes.
#[derive(Clone, Copy)]
pub struct FormState {
    pub busy: RwSignal<bool>,
    pub failure: RwSignal<Option<Failure>>,
    pub close: Callback<()>,
    /// The page's, run once a call succeeds: it asks its list again.
    changed: Option<Callback<()>>,
    notifications: Notifications,
    navigate: StoredValue<Navigate, LocalStorage>,
}

impl FormState {
    /// Runs `call` once at a time (its button waits: no double create). Its answer goes to
    /// `done`, then the dialog closes (after: closing disposes of what the form owns); a failure
    /// stays in the form, whose input is kept.
    pub fn run<T: 'static>(
        self,
        call: impl Future<Output = Result<T, Failure>> + 'static,
        done: impl FnOnce(T) + 'static,
    ) {
        // Only this adapter is compiled per form; what runs it is compiled once.
        let call = async move {
            let value = call.await?;
            Ok(Box::new(move || done(value)) as Box<dyn FnOnce()>)
        };
        self.run_boxed(Box::pin(call));
    }

    fn run_boxed(self, call: BoxedCall) {
        if self.busy.get_untracked() {
            return;
        }
        self.busy.set(true);
        self.failure.set(None);
        leptos::task::spawn_local(async move {
            let result = call.await;
            // `try_`: the page (and the form with it) may be gone by the time the cloud answers.
            self.busy.try_set(false);
            match result {
                Ok(done) => {
                    done();
                    self.changed();
                    self.close.try_run(());
                }
                Err(failure) => drop(self.failure.try_set(Some(failure))),
            }
        });
    }

    /// Runs `call` with `request` through the OpenStack session of `scope`, as
    /// [`FormState::run`] does. The call may be made twice (again after a re-login), so it takes
    /// its own copy of the request each time.
    pub fn through<R, T, F, Fut>(
        self,
        scope: StoredValue<Scope>,
        request: R,
        call: F,
        done: impl FnOnce(T) + 'static,
    ) where
        R: Clone + 'static,
        T: 'static,
        F: Fn(Session, R) -> Fut + 'static,
        Fut: Future<Output = Result<T, CloudError>> + 'static,
    {
        let sessions = Sessions::expect();
        let scope = scope.get_value();
        let call = move |session| call(session, request.clone());
        self.run(
            async move { sessions.run(&scope, call).await.map_err(Failure::Cloud) },
            done,
        );
    }

    /// Runs an AWS `call` as [`FormState::run`] does; a permission refusal names the IAM `action`.
    pub fn aws<T: 'static>(
        self,
        action: &'static str,
        call: impl Future<Output = Result<T, CloudError>> + 'static,
        done: impl FnOnce(T) + 'static,
    ) {
        self.run(
            async move { call.await.map_err(Failure::aws(action)) },
            done,
        );
    }

    /// A notice that the cloud took the request on.
    pub fn notify(self, title: impl Into<String>, detail: Option<String>) {
        self.notifications
            .push(Level::Success, title.into(), detail);
    }

    /// What most accepted requests end with: a notice of what the cloud took on, and the list
    /// where it can be followed (`list` is a URL; the page may be gone, then nothing moves).
    pub fn accepted(self, title: impl Into<String>, detail: Option<String>, list: &str) {
        self.notify(title, detail);
        self.navigate
            .try_with_value(|go| go(list, NavigateOptions::default()));
    }

    /// What follows a request the cloud took on: a notice of what it took, worded by `said`
    /// from the cloud's answer (a title and a detail), and the scope's `panel`, where it can be
    /// followed.
    pub fn taken<T, S: Into<String>>(
        self,
        scope: StoredValue<Scope>,
        panel: Panel,
        said: impl FnOnce(T) -> (S, String) + 'static,
    ) -> impl FnOnce(T) + 'static {
        let list = scope.with_value(|s| s.url(panel));
        move |answer| {
            let (title, detail) = said(answer);
            self.accepted(title, Some(detail), &list);
        }
    }

    /// Tells the page its list changed (also when a call changed part of it, then failed).
    pub fn changed(self) {
        if let Some(changed) = self.changed {
            changed.try_run(());
        }
    }

    /// The app's own refusal: shown as the cloud's would be, nothing sent.
    pub fn refuse(self, failure: Failure) {
        self.failure.set(Some(failure));
    }
}

/// Declares `$dialog`, the dialog of the form component `$form`: open while its target holds a
/// resource, headed by `$title`, the form mounted with the resource by value. The form takes
/// `scope`, the resource under the target's name, `form`, and the extra props, passed on as
/// they are (signals and callbacks, all `Copy`); the dialog's `on_done` runs after a success.
macro_rules! form_dialog {
    ($(#[$meta:meta])* $dialog:ident($target:ident: $ty:ty $(, $extra:ident: $extra_ty:ty)*) => $form:ident, $title:expr) => {
        $(#[$meta])*
        #[component]
        pub fn $dialog(
            scope: StoredValue<Scope>,
            $target: RwSignal<Option<$ty>>,
            $($extra: $extra_ty,)*
            /// Run once the form's call succeeds (the page asks its list again).
            #[prop(default = None, into)]
            on_done: Option<Callback<()>>,
        ) -> impl IntoView {
            view! {
                <FormDialog target=$target title=$title on_done body=move |$target, form| view! { <$form scope $target form $($extra=$extra)* /> } />
            }
        }
    };
}
pub(crate) use form_dialog;

/// A form dialog, open while `target` holds a resource. `body` builds the form for it each time
/// it opens; Cancel and Escape close it unless its call is in flight.
#[component]
pub fn FormDialog<T, B, V>(
    target: RwSignal<Option<T>>,
    /// The dialog's heading for the resource (tracked: it follows the language).
    title: fn(&T, crate::i18n::Locale) -> String,
    body: B,
    /// Run once the form's call succeeds (the page asks its list again).
    #[prop(default = None, into)]
    on_done: Option<Callback<()>>,
) -> impl IntoView
where
    T: Clone + Send + Sync + 'static,
    B: Fn(T, FormState) -> V + Send + Sync + 'static,
    V: IntoView + 'static,
{
    let i18n = use_i18n();
    let busy = RwSignal::new(false);
    let failure = RwSignal::new(None);
    // Every way out (Cancel, Escape, a call answered) passes here, so the next form opens clean.
    let close = Callback::new(move |_| {
        if !busy.get_untracked() {
            failure.set(None);
            target.set(None);
        }
    });
    let navigate = use_navigate();
    let form = FormState {
        busy,
        failure,
        close,
        changed: on_done,
        notifications: Notifications::expect(),
        navigate: StoredValue::new_local(Box::new(navigate) as Navigate),
    };
    let open = Signal::derive(move || target.with(Option::is_some));
    let heading = Signal::derive(move || {
        target
            .with(|t| t.as_ref().map(|t| title(t, i18n.get_locale())))
            .unwrap_or_default()
    });
    let body = StoredValue::new(body);
    view! {
        <Dialog title=heading open on_close=close>
            {move || target.get().map(|t| body.with_value(|body| body(t, form)))}
        </Dialog>
    }
}

/// A form's frame inside its dialog: the fields (children), the command-line equivalent, the
/// failure, Cancel and the submit button, disabled while the call runs and while `blocked`
/// gives a reason.
#[component]
pub fn FormBody(
    form: FormState,
    #[prop(into)] label: Signal<String>,
    /// Shown while the call is in flight; "Creating…" unless said otherwise.
    #[prop(optional, into)]
    busy_label: Signal<String>,
    #[prop(into)] command: Signal<String>,
    #[prop(optional, into)] blocked: Signal<Option<String>>,
    /// For submits that destroy something (a rebuild).
    #[prop(optional)]
    danger: bool,
    on_submit: Callback<()>,
    children: Children,
) -> impl IntoView {
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        on_submit.run(());
    };
    view! {
        <form class="form" on:submit=submit>
            {children()}
            <CliEquivalent command />
            <FailureText failure=form.failure />
            <FormActions label busy_label busy=form.busy on_cancel=form.close blocked danger />
        </form>
    }
}

/// A form's Cancel and submit buttons. The submit is disabled while its request is in flight
/// (no double create) and while `blocked` gives a reason, shown on hover.
#[component]
pub fn FormActions(
    #[prop(into)] label: Signal<String>,
    /// Shown while the request is in flight; "Creating…" unless said otherwise.
    #[prop(optional, into)]
    busy_label: Signal<String>,
    busy: RwSignal<bool>,
    on_cancel: Callback<()>,
    #[prop(optional, into)] blocked: Signal<Option<String>>,
    /// For submits that destroy something (a rebuild).
    #[prop(optional)]
    danger: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let busy_label = move || match busy_label.get() {
        label if label.is_empty() => t_string!(i18n, common.creating).to_owned(),
        label => label,
    };
    view! {
        <div class="form-actions">
            <button type="button" class="secondary" on:click=move |_| on_cancel.run(())>
                {t!(i18n, common.cancel)}
            </button>
            <button
                type="submit"
                class=if danger { "danger" } else { "primary" }
                disabled=move || busy.get() || blocked.get().is_some()
                title=move || blocked.get()
            >
                {move || if busy.get() { busy_label() } else { label.get() }}
            </button>
        </div>
    }
}
