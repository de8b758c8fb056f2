//! A list's rows by id, each its own signal: a new answer updates the rows that changed and
//! leaves the others (and their DOM, an open menu included) alone.

use std::collections::{HashMap, HashSet};

use leptos::prelude::*;
use nubo_cloud::Resource;

use crate::kit::live::Live;

/// The rows of a list by id, each its own signal: a new answer updates the rows that changed
/// and leaves the others alone.
pub struct KeyedRows<T: 'static> {
    pub ids: Memo<Vec<String>>,
    /// Each row's place in the list (its `aria-rowindex`): one map per answer rather than a
    /// search of the list per row shown.
    pub positions: Memo<HashMap<String, usize>>,
    by_id: StoredValue<HashMap<String, ArcRwSignal<T>>>,
}

impl<T> Clone for KeyedRows<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T> Copy for KeyedRows<T> {}

impl<T: Resource + Clone + PartialEq + Send + Sync + 'static> KeyedRows<T> {
    pub fn new(live: Live<T>) -> Self {
        let by_id = StoredValue::new(HashMap::<String, ArcRwSignal<T>>::new());
        let ids = Memo::new(move |_| {
            live.list.with(|l| {
                let rows = l
                    .as_ref()
                    .and_then(|r| r.as_ref().ok())
                    .map(|p| p.items.as_slice())
                    .unwrap_or_default();
                let mut ids = Vec::with_capacity(rows.len());
                let mut seen = HashSet::with_capacity(rows.len());
                by_id.update_value(|by_id| {
                    let mut next = HashMap::with_capacity(rows.len());
                    for row in rows {
                        // A row met twice (a list that moved while "All" paged through it) is
                        // shown once: keys must be unique.
                        if !seen.insert(row.id()) {
                            continue;
                        }
                        let signal = match by_id.remove(row.id()) {
                            Some(signal) => {
                                if signal.with_untracked(|old| old != row) {
                                    signal.set(row.clone());
                                }
                                signal
                            }
                            None => ArcRwSignal::new(row.clone()),
                        };
                        next.insert(row.id().to_owned(), signal);
                        ids.push(row.id().to_owned());
                    }
                    *by_id = next;
                });
                ids
            })
        });
        let positions = Memo::new(move |_| {
            ids.with(|ids| {
                ids.iter()
                    .enumerate()
                    .map(|(i, id)| (id.clone(), i))
                    .collect()
            })
        });
        Self {
            ids,
            positions,
            by_id,
        }
    }

    pub fn row(&self, id: &str) -> Option<ArcRwSignal<T>> {
        self.by_id.try_with_value(|m| m.get(id).cloned()).flatten()
    }
}
