//! Volumes → Extend: a larger size for the volume (Cinder only grows volumes), within the
//! project's gigabyte quota, with the command line. An in-use volume grows too (microversion
//! 3.42); the instance's file system still has to be grown inside it.

use crate::format::usage;
use crate::pages::openstack::quota;
use crate::prelude::*;
use nubo_cloud::openstack::Session;
use nubo_cloud::openstack::cinder::Volume;
use nubo_logic::input;

pub const EXTEND_ALLOWED: &[&str] = &["available", "in-use"];

form_dialog!(ExtendDialog(volume: Volume) => ExtendForm, |v, l| td_string!(l, extend.title, name = label(v)).to_string());

#[component]
fn ExtendForm(scope: StoredValue<Scope>, volume: Volume, form: FormState) -> impl IntoView {
    let i18n = use_i18n();
    let current = volume.size;
    let size = RwSignal::new((current + 1).to_string());
    let limits = quota::cinder_limits(scope);
    // Only the growth counts against the quota.
    let quota = move || {
        let (used, limit) = limits
            .get()
            .flatten()?
            .pair("totalGigabytesUsed", "maxTotalVolumeGigabytes")?;
        let grown = size
            .get()
            .trim()
            .parse::<i64>()
            .map_or(0, |n| n - current as i64);
        let line = t_string!(
            i18n,
            extend.quota,
            usage = usage(i18n.get_locale(), used, limit)
        );
        Some((line.to_string(), limit.is_some_and(|l| used + grown > l)))
    };
    let blocked = Signal::derive(move || {
        quota()
            .is_some_and(|(_, full)| full)
            .then(|| t_string!(i18n, quota.volumes_full).to_owned())
    });
    let in_use = volume.status == "in-use";
    let id = volume.id.clone();
    let shown = label(&volume);
    let command = {
        let id = id.clone();
        Signal::derive(move || {
            Cli::new("openstack volume set")
                .option("--size", &size.get())
                .last(&id)
        })
    };
    let submit = Callback::new(move |()| {
        let new_size = match input::size(&size.get_untracked(), current + 1) {
            Ok(n) => n,
            Err(refusal) => return form.refuse(refusal.into()),
        };
        let (id, shown) = (id.clone(), shown.clone());
        form.through(
            scope,
            new_size,
            move |session: Session, new_size| {
                let id = id.clone();
                async move { session.cinder().extend_volume(&id, new_size).await }
            },
            move |()| {
                form.notify(
                    tu_string!(i18n, extend.requested, name = &shown, size = new_size),
                    None,
                );
            },
        );
    });
    view! {
        <FormBody form label=tr!(i18n, extend.action) busy_label=tr!(i18n, extend.busy) command blocked on_submit=submit>
            <p>{t!(i18n, extend.current, size = current)}</p>
            <NumberField label=tr!(i18n, extend.new_size) name="size" value=size min=current + 1 />
            <Show when=move || in_use>
                <p class="hint">{t!(i18n, extend.in_use_hint)}</p>
            </Show>
            <p class="hint">{move || quota().map(|(line, _)| line)}</p>
        </FormBody>
    }
}
