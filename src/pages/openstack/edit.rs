//! Edit on Volumes, Snapshots and Backups: a Cinder resource's name and description, with the
//! command line. Cinder gives the three kinds the same two fields and the same PUT, so one
//! form serves them; each list says which kind it opens it for.

use crate::prelude::*;
use nubo_cloud::Resource;
use nubo_cloud::openstack::Session;
use nubo_cloud::openstack::cinder::{Backup, Kind, Renamed, Snapshot, Volume};
use nubo_logic::input;

/// What Edit opens on: the resource's kind, id and current words.
#[derive(Debug, Clone, PartialEq)]
pub struct Editing {
    pub kind: Kind,
    pub id: String,
    pub name: String,
    pub description: String,
}

impl Editing {
    fn of(kind: Kind, resource: &impl Resource, description: &Option<String>) -> Self {
        Self {
            kind,
            id: resource.id().to_owned(),
            name: resource.name().to_owned(),
            description: description.clone().unwrap_or_default(),
        }
    }

    pub fn volume(v: &Volume) -> Self {
        Self::of(Kind::Volume, v, &v.description)
    }

    pub fn snapshot(s: &Snapshot) -> Self {
        Self::of(Kind::Snapshot, s, &s.description)
    }

    pub fn backup(b: &Backup) -> Self {
        Self::of(Kind::Backup, b, &b.description)
    }

    fn shown(&self) -> &str {
        if self.name.is_empty() {
            &self.id
        } else {
            &self.name
        }
    }
}

/// The `openstack` command that sets a kind's name and description.
fn command_of(kind: Kind) -> &'static str {
    match kind {
        Kind::Volume => "openstack volume set",
        Kind::Snapshot => "openstack volume snapshot set",
        Kind::Backup => "openstack volume backup set",
    }
}

form_dialog!(EditDialog(editing: Editing) => EditForm, |e, l| td_string!(l, edit.title, name = e.shown()).to_string());

#[component]
fn EditForm(scope: StoredValue<Scope>, editing: Editing, form: FormState) -> impl IntoView {
    let i18n = use_i18n();
    let name = RwSignal::new(editing.name.clone());
    let description = RwSignal::new(editing.description.clone());
    let (kind, id) = (editing.kind, editing.id.clone());
    let shown = editing.shown().to_owned();
    let command = {
        let id = id.clone();
        Signal::derive(move || {
            Cli::new(command_of(kind))
                .option("--name", &name.get())
                .option("--description", &description.get())
                .last(&id)
        })
    };
    let submit = Callback::new(move |()| {
        let renamed = match input::name(&name.get_untracked())
            .and_then(|name| Ok((name, input::description(&description.get_untracked())?)))
        {
            Ok((name, description)) => Renamed { name, description },
            Err(refusal) => return form.refuse(refusal.into()),
        };
        let (id, shown) = (id.clone(), shown.clone());
        form.through(
            scope,
            renamed.clone(),
            move |session: Session, renamed| {
                let id = id.clone();
                async move { session.cinder().rename(kind, &id, &renamed).await }
            },
            move |()| {
                form.notify(
                    tu_string!(i18n, edit.saved, name = &shown),
                    Some(renamed.name),
                );
            },
        );
    });
    view! {
        <FormBody form label=tr!(i18n, edit.save) busy_label=tr!(i18n, edit.saving) command on_submit=submit>
            <TextField label=tr!(i18n, common.name) name="name" value=name required=true />
            <TextField label=tr!(i18n, common.description_optional) name="description" value=description />
        </FormBody>
    }
}
