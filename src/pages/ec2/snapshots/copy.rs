//! EC2 → Snapshots → Copy to region: CopySnapshot, called in the destination region, which
//! fetches the snapshot from this one. The copy keeps the snapshot's tags unless the user
//! changes them. A copy of an encrypted snapshot is encrypted with a key of the destination,
//! which the form offers by its alias (KMS ListAliases there); the client adds the presigned
//! request AWS needs to read the source.

use crate::components::tags::{TagEditor, cli_spec, rows_of, to_tags};
use crate::prelude::*;
use nubo_cloud::aws::ec2::{Snapshot, SnapshotCopy};
use nubo_cloud::aws::kms::{Alias, EBS_DEFAULT_ALIAS};

/// The key choice that opens a field for a key the list does not have; key ids and ARNs never
/// start with `~`.
const OTHER_KEY: &str = "~other";

/// The key the copy is encrypted with, as sent: `None` is EBS's default key.
fn chosen_key(choice: &str, typed: &str) -> Result<Option<String>, ()> {
    match choice {
        "" => Ok(None),
        OTHER_KEY => match typed.trim() {
            "" => Err(()),
            key => Ok(Some(key.to_owned())),
        },
        key => Ok(Some(key.to_owned())),
    }
}

form_dialog!(CopyDialog(snapshot: Snapshot) => CopyForm, |s, l| td_string!(l, ec2.copy_title, name = label(s)).to_string());

#[component]
fn CopyForm(scope: StoredValue<Scope>, snapshot: Snapshot, form: FormState) -> impl IntoView {
    let accounts = Accounts::expect();
    let notifications = Notifications::expect();
    let i18n = use_i18n();
    let here = scope.with_value(|s| s.region.clone());
    let regions = accounts
        .get(&scope.get_value())
        .map(|a| a.regions)
        .unwrap_or_default();
    // Another region is what a copy is usually for; the same one re-encrypts or keeps a
    // snapshot safe from its source's deletion.
    let other = regions.iter().find(|r| **r != here).cloned();
    let destination = RwSignal::new(other.unwrap_or_else(|| here.clone()));
    let this_region = here.clone();
    let choices = Signal::derive(move || {
        let this = |r: &String| t_string!(i18n, ec2.this_region, region = r).to_string();
        let text = |r: &String| {
            if *r == this_region {
                this(r)
            } else {
                r.clone()
            }
        };
        regions
            .iter()
            .map(|r| (r.clone(), text(r)))
            .collect::<Vec<_>>()
    });
    // The console's wording, so copies read the same whichever tool made them.
    let original = snapshot.description.clone().unwrap_or_default();
    let description = RwSignal::new(
        format!("[Copied {} from {here}] {original}", snapshot.id)
            .trim()
            .to_owned(),
    );
    let tags = RwSignal::new(rows_of(&snapshot.tags));
    let source_encrypted = snapshot.encrypted == Some(true);
    let encrypt = RwSignal::new(source_encrypted);
    let key_choice = RwSignal::new(String::new());
    let other_key = RwSignal::new(String::new());
    // The destination's keys, read again when the destination changes.
    let aliases = LocalResource::new(move || {
        let target = Scope {
            region: destination.get(),
            ..scope.get_value()
        };
        let kms = accounts.kms(&target);
        async move { kms?.aliases().await }
    });
    Effect::new(move |_| {
        destination.track();
        key_choice.set(String::new());
    });
    let key_choices = Signal::derive(move || {
        let region = destination.get();
        let mut choices = vec![(
            String::new(),
            t_string!(i18n, ec2.kms_default, alias = EBS_DEFAULT_ALIAS).to_string(),
        )];
        if let Some(Ok(found)) = aliases.get() {
            choices.extend(
                found
                    .iter()
                    .filter(|a| a.is_customer_key())
                    .map(|a: &Alias| {
                        let id = a.target_key_id.clone().unwrap_or_default();
                        let text = format!("{} ({id})", a.alias_name);
                        (id, text)
                    }),
            );
        }
        choices.push((
            OTHER_KEY.to_owned(),
            t_string!(i18n, ec2.kms_other, region = &region).to_string(),
        ));
        choices
    });
    let keys_note = move || {
        let region = destination.get();
        match aliases.get() {
            None => Some(t_string!(i18n, ec2.kms_loading, region = &region).to_string()),
            Some(Err(error)) => Some(
                Failure::led_worded(
                    move |l| td_string!(l, ec2.kms_unlisted, region = &region).to_string(),
                    error,
                )
                .words(i18n.get_locale()),
            ),
            Some(Ok(_)) => None,
        }
    };
    let (source_region, source_id) = (here.clone(), snapshot.id.clone());
    let copy = move || SnapshotCopy {
        source_region: source_region.clone(),
        source_snapshot_id: source_id.clone(),
        description: Some(description.get().trim().to_owned()).filter(|d| !d.is_empty()),
        // A copy of an encrypted snapshot is encrypted whatever is asked; saying so reads
        // plainly in the command line.
        encrypted: encrypt.get(),
        kms_key_id: if encrypt.get() {
            chosen_key(&key_choice.get(), &other_key.get()).unwrap_or_default()
        } else {
            None
        },
        tags: tags.with(|t| to_tags(t)),
    };
    let spec = copy.clone();
    let command = Signal::derive(move || {
        let c = spec();
        let line = Cli::new("aws ec2 copy-snapshot")
            .option("--region", &destination.get())
            .option("--source-region", &c.source_region)
            .option("--source-snapshot-id", &c.source_snapshot_id)
            .option_if("--description", c.description.as_deref())
            .flag_if(c.encrypted, "--encrypted")
            .option_if("--kms-key-id", c.kms_key_id.as_deref())
            .line();
        let mut parts = vec![line];
        parts.extend(cli_spec("snapshot", &c.tags));
        parts.join(" ")
    });
    let snapshot = StoredValue::new(snapshot);
    let submit = Callback::new(move |()| {
        if encrypt.get_untracked()
            && chosen_key(&key_choice.get_untracked(), &other_key.get_untracked()).is_err()
        {
            return form.refuse(Failure::app(|l| td_string!(l, ec2.kms_other_empty)));
        }
        let copy = untrack(&copy);
        let s = snapshot.get_value();
        let target = Scope {
            region: destination.get_untracked(),
            ..scope.get_value()
        };
        let ec2 = accounts.ec2(&target);
        form.aws(
            "ec2:CopySnapshot",
            async move { ec2?.copy_snapshot(&copy).await },
            move |new_id| {
                notifications.push_link(
                    Level::Success,
                    tu_string!(
                        i18n,
                        ec2.copy_requested,
                        name = label(&s),
                        region = &target.region
                    ),
                    Some(tu_string!(i18n, ec2.snapshot_id, id = &new_id)),
                    (
                        tu_string!(i18n, ec2.open_region_snapshots, region = &target.region)
                            .to_string(),
                        target.url(Panel::Ec2Snapshots),
                    ),
                );
            },
        );
    });
    view! {
        <FormBody form label=tr!(i18n, ec2.copy) busy_label=tr!(i18n, ec2.copying) command on_submit=submit>
            <SelectField label=tr!(i18n, ec2.destination_region) name="destination-region" value=destination choices />
            <TextField label=tr!(i18n, common.description_optional) name="description" value=description />
            {if source_encrypted {
                view! { <p class="hint">{t!(i18n, ec2.encrypted_source, region = here.clone())}</p> }
                    .into_any()
            } else {
                view! { <CheckField label=tr!(i18n, ec2.encrypt_copy) name="encrypted" value=encrypt /> }
                    .into_any()
            }}
            <Show when=move || encrypt.get()>
                <SelectField
                    label=Signal::derive(move || t_string!(i18n, ec2.kms_key, region = destination.get()).to_string())
                    name="kms-key"
                    value=key_choice
                    choices=key_choices
                />
                <Show when=move || key_choice.get() == OTHER_KEY>
                    <TextField label=tr!(i18n, ec2.kms_other_key) name="kms-key-id" value=other_key />
                </Show>
                <p class="hint">{keys_note}</p>
            </Show>
            <TagEditor rows=tags />
        </FormBody>
    }
}
