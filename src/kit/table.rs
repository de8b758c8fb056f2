//! The table every list page declares: its columns, and its row actions with the states they are
//! allowed in. Rows are keyed by id: when a row appears or goes, the others keep their DOM (an
//! open More menu stays with its own row), and a row whose answer changed updates in place.
//! Long lists render only the rows near the viewport (`window`); a selection feeds bulk actions.

use std::{collections::BTreeSet, sync::Arc};

use leptos::prelude::*;
use leptos_router::components::A;
use nubo_cloud::Resource;
pub use nubo_logic::allowed::Allowed;

use crate::shell::nav::Text;

/// What a resource is called on the page: its name, or its id when it has none.
pub fn label(resource: &impl Resource) -> String {
    match resource.name() {
        "" => resource.id().to_owned(),
        name => name.to_owned(),
    }
}

/// A cell that opens the row's detail.
pub fn link(href: String, text: String) -> impl IntoView {
    view! { <A href=href>{text}</A> }
}

type Cell<T> = Arc<dyn Fn(&T) -> AnyView + Send + Sync>;
type Selection<T> = (RwSignal<BTreeSet<String>>, Arc<Allowed<T>>);

/// One column: its header, and what a row shows in it.
pub struct Column<T> {
    pub(super) header: Text,
    pub(super) cell: Cell<T>,
    /// The cloud's sort key, for a header that sorts the list.
    pub(super) sort: Option<&'static str>,
    /// The row's name: a `<th scope="row">` that names the row to assistive technology.
    pub(super) row_header: bool,
    pub(super) class: &'static str,
}

impl<T: 'static> Column<T> {
    pub fn new<V: IntoAny>(header: Text, cell: impl Fn(&T) -> V + Send + Sync + 'static) -> Self {
        Self {
            header,
            cell: Arc::new(move |row| cell(row).into_any()),
            sort: None,
            row_header: false,
            class: "",
        }
    }

    pub fn row_header(mut self) -> Self {
        self.row_header = true;
        self
    }

    /// Ids, addresses: set in a fixed-width font.
    pub fn mono(mut self) -> Self {
        self.class = "mono";
        self
    }

    pub fn class(mut self, class: &'static str) -> Self {
        self.class = class;
        self
    }

    pub fn sorts_by(mut self, key: &'static str) -> Self {
        self.sort = Some(key);
        self
    }
}

/// A row action: its label, the states it is allowed in, and what it does with the row.
pub struct RowAction<T> {
    pub(super) label: Text,
    pub(super) allowed: Arc<Allowed<T>>,
    /// Behind the row's More menu (rows keep their common actions in sight).
    pub(super) more: bool,
    pub(super) run: Arc<dyn Fn(T) + Send + Sync>,
}

impl<T: 'static> RowAction<T> {
    pub fn new(label: Text, allowed: Allowed<T>, run: impl Fn(T) + Send + Sync + 'static) -> Self {
        Self {
            label,
            allowed: Arc::new(allowed),
            more: false,
            run: Arc::new(run),
        }
    }

    /// The action that opens a form for the row: `dialog` is the form dialog's target.
    pub fn opens(label: Text, allowed: Allowed<T>, dialog: RwSignal<Option<T>>) -> Self
    where
        T: Send + Sync,
    {
        Self::new(label, allowed, move |row| dialog.set(Some(row)))
    }

    /// The action that opens a form for what the row stands for (`into`): one form serving
    /// several kinds, as Edit serves volumes, snapshots and backups.
    pub fn opens_as<U: Send + Sync + 'static>(
        label: Text,
        allowed: Allowed<T>,
        dialog: RwSignal<Option<U>>,
        into: fn(&T) -> U,
    ) -> Self {
        Self::new(label, allowed, move |row| dialog.set(Some(into(&row))))
    }

    pub fn more(mut self) -> Self {
        self.more = true;
        self
    }
}

/// A table's declaration.
pub struct Table<T> {
    pub(super) class: &'static str,
    pub(super) columns: Vec<Column<T>>,
    pub(super) actions: Vec<RowAction<T>>,
    pub(super) selection: Option<Selection<T>>,
    pub(super) busy: Option<RwSignal<BTreeSet<String>>>,
}

impl<T: Resource + 'static> Table<T> {
    /// `class` names the table for styles and tests (`data-table <class>`).
    pub fn new(class: &'static str, columns: Vec<Column<T>>) -> Self {
        Self {
            class,
            columns,
            actions: Vec::new(),
            selection: None,
            busy: None,
        }
    }

    pub fn actions(mut self, actions: Vec<RowAction<T>>) -> Self {
        self.actions = actions;
        self
    }

    /// A checkbox per row, for bulk actions; rows `allowed` refuses cannot be chosen.
    pub fn selection(mut self, chosen: RwSignal<BTreeSet<String>>, allowed: Allowed<T>) -> Self {
        self.selection = Some((chosen, Arc::new(allowed)));
        self
    }

    /// Rows whose action is in flight: their actions wait for it.
    pub fn busy(mut self, busy: RwSignal<BTreeSet<String>>) -> Self {
        self.busy = Some(busy);
        self
    }
}
