//! Images → Rebuild (the restore of workflow 1): an instance's disk replaced by the image, after
//! a warning and the instance's name typed.

use crate::components::confirm::{TypeToConfirm, typed_confirmation};
use crate::kit::live::every;
use crate::prelude::*;
use nubo_cloud::openstack::Session;
use nubo_cloud::openstack::glance::Image;
use nubo_cloud::openstack::nova::Server;

form_dialog!(RebuildDialog(image: Image) => RebuildForm, |i, l| td_string!(l, rebuild.title, name = label(i)).to_string());

#[component]
fn RebuildForm(scope: StoredValue<Scope>, image: Image, form: FormState) -> impl IntoView {
    let i18n = use_i18n();
    let server = RwSignal::new(String::new());
    let servers = every(scope, Api::Nova, |session: Session, query| async move {
        session.nova().servers(&query).await
    });
    // The instance the snapshot was taken from comes first and is preselected.
    let source = image.instance_uuid.clone();
    let ordered = move || {
        let mut all: Vec<Server> = servers.get().unwrap_or_default();
        all.sort_by_key(|s| (Some(&s.id) != source.as_ref(), s.name.clone()));
        all
    };
    let first = ordered.clone();
    Effect::new(move |_| {
        if server.get_untracked().is_empty()
            && let Some(s) = first().first()
        {
            server.set(s.id.clone());
        }
    });
    let listed = ordered.clone();
    let server_choices = Signal::derive(move || {
        let text = |s: &Server| format!("{} ({})", s.name, s.status);
        listed()
            .iter()
            .map(|s| (s.id.clone(), text(s)))
            .collect::<Vec<_>>()
    });
    // A rebuild replaces the instance's disk: its name is typed before it is allowed.
    let named = ordered.clone();
    let target_name = Signal::derive(move || {
        let id = server.get();
        named()
            .into_iter()
            .find(|s| s.id == id)
            .map(|s| if s.name.is_empty() { s.id } else { s.name })
            .unwrap_or_default()
    });
    let (typed, blocked) = typed_confirmation(target_name, move || server.track());
    let image_id = image.id.clone();
    let command = Signal::derive(move || {
        Cli::new("openstack server rebuild")
            .option("--image", &image_id)
            .word(&server.get())
            .line()
    });
    let image = StoredValue::new(image);
    let submit = Callback::new(move |()| {
        let target = server.get_untracked();
        if target.is_empty() {
            return form.refuse(Failure::app(|l| td_string!(l, rebuild.choose_instance)));
        }
        let i = image.get_value();
        let image_id = i.id.clone();
        form.through(
            scope,
            (target, image_id),
            |session: Session, (target, image_id)| async move {
                session.nova().rebuild(&target, &image_id).await
            },
            form.taken(scope, Panel::Instances, move |()| {
                (
                    tu_string!(i18n, rebuild.rebuilding, name = label(&i)),
                    String::new(),
                )
            }),
        );
    });
    view! {
        <FormBody form label=tr!(i18n, images.rebuild) busy_label=tr!(i18n, rebuild.rebuilding_busy) command blocked danger=true on_submit=submit >
            <SelectField label=tr!(i18n, rebuild.instance) name="instance" value=server choices=server_choices />
            <p class="form-warning" role="note">
                {t!(i18n, rebuild.warning)}
            </p>
            <TypeToConfirm name=target_name typed />
        </FormBody>
    }
}
