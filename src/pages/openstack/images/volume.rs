//! Images → Create Volume: a new Cinder volume holding the image (bootable when Cinder finds
//! it so), at least as large as the image and its `min_disk`, within the project's volume and
//! gigabyte quota.

use crate::pages::openstack::quota;
use crate::prelude::*;
use nubo_cloud::openstack::Session;
use nubo_cloud::openstack::cinder::VolumeFromImage;
use nubo_cloud::openstack::glance::Image;
use nubo_logic::input;

form_dialog!(ImageVolumeDialog(image: Image) => ImageVolumeForm, |i, l| td_string!(l, snapshots.volume_title, name = label(i)).to_string());

#[component]
fn ImageVolumeForm(scope: StoredValue<Scope>, image: Image, form: FormState) -> impl IntoView {
    let i18n = use_i18n();
    let min_size = input::gib_for_image(image.size, image.min_disk);
    let name = RwSignal::new(format!("{}-volume", label(&image)));
    let description = RwSignal::new(String::new());
    let size = RwSignal::new(min_size.to_string());
    let limits = quota::cinder_limits(scope);
    let quota = move || {
        let wanted = size.get().trim().parse().unwrap_or(0);
        quota::new_volume(i18n, &limits.get().flatten()?, wanted)
    };
    let blocked = Signal::derive(move || {
        quota()
            .is_some_and(|(_, full)| full)
            .then(|| t_string!(i18n, quota.volumes_full).to_owned())
    });
    let image_id = image.id.clone();
    let command = {
        let image_id = image_id.clone();
        Signal::derive(move || {
            Cli::new("openstack volume create")
                .option("--image", &image_id)
                .option("--size", &size.get())
                .option_if("--description", Some(&description.get()))
                .last(&name.get())
        })
    };
    let submit = Callback::new(move |()| {
        let checked = input::name(&name.get_untracked()).and_then(|name| {
            let description = input::description(&description.get_untracked())?;
            Ok((
                name,
                description,
                input::size(&size.get_untracked(), min_size)?,
            ))
        });
        let volume = match checked {
            Ok((name, description, size)) => VolumeFromImage {
                image_id: image_id.clone(),
                name,
                size,
                description: Some(description).filter(|d| !d.is_empty()),
                availability_zone: None,
            },
            Err(refusal) => return form.refuse(refusal.into()),
        };
        form.through(
            scope,
            volume,
            |session: Session, volume| async move {
                session.cinder().create_volume_from_image(&volume).await
            },
            form.taken(scope, Panel::Volumes, move |id: String| {
                (
                    tu_string!(i18n, images.volume_requested),
                    tu_string!(i18n, snapshots.volume_id, id = &id),
                )
            }),
        );
    });
    view! {
        <FormBody form label=tr!(i18n, snapshots.create_volume) command blocked on_submit=submit>
            <TextField label=tr!(i18n, snapshots.volume_name) name="volume-name" value=name required=true />
            <TextField label=tr!(i18n, common.description_optional) name="description" value=description />
            <NumberField label=tr!(i18n, snapshots.size_gib) name="size" value=size min=min_size />
            <p class="hint">{t!(i18n, images.volume_min, size = min_size)}</p>
            <p class="hint">{move || quota().map(|(line, _)| line)}</p>
        </FormBody>
    }
}
