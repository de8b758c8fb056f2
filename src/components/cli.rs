//! The command-line equivalent of a form, with a copy button: users learn the CLI from the
//! portal, and can script what they just did.

use leptos::prelude::*;

use crate::i18n::{t, t_string, use_i18n};

/// Quotes a word for a POSIX shell when it needs it.
pub fn shell_word(word: &str) -> String {
    if !word.is_empty()
        && word
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_./:=@%+,".contains(c))
    {
        word.to_owned()
    } else {
        format!("'{}'", word.replace('\'', r"'\''"))
    }
}

/// `--name VALUE`, or `--name=VALUE` when the value starts with `-` and the CLI would take it
/// for an option of its own (argparse, under both the OpenStack and the AWS CLIs).
pub fn option(flag: &str, value: &str) -> String {
    if value.starts_with('-') {
        format!("{flag}={}", shell_word(value))
    } else {
        format!("{flag} {}", shell_word(value))
    }
}

/// A command's last positional argument; after `--` when it starts with `-`, for the same reason.
pub fn last_word(value: &str) -> String {
    if value.starts_with('-') {
        format!("-- {}", shell_word(value))
    } else {
        shell_word(value)
    }
}

/// A command line built word by word, each quoted as the shell needs:
/// `Cli::new("openstack volume snapshot create").option("--volume", id).flag_if(force, "--force")
/// .last(name)`.
#[derive(Debug, Clone, Default)]
pub struct Cli(Vec<String>);

impl Cli {
    /// The command and its subcommands, as typed (not quoted).
    pub fn new(command: &str) -> Self {
        Self(vec![command.to_owned()])
    }

    /// `flag value` (see [`option`]).
    pub fn option(mut self, flag: &str, value: &str) -> Self {
        self.0.push(option(flag, value));
        self
    }

    /// `flag value` when there is a value.
    pub fn option_if(self, flag: &str, value: Option<&str>) -> Self {
        match value {
            Some(value) if !value.is_empty() => self.option(flag, value),
            _ => self,
        }
    }

    /// A bare flag, when `on`.
    pub fn flag_if(mut self, on: bool, flag: &str) -> Self {
        if on {
            self.0.push(flag.to_owned());
        }
        self
    }

    /// A positional argument, quoted.
    pub fn word(mut self, word: &str) -> Self {
        self.0.push(shell_word(word));
        self
    }

    /// The last positional argument (see [`last_word`]).
    pub fn last(mut self, word: &str) -> String {
        self.0.push(last_word(word));
        self.line()
    }

    pub fn line(self) -> String {
        self.0.join(" ")
    }
}

#[component]
pub fn CliEquivalent(#[prop(into)] command: Signal<String>) -> impl IntoView {
    let i18n = use_i18n();
    let copied = RwSignal::new(false);
    let copy = move |_| {
        let text = command.get_untracked();
        if let Some(window) = web_sys::window() {
            let _ = window.navigator().clipboard().write_text(&text);
            copied.set(true);
        }
    };
    // Nothing to run yet (an unchanged tag list): no empty box.
    view! {
        <div class="cli" hidden=move || command.with(String::is_empty)>
            <span class="cli-label">{t!(i18n, cli.command_line)}</span>
            <pre>
                <code>{move || command.get()}</code>
            </pre>
            <button type="button" class="secondary" on:click=copy>
                {move || if copied.get() { t_string!(i18n, cli.copied) } else { t_string!(i18n, cli.copy) }}
            </button>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test]
    fn quotes_only_what_needs_it() {
        assert_eq!(shell_word("web-1"), "web-1");
        assert_eq!(shell_word("my snap"), "'my snap'");
        assert_eq!(shell_word("it's"), r"'it'\''s'");
        assert_eq!(shell_word(""), "''");
    }

    #[wasm_bindgen_test]
    fn a_value_that_looks_like_an_option_is_never_read_as_one() {
        assert_eq!(option("--name", "nightly"), "--name nightly");
        assert_eq!(option("--name", "-rf"), "--name=-rf");
        assert_eq!(option("--description", "- a b"), "--description='- a b'");
        assert_eq!(last_word("web-1"), "web-1");
        assert_eq!(last_word("--help"), "-- --help");
        assert_eq!(
            Cli::new("openstack volume snapshot create")
                .option("--volume", "v-1")
                .flag_if(true, "--force")
                .option_if("--description", Some("- a b"))
                .option_if("--property", None)
                .last("-snap"),
            "openstack volume snapshot create --volume v-1 --force --description='- a b' -- -snap"
        );
    }
}
