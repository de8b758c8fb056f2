//! What nearly every panel and shell file names: Leptos, the translations, the scope and the
//! sessions, notices, and the kit's tables and forms. A file says `use crate::prelude::*;` and
//! then imports only what is its own, so a panel's head reads as what makes it different.

pub use leptos::prelude::*;
pub use leptos_router::hooks::use_navigate;
pub use nubo_logic::cli::{Cli, shell_word};

pub(crate) use crate::kit::form::form_dialog;
pub use crate::{
    i18n::{Locale, t, t_string, td_string, tu_string, use_i18n},
    kit::{
        columns,
        failure::{Failure, FailureText},
        fields::{
            CheckField, CheckListField, NumberField, RadioField, SelectField, TextField, same_words,
        },
        form::{FormBody, FormDialog, FormState},
        list_view::ListView,
        live::paged,
        paging::{Api, Listing, Paging},
        table::{Allowed, Column, RowAction, Table, label, link},
    },
    shell::notifications::{Level, Notifications},
    state::{
        accounts::Accounts,
        config::ConfigState,
        scope::{Panel, Scope, Tenant},
        session::Sessions,
    },
    tr,
};
