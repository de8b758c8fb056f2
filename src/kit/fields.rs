//! A form's fields, each bound to a signal and labelled: text (and password, time), whole
//! number, a choice from a list, a choice of a few, a checkbox, several checkboxes.

use leptos::prelude::*;

/// A text field bound to a signal.
#[component]
pub fn TextField(
    #[prop(into)] label: Signal<String>,
    name: &'static str,
    value: RwSignal<String>,
    #[prop(optional)] required: bool,
    /// "password" for secrets; "text" when not given.
    #[prop(optional)]
    kind: Option<&'static str>,
    /// What a password manager should take it for ("off" for what it should leave alone).
    #[prop(optional)]
    autocomplete: Option<&'static str>,
) -> impl IntoView {
    view! {
        <label class="field">
            <span>{label}</span>
            <input
                type=kind.unwrap_or("text")
                name=name
                required=required
                autocomplete=autocomplete
                spellcheck=autocomplete.map(|_| "false")
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))
            />
        </label>
    }
}

/// A whole-number field bound to a signal, kept as typed: the form says what is wrong with it.
#[component]
pub fn NumberField(
    #[prop(into)] label: Signal<String>,
    name: &'static str,
    value: RwSignal<String>,
    #[prop(optional)] min: Option<u64>,
    #[prop(optional)] max: Option<u64>,
) -> impl IntoView {
    view! {
        <label class="field">
            <span>{label}</span>
            <input
                type="number"
                name=name
                min=min.map(|m| m.to_string())
                max=max.map(|m| m.to_string())
                required
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))
            />
        </label>
    }
}

/// A choice of `(value, text)` pairs bound to a signal: the pair of the signal's value is the
/// one chosen. Tracked: the pairs may come after the form opens, and their words follow the
/// language.
#[component]
pub fn SelectField(
    #[prop(into)] label: Signal<String>,
    name: &'static str,
    value: RwSignal<String>,
    #[prop(into)] choices: Signal<Vec<(String, String)>>,
) -> impl IntoView {
    let options = move || {
        choices
            .get()
            .into_iter()
            .map(|(choice, text)| {
                let mine = choice.clone();
                let selected = move || value.with(|v| *v == mine);
                view! { <option value=choice selected=selected>{text}</option> }
            })
            .collect_view()
    };
    view! {
        <label class="field">
            <span>{label}</span>
            <select name=name on:change=move |ev| value.set(event_target_value(&ev))>
                {options}
            </select>
        </label>
    }
}

/// Choices shown as the values they are (zones, regions, volume types).
pub fn same_words(values: Vec<String>) -> Vec<(String, String)> {
    values.into_iter().map(|v| (v.clone(), v)).collect()
}

/// A choice of one among a few, as radio buttons bound to a signal.
#[component]
pub fn RadioField<T>(
    #[prop(into)] legend: Signal<String>,
    name: &'static str,
    value: RwSignal<T>,
    choices: Vec<(T, Signal<String>)>,
) -> impl IntoView
where
    T: Copy + PartialEq + Send + Sync + 'static,
{
    let choices = choices
        .into_iter()
        .map(|(choice, text)| {
            view! {
                <label>
                    <input
                        type="radio"
                        name=name
                        checked=move || value.get() == choice
                        on:change=move |_| value.set(choice)
                    />
                    {text}
                </label>
            }
        })
        .collect_view();
    view! {
        <fieldset class="choices">
            <legend>{legend}</legend>
            {choices}
        </fieldset>
    }
}

/// A checkbox bound to a signal, its label beside it.
#[component]
pub fn CheckField(
    #[prop(into)] label: Signal<String>,
    name: &'static str,
    value: RwSignal<bool>,
) -> impl IntoView {
    view! {
        <label class="check">
            <input
                type="checkbox"
                name=name
                prop:checked=move || value.get()
                on:change=move |ev| value.set(event_target_checked(&ev))
            />
            {label}
        </label>
    }
}

/// Several choices of `(value, text)` pairs, as checkboxes bound to the set of values checked.
/// Tracked: the pairs may come after the form opens.
#[component]
pub fn CheckListField(
    #[prop(into)] legend: Signal<String>,
    name: &'static str,
    value: RwSignal<std::collections::BTreeSet<String>>,
    #[prop(into)] choices: Signal<Vec<(String, String)>>,
) -> impl IntoView {
    let boxes = move || {
        choices
            .get()
            .into_iter()
            .map(|(choice, text)| {
                let (mine, theirs) = (choice.clone(), choice);
                view! {
                    <label class="check">
                        <input
                            type="checkbox"
                            name=name
                            prop:checked=move || value.with(|v| v.contains(&mine))
                            on:change=move |ev| {
                                let on = event_target_checked(&ev);
                                value.update(|v| {
                                    if on {
                                        v.insert(theirs.clone());
                                    } else {
                                        v.remove(&theirs);
                                    }
                                });
                            }
                        />
                        {text}
                    </label>
                }
            })
            .collect_view()
    };
    view! {
        <fieldset class="choices">
            <legend>{legend}</legend>
            {boxes}
        </fieldset>
    }
}
