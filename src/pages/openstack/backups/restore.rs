//! Backups → Restore: to a new volume (within the volume and gigabyte quota), or over an
//! available one at least as large after its name is typed.

use crate::components::confirm::{TypeToConfirm, typed_confirmation};
use crate::pages::openstack::quota;
use crate::prelude::*;
use nubo_cloud::openstack::Session;
use nubo_cloud::openstack::cinder::{Backup, RestoreTarget, Volume};

form_dialog!(RestoreDialog(backup: Backup, volumes: Signal<Vec<Volume>>) => RestoreForm, |b, l| td_string!(l, backups.title, name = label(b)).to_string());

#[component]
fn RestoreForm(
    scope: StoredValue<Scope>,
    backup: Backup,
    volumes: Signal<Vec<Volume>>,
    form: FormState,
) -> impl IntoView {
    let i18n = use_i18n();
    let to_new = RwSignal::new(true);
    let name = RwSignal::new(format!("{}-restored", label(&backup)));
    let existing = RwSignal::new(String::new());
    // Restoring over a volume replaces its data: its name is typed before it is allowed.
    let target_name = Signal::derive(move || {
        let id = existing.get();
        volumes
            .get()
            .into_iter()
            .find(|v| v.id == id)
            .map(|v| label(&v))
            .unwrap_or_default()
    });
    let (typed, typed_blocked) = typed_confirmation(target_name, move || {
        existing.track();
        to_new.track();
    });
    // Cinder restores only onto an available volume at least as large as the backup.
    let min = backup.size.unwrap_or(0);
    // A new volume counts against the quota; restoring over one does not.
    let limits = quota::cinder_limits(scope);
    let quota = move || quota::new_volume(i18n, &limits.get().flatten()?, min as i64);
    let blocked = Signal::derive(move || {
        if to_new.get() {
            quota()
                .is_some_and(|(_, full)| full)
                .then(|| t_string!(i18n, quota.volumes_full).to_owned())
        } else if existing.get().is_empty() {
            None
        } else {
            typed_blocked.get()
        }
    });
    let targets = move || {
        volumes
            .get()
            .into_iter()
            .filter(|v| v.status == "available" && v.size >= min)
            .collect::<Vec<_>>()
    };
    let target_choices = Signal::derive(move || {
        let text = |v: &Volume| {
            t_string!(i18n, backups.volume_choice, name = label(v), size = v.size).to_string()
        };
        let choose = (
            String::new(),
            t_string!(i18n, backups.choose_available).to_owned(),
        );
        let choices = targets().into_iter().map(|v| (v.id.clone(), text(&v)));
        std::iter::once(choose).chain(choices).collect::<Vec<_>>()
    });
    let backup = StoredValue::new(backup);
    let command = Signal::derive(move || {
        let target = if to_new.get() {
            name.get()
        } else {
            existing.get()
        };
        Cli::new("openstack volume backup restore")
            .word(&backup.with_value(|b| b.id.clone()))
            .last(&target)
    });
    let submit = Callback::new(move |()| {
        let b = backup.get_value();
        let target = if to_new.get_untracked() {
            match nubo_logic::input::name(&name.get_untracked()) {
                Ok(name) => RestoreTarget::NewVolume { name },
                Err(refusal) => return form.refuse(refusal.into()),
            }
        } else {
            let volume_id = existing.get_untracked();
            if volume_id.is_empty() {
                return form.refuse(Failure::app(|l| td_string!(l, backups.choose_volume)));
            }
            RestoreTarget::Existing { volume_id }
        };
        let id = b.id.clone();
        form.through(
            scope,
            (id, target),
            |session: Session, (id, target)| async move {
                session.cinder().restore_backup(&id, &target).await
            },
            move |restore| {
                form.notify(
                    tu_string!(i18n, backups.restoring, name = label(&b)),
                    Some(tu_string!(
                        i18n,
                        backups.into_volume,
                        volume = restore.volume_name.unwrap_or(restore.volume_id)
                    )),
                );
            },
        );
    });
    view! {
        <FormBody form label=tr!(i18n, backups.restore) busy_label=tr!(i18n, backups.restoring_busy) command blocked on_submit=submit >
            <RadioField legend=tr!(i18n, backups.restore_to) name="target" value=to_new choices=vec![
                (true, tr!(i18n, backups.new_volume)),
                (false, tr!(i18n, backups.existing_volume)),
            ] />
            <Show
                when=move || to_new.get()
                fallback=move || view! {
                    <SelectField label=tr!(i18n, backups.volume_to_overwrite) name="existing-volume" value=existing choices=target_choices />
                    <p class="form-warning" role="note">
                        {t!(i18n, backups.overwrite_warning)}
                    </p>
                    <Show when=move || !existing.get().is_empty()>
                        <TypeToConfirm name=target_name typed />
                    </Show>
                }
            >
                <TextField label=tr!(i18n, backups.new_volume_name) name="volume-name" value=name required=true />
                <p class="hint">{move || quota().map(|(line, _)| line)}</p>
            </Show>
        </FormBody>
    }
}
